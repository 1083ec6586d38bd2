package mutation

import (
	"encoding/json"
	"testing"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
)

// consentFamily: mom (employee, 500.00) and kid (resident), kid bound to mom; d-mom is mom's
// phone, d-kid kid's, d-none nobody's, d-own the owner's.
func consentFamily(t *testing.T, e *engine.Engine, at time.Time) family.State {
	t.Helper()
	var s family.State
	steps := []struct {
		name Name
		args string
	}{
		{AddPerson, `{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"500.00","wallet_open":true}`},
		{AddPerson, `{"id":"kid","name":"孩子","region":"330100","insurance":"resident","status":"active","wallet_open":true}`},
		{Link, `{"person":"kid","of":"mom","relation":"child"}`},
		{Bind, `{"authorizer":"mom","beneficiary":"kid","scopes":["medical"],"created":"2026-01-05"}`},
		{LinkDevice, `{"device":"d-mom","person":"mom"}`},
		{LinkDevice, `{"device":"d-kid","person":"kid"}`},
	}
	for i, st := range steps {
		o, next := ApplyAs(e, &s, Actor{Device: "d-own", Owner: true}, Mutation{ID: "setup/" + string(rune('1'+i)), Name: st.name, Args: json.RawMessage(st.args)}, at)
		if !o.Status.Applied() {
			t.Fatalf("setup %s: %+v", st.name, o)
		}
		s = next
	}
	return s
}

func TestWhoMaySpendWhat(t *testing.T) {
	e := engine.Default()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("UTC+8", 8*3600))
	s := consentFamily(t, e, at)
	bill := `{"patient":"kid","institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"10.00","policy_self_pay":"10.00","category":"drug"}}`
	cases := []struct {
		name   string
		device string
		owner  bool
		m      Name
		args   string
		want   Status
		code   engine.Code
	}{
		{"mom credits herself", "d-mom", false, Credit, `{"person":"mom","account":"account","amount":"1.00"}`, Confirmed, ""},
		{"kid's phone credits mom", "d-kid", false, Credit, `{"person":"mom","account":"account","amount":"1.00"}`, PendingConsent, ConsentRequired},
		{"nobody's phone corrects mom", "d-none", false, Correct, `{"person":"mom","account":"account","amount":"-1.00","memo":"x"}`, PendingConsent, ConsentRequired},
		{"the owner corrects mom", "d-own", true, Correct, `{"person":"mom","account":"account","amount":"-1.00","memo":"x"}`, Confirmed, ""},
		{"kid's bill from kid's phone, paid by mom's binding", "d-kid", false, Settle, bill, Confirmed, ""},
		{"kid's bill from mom's phone", "d-mom", false, Settle, bill, PendingConsent, ConsentRequired},
		{"kid asks for a binding the rules refuse: refused at once, no request", "d-kid", false, Bind, `{"authorizer":"mom","beneficiary":"kid","scopes":["outpatient"]}`, Rejected, ""},
		{"kid revokes its own binding", "d-kid", false, Revoke, `{"binding":"setup/4"}`, Confirmed, ""},
		{"nobody's phone revokes it", "d-none", false, Revoke, `{"binding":"setup/4"}`, PendingConsent, ConsentRequired},
		{"a phone links itself", "d-none", false, LinkDevice, `{"device":"d-none","person":"mom"}`, PendingConsent, ConsentRequired},
		{"a phone unlinks mom's", "d-kid", false, LinkDevice, `{"device":"d-mom"}`, Rejected, NotEntitled},
		{"the owner refunds a transfer", "d-own", true, WalletExpire, `{"transfer":"x"}`, Rejected, ServerOnly},
		{"anyone adds a person", "d-none", false, AddPerson, `{"id":"gm","name":"外婆","region":"330100","insurance":"resident","status":"active"}`, Confirmed, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, next := ApplyAs(e, &s, Actor{Device: c.device, Owner: c.owner}, Mutation{ID: "x/1", Name: c.m, Args: json.RawMessage(c.args)}, at)
			if o.Status != c.want || (c.code != "" && (len(o.Codes) == 0 || o.Codes[0] != c.code)) {
				t.Fatalf("%+v, want %s %s", o, c.want, c.code)
			}
			if o.Status == PendingConsent && (next.Request("x/1") == nil || len(o.Entries) != 0) {
				t.Fatalf("a request must be kept and write nothing: %+v", next.Requests)
			}
			// Redo of the recorded outcome gives the same state (the log replays).
			redone, err := Redo(&s, Mutation{ID: "x/1", Name: c.m, Args: json.RawMessage(c.args)}, at, o)
			if err != nil || len(redone.Requests) != len(next.Requests) {
				t.Fatalf("redo: %v, %d requests, want %d", err, len(redone.Requests), len(next.Requests))
			}
		})
	}
}

func TestApproveAndDecline(t *testing.T) {
	e := engine.Default()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("UTC+8", 8*3600))
	s := consentFamily(t, e, at)
	credit := Mutation{ID: "k/1", Name: Credit, Args: json.RawMessage(`{"person":"mom","account":"account","amount":"5.00"}`)}
	_, s = ApplyAs(e, &s, Actor{Device: "d-kid"}, credit, at)
	approve := Mutation{ID: "k/2", Name: Approve, Args: json.RawMessage(`{"request":"k/1"}`)}
	if o, _ := ApplyAs(e, &s, Actor{Device: "d-kid"}, approve, at); o.Status != Rejected || o.Codes[0] != NotEntitled {
		t.Fatalf("the asking device approves: %+v", o)
	}
	o, next := ApplyAs(e, &s, Actor{Device: "d-mom"}, Mutation{ID: "m/1", Name: Approve, Args: approve.Args}, at.Add(time.Hour))
	if o.Status != Confirmed || o.Request != "k/1" || next.Person("mom").Balance() != s.Person("mom").Balance()+500 {
		t.Fatalf("mom approves: %+v", o)
	}
	redone, err := Redo(&s, Mutation{ID: "m/1", Name: Approve, Args: approve.Args}, at.Add(time.Hour), o)
	if err != nil || redone.Person("mom").Balance() != next.Person("mom").Balance() || redone.Request("k/1").State != family.Approved {
		t.Fatalf("redo of the approval: %v", err)
	}
	if o, _ := ApplyAs(e, &next, Actor{Device: "d-own", Owner: true}, Mutation{ID: "o/1", Name: Decline, Args: approve.Args}, at); o.Status != Rejected {
		t.Fatalf("declining an approved request: %+v", o)
	}
}

// TestRestatedBillsAskTheirPayers: kid corrects its own wallet-paid bill from its phone; decided
// as of that bill's moment, the later bill is paid more from the wallet and less from mom's
// account, so mom, whose money moves, is asked; her approval runs it, restating the later bill.
func TestRestatedBillsAskTheirPayers(t *testing.T) {
	e := engine.Default()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("UTC+8", 8*3600))
	var s family.State
	var log []Step
	kid, mom := Actor{Device: "d-kid"}, Actor{Device: "d-mom"}
	do := func(who Actor, id string, name Name, args string, when time.Time) Outcome {
		t.Helper()
		prior := log
		m := Mutation{ID: id, Name: name, Args: json.RawMessage(args), History: func() ([]Step, error) { return prior, nil }}
		o, next := ApplyAs(e, &s, who, m, when)
		s = next
		log = append(log, Step{Mutation: m, At: when, Outcome: o})
		return o
	}
	bill := func(total string) string {
		return `{"patient":"kid","institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"` + total + `","policy_self_pay":"` + total + `","category":"drug"}}`
	}
	for i, a := range []struct {
		name Name
		args string
	}{
		{AddPerson, `{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"500.00","wallet_open":true}`},
		{AddPerson, `{"id":"kid","name":"孩子","region":"330100","insurance":"resident","status":"active","wallet_open":true}`},
		{Link, `{"person":"kid","of":"mom","relation":"child"}`},
		{Bind, `{"authorizer":"mom","beneficiary":"kid","scopes":["medical"],"created":"2026-01-05"}`},
		{LinkDevice, `{"device":"d-mom","person":"mom"}`},
		{LinkDevice, `{"device":"d-kid","person":"kid"}`},
	} {
		do(Actor{Device: "d-own", Owner: true}, "setup/"+string(rune('1'+i)), a.name, a.args, at)
	}
	if o := do(kid, "k/1", Credit, `{"person":"kid","account":"wallet","amount":"100.00"}`, at); !o.Status.Applied() {
		t.Fatalf("credit: %+v", o)
	}
	do(kid, "k/2", Settle, bill("80.00"), at.Add(time.Minute))
	if o := do(kid, "k/3", Settle, bill("100.00"), at.Add(2*time.Minute)); len(o.Split.Lines) != 2 {
		t.Fatalf("the second bill: %+v (wallet then mom)", o.Split)
	}
	o := do(kid, "k/4", AmendBill, `{"target":"k/2","settle":`+bill("30.00")+`}`, at.Add(time.Hour))
	if o.Status != PendingConsent || o.Ask == nil || len(o.Ask.Persons) != 1 || o.Ask.Persons[0] != "mom" {
		t.Fatalf("kid correction: %s %+v %v %v", o.Status, o.Ask, o.Codes, o.Error)
	}
	o = do(mom, "m/1", Approve, `{"request":"k/4"}`, at.Add(2*time.Hour))
	if !o.Status.Applied() || len(o.Restated) != 1 || o.Restated[0].Record != "k/3" {
		t.Fatalf("mom's approval: %s %+v", o.Status, o.Restated)
	}
	if got := s.Person("mom").Balance().String(); got != "470.00" {
		t.Errorf("mom = %s, want 470.00 (the wallet pays 70.00 of the later bill now)", got)
	}
}
