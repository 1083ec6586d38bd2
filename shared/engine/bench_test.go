package engine_test

import (
	"testing"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
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
