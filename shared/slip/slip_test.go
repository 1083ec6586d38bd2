package slip

import (
	"strings"
	"testing"

	"gongji/shared/money"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name  string
		input string
		want  map[Field]string
		err   string
	}{
		{"JSON with string amounts", `{"medfee_sumamt":"120.00","fund_pay_sumamt":"20.00","acct_pay":"80.00","psn_cash_pay":"20.00","balc":"420.50"}`,
			map[Field]string{MedfeeSumamt: "120.00", FundPaySumamt: "20.00", AcctPay: "80.00", PsnCashPay: "20.00", Balc: "420.50"}, ""},
		{"JSON with number amounts read exactly", `{"medfee_sumamt":120.1,"acct_pay":100,"psn_cash_pay":20.10,"mdtrt_id":"x"}`,
			map[Field]string{MedfeeSumamt: "120.10", AcctPay: "100.00", PsnCashPay: "20.10"}, ""},
		{"JSON amount with three decimals", `{"medfee_sumamt":120.001}`, nil, "medfee_sumamt: money \"120.001\": more than two decimals"},
		{"JSON negative amount", `{"acct_pay":"-5.00"}`, nil, "acct_pay"},
		{"JSON negative balance (Hangzhou overdraft) is read", `{"medfee_sumamt":"1.00","balc":"-5.00"}`, map[Field]string{MedfeeSumamt: "1.00", Balc: "-5.00"}, ""},
		{"text with full-width colons and 元", "结算记录\n医疗费总额：120.00元\n基金支付总额：20.00元\n个人账户支出：80.00元\n个人现金支出：20.00元\n余额：420.50元\n结算时间：2025-10-13 10:00",
			map[Field]string{MedfeeSumamt: "120.00", FundPaySumamt: "20.00", AcctPay: "80.00", PsnCashPay: "20.00", Balc: "420.50"}, ""},
		{"text with the mutual-aid line and a thousands separator", "医疗费总额: ¥1,200.00\n个人账户共济支付金额：300.00 元\n个人账户支出：500.00\n现金支付：400.00",
			map[Field]string{MedfeeSumamt: "1200.00", AcctMulaidPay: "300.00", AcctPay: "500.00", PsnCashPay: "400.00"}, ""},
		{"text with interface names", "medfee_sumamt = 50.00\nacct_pay = 50.00", map[Field]string{MedfeeSumamt: "50.00", AcctPay: "50.00"}, ""},
		{"text with a label and no number", "医疗费总额：\n个人账户支出：80.00", nil, "line 1 (医疗费总额：): no amount after the label"},
		{"text with a bad number", "医疗费总额：12.345元", nil, "line 1"},
		{"text with nothing to read", "谢谢惠顾", nil, "no labelled amount"},
		{"a field twice", "医疗费总额：1.00\n总费用：2.00", nil, "appears twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Parse(c.input)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want one containing %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Amounts) != len(c.want) {
				t.Errorf("fields %v, want %v", s.Amounts, c.want)
			}
			for f, v := range c.want {
				if got := s.Get(f); got != money.MustParse(v) {
					t.Errorf("%s = %s, want %s", f, got, v)
				}
			}
		})
	}
}

func TestRead(t *testing.T) {
	cases := []struct {
		name                      string
		input                     string
		reading                   Reading
		own, mutualAid, cash, err string
	}{
		{"no mutual aid: either reading", `{"medfee_sumamt":"120","fund_pay_sumamt":"20","acct_pay":"80","psn_cash_pay":"20"}`, Either, "80.00", "0.00", "20.00", ""},
		{"mutual aid inside acct_pay", `{"medfee_sumamt":"120","acct_pay":"100","acct_mulaid_pay":"30","psn_cash_pay":"20"}`, Inside, "70.00", "30.00", "20.00", ""},
		{"mutual aid beside acct_pay", `{"medfee_sumamt":"120","acct_pay":"70","acct_mulaid_pay":"30","psn_cash_pay":"20"}`, Beside, "70.00", "30.00", "20.00", ""},
		{"a total that does not add up", `{"medfee_sumamt":"120","acct_pay":"70","psn_cash_pay":"20"}`, "", "", "", "", "120.00 is not fund_pay_sumamt 0.00 + acct_pay 70.00 + psn_cash_pay 20.00"},
		{"no total", `{"acct_pay":"70"}`, "", "", "", "", "medfee_sumamt: missing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Parse(c.input)
			if err != nil {
				t.Fatal(err)
			}
			r, err := s.Read()
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Reading != c.reading || r.Own.String() != c.own || r.MutualAid.String() != c.mutualAid || r.Cash.String() != c.cash {
				t.Errorf("read %+v, want %s own %s mutual aid %s cash %s", r, c.reading, c.own, c.mutualAid, c.cash)
			}
		})
	}
}

// FuzzParse: any input either reads or fails with a slip error; it never panics, and what it
// reads is within money's range.
func FuzzParse(f *testing.F) {
	f.Add("医疗费总额：120.00元\n个人账户支出：80.00元")
	f.Add(`{"medfee_sumamt":1e9}`)
	f.Add("余额：-0.5")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := Parse(in)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for f, a := range s.Amounts {
			if !a.Valid() {
				t.Fatalf("%s = %d is out of range", f, a)
			}
		}
		_, _ = s.Read()
	})
}
