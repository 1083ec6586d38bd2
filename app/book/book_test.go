package book

import (
	"encoding/json"
	"testing"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

var at = time.Date(2026, 3, 2, 10, 0, 0, 0, civil.Zone())

func person(name string, ins family.Insurance, account string) mutation.PersonArgs {
	a := mutation.PersonArgs{ID: family.PersonID(name), Name: name, Region: "330100", Insurance: ins, Status: family.Active}
	if account != "" {
		a.Account = money.MustParse(account)
	}
	return a
}

// do tries a mutation and queues it when it applies, as the store does.
func do(t *testing.T, e *engine.Engine, l *Local, name mutation.Name, args any) mutation.Outcome {
	t.Helper()
	m, o, err := l.Try(e, Build(e, l), name, args, at)
	if err != nil {
		t.Fatal(err)
	}
	if o.Status.Applied() {
		if err := l.Queue(m); err != nil {
			t.Fatal(err)
		}
	}
	return o
}

// family3 is a Hangzhou family: 张三 (employee, 1000.00), his mother 王芳 and a friend 赵六.
func family3(t *testing.T, e *engine.Engine) *Local {
	l, _ := Decode(nil)
	l.ClientID = "c_a"
	do(t, e, l, mutation.AddPerson, person("张三", family.Employee, "1000.00"))
	do(t, e, l, mutation.AddPerson, person("王芳", family.Resident, ""))
	do(t, e, l, mutation.AddPerson, person("赵六", family.Resident, ""))
	do(t, e, l, mutation.Link, mutation.LinkArgs{Person: "王芳", Of: "张三", Relation: family.Parent})
	do(t, e, l, mutation.Link, mutation.LinkArgs{Person: "赵六", Of: "张三", Relation: family.Other})
	return l
}

func bill(patient family.PersonID, amount string) mutation.SettleArgs {
	return mutation.SettleArgs{Patient: patient, Institution: engine.Institution{Region: "330100", Kind: "pharmacy", Designated: true},
		Bill: engine.Bill{Total: money.MustParse(amount), PolicySelfPay: money.MustParse(amount), Category: engine.Drug}}
}

func TestQueueAppliesLocally(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	if o := do(t, e, l, mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "赵六", Scopes: []family.Scope{family.Medical}}); o.Status != mutation.Rejected || !has(o.Codes, engine.RelationNotAllowed) {
		t.Fatalf("friend binding: %+v", o)
	}
	if n := len(l.Pending); n != 5 {
		t.Fatalf("a refused mutation was queued: %d pending", n)
	}
	do(t, e, l, mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}})
	o := do(t, e, l, mutation.Settle, bill("王芳", "120.00"))
	if !o.Status.Applied() || o.Split == nil || o.Split.Cash != 0 {
		t.Fatalf("bill: %+v", o)
	}
	if l.Pending[6].Expected == nil || !l.Pending[6].Expected.Equal(o.Split) {
		t.Error("the queued bill does not carry the phone's split")
	}
	b := Build(e, l)
	if got := b.State.Person("张三").Balance(); got != money.MustParse("880.00") {
		t.Errorf("张三's balance %s, want 880.00", got)
	}
	for _, it := range b.Items {
		if it.State != OnlyLocal {
			t.Errorf("%s: %s before the family is on a server", it.Key(), it.State)
		}
	}
	bills := b.Bills()
	if len(bills) != 1 || bills[0].Key != "c_a/7" || bills[0].Total != money.MustParse("120.00") {
		t.Fatalf("bills %+v", bills)
	}
	us := b.YearSummary()
	if len(us) != 1 || us[0] != (Usage{2026, "张三", "王芳", money.MustParse("120.00")}) {
		t.Errorf("year summary %+v", us)
	}
}

// serverLog turns a device's queue into the changes a server would log, re-applying each
// with mutation.Apply in order as the server does.
func serverLog(e *engine.Engine, s family.State, ms []syncwire.Mutation, seq int64) ([]syncwire.Change, family.State) {
	var out []syncwire.Change
	for _, m := range ms {
		o, next := mutation.Apply(e, &s, m.Intent(), m.At)
		s = next
		seq++
		out = append(out, syncwire.Change{Seq: seq, Device: "d", Mutation: m, Outcome: o})
	}
	return out, s
}

func TestPullConfirmsAndReappliesPending(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	l.Family, l.Owner = "f_1", true // the owner's device: no consent needed
	do(t, e, l, mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}})
	log, _ := serverLog(e, family.State{}, l.Pending, 0)
	l.Pulled(syncwire.PullResponse{Changes: log, Cursor: int64(len(log)), LastMutationIDs: map[string]int64{"c_a": 6}})
	if len(l.Pending) != 0 || l.Cursor != 6 {
		t.Fatalf("after pull: %d pending, cursor %d", len(l.Pending), l.Cursor)
	}
	if len(log[5].Outcome.Explanation) == 0 || l.Confirmed[5].Outcome.Explanation != nil {
		t.Error("a confirmed binding's explanation should be dropped from storage")
	}
	// offline: a bill of 120.00 computed against 1000.00
	o := do(t, e, l, mutation.Settle, bill("王芳", "120.00"))
	if o.Split.Cash != 0 {
		t.Fatalf("offline split %+v", o.Split)
	}
	if it := Build(e, l).Item("c_a/7"); it == nil || it.State != Pending {
		t.Fatalf("offline bill: %+v", it)
	}
	// meanwhile the server logged another device's 950.00 bill
	confirmed, _ := syncwire.Replay(family.State{}, l.Confirmed)
	theirs := syncwire.Mutation{ClientID: "c_b", MutationID: 1, Name: mutation.Settle, At: at, Args: mustJSON(bill("王芳", "950.00"))}
	more, after := serverLog(e, confirmed, []syncwire.Mutation{theirs}, 6)
	mine, _ := serverLog(e, after, l.Pending, 7)
	if mine[0].Outcome.Status != mutation.Adjusted {
		t.Fatalf("server outcome of the offline bill: %s", mine[0].Outcome.Status)
	}
	l.Pulled(syncwire.PullResponse{Changes: append(more, mine...), Cursor: 8, LastMutationIDs: map[string]int64{"c_a": 7, "c_b": 1}})
	b := Build(e, l)
	it := b.Item("c_a/7")
	if it == nil || it.State != Adjusted || it.Outcome.Expected == nil || it.Outcome.Split.Cash != money.MustParse("70.00") {
		t.Fatalf("adjusted bill: %+v", it)
	}
	if got := b.State.Person("张三").Balance(); got != 0 {
		t.Errorf("张三's balance %s, want 0.00", got)
	}
	// a page already seen changes nothing
	l.Pulled(syncwire.PullResponse{Changes: mine, Cursor: 8})
	if len(l.Confirmed) != 8 {
		t.Errorf("replayed page: %d changes", len(l.Confirmed))
	}
}

func TestShenzhenLegacyBindingWarning(t *testing.T) {
	e := engine.Default()
	l, _ := Decode(nil)
	l.ClientID = "c_s"
	do(t, e, l, mutation.AddPerson, mutation.PersonArgs{ID: "A", Name: "A", Region: "440300", Insurance: family.Employee, Status: family.Active, Tier: 1, Account: 100000})
	do(t, e, l, mutation.AddPerson, mutation.PersonArgs{ID: "B", Name: "B", Region: "440300", Insurance: family.Resident, Status: family.Active})
	do(t, e, l, mutation.Link, mutation.LinkArgs{Person: "B", Of: "A", Relation: family.Child, CardLinked: true})
	if o := do(t, e, l, mutation.Bind, map[string]any{"authorizer": "A", "beneficiary": "B", "scopes": []string{"resident_premium"}, "created": "2022-05-01"}); !o.Status.Applied() {
		t.Fatalf("legacy binding: %+v", o)
	}
	b := Build(e, l)
	bd := &b.State.Bindings[0]
	if _, bad := Invalidated(e, &b.State, bd, civil.MustDate("2023-09-30")); bad {
		t.Error("invalidated before the cut-off")
	}
	if cut, bad := Invalidated(e, &b.State, bd, civil.MustDate("2026-03-02")); !bad || cut != civil.MustDate("2023-10-01") {
		t.Errorf("not invalidated after the cut-off: %v %s", bad, cut)
	}
}

func TestLocalRoundTrip(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	back, err := Decode(l.Encode())
	if err != nil || len(back.Pending) != 5 || back.LastID != 5 {
		t.Fatalf("round trip: %v %+v", err, back)
	}
	if got := Build(e, back).State.Person("张三").Balance(); got != money.MustParse("1000.00") {
		t.Errorf("balance after round trip %s", got)
	}
	if _, err := Decode([]byte("{broken")); err == nil {
		t.Error("broken storage decoded")
	}
	m := back.Pending[0]
	m.MutationID = 9
	if err := back.Queue(m); err == nil {
		t.Error("out-of-order id queued")
	}
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func has(cs []engine.Code, c engine.Code) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// TestAccountsAddUpToBalances: every account's statement ends at the balance the state holds.
func TestAccountsAddUpToBalances(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	do(t, e, l, mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}})
	do(t, e, l, mutation.Settle, bill("王芳", "120.00"))
	do(t, e, l, mutation.Settle, bill("张三", "30.50"))
	b := Build(e, l)
	accts := b.Accounts()
	if len(accts) != 1 || accts[0].Person != "张三" || len(accts[0].Rows) != 3 {
		t.Fatalf("accounts %+v", accts)
	}
	rows := accts[0].Rows
	if rows[0].Kind != "opening" || rows[1].Kind != "settle" || rows[1].Amount != money.MustParse("-120.00") {
		t.Errorf("rows %+v", rows)
	}
	if last := rows[len(rows)-1].Balance; last != b.State.Person("张三").Balance() || last != money.MustParse("849.50") {
		t.Errorf("statement ends at %s, state says %s", last, b.State.Person("张三").Balance())
	}
}
