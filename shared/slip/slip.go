// Package slip reads a settlement slip (结算单): what the national settlement output says
// really happened to a bill. Its fields carry the meanings of the national interface's
// setlinfo (research.md section 5.2): 医疗费总额 medfee_sumamt, 基金支付总额 fund_pay_sumamt,
// 个人账户支出 acct_pay, 共济账户支付 acct_mulaid_pay, 个人现金支出 psn_cash_pay and 余额 balc.
//
// A slip comes as JSON (from an export, string or number amounts) or as the text a person
// copies from the national app's 结算记录 (labelled numbers, full-width colons, 元). Every
// amount is exact: a number with more than two decimals is an error, never rounded.
package slip

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongji/shared/money"
)

// Field is one field of a slip, by its national interface name.
type Field string

// The fields Gongji reads.
const (
	MedfeeSumamt  Field = "medfee_sumamt"   // 医疗费总额
	FundPaySumamt Field = "fund_pay_sumamt" // 基金支付总额
	AcctPay       Field = "acct_pay"        // 个人账户支出
	AcctMulaidPay Field = "acct_mulaid_pay" // 个人账户共济支付金额
	PsnCashPay    Field = "psn_cash_pay"    // 个人现金支出
	Balc          Field = "balc"            // 余额 (personal-account balance after settlement)
)

// Fields lists every field in slip order.
func Fields() []Field {
	return []Field{MedfeeSumamt, FundPaySumamt, AcctPay, AcctMulaidPay, PsnCashPay, Balc}
}

// labels are the words a slip or the national app prints for each field, longest first
// within a field so that 个人账户共济支付 is not read as 个人账户支付.
func labels() map[Field][]string {
	return map[Field][]string{
		MedfeeSumamt:  {"医疗费用总额", "医疗费总额", "医疗总费用", "费用总额", "总费用", "总金额"},
		FundPaySumamt: {"基金支付总额", "医保基金支付", "统筹基金支付", "基金支付", "统筹支付", "医保统筹"},
		AcctMulaidPay: {"个人账户共济支付金额", "个人账户共济支付", "共济账户支付", "家庭共济支付", "共济支付", "共济账户"},
		AcctPay:       {"个人账户支出", "个人账户支付", "个账支付", "账户支付"},
		PsnCashPay:    {"个人现金支出", "个人现金支付", "现金支付", "现金支出", "自付现金"},
		Balc:          {"个人账户余额", "账户余额", "余额"},
	}
}

// Slip is what a settlement slip says. Has tells which fields it gave.
type Slip struct {
	Amounts map[Field]money.Amount
	// Payer is the authorizer whose account paid acct_mulaid_pay, where the slip shows it.
	Payer string
}

// Has says whether the slip gave field f.
func (s Slip) Has(f Field) bool {
	_, ok := s.Amounts[f]
	return ok
}

// Get is field f, or 0.00 when the slip did not give it.
func (s Slip) Get(f Field) money.Amount { return s.Amounts[f] }

// Error is a slip that could not be read: the field or the line, and why.
type Error struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Where  string // a field name, or "line 3"
	Reason string
}

func (e *Error) Error() string { return "slip: " + e.Where + ": " + e.Reason }

// Parse reads a slip given as JSON (an object) or as text.
func Parse(input string) (Slip, error) {
	trimmed := strings.TrimSpace(input)
	if strings.HasPrefix(trimmed, "{") {
		return ParseJSON([]byte(trimmed))
	}
	return ParseText(input)
}

// ParseJSON reads {"medfee_sumamt": "120.00", "acct_pay": 100, ...}: amounts as strings or
// JSON numbers (read from their digits, never through a float), unknown members ignored
// (a full setlinfo has many), "payer" naming the mutual-aid payer.
func ParseJSON(data []byte) (Slip, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return Slip{}, &Error{Where: "JSON", Reason: err.Error()}
	}
	s := Slip{Amounts: map[Field]money.Amount{}}
	if p, ok := raw["payer"].(string); ok {
		s.Payer = p
	}
	for _, f := range Fields() {
		v, ok := raw[string(f)]
		if !ok || v == nil {
			continue
		}
		var text string
		switch x := v.(type) {
		case string:
			text = strings.TrimSpace(x)
		case json.Number:
			text = x.String()
		default:
			return Slip{}, &Error{Where: string(f), Reason: fmt.Sprintf("want an amount, got %v", v)}
		}
		a, err := readAmount(text, f == Balc)
		if err != nil {
			return Slip{}, &Error{Where: string(f), Reason: err.Error()}
		}
		s.Amounts[f] = a
	}
	if len(s.Amounts) == 0 {
		return Slip{}, &Error{Where: "JSON", Reason: "no slip field (medfee_sumamt, acct_pay, ...)"}
	}
	return s, nil
}

// ParseText reads the labelled numbers of a slip copied as text: one field a line, such as
// 「医疗费总额：120.00元」 or "acct_pay: 100.00". Lines without a known label are skipped (a
// slip has many other lines); a known label whose number cannot be read is an error naming
// the line.
func ParseText(text string) (Slip, error) {
	s := Slip{Amounts: map[Field]money.Amount{}}
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		f, rest, ok := findLabel(line)
		if !ok {
			continue
		}
		where := fmt.Sprintf("line %d (%s)", i+1, strings.TrimSpace(line))
		number := cleanNumber(rest)
		if number == "" {
			return Slip{}, &Error{Where: where, Reason: "no amount after the label"}
		}
		a, err := readAmount(number, f == Balc)
		if err != nil {
			return Slip{}, &Error{Where: where, Reason: err.Error()}
		}
		if _, dup := s.Amounts[f]; dup {
			return Slip{}, &Error{Where: where, Reason: string(f) + " appears twice"}
		}
		s.Amounts[f] = a
	}
	if len(s.Amounts) == 0 {
		return Slip{}, &Error{Where: "text", Reason: "no labelled amount found (医疗费总额, 个人账户支出, 个人现金支出, ...)"}
	}
	return s, nil
}

// findLabel finds the field a line names, by its Chinese label or its interface name, and
// returns what follows the label.
func findLabel(line string) (Field, string, bool) {
	best, bestAt, bestLen := Field(""), -1, 0
	for f, words := range labels() {
		for _, w := range append(words, string(f)) {
			at := strings.Index(line, w)
			// The earliest label wins; at one place the longest (共济 before 账户).
			if at >= 0 && (bestAt < 0 || at < bestAt || at == bestAt && len(w) > bestLen) {
				best, bestAt, bestLen = f, at, len(w)
			}
		}
	}
	if bestAt < 0 {
		return "", "", false
	}
	return best, line[bestAt+bestLen:], true
}

// plainMarks writes full-width colons, commas and brackets as ASCII ones, drops ¥ and ￥, and
// makes 元 a blank; every other byte stays as it is.
func plainMarks(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '：':
			b.WriteByte(':')
		case '，':
			b.WriteByte(',')
		case '（':
			b.WriteByte('(')
		case '）':
			b.WriteByte(')')
		case '元':
			b.WriteByte(' ')
		case '¥', '￥':
		default:
			b.WriteString(s[i : i+n]) // as it was, also a byte that is not UTF-8
		}
		i += n
	}
	return b.String()
}

// cleanNumber takes the amount out of what follows a label: colons (also full-width),
// blanks, ¥ and 元 go; thousands separators go; the first number stays.
func cleanNumber(s string) string {
	s = plainMarks(s)
	s = strings.TrimLeft(s, " :\t=")
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsDigit(r) || r == '.' || r == '-' && b.Len() == 0:
			b.WriteRune(r)
		case r == ',' && b.Len() > 0:
			// thousands separator
		case b.Len() > 0:
			return b.String()
		case r == ' ' || r == '\t':
		default:
			return ""
		}
	}
	return b.String()
}

// readAmount parses an amount; only the balance may be negative (a Hangzhou overdraft).
func readAmount(text string, signed bool) (money.Amount, error) {
	if signed {
		return money.ParseSigned(text)
	}
	return money.Parse(text)
}

// Reading is how a slip's acct_mulaid_pay relates to its acct_pay, which is unsettled
// nationally (research.md section 7, question 4): Inside (acct_pay includes what the
// relatives' accounts paid, as in the mobile-payment interface's example) or Beside (acct_pay
// is the holder's own account only). Either: the slip has no mutual-aid amount, so both
// readings agree.
type Reading string

// Readings.
const (
	Inside Reading = "inside"
	Beside Reading = "beside"
	Either Reading = "either"
)

// Read is a slip's amounts as Gongji compares them with its prediction.
type Read struct {
	Reading   Reading
	Total     money.Amount // medfee_sumamt
	Fund      money.Amount // fund_pay_sumamt
	Own       money.Amount // the holder's own account
	MutualAid money.Amount // relatives' accounts
	Cash      money.Amount // psn_cash_pay
	Balance   *money.Amount
}

// Read checks that the slip's parts add up to its total and works out which reading of
// acct_mulaid_pay they fit. A slip that fits neither is an error naming the total.
func (s Slip) Read() (Read, error) {
	if !s.Has(MedfeeSumamt) {
		return Read{}, &Error{Where: string(MedfeeSumamt), Reason: "missing: the slip's 医疗费总额 is needed"}
	}
	total, fund, acct, mulaid, cash := s.Get(MedfeeSumamt), s.Get(FundPaySumamt), s.Get(AcctPay), s.Get(AcctMulaidPay), s.Get(PsnCashPay)
	r := Read{Total: total, Fund: fund, MutualAid: mulaid, Cash: cash}
	if s.Has(Balc) {
		b := s.Get(Balc)
		r.Balance = &b
	}
	// Each amount is at most money.Max, so these sums cannot wrap.
	inside := mulaid <= acct && fund+acct+cash == total
	beside := fund+acct+mulaid+cash == total
	switch {
	case mulaid == 0 && beside:
		r.Reading, r.Own = Either, acct
	case beside:
		r.Reading, r.Own = Beside, acct
	case inside:
		r.Reading, r.Own = Inside, acct-mulaid
	default:
		return Read{}, &Error{Where: string(MedfeeSumamt), Reason: fmt.Sprintf(
			"%s is not fund_pay_sumamt %s + acct_pay %s + psn_cash_pay %s, with acct_mulaid_pay %s inside acct_pay or beside it: check the amounts",
			total, fund, acct, cash, mulaid)}
	}
	return r, nil
}
