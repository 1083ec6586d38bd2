package book

import (
	"encoding/json"
	"testing"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
)

var at = time.Date(2026, 3, 2, 10, 0, 0, 0, civil.Zone())

func mut(t *testing.T, id, name string, args any) Mutation {
	t.Helper()
	raw, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	return Mutation{ID: id, Name: name, At: at, Args: raw}
}

// family3 is a Hangzhou family: 张三 (employee, 1000.00), his mother 王芳 (resident) and a
// cousin 赵六 (resident, no close relation).
func family3(t *testing.T) []Mutation {
	return []Mutation{
		mut(t, "c-1", AddPerson, PersonArgs{Name: "张三", Region: "330100", Insurance: family.Employee, Status: family.Active, Account: money.MustParse("1000.00")}),
		mut(t, "c-2", AddPerson, PersonArgs{Name: "王芳", Region: "330100", Insurance: family.Resident, Status: family.Active}),
		mut(t, "c-3", AddPerson, PersonArgs{Name: "赵六", Region: "330100", Insurance: family.Resident, Status: family.Active}),
		mut(t, "c-4", Link, LinkArgs{Person: "王芳", Of: "张三", Relation: family.Parent}),
		mut(t, "c-5", Link, LinkArgs{Person: "赵六", Of: "张三", Relation: family.Other}),
	}
}

func TestReplay(t *testing.T) {
	e := engine.Default()
	ms := append(family3(t),
		mut(t, "c-6", Bind, BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}}),
		mut(t, "c-7", Bind, BindArgs{Authorizer: "张三", Beneficiary: "赵六", Scopes: []family.Scope{family.Medical}}),
		mut(t, "c-8", Settle, SettleArgs{Patient: "王芳", Institution: engine.Institution{Region: "330100", Kind: "pharmacy", Designated: true},
			Bill: engine.Bill{Total: money.MustParse("120.00"), PolicySelfPay: money.MustParse("120.00"), Category: engine.Drug}}),
		mut(t, "c-9", AddPerson, PersonArgs{Name: "张三", Region: "330100", Insurance: family.Resident}),
	)
	b := Replay(e, ms)
	tests := []struct {
		id     string
		status Status
		reason engine.Code
	}{
		{"c-1", Applied, ""}, {"c-4", Applied, ""}, {"c-6", Applied, ""},
		{"c-7", Rejected, engine.RelationNotAllowed}, {"c-8", Applied, ""}, {"c-9", Rejected, ""},
	}
	for _, tc := range tests {
		o := b.Outcomes[tc.id]
		if o.Status != tc.status {
			t.Errorf("%s: status %s, want %s (%v %s)", tc.id, o.Status, tc.status, o.Reasons, o.Error)
		}
		if tc.reason != "" && !hasCode(o.Reasons, tc.reason) {
			t.Errorf("%s: reasons %v lack %s", tc.id, o.Reasons, tc.reason)
		}
	}
	if len(b.State.Bindings) != 1 || len(b.Bills) != 1 {
		t.Fatalf("bindings %d bills %d, want 1 and 1", len(b.State.Bindings), len(b.Bills))
	}
	// The bill is paid by 张三's account through the binding; it leaves 880.00.
	if got := b.State.Person("张三").Balance(); got != money.MustParse("880.00") {
		t.Errorf("张三's balance %s, want 880.00", got)
	}
	var paid money.Amount
	for _, p := range b.Bills[0].Payments {
		paid += p.Amount
	}
	if paid+b.Bills[0].Cash != money.MustParse("120.00") {
		t.Errorf("split %v + cash %s does not add up to the bill", b.Bills[0].Payments, b.Bills[0].Cash)
	}
	us := b.YearSummary()
	if len(us) != 1 || us[0] != (Usage{2026, "张三", "王芳", money.MustParse("120.00")}) {
		t.Errorf("year summary %+v", us)
	}
}

func TestRevokeStopsMutualAid(t *testing.T) {
	e := engine.Default()
	ms := append(family3(t),
		mut(t, "c-6", Bind, BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}}),
		Mutation{ID: "c-7", Name: Revoke, At: at.Add(-time.Hour), Args: json.RawMessage(`{"binding":"c-6"}`)},
		mut(t, "c-8", Settle, SettleArgs{Patient: "王芳", Institution: engine.Institution{Region: "330100", Kind: "pharmacy", Designated: true},
			Bill: engine.Bill{Total: money.MustParse("50.00"), PolicySelfPay: money.MustParse("50.00"), Category: engine.Drug}}),
	)
	b := Replay(e, ms)
	if b.Outcomes["c-7"].Status != Applied {
		t.Fatalf("revoke: %+v", b.Outcomes["c-7"])
	}
	if len(b.Bills) != 1 || b.Bills[0].Cash != money.MustParse("50.00") {
		t.Fatalf("after revoke the bill should be all cash: %+v", b.Bills)
	}
}

func TestShenzhenLegacyBindingWarning(t *testing.T) {
	e := engine.Default()
	ms := []Mutation{
		mut(t, "s-1", AddPerson, PersonArgs{Name: "A", Region: "440300", Insurance: family.Employee, Status: family.Active, Tier: 1, Account: 100000}),
		mut(t, "s-2", AddPerson, PersonArgs{Name: "B", Region: "440300", Insurance: family.Resident, Status: family.Active}),
		mut(t, "s-3", Link, LinkArgs{Person: "B", Of: "A", Relation: family.Child, CardLinked: true}),
		mut(t, "s-4", Bind, BindArgs{Authorizer: "A", Beneficiary: "B", Scopes: []family.Scope{family.ResidentPremium}, Created: ptr(civil.MustDate("2022-05-01"))}),
	}
	b := Replay(e, ms)
	if o := b.Outcomes["s-4"]; o.Status != Applied {
		t.Fatalf("legacy binding: %+v", o)
	}
	bd := &b.State.Bindings[0]
	if _, bad := Invalidated(e, &b.State, bd, civil.MustDate("2023-09-30")); bad {
		t.Error("invalidated before the cut-off")
	}
	if cut, bad := Invalidated(e, &b.State, bd, civil.MustDate("2026-03-02")); !bad || cut != civil.MustDate("2023-10-01") {
		t.Errorf("not invalidated after the cut-off: %v %s", bad, cut)
	}
}

func TestLocalQueue(t *testing.T) {
	l, err := Decode(nil)
	if err != nil {
		t.Fatal(err)
	}
	l.ClientID = "dev1"
	m1, _ := l.Add(AddPerson, PersonArgs{Name: "X"}, at)
	m2, _ := l.Add(AddPerson, PersonArgs{Name: "Y"}, at)
	if m1.ID != "dev1-1" || m2.ID != "dev1-2" {
		t.Fatalf("ids %s %s", m1.ID, m2.ID)
	}
	if l.StateOf(m1.ID) != OnlyLocal {
		t.Errorf("no family yet: %s", l.StateOf(m1.ID))
	}
	l.Family = "f1"
	if l.StateOf(m1.ID) != Pending {
		t.Errorf("with a family: %s", l.StateOf(m1.ID))
	}
	other := Mutation{ID: "dev2-1", Name: AddPerson, At: at, Args: json.RawMessage(`{"name":"Z"}`)}
	l.Confirm([]Mutation{m1, other}, 7)
	if len(l.Pending) != 1 || l.Pending[0].ID != m2.ID || len(l.Confirmed) != 2 || l.Cursor != 7 {
		t.Fatalf("after confirm: pending %v confirmed %v cursor %d", l.Pending, l.Confirmed, l.Cursor)
	}
	l.Confirm([]Mutation{m1}, 3) // a replayed page changes nothing
	if len(l.Confirmed) != 2 || l.Cursor != 7 {
		t.Fatalf("replayed page: confirmed %d cursor %d", len(l.Confirmed), l.Cursor)
	}
	l.Reject(m2.ID, Receipt{State: Refused, Reason: "RELATION_NOT_ALLOWED"})
	if len(l.Pending) != 0 || l.StateOf(m2.ID) != Refused {
		t.Fatalf("after reject: %v %s", l.Pending, l.StateOf(m2.ID))
	}
	back, err := Decode(l.Encode())
	if err != nil || len(back.All()) != 2 || back.Receipts[m2.ID].Reason == "" {
		t.Fatalf("round trip: %v %+v", err, back)
	}
	if _, err := Decode([]byte("{broken")); err == nil {
		t.Error("broken storage decoded")
	}
}

func hasCode(cs []engine.Code, c engine.Code) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func ptr[T any](v T) *T { return &v }
