package family

import (
	"encoding/json"
	"reflect"

	"strings"
	"testing"

	"gongji/shared/civil"
	"gongji/shared/money"
)

func TestRelationInverse(t *testing.T) {
	cases := map[Relation]Relation{Parent: Child, Child: Parent, Grandparent: Grandchild, Grandchild: Grandparent,
		Spouse: Spouse, Sibling: Sibling, ParentInLaw: Other, Other: Other}
	for r, want := range cases {
		if got := r.Inverse(); got != want {
			t.Errorf("%s.Inverse() = %s, want %s", r, got, want)
		}
	}
	if NormalizeRelation("cousin") != Other || NormalizeRelation("sibling") != Sibling {
		t.Error("NormalizeRelation")
	}
}

func TestRelationOf(t *testing.T) {
	s := State{People: []Person{{ID: "A"}, {ID: "B"}, {ID: "C"}},
		Links: []Link{{Person: "B", Of: "A", Relation: Parent, CardLinked: true}}}
	cases := []struct {
		person, of PersonID
		want       Relation
		linked     bool
	}{{"B", "A", Parent, true}, {"A", "B", Child, true}, {"A", "C", Other, false}}
	for _, c := range cases {
		r, linked := s.RelationOf(c.person, c.of)
		if r != c.want || linked != c.linked {
			t.Errorf("RelationOf(%s, %s) = %s %t, want %s %t", c.person, c.of, r, linked, c.want, c.linked)
		}
	}
}

func TestValidate(t *testing.T) {
	base := func() State {
		return State{People: []Person{{ID: "A"}, {ID: "B"}},
			Links:    []Link{{Person: "B", Of: "A", Relation: Parent}},
			Bindings: []Binding{{ID: "b1", Authorizer: "A", Beneficiary: "B"}}}
	}
	cases := []struct {
		name   string
		change func(*State)
		want   string
	}{
		{"valid", func(*State) {}, ""},
		{"consistent inverse record", func(s *State) { s.Links = append(s.Links, Link{Person: "A", Of: "B", Relation: Child}) }, ""},
		{"conflicting inverse record", func(s *State) { s.Links = append(s.Links, Link{Person: "A", Of: "B", Relation: Parent}) }, "relations[1]"},
		{"conflicting record", func(s *State) { s.Links = append(s.Links, Link{Person: "B", Of: "A", Relation: Spouse}) }, "relations[1]"},
		{"parent-in-law and its inverse other agree", func(s *State) {
			s.Links = []Link{{Person: "B", Of: "A", Relation: ParentInLaw}, {Person: "A", Of: "B", Relation: Other}}
		}, ""},
		{"parent-in-law and other in the same direction agree", func(s *State) {
			s.Links = []Link{{Person: "B", Of: "A", Relation: ParentInLaw}, {Person: "B", Of: "A", Relation: Other}}
		}, ""},
		{"an unknown value and parent-in-law agree (both other)", func(s *State) {
			s.Links = []Link{{Person: "B", Of: "A", Relation: "cousin"}, {Person: "A", Of: "B", Relation: ParentInLaw}}
		}, ""},
		{"parent-in-law conflicts with parent", func(s *State) { s.Links = append(s.Links, Link{Person: "B", Of: "A", Relation: ParentInLaw}) }, "relations[1]"},
		{"duplicate person", func(s *State) { s.People = append(s.People, Person{ID: "A"}) }, "people[2].id"},
		{"unknown beneficiary", func(s *State) { s.Bindings[0].Beneficiary = "Z" }, "bindings[0].beneficiary"},
		{"duplicate binding id", func(s *State) { s.Bindings = append(s.Bindings, s.Bindings[0]) }, "bindings[1].id"},
		{"unknown transfer sender", func(s *State) { s.Transfers = []WalletTransfer{{ID: "t", From: "Q", To: "A"}} }, "wallet_transfers[0].from"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := base()
			c.change(&s)
			err := s.Validate()
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Fatalf("Validate() = %v, want %q", err, c.want)
			}
		})
	}
}

func TestHangzhouDebit(t *testing.T) {
	cases := []struct {
		name                          string
		current, history, debit       string
		wantCurrent, wantHistory, bal string
	}{
		{"current part first", "100.00", "50.00", "30.00", "70.00", "50.00", "120.00"},
		{"then history", "100.00", "50.00", "120.00", "0.00", "30.00", "30.00"},
		{"overdraft draws on history", "-20.00", "50.00", "10.00", "-20.00", "40.00", "20.00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Person{HasAccount: true, HasHistory: true, Account: money.MustParse(c.current), AccountHistory: money.MustParse(c.history)}
			p.Debit(money.MustParse(c.debit))
			if p.Account.String() != c.wantCurrent || p.AccountHistory.String() != c.wantHistory || p.Balance().String() != c.bal {
				t.Fatalf("after debit: current %s history %s balance %s", p.Account, p.AccountHistory, p.Balance())
			}
		})
	}
}

// TestStateJSON: a family's state round-trips through JSON (snapshots store it), a binding
// that is not revoked included.
func TestStateJSON(t *testing.T) {
	s := State{
		People:   []Person{{ID: "A", Name: "李建国", Region: "430424", Insurance: Employee, Status: Active, HasAccount: true, Account: 12345, Wallet: Wallet{Opened: true, Balance: 5}}},
		Links:    []Link{{Person: "B", Of: "A", Relation: Parent, CardLinked: true}},
		Bindings: []Binding{{ID: "b1", Authorizer: "A", Beneficiary: "B", Scopes: []Scope{Medical}, Created: civil.MustDate("2025-01-05"), Revoked: civil.Never}, {ID: "b2", Authorizer: "A", Beneficiary: "B", Scopes: []Scope{Medical}, Created: civil.MustDate("2025-01-05"), Revoked: civil.MustDate("2025-02-01")}},
	}
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back State
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s, back) {
		t.Fatalf("round trip:\n%s\n%+v", data, back)
	}
	if strings.Count(string(data), `"revoked"`) != 1 {
		t.Errorf("revoked should appear once (b2 only): %s", data)
	}
}
