package engine_test

import (
	"testing"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/region"
)

// benchFamily is a Shenzhen family: a patient with a small own account and three authorizers.
func benchFamily() family.State {
	people := []family.Person{
		{ID: "C", Region: "440300", Insurance: family.Employee, Status: family.Active, Tier: 1, HasAccount: true, Account: money.MustParse("30.00")},
		{ID: "F", Region: "440300", Insurance: family.Employee, Status: family.Active, Tier: 1, HasAccount: true, Account: money.MustParse("300.00")},
		{ID: "M", Region: "440300", Insurance: family.Employee, Status: family.Active, Tier: 1, HasAccount: true, Account: money.MustParse("500.00")},
		{ID: "G", Region: "440300", Insurance: family.Employee, Status: family.Active, Tier: 1, HasAccount: true, Account: money.MustParse("80.00")},
	}
	b := func(id string, a family.PersonID, created string) family.Binding {
		return family.Binding{ID: id, Authorizer: a, Beneficiary: "C", Scopes: []family.Scope{family.Medical},
			Created: civil.MustDate(created), Revoked: civil.Never}
	}
	return family.State{People: people,
		Links:    []family.Link{{Person: "C", Of: "F", Relation: family.Child, CardLinked: true}, {Person: "C", Of: "M", Relation: family.Child, CardLinked: true}},
		Bindings: []family.Binding{b("bf", "F", "2024-01-01"), b("bm", "M", "2024-02-01"), b("bg", "G", "2024-03-01")}}
}

func BenchmarkSettle(b *testing.B) {
	e, s := engine.Default(), benchFamily()
	at := civil.At(civil.MustDate("2025-04-01"), 9*3600)
	r := engine.SettleRequest{Patient: "C", CardHolder: "C",
		Institution: engine.Institution{Region: "440300", Kind: "hospital", Designated: true},
		Bill:        engine.Bill{Total: money.MustParse("700.00"), PolicySelfPay: money.MustParse("600.00"), FullSelfPay: money.MustParse("100.00"), Category: engine.Treatment}}
	for b.Loop() {
		if _, err := e.Settle(&s, at, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBind(b *testing.B) {
	e, s := engine.Default(), benchFamily()
	at := civil.At(civil.MustDate("2025-05-01"), 10*3600)
	r := engine.BindRequest{Authorizer: "F", Beneficiary: "C", Scopes: []family.Scope{family.Medical, family.ResidentPremium}}
	for b.Loop() {
		if _, err := e.Bind(&s, at, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWalletTransfer(b *testing.B) {
	e, s := engine.Default(), benchFamily()
	s.People[0].Wallet = family.Wallet{Opened: true}
	at := time.Date(2025, 10, 10, 2, 0, 0, 0, time.UTC)
	r := engine.WalletTransferRequest{ID: "w", From: "F", To: "C", Amount: money.MustParse("100.00"), Source: family.FromAccount}
	for b.Loop() {
		if _, err := e.WalletTransfer(&s, at, r); err != nil {
			b.Fatal(err)
		}
	}
}

// routesFamily is a family of 8 around one mother insured in a Hunan county: her husband in
// the same county with a binding in force, children in Changsha, Guangzhou and Wuhan, a
// daughter-in-law, a grandchild and a sibling: every branch of a route (in force, possible,
// refused, wallet from account and from wallet).
func routesFamily() family.State {
	emp := func(id family.PersonID, where string, account string) family.Person {
		return family.Person{ID: id, Region: region.Code(where), Insurance: family.Employee, Status: family.Active,
			HasAccount: true, Account: money.MustParse(account)}
	}
	res := func(id family.PersonID, where string, wallet bool) family.Person {
		return family.Person{ID: id, Region: region.Code(where), Insurance: family.Resident, Status: family.Active,
			Wallet: family.Wallet{Opened: wallet}}
	}
	people := []family.Person{
		res("M", "430424", true), emp("F", "430424", "1200.00"), emp("S1", "430102", "800.00"),
		emp("S2", "440106", "3000.00"), emp("D1", "420106", "600.00"), res("DL", "440106", true),
		res("G", "440106", false), res("SB", "430424", true),
	}
	l := func(p, of family.PersonID, r family.Relation) family.Link {
		return family.Link{Person: p, Of: of, Relation: r}
	}
	return family.State{People: people,
		Links: []family.Link{l("M", "F", family.Spouse), l("M", "S1", family.Parent), l("M", "S2", family.Parent),
			l("M", "D1", family.Parent), l("M", "DL", family.ParentInLaw), l("M", "G", family.Grandparent), l("M", "SB", family.Sibling)},
		Bindings: []family.Binding{{ID: "b1", Authorizer: "F", Beneficiary: "M", Scopes: []family.Scope{family.Medical},
			Created: civil.MustDate("2024-01-05"), Revoked: civil.Never}}}
}

// BenchmarkRoutes is routes for a family of 8 (7 relatives); compare BenchmarkBindOneInFamily,
// one bind decision in the same family (issue 20: within 10x).
func BenchmarkRoutes(b *testing.B) {
	e, s := engine.Default(), routesFamily()
	at := civil.At(civil.MustDate("2026-03-10"), 10*3600)
	for b.Loop() {
		if _, err := e.Routes(&s, at, "M"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBindOneInFamily(b *testing.B) {
	e, s := engine.Default(), routesFamily()
	at := civil.At(civil.MustDate("2026-03-10"), 10*3600)
	r := engine.BindRequest{Authorizer: "S1", Beneficiary: "M", Scopes: []family.Scope{family.Medical}}
	for b.Loop() {
		if _, err := e.Bind(&s, at, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBindRefusedNobody is a refused bind where nobody can pay today: the refusal computes
// routes and, for each relative, the first later day a way would open (engine.Later).
func BenchmarkBindRefusedNobody(b *testing.B) {
	e, s := engine.Default(), routesFamily()
	for i := range s.People {
		if s.People[i].ID != "M" {
			s.People[i].Region = "440106" // everyone in Guangzhou: no binding across provinces, no wallet
		}
	}
	s.Bindings = nil
	at := civil.At(civil.MustDate("2024-06-10"), 10*3600)
	r := engine.BindRequest{Authorizer: "S1", Beneficiary: "M", Scopes: []family.Scope{family.Medical}}
	for b.Loop() {
		if _, err := e.Bind(&s, at, r); err != nil {
			b.Fatal(err)
		}
	}
}
