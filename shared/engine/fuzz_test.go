package engine_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/policy"
	"gongji/shared/region"
)

// splitInput turns fuzz bytes into a family and a bill: a patient with an own account and a
// wallet, up to six authorizers with bindings of varied dates, scopes and status, in either
// a national-order region or Shenzhen (balance order, threshold before 2023-10-01).
func splitInput(seed []byte, policyFen, fullFen uint32, shenzhen bool, day uint16) (family.State, engine.SettleRequest, time.Time) {
	code := region.Code("130100")
	if shenzhen {
		code = region.Shenzhen
	}
	next := func(i int) int {
		if len(seed) == 0 {
			return 0
		}
		return int(seed[i%len(seed)])
	}
	amount := func(i int) money.Amount { return money.Amount(next(i)*next(i+1)*37 + next(i+2)) }
	at := civil.At(civil.MustDate("2023-01-01").AddDays(int(day%1500)), 10*3600)
	s := family.State{People: []family.Person{{ID: "P", Region: code, Insurance: family.Resident, Status: family.Active,
		HasAccount: next(0)%2 == 0, Account: amount(1), Wallet: family.Wallet{Opened: next(3)%2 == 0, Balance: amount(4)}}}}
	authorizers := next(5) % 7
	for i := 0; i < authorizers; i++ {
		id := family.PersonID(fmt.Sprintf("A%d", i))
		status := family.Active
		if next(6+i)%9 == 0 {
			status = family.Stopped
		}
		s.People = append(s.People, family.Person{ID: id, Region: code, Insurance: family.Employee, Status: status, Tier: 1,
			HasAccount: next(7+i)%5 != 0, Account: amount(8 + i*3)})
		scopes := []family.Scope{family.Medical}
		if next(9+i)%4 == 0 {
			scopes = []family.Scope{family.ResidentPremium}
		}
		b := family.Binding{ID: fmt.Sprintf("b%d", next(10+i)%4), Authorizer: id, Beneficiary: "P", Scopes: scopes,
			Created: civil.MustDate("2022-06-01").AddDays(next(11+i) * 5), Revoked: civil.Never}
		b.ID += fmt.Sprint(i)
		if next(12+i)%6 == 0 {
			b.Revoked = b.Created.AddDays(next(13+i) * 3)
		}
		s.Bindings = append(s.Bindings, b)
	}
	bill := engine.Bill{PolicySelfPay: money.Amount(policyFen % 10_000_000), FullSelfPay: money.Amount(fullFen % 1_000_000), Category: engine.Drug}
	bill.Total = bill.PolicySelfPay + bill.FullSelfPay
	r := engine.SettleRequest{Patient: "P", CardHolder: "P", Bill: bill,
		Institution: engine.Institution{Region: code, Kind: "pharmacy", Designated: true, Wallet: next(14)%2 == 0}}
	return s, r, at
}

// FuzzSplit guards the split's invariants: payments plus cash equal the bill's personal part;
// no balance goes below zero; nobody pays more than they had; every payer but the last paid
// all it could; the same input gives the same output, whatever the order of the bindings.
func FuzzSplit(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9}, uint32(10000), uint32(500), false, uint16(800))
	f.Add([]byte{0, 200, 3, 1, 6, 255, 7, 8, 9, 10, 11, 12, 13}, uint32(99999), uint32(0), true, uint16(100))
	f.Add([]byte{2, 9, 9, 9, 6, 6, 6, 1, 0, 0, 0}, uint32(1), uint32(1), true, uint16(1000))
	e := engine.Default()
	f.Fuzz(func(t *testing.T, seed []byte, policyFen, fullFen uint32, shenzhen bool, day uint16) {
		s, r, at := splitInput(seed, policyFen, fullFen, shenzhen, day)
		before := s.Clone()
		res, err := e.Settle(&s, at, r)
		if err != nil {
			t.Fatalf("settle: %v", err)
		}
		if !reflect.DeepEqual(before, s) {
			t.Fatal("Settle modified the state it was given")
		}
		checkSplit(t, e, &s, at, r, res)
		reversed := s.Clone()
		for i, j := 0, len(reversed.Bindings)-1; i < j; i, j = i+1, j-1 {
			reversed.Bindings[i], reversed.Bindings[j] = reversed.Bindings[j], reversed.Bindings[i]
		}
		again, _ := e.Settle(&reversed, at, r)
		if !reflect.DeepEqual(res.Payments, again.Payments) || res.Cash != again.Cash || !reflect.DeepEqual(res.Reasons, again.Reasons) {
			t.Fatalf("binding order changed the result:\n%+v\n%+v", res.Payments, again.Payments)
		}
	})
}

func checkSplit(t *testing.T, e *engine.Engine, s *family.State, at time.Time, r engine.SettleRequest, res engine.SplitResult) {
	t.Helper()
	var paid money.Amount
	spent := map[string]money.Amount{}
	for i, p := range res.Payments {
		if p.Amount <= 0 {
			t.Fatalf("payment %d of %s", i, p.Amount)
		}
		paid += p.Amount
		spent[balanceKey(p)] += p.Amount
	}
	if paid+res.Cash != r.Bill.PolicySelfPay+r.Bill.FullSelfPay {
		t.Fatalf("payments %s + cash %s != personal part %s", paid, res.Cash, r.Bill.PolicySelfPay+r.Bill.FullSelfPay)
	}
	if paid > r.Bill.PolicySelfPay {
		t.Fatalf("accounts paid %s, more than the eligible %s", paid, r.Bill.PolicySelfPay)
	}
	if sum := res.Entry.Sum(); sum != 0 {
		t.Fatalf("ledger entry does not balance: %s", sum)
	}
	for _, b := range res.Balances {
		if b.Balance < 0 {
			t.Fatalf("balance %s below zero: %s", b.Key, b.Balance)
		}
	}
	for key, amount := range spent {
		if had := startBalance(s, key); amount > had {
			t.Fatalf("%s paid %s but had %s", key, amount, had)
		}
	}
	// Every payer except the last paid all it could: its whole usable balance.
	for i, p := range res.Payments[:max(0, len(res.Payments)-1)] {
		if usable := usableBalance(e, s, p, at); p.Amount != usable {
			t.Fatalf("payer %d (%s via %s) paid %s of %s usable, yet a later payer paid too", i, p.Payer, p.Source, p.Amount, usable)
		}
	}
}

func balanceKey(p engine.Payment) string {
	if p.Source == engine.FromPurse {
		return string(p.Payer) + ".wallet"
	}
	return string(p.Payer)
}

func startBalance(s *family.State, key string) money.Amount {
	for _, p := range s.People {
		switch key {
		case string(p.ID):
			return p.Balance()
		case string(p.ID) + ".wallet":
			return p.Wallet.Balance
		}
	}
	return 0
}

// usableBalance is what a payer could give: the wallet, the own account, or an authorizer's
// balance above the Shenzhen threshold before 2023-10-01 (SZ6). In these inputs each
// authorizer has one binding, so the start balance is the balance at payment time.
func usableBalance(e *engine.Engine, s *family.State, p engine.Payment, at time.Time) money.Amount {
	had := startBalance(s, balanceKey(p))
	if p.Source != engine.MutualAid {
		return had
	}
	threshold := e.Table().Lookup(policy.AuthorizerThreshold, s.Person(p.Payer).Region, civil.DateOf(at)).Value.Amount
	return (had - threshold).NonNegative()
}
