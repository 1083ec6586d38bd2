package mutation_test

import (
	"fmt"
	"testing"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// The prior-years balance (历年账户, rules.md section 8 and 11.3) as a family gives it: with
// add_person and edit_person, only where the region splits the account.

func person(name, where, insurance, extra string) string {
	return fmt.Sprintf(`{"id":%q,"name":%q,"region":%q,"insurance":%q,"status":"active"%s}`, name, name, where, insurance, extra)
}

func TestOpeningPriorYearsBalance(t *testing.T) {
	tests := []struct {
		name             string
		args             string
		field            string // the refused field, "" when confirmed
		current, history money.Amount
	}{
		{"Shanghai: 200.00 of 1000.00", person("z", "310101", "employee", `,"account":"1000.00","account_history":"200.00"`), "", fen("800.00"), fen("200.00")},
		{"Hangzhou: all of it", person("z", "330100", "employee", `,"account":"50.00","account_history":"50.00"`), "", 0, fen("50.00")},
		{"Hangzhou: a current-year overdraft", person("z", "330102", "employee", `,"account":"30.00","account_history":"50.00"`), "", fen("-20.00"), fen("50.00")},
		{"Shanghai: 0.00 is given, not unknown", person("z", "310101", "employee", `,"account":"10.00","account_history":"0.00"`), "", fen("10.00"), 0},
		{"Beijing keeps one balance", person("z", "110101", "employee", `,"account":"10.00","account_history":"5.00"`), "args.account_history", 0, 0},
		{"negative", person("z", "310101", "employee", `,"account":"10.00","account_history":"-5.00"`), "args.account_history", 0, 0},
		{"not money", person("z", "310101", "employee", `,"account":"10.00","account_history":"5.001"`), "args.account_history", 0, 0},
		{"a resident has no account", person("z", "310101", "resident", `,"account_history":"5.00"`), "args.account_history", 0, 0},
	}
	e := engine.Default()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s family.State
			m := mut("p1", mutation.AddPerson, tc.args)
			o, next := mutation.Apply(e, &s, m, day)
			if tc.field != "" {
				if o.Status != mutation.Rejected || o.Error == nil || o.Error.Field != tc.field {
					t.Fatalf("%s (error %v), want refused on %s", o.Status, o.Error, tc.field)
				}
				return
			}
			if o.Status != mutation.Confirmed {
				t.Fatalf("%s (error %v)", o.Status, o.Error)
			}
			p := next.Person("z")
			if !p.HasHistory || p.Account != tc.current || p.AccountHistory != tc.history {
				t.Fatalf("current %s, prior-years %s (given %t), want %s and %s", p.Account, p.AccountHistory, p.HasHistory, tc.current, tc.history)
			}
			redone, err := mutation.Redo(&s, m, day, o)
			if err != nil || fmt.Sprint(redone) != fmt.Sprint(next) {
				t.Fatalf("Redo differs from Apply: %v", err)
			}
		})
	}
}

// shanghai is 张三 (employee in Shanghai, 1000.00, 历年账户 not given) and his mother 李四
// (resident in Shanghai), bound for medical costs.
func shanghai() []mutation.Mutation {
	return []mutation.Mutation{
		mut("p1", mutation.AddPerson, person("张三", "310101", "employee", `,"account":"1000.00"`)),
		mut("p2", mutation.AddPerson, person("李四", "310101", "resident", "")),
		mut("l1", mutation.Link, `{"person":"李四","of":"张三","relation":"parent"}`),
		mut("b1", mutation.Bind, `{"authorizer":"张三","beneficiary":"李四","scopes":["medical"],"created":"2025-01-02"}`),
	}
}

func shanghaiBill(id string) mutation.Mutation {
	return mut(id, mutation.Settle, `{"patient":"李四","institution":{"region":"310101","kind":"hospital","designated":true},"bill":{"total":"300.00","policy_self_pay":"300.00","category":"drug"}}`)
}

// paid is what the authorizer paid of a bill, and its cash.
func paid(t *testing.T, o mutation.Outcome) (money.Amount, money.Amount) {
	t.Helper()
	if o.Status != mutation.Confirmed || o.Split == nil {
		t.Fatalf("bill %s (error %v)", o.Status, o.Error)
	}
	var a money.Amount
	for _, l := range o.Split.Lines {
		if l.Payer == "张三" {
			a += l.Amount
		}
	}
	return a, o.Split.Cash
}

func TestShanghaiPriorYearsBalanceGivenLater(t *testing.T) {
	e := engine.Default()
	s, outs := run(t, e, shanghai())
	for i, o := range outs {
		if !o.Status.Applied() {
			t.Fatalf("household step %d: %s %v", i, o.Status, o.Error)
		}
	}
	// not given: the binding pays nothing, and the explanation says what to fill in
	o, _ := mutation.Apply(e, &s, shanghaiBill("s1"), day)
	if a, cash := paid(t, o); a != 0 || cash != fen("300.00") {
		t.Fatalf("without 历年账户: 张三 paid %s, cash %s", a, cash)
	}
	unknown := false
	for _, l := range o.Explanation {
		unknown = unknown || l.Msg == "pay.sh_history_unknown"
	}
	if !unknown {
		t.Fatalf("the explanation does not say the 历年账户 was not given: %+v", o.Explanation)
	}
	steps := []struct {
		name   string
		m      mutation.Mutation
		status mutation.Status
		field  string
	}{
		{"negative", mut("e0", mutation.EditPerson, `{"person":"张三","account_history":"-1.00"}`), mutation.Rejected, "args.account_history"},
		{"李四 has no account", mut("e1", mutation.EditPerson, `{"person":"李四","account_history":"1.00"}`), mutation.Rejected, "args.account_history"},
		{"moved to Beijing at once", mut("e2", mutation.EditPerson, `{"person":"张三","region":"110101","account_history":"200.00"}`), mutation.Rejected, "args.account_history"},
		{"given", mut("e3", mutation.EditPerson, `{"person":"张三","account_history":"200.00"}`), mutation.Confirmed, ""},
		{"the same again", mut("e4", mutation.EditPerson, `{"person":"张三","account_history":"200.00"}`), mutation.Rejected, ""},
	}
	for _, st := range steps {
		o, next := mutation.Apply(e, &s, st.m, day)
		if o.Status != st.status || (st.field != "" && (o.Error == nil || o.Error.Field != st.field)) {
			t.Fatalf("%s: %s (error %v), want %s %s", st.name, o.Status, o.Error, st.status, st.field)
		}
		if redone, err := mutation.Redo(&s, st.m, day, o); err != nil || fmt.Sprint(redone) != fmt.Sprint(next) {
			t.Fatalf("%s: Redo differs from Apply: %v", st.name, err)
		}
		s = next
	}
	if p := s.Person("张三"); p.Balance() != fen("1000.00") || p.Account != fen("800.00") || p.AccountHistory != fen("200.00") {
		t.Fatalf("after the edit: current %s, prior-years %s", p.Account, p.AccountHistory)
	}
	// the same bill again: 200.00 from the 历年账户, 100.00 cash, 800.00 left
	o, next := mutation.Apply(e, &s, shanghaiBill("s2"), day)
	if a, cash := paid(t, o); a != fen("200.00") || cash != fen("100.00") {
		t.Fatalf("with 历年账户 200.00: 张三 paid %s, cash %s", a, cash)
	}
	if redone, err := mutation.Redo(&s, shanghaiBill("s2"), day, o); err != nil || fmt.Sprint(redone) != fmt.Sprint(next) {
		t.Fatalf("the bill's Redo differs from Apply: %v", err)
	}
	s = next
	// the payment came from the 历年账户 only (SH1), also as the ledger replays it
	if p := s.Person("张三"); p.Balance() != fen("800.00") || p.Account != fen("800.00") || p.AccountHistory != 0 {
		t.Fatalf("after the bill: current %s, prior-years %s", p.Account, p.AccountHistory)
	}
	// a third bill finds nothing left in the 历年账户
	third, _ := mutation.Apply(e, &s, shanghaiBill("s3"), day)
	if a, _ := paid(t, third); a != 0 {
		t.Fatalf("a third bill took %s from 张三", a)
	}
	// the settlement slip says 150.00 came from 张三: that too is taken from the 历年账户
	slip := fmt.Sprintf(`{"target":"s2","settle":%s,"slip":{"medfee_sumamt":"300.00","acct_pay":"150.00","acct_mulaid_pay":"150.00","psn_cash_pay":"150.00"}}`,
		`{"patient":"李四","institution":{"region":"310101","kind":"hospital","designated":true},"bill":{"total":"300.00","policy_self_pay":"300.00","category":"drug"}}`)
	o, slipped := mutation.Apply(e, &s, mut("r1", mutation.RecordSlip, slip), day)
	if o.Status != mutation.Confirmed {
		t.Fatalf("record_slip: %s %v %v", o.Status, o.Codes, o.Error)
	}
	if p := slipped.Person("张三"); p.Account != fen("800.00") || p.AccountHistory != fen("50.00") {
		t.Fatalf("after the slip: current %s, prior-years %s", p.Account, p.AccountHistory)
	}
	// voiding the bill puts the 200.00 back where it came from
	o, next = mutation.Apply(e, &s, mut("v0", mutation.Void, `{"target":"s2"}`), day)
	if o.Status != mutation.Confirmed {
		t.Fatalf("void of the bill: %s %v %v", o.Status, o.Codes, o.Error)
	}
	s = next
	if p := s.Person("张三"); p.Account != fen("800.00") || p.AccountHistory != fen("200.00") {
		t.Fatalf("after the void: current %s, prior-years %s", p.Account, p.AccountHistory)
	}
	// taking the edit back leaves the balance whole and the 历年账户 unknown again
	o, next = mutation.Apply(e, &s, mut("v1", mutation.Void, `{"target":"e3"}`), day)
	if o.Status != mutation.Confirmed {
		t.Fatalf("void of the edit: %s %v %v", o.Status, o.Codes, o.Error)
	}
	if p := next.Person("张三"); p.HasHistory || p.Balance() != fen("1000.00") {
		t.Fatalf("after the void: given %t, balance %s", p.HasHistory, p.Balance())
	}
}

// A Hangzhou edit of the split moves no money: the ledger's sums stay the balances (story).
func TestEditPriorYearsBalance(t *testing.T) {
	story(t, []step{
		{m: mut("c/1", mutation.EditPerson, `{"person":"mom","account_history":"120.00","reason":"医保App"}`), status: mutation.Confirmed,
			want: bal{"mom": fen("500.00")},
			check: func(t *testing.T, s *family.State) {
				if p := s.Person("mom"); p.Account != fen("380.00") || p.AccountHistory != fen("120.00") {
					t.Errorf("mom: current %s, prior-years %s", p.Account, p.AccountHistory)
				}
			}},
		ok(mut("c/2", mutation.EditPerson, `{"person":"mom","account_history":"600.00"}`), bal{"mom": fen("500.00")}),
		ok(mut("c/3", mutation.Undo, `{"target":"c/2"}`), bal{"mom": fen("500.00")}),
		{m: mut("c/4", mutation.EditPerson, `{"person":"mom","name":"妈 妈"}`), status: mutation.Confirmed,
			check: func(t *testing.T, s *family.State) {
				if p := s.Person("mom"); p.AccountHistory != fen("120.00") {
					t.Errorf("a name edit changed the split: %s", p.AccountHistory)
				}
			}},
		no(mut("c/5", mutation.EditPerson, `{"person":"kid","account_history":"1.00"}`), mutation.InvalidInput),
	})
}
