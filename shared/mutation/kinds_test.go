package mutation

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
)

// Every kind is one declaration: a consent rule in words, an argument type, and arguments that
// are read through it (an empty object is refused or read, never a panic); Names, Known and
// KindOf read the same list.
func TestEveryKindIsDeclaredOnce(t *testing.T) {
	seen := map[Name]bool{}
	for _, k := range Kinds() {
		t.Run(string(k.Name), func(t *testing.T) {
			if seen[k.Name] {
				t.Fatal("declared twice")
			}
			seen[k.Name] = true
			if k.Consent == "" || k.Args == "" {
				t.Errorf("consent %q, arguments %q: both are required", k.Consent, k.Args)
			}
			if got, ok := KindOf(k.Name); !ok || got.Name != k.Name || !Known(k.Name) {
				t.Errorf("KindOf(%q) = %q, %v", k.Name, got.Name, ok)
			}
			if _, err := Decode(k.Name, json.RawMessage(`{}`)); err == nil && k.Name != LinkDevice {
				t.Logf("%s reads {} (nothing required)", k.Name)
			}
		})
	}
	if len(Names()) != len(seen) {
		t.Errorf("Names lists %d, Kinds %d", len(Names()), len(seen))
	}
	if _, ok := KindOf("no_such_kind"); ok || Known("no_such_kind") {
		t.Error("an undeclared name is known")
	}
}

// An undeclared name changes nothing, from any device: it is nobody's to make.
func TestUndeclaredNameChangesNothing(t *testing.T) {
	e := engine.Default()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("UTC+8", 8*3600))
	s := consentFamily(t, e, at)
	for _, who := range []Actor{{Device: "d-own", Owner: true}, {Device: "d-kid"}} {
		o, next := ApplyAs(e, &s, who, Mutation{ID: "x/1", Name: "drain_account", Args: json.RawMessage(`{"person":"mom"}`)}, at)
		if o.Status != Unknown || next.Person("mom").Balance() != s.Person("mom").Balance() {
			t.Errorf("%s: %s, mom %s", who.Device, o.Status, next.Person("mom").Balance())
		}
	}
}

// The doors the attack of issue 18 found open: from kid's phone (a member, not the owner),
// each of these on mom's money or profile is a request that asks mom and says what it would
// change; from the owner's phone each applies.
func TestCorrectionsAskWhoseMoneyItIs(t *testing.T) {
	e := engine.Default()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("UTC+8", 8*3600))
	s := consentFamily(t, e, at)
	own := Actor{Device: "d-own", Owner: true}
	do := func(s *family.State, who Actor, id string, n Name, args string) (Outcome, family.State) {
		return ApplyAs(e, s, who, Mutation{ID: id, Name: n, Args: json.RawMessage(args)}, at)
	}
	bill := `{"patient":"kid","institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"50.00","policy_self_pay":"50.00","category":"drug"}}`
	// kid's own bill, paid through mom's binding; a credit to mom by the owner
	o, s1 := do(&s, Actor{Device: "d-kid"}, "d-kid/1", Settle, bill)
	if !o.Status.Applied() {
		t.Fatalf("kid's bill: %+v", o)
	}
	o, s1 = do(&s1, own, "d-own/1", Credit, `{"person":"mom","account":"account","amount":"200.00"}`)
	if !o.Status.Applied() {
		t.Fatalf("credit: %+v", o)
	}
	cases := []struct {
		name string
		m    Name
		args string
	}{
		{"void kid's bill paid by mom", Void, `{"target":"d-kid/1"}`},
		{"void mom's credit", Void, `{"target":"d-own/1"}`},
		{"amend kid's bill paid by mom", AmendBill, `{"target":"d-kid/1","settle":` + strings.Replace(bill, "50.00", "90.00", 2) + `}`},
		{"slip with a balance adjustment", RecordSlip, `{"target":"d-kid/1","settle":` + bill + `,"slip":{"medfee_sumamt":"50.00","acct_mulaid_pay":"50.00","balc":"0.00"},"adjust_balance":true}`},
		{"credit schedule for mom", SetCreditSchedule, `{"person":"mom","amount":"1000.00","day":1,"from":"2025-12-01"}`},
		{"edit mom", EditPerson, `{"person":"mom","status":"stopped"}`},
		{"mom's region", EditPerson, `{"person":"mom","region":"110100"}`},
		{"mom stops", LifeEvent, `{"person":"mom","event":"stop"}`},
		{"mom's death", LifeEvent, `{"person":"mom","event":"death"}`},
		{"checkpoint of mom", Checkpoint, `{"person":"mom","balance":"1.00"}`},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := "d-kid/" + string(rune('a'+i))
			o, next := do(&s1, Actor{Device: "d-kid"}, id, c.m, c.args)
			if o.Status != PendingConsent {
				t.Fatalf("from kid's phone: %s %+v, want pending_consent", o.Status, o.Codes)
			}
			if o.Ask == nil || len(o.Ask.Persons) != 1 || o.Ask.Persons[0] != "mom" || o.Ask.From != "kid" {
				t.Errorf("ask = %+v, want mom asked by kid", o.Ask)
			}
			if next.Person("mom").Balance() != s1.Person("mom").Balance() || next.Person("mom").Status != s1.Person("mom").Status {
				t.Error("mom changed at once")
			}
			if r := next.Request(id); r == nil || r.Ask == nil {
				t.Fatalf("no request kept: %+v", r)
			}
			if o2, _ := do(&s1, own, "d-own/"+string(rune('a'+i)), c.m, c.args); !o2.Status.Applied() {
				t.Errorf("from the owner's phone: %s %+v %+v", o2.Status, o2.Codes, o2.Error)
			}
		})
	}
	// the request says what it would change: mom's account, before and after
	o, _ = do(&s1, Actor{Device: "d-kid"}, "d-kid/v", Void, `{"target":"d-own/1"}`)
	if len(o.Ask.Effects) != 1 || o.Ask.Effects[0].Person != "mom" || o.Ask.Effects[0].Account != family.FromAccount ||
		o.Ask.Effects[0].After != o.Ask.Effects[0].Before-20000 {
		t.Errorf("effects = %+v, want mom's account 200.00 lower", o.Ask.Effects)
	}
}

// An approved request stays approved: the person who asked cannot undo it alone; the person
// who approved (or the owner) can.
func TestApprovedStaysApproved(t *testing.T) {
	e := engine.Default()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("UTC+8", 8*3600))
	s := consentFamily(t, e, at)
	kid, mom := Actor{Device: "d-kid"}, Actor{Device: "d-mom"}
	do := func(s *family.State, who Actor, id string, n Name, args string) (Outcome, family.State) {
		return ApplyAs(e, s, who, Mutation{ID: id, Name: n, Args: json.RawMessage(args)}, at)
	}
	o, s1 := do(&s, kid, "d-kid/1", Credit, `{"person":"mom","account":"account","amount":"100.00"}`)
	if o.Status != PendingConsent {
		t.Fatalf("credit from kid: %s", o.Status)
	}
	o, s2 := do(&s1, mom, "d-mom/1", Approve, `{"request":"d-kid/1"}`)
	if !o.Status.Applied() || o.Decided == nil || o.Decided.By != "mom" {
		t.Fatalf("mom approves: %+v", o)
	}
	if r := s2.Request("d-kid/1"); r.State != family.Approved || r.Decided == nil || r.Decided.By != "mom" {
		t.Fatalf("request after approval: %+v", r)
	}
	if o, _ := do(&s2, kid, "d-kid/2", Undo, `{"target":"d-kid/1"}`); o.Status != PendingConsent {
		t.Errorf("kid undoes the approved credit: %s, want a request", o.Status)
	}
	if o, _ := do(&s2, mom, "d-mom/2", Void, `{"target":"d-kid/1"}`); !o.Status.Applied() {
		t.Errorf("mom voids what she approved: %s %+v", o.Status, o.Codes)
	}
	// a decline reaches the asker with its reason
	o, s3 := do(&s2, kid, "d-kid/3", Credit, `{"person":"mom","account":"wallet","amount":"5.00"}`)
	o, s3 = do(&s3, mom, "d-mom/3", Decline, `{"request":"d-kid/3","reason":"不是我的"}`)
	if r := s3.Request("d-kid/3"); r.State != family.Declined || r.Decided == nil || r.Decided.Reason != "不是我的" {
		t.Errorf("declined request: %+v", r)
	}
	// two approvals in a row both work
	_, s4 := do(&s3, kid, "d-kid/4", Credit, `{"person":"mom","account":"account","amount":"1.00"}`)
	_, s4 = do(&s4, kid, "d-kid/5", Credit, `{"person":"mom","account":"account","amount":"2.00"}`)
	before := s4.Person("mom").Balance()
	o1, s5 := do(&s4, mom, "d-mom/4", Approve, `{"request":"d-kid/4"}`)
	o2, s6 := do(&s5, mom, "d-mom/5", Approve, `{"request":"d-kid/5"}`)
	if !o1.Status.Applied() || !o2.Status.Applied() || s6.Person("mom").Balance() != before+300 {
		t.Errorf("two approvals: %s, %s, mom %s (was %s)", o1.Status, o2.Status, s6.Person("mom").Balance(), before)
	}
}
