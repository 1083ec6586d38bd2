package mutation

import (
	"testing"

	"gongji/shared/engine"
	"gongji/shared/money"
)

func TestCheckAmounts(t *testing.T) {
	bill := func(total, fund, policy, full money.Amount) *SettleArgs {
		return &SettleArgs{Patient: "A", Bill: engine.Bill{Total: total, Fund: fund, PolicySelfPay: policy, FullSelfPay: full}}
	}
	cases := []struct {
		name     string
		args     any
		expected *Split
		field    string // "" when allowed
	}{
		{"opening balances", &PersonArgs{Account: 100, Wallet: 0}, nil, ""},
		{"a negative opening wallet", &PersonArgs{Wallet: -1}, nil, "args.wallet"},
		{"an opening balance beyond Max", &PersonArgs{Account: money.Max + 1}, nil, "args.account"},
		{"int64 max", &PersonArgs{Account: 1<<63 - 1}, nil, "args.account"},
		{"a prior-years part", &PersonArgs{Account: 100, AccountHistory: amount(40)}, nil, ""},
		{"a negative prior-years part", &PersonArgs{Account: 100, AccountHistory: amount(-1)}, nil, "args.account_history"},
		{"a prior-years part beyond Max", &PersonArgs{AccountHistory: amount(money.Max + 1)}, nil, "args.account_history"},
		{"an edited prior-years part", &EditPersonArgs{Person: "A", AccountHistory: amount(0)}, nil, ""},
		{"an edited negative prior-years part", &EditPersonArgs{Person: "A", AccountHistory: amount(-5)}, nil, "args.account_history"},
		{"a bill that adds up", bill(300, 100, 100, 100), nil, ""},
		{"a negative total", bill(-100, 0, -100, 0), nil, "args.bill.total"},
		{"a negative part", bill(0, 100, -100, 0), nil, "args.bill.policy_self_pay"},
		{"parts whose sum passes Max", bill(money.Max, money.Max, money.Max, 0), nil, "args.bill.total"},
		{"parts that do not add up", bill(100, 0, 50, 0), nil, "args.bill.total"},
		{"a zero premium", &PremiumArgs{Amount: 0}, nil, "args.amount"},
		{"a negative wallet transfer", &WalletTransferArgs{Amount: -5}, nil, "args.amount"},
		{"a credit", &CreditArgs{Amount: 1}, nil, ""},
		{"a negative credit", &CreditArgs{Amount: -1}, nil, "args.amount"},
		{"a negative correction", &CorrectArgs{Amount: -5}, nil, ""},
		{"a correction beyond -Max", &CorrectArgs{Amount: -money.Max - 1}, nil, "args.amount"},
		{"a zero correction", &CorrectArgs{Amount: 0}, nil, "args.amount"},
		{"an expected split", bill(100, 0, 100, 0), &Split{Lines: []Line{{Payer: "A", Amount: 60}}, Cash: 40}, ""},
		{"a negative expected line", bill(100, 0, 100, 0), &Split{Lines: []Line{{Payer: "A", Amount: -60}}}, "expected.lines[0].amount"},
		{"expected lines that overflow", bill(100, 0, 100, 0), &Split{Lines: []Line{{Amount: money.Max}, {Amount: money.Max}}}, "expected.lines[1].amount"},
		{"negative expected cash", bill(100, 0, 100, 0), &Split{Cash: -1}, "expected.cash"},
		{"no amounts", &LinkArgs{Person: "A", Of: "B"}, nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckAmounts(nameOfArgs(c.args), c.args, c.expected)
			switch {
			case c.field == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.field != "" && (err == nil || err.Field != c.field):
				t.Fatalf("got %v, want an error on %s", err, c.field)
			}
		})
	}
}

// nameOfArgs is the kind whose arguments args are (the table gives arguments alone).
func nameOfArgs(args any) Name {
	switch args.(type) {
	case *PersonArgs:
		return AddPerson
	case *SettleArgs:
		return Settle
	case *PremiumArgs:
		return PayPremium
	case *WalletTransferArgs:
		return WalletTransfer
	case *CreditArgs:
		return Credit
	case *CorrectArgs:
		return Correct
	case *EditPersonArgs:
		return EditPerson
	}
	return Link
}

func amount(a money.Amount) *money.Amount { return &a }
