package mutation

import (
	"strconv"

	"gongji/shared/money"
)

// CheckAmounts enforces every amount's sign rule and bound on arguments Decode returned, and
// on the split a phone expected: the edge check of a new push (issue 10). Every amount is
// within money.Max; the only signed amount a mutation carries is a correction's. A
// prior-years balance (account_history of add_person and edit_person) is never negative; the
// current-year part it leaves may be (rules.md section 8), and is no argument. Sums are
// checked arithmetic.
//
// It is not part of Decode on purpose: Decode also reads stored records, and a record an
// older build accepted must stay readable (the engine rejects what it cannot apply).
func CheckAmounts(name Name, args any, expected *Split) *FieldError {
	var rules []amountRule
	if k, ok := KindOf(name); ok && k.amounts != nil {
		rules = k.amounts(args)
	}
	for _, r := range rules {
		if err := r.check(); err != nil {
			return err
		}
	}
	var bill *SettleArgs
	field := "args.bill.total"
	switch a := args.(type) {
	case *SettleArgs:
		bill = a
	case *AmendArgs:
		bill, field = &a.Settle, "args.settle.bill.total"
	case *RecordSlipArgs:
		bill, field = &a.Settle, "args.settle.bill.total"
	}
	if bill != nil {
		b := bill.Bill
		// B1: rules.md section 4 (total = fund + policy_self_pay + full_self_pay), checked
		if sum, err := money.Sum(b.Fund, b.PolicySelfPay, b.FullSelfPay); err != nil || sum != b.Total {
			return fieldErr(field, b.Total.String()+" is not fund "+b.Fund.String()+" + policy_self_pay "+b.PolicySelfPay.String()+
				" + full_self_pay "+b.FullSelfPay.String())
		}
	}
	return checkExpected(expected)
}

// checkExpected: every line and the cash of an expected split are amounts paid (>= 0), and
// their sum stays within money.Max.
func checkExpected(s *Split) *FieldError {
	if s == nil {
		return nil
	}
	total := s.Cash
	if err := (amountRule{field: "expected.cash", v: s.Cash, sign: zeroOK}).check(); err != nil {
		return err
	}
	for i, l := range s.Lines {
		field := "expected.lines[" + strconv.Itoa(i) + "].amount"
		if err := (amountRule{field: field, v: l.Amount, sign: zeroOK}).check(); err != nil {
			return err
		}
		var err error
		if total, err = money.Add(total, l.Amount); err != nil {
			return fieldErr(field, err.Error())
		}
	}
	return nil
}

// sign is what an amount may be.
type sign int

const (
	zeroOK        sign = iota // 0.00 to money.Max: balances, bill parts, split lines
	positive                  // 0.01 to money.Max: premiums, transfers, credits
	signedNonZero             // -money.Max to money.Max, not 0.00: corrections
)

type amountRule struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	field string
	v     money.Amount
	sign  sign
}

func (r amountRule) check() *FieldError {
	switch {
	case !r.v.Valid():
		return fieldErr(r.field, "outside -"+money.Max.String()+" to "+money.Max.String())
	case r.sign == zeroOK && r.v < 0:
		return fieldErr(r.field, r.v.String()+": must not be negative")
	case r.sign == positive && r.v <= 0:
		return fieldErr(r.field, r.v.String()+": must be more than 0.00")
	case r.sign == signedNonZero && r.v == 0:
		return fieldErr(r.field, "a correction of 0.00 changes nothing")
	}
	return nil
}
