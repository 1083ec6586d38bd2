package engine

import (
	"errors"
	"math"
	"testing"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/money"
)

// TestBillAmountsAtTheEdge: a bill part that is negative or beyond money.Max is an input
// error naming the part, so no sum of parts can wrap around (a negative total was confirmed
// before, and Fund max + PolicySelfPay max passed the sum check).
func TestBillAmountsAtTheEdge(t *testing.T) {
	s := &family.State{People: []family.Person{{ID: "P", Region: "320102", Insurance: family.Employee, HasAccount: true, Account: 500}}}
	at := civil.At(civil.MustDate("2025-06-01"), 36000)
	cases := []struct {
		name  string
		bill  Bill
		field string
	}{
		{"negative total", Bill{Total: -100, Fund: -100, Category: Drug}, "action.bill.total"},
		{"negative part", Bill{Total: 0, Fund: 100, PolicySelfPay: -100, Category: Drug}, "action.bill.policy_self_pay"},
		{"int64-max parts wrap to the total", Bill{Total: -2, Fund: math.MaxInt64, PolicySelfPay: math.MaxInt64, Category: Drug}, "action.bill.total"},
		{"a part beyond the maximum", Bill{Total: money.Max + 1, FullSelfPay: money.Max + 1, Category: Drug}, "action.bill.total"},
		{"parts that do not add up", Bill{Total: 100, Fund: 50, Category: Drug}, "action.bill.total"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Default().Settle(s, at, SettleRequest{Patient: "P", CardHolder: "P", Institution: Institution{Region: "320102", Designated: true}, Bill: c.bill})
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != c.field {
				t.Fatalf("error %v, want an input error on %s", err, c.field)
			}
		})
	}
	if _, err := Default().PayPremium(s, at, PremiumRequest{Insured: "P", Premium: "resident", Amount: money.Max + 1}); err == nil {
		t.Error("a premium beyond money.Max was accepted")
	}
}
