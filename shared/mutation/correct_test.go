package mutation_test

import (
	"fmt"
	"testing"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// step is one mutation of a story and what it must give.
type step struct {
	m      mutation.Mutation
	status mutation.Status
	code   engine.Code             // a code the outcome must carry ("" for none)
	want   map[string]money.Amount // ledger keys after the step
	check  func(t *testing.T, s *family.State)
}

func ok(m mutation.Mutation, want map[string]money.Amount) step {
	return step{m: m, status: mutation.Confirmed, want: want}
}

func no(m mutation.Mutation, code engine.Code) step {
	return step{m: m, status: mutation.Rejected, code: code}
}

type bal = map[string]money.Amount

// story runs the household, then the steps in order. Every step is checked against its
// expectation, its entries balance, Redo of its outcome gives the same state, and at the end
// every balance is the sum of the postings written to it (money is conserved).
func story(t *testing.T, steps []step) family.State {
	t.Helper()
	e := engine.Default()
	s, outs := run(t, e, household())
	sums := map[string]money.Amount{}
	post := func(o mutation.Outcome) {
		entries := o.Entries
		for _, r := range o.Restated {
			entries = append(append(entries, r.Undone...), r.Entries...)
		}
		for _, en := range entries {
			if err := en.Check(); err != nil {
				t.Fatalf("unbalanced entry: %v", err)
			}
			for _, p := range en.Postings {
				sums[p.Account.Key()] += p.Amount
			}
		}
	}
	// the log, read by corrections of bills (decided as of the bill's moment)
	var log []mutation.Step
	for i, m := range household() {
		log = append(log, mutation.Step{Mutation: m, At: day, Outcome: outs[i]})
	}
	for _, o := range outs {
		post(o)
	}
	for i, st := range steps {
		st.m.History = func() ([]mutation.Step, error) { return log, nil }
		o, next := mutation.Apply(e, &s, st.m, day)
		log = append(log, mutation.Step{Mutation: st.m, At: day, Outcome: o})
		if o.Status != st.status || (st.code != "" && !hasCode(o.Codes, st.code)) {
			t.Fatalf("step %d %s %s: %+v (error %v), want %s %s", i, st.m.Name, st.m.Args, o, o.Error, st.status, st.code)
		}
		if !o.Status.Applied() && fmt.Sprint(next) != fmt.Sprint(s) {
			t.Fatalf("step %d: refused but changed the state", i)
		}
		redone, err := mutation.Redo(&s, st.m, day, o)
		if err != nil || fmt.Sprint(redone) != fmt.Sprint(next) {
			t.Fatalf("step %d: Redo differs from Apply: %v", i, err)
		}
		post(o)
		s = next
		for k, w := range st.want {
			if got := balance(&s, k); got != w {
				t.Errorf("step %d %s: %s = %s, want %s", i, st.m.Name, k, got, w)
			}
		}
		if st.check != nil {
			st.check(t, &s)
		}
	}
	for _, p := range s.People {
		for _, a := range []ledger.Account{ledger.AccountOf(p.ID), ledger.WalletOf(p.ID)} {
			if got := ledger.BalanceOf(&s, a); got != sums[a.Key()] {
				t.Errorf("%s: balance %s, postings sum to %s", a.Key(), got, sums[a.Key()])
			}
		}
	}
	return s
}

func fen(s string) money.Amount { return money.MustParse(s) }

func TestVoidAndUndo(t *testing.T) {
	story(t, []step{
		ok(mut("c/1", mutation.Settle, bill("mom", 10000)), bal{"mom": fen("400.00")}),
		ok(mut("c/2", mutation.Void, `{"target":"c/1","reason":"entered twice"}`), bal{"mom": fen("500.00")}),
		no(mut("c/3", mutation.Void, `{"target":"c/1"}`), mutation.AlreadyVoided),
		no(mut("c/4", mutation.AmendBill, `{"target":"c/1","settle":`+bill("mom", 100)+`}`), mutation.AlreadyVoided),
		no(mut("c/5", mutation.Undo, `{"target":"c/1"}`), mutation.NotLastAction),
		// undo the void: the bill stands again
		{m: mut("c/6", mutation.Undo, `{"target":"c/2"}`), status: mutation.Confirmed, want: bal{"mom": fen("400.00")},
			check: func(t *testing.T, s *family.State) {
				if r := s.Record("c/1"); r.VoidedBy != "" {
					t.Errorf("bill still voided by %s", r.VoidedBy)
				}
				if r := s.Record("c/2"); r.VoidedBy != "c/6" {
					t.Errorf("void voided by %q", r.VoidedBy)
				}
			}},
		// the next undo reaches the bill itself, not the undo
		no(mut("c/7", mutation.Undo, `{"target":"c/6"}`), mutation.NotLastAction),
		ok(mut("c/8", mutation.Undo, `{"target":"c/1"}`), bal{"mom": fen("500.00")}),
		// another device's undo cannot reach this device's actions
		no(mut("d/1", mutation.Undo, `{"target":"c/1"}`), mutation.NotLastAction),
		// voiding the undo of the void would void the bill twice: take back c/8 first
		no(mut("d/2", mutation.Void, `{"target":"c/6"}`), mutation.Superseded),
		ok(mut("d/4", mutation.Void, `{"target":"c/8"}`), bal{"mom": fen("400.00")}),
		// now voiding the undo brings back the first void
		{m: mut("d/5", mutation.Void, `{"target":"c/6"}`), status: mutation.Confirmed, want: bal{"mom": fen("500.00")},
			check: func(t *testing.T, s *family.State) {
				if s.Record("c/1").VoidedBy != "c/2" || s.Record("c/2").VoidedBy != "" {
					t.Errorf("bill voided by %q, void by %q", s.Record("c/1").VoidedBy, s.Record("c/2").VoidedBy)
				}
			}},
		no(mut("d/3", mutation.Void, `{"target":"nope/1"}`), mutation.TargetUnknown),
	})
}

func TestVoidRefusals(t *testing.T) {
	story(t, []step{
		ok(mut("c/1", mutation.WalletTransfer, `{"from":"mom","to":"dad","amount":"20.00","source":"account"}`), bal{"mom": fen("480.00")}),
		no(mut("c/2", mutation.Void, `{"target":"c/1"}`), mutation.TargetUnknown), // never remembered
		no(mut("c/3", mutation.Void, `{"target":"b1"}`), mutation.TargetUnknown),
		// a credit already spent cannot be taken back
		ok(mut("c/4", mutation.Credit, `{"person":"dad","account":"account","amount":"100.00"}`), bal{"dad": fen("180.00")}),
		ok(mut("c/5", mutation.Settle, bill("dad", 15000)), bal{"dad": fen("30.00")}),
		no(mut("c/6", mutation.Void, `{"target":"c/4"}`), mutation.NegativeBalance),
		// a premium and a correction can
		ok(mut("c/7", mutation.Correct, `{"person":"dad","account":"account","amount":"-10.00","memo":"typo"}`), bal{"dad": fen("20.00")}),
		ok(mut("c/8", mutation.Void, `{"target":"c/7"}`), bal{"dad": fen("30.00")}),
		ok(mut("c/9", mutation.Void, `{"target":"c/5"}`), bal{"dad": fen("180.00")}),
		ok(mut("c/10", mutation.Void, `{"target":"c/4"}`), bal{"dad": fen("80.00")}),
	})
}

func TestAmendBill(t *testing.T) {
	story(t, []step{
		// kid's bill, paid by mom through the binding
		ok(mut("c/1", mutation.Settle, bill("kid", 20000)), bal{"mom": fen("300.00")}),
		{m: mut("c/2", mutation.AmendBill, `{"target":"c/1","settle":`+bill("kid", 15000)+`,"reason":"typo"}`),
			status: mutation.Confirmed, want: bal{"mom": fen("350.00")},
			check: func(t *testing.T, s *family.State) {
				if r := s.Record("c/2"); r.Voids != "c/1" || s.Record("c/1").VoidedBy != "c/2" || r.Person != "kid" {
					t.Errorf("records: %v %v", r, s.Record("c/1"))
				}
			}},
		no(mut("c/3", mutation.AmendBill, `{"target":"c/1","settle":`+bill("kid", 100)+`}`), mutation.AlreadyVoided),
		no(mut("c/4", mutation.Void, `{"target":"c/1"}`), mutation.AlreadyVoided),
		// amending the amendment replaces its bill only; the first stays voided
		ok(mut("c/5", mutation.AmendBill, `{"target":"c/2","settle":`+bill("kid", 5000)+`}`), bal{"mom": fen("450.00")}),
		// voiding the corrected bill voids the bill as it stands: no earlier version comes back
		{m: mut("c/6", mutation.Void, `{"target":"c/5"}`), status: mutation.Confirmed, want: bal{"mom": fen("500.00")},
			check: func(t *testing.T, s *family.State) {
				if s.Record("c/5").VoidedBy != "c/6" || s.Record("c/2").VoidedBy != "c/5" || s.Record("c/1").VoidedBy != "c/2" {
					t.Errorf("voided by: c/5 %q, c/2 %q, c/1 %q", s.Record("c/5").VoidedBy, s.Record("c/2").VoidedBy, s.Record("c/1").VoidedBy)
				}
			}},
		no(mut("c/7", mutation.Void, `{"target":"c/2"}`), mutation.AlreadyVoided),
		// undo is the way back: undoing the void brings the corrected bill back, and undoing the
		// correction brings back the version before it
		ok(mut("c/11", mutation.Undo, `{"target":"c/6"}`), bal{"mom": fen("450.00")}),
		ok(mut("c/12", mutation.Undo, `{"target":"c/5"}`), bal{"mom": fen("350.00")}),
		no(mut("c/8", mutation.AmendBill, `{"target":"b1","settle":`+bill("kid", 100)+`}`), mutation.TargetUnknown),
		ok(mut("c/9", mutation.Credit, `{"person":"kid","account":"wallet","amount":"1.00"}`), nil),
		no(mut("c/10", mutation.AmendBill, `{"target":"c/9","settle":`+bill("kid", 100)+`}`), mutation.NotABill),
	})
}

func TestVisitDecidesTheDay(t *testing.T) {
	// the binding mom -> kid was created 2025-01-02: a visit on 2025-01-01 is paid in cash
	visit := func(id, when string) mutation.Mutation {
		return mut(id, mutation.Settle, `{"patient":"kid","visit":"`+when+`","place":"社区医院","note":"感冒",`+bill("kid", 1000)[1:])
	}
	story(t, []step{
		ok(visit("c/1", "2025-01-01T09:00:00+08:00"), bal{"mom": fen("500.00")}),
		ok(visit("c/2", "2025-01-03T09:00:00+08:00"), bal{"mom": fen("490.00")}),
		{m: visit("c/3", "2026-03-04T09:00:00+08:00"), status: mutation.Rejected, code: mutation.InvalidInput},
		{m: visit("c/4", "2019-01-01T09:00:00+08:00"), status: mutation.Rejected, code: mutation.InvalidInput},
		{m: mut("c/5", mutation.AmendBill, `{"target":"c/2","settle":`+bill("kid", 2000)+`}`), status: mutation.Confirmed,
			want: bal{"mom": fen("480.00")},
			check: func(t *testing.T, s *family.State) {
				if got := s.Record("c/5").At; !got.Equal(time.Date(2025, 1, 3, 9, 0, 0, 0, day.Location())) {
					t.Errorf("amended at %s, want the original visit", got)
				}
			}},
	})
}

func TestEditPerson(t *testing.T) {
	story(t, []step{
		{m: mut("c/1", mutation.EditPerson, `{"person":"mom","name":"妈 妈","reason":"typo"}`), status: mutation.Confirmed,
			check: func(t *testing.T, s *family.State) {
				if p := s.Person("mom"); p.Name != "妈 妈" || p.Balance() != fen("500.00") {
					t.Errorf("mom = %+v", p)
				}
			}},
		no(mut("c/2", mutation.EditPerson, `{"person":"mom","name":"爸爸"}`), mutation.NameTaken),
		no(mut("c/3", mutation.EditPerson, `{"person":"mom","name":"妈 妈"}`), mutation.NoChange),
		{m: mut("c/4", mutation.EditPerson, `{"person":"kid","insurance":"employee","retired":true}`), status: mutation.Confirmed,
			check: func(t *testing.T, s *family.State) {
				if p := s.Person("kid"); !p.HasAccount || !p.Retired {
					t.Errorf("kid = %+v", p)
				}
			}},
	})
	story(t, []step{
		ok(mut("c/1", mutation.EditPerson, `{"person":"mom","name":"妈 妈"}`), nil),
		ok(mut("c/2", mutation.EditPerson, `{"person":"mom","region":"330200"}`), nil),
		no(mut("c/3", mutation.Void, `{"target":"c/1"}`), mutation.Superseded),
		{m: mut("c/4", mutation.Void, `{"target":"c/2"}`), status: mutation.Confirmed,
			check: func(t *testing.T, s *family.State) {
				if p := s.Person("mom"); p.Region != "330100" || p.Name != "妈 妈" {
					t.Errorf("mom = %+v", p)
				}
			}},
		{m: mut("c/5", mutation.Void, `{"target":"c/1"}`), status: mutation.Confirmed,
			check: func(t *testing.T, s *family.State) {
				if p := s.Person("mom"); p.Name != "妈妈" {
					t.Errorf("mom = %+v", p)
				}
			}},
		// undo of the last void puts the typo fix back
		{m: mut("c/6", mutation.Undo, `{"target":"c/5"}`), status: mutation.Confirmed,
			check: func(t *testing.T, s *family.State) {
				if p := s.Person("mom"); p.Name != "妈 妈" {
					t.Errorf("mom = %+v", p)
				}
			}},
	})
}

func TestLifeEvents(t *testing.T) {
	story(t, []step{
		{m: mut("c/1", mutation.LifeEvent, `{"person":"dad","event":"retire"}`), status: mutation.Confirmed,
			check: func(t *testing.T, s *family.State) {
				if !s.Person("dad").Retired {
					t.Error("dad not retired")
				}
			}},
		no(mut("c/2", mutation.LifeEvent, `{"person":"dad","event":"retire"}`), mutation.NoChange),
		ok(mut("c/3", mutation.LifeEvent, `{"person":"mom","event":"stop"}`), nil),
		// a stopped authorizer pays nothing (S7 reads the state): kid's bill is cash
		ok(mut("c/4", mutation.Settle, bill("kid", 1000)), bal{"mom": fen("500.00")}),
		ok(mut("c/5", mutation.LifeEvent, `{"person":"mom","event":"resume"}`), nil),
		ok(mut("c/6", mutation.LifeEvent, `{"person":"kid","event":"scheme","insurance":"employee"}`), nil),
		{m: mut("c/7", mutation.LifeEvent, `{"person":"dad","event":"death"}`), status: mutation.Confirmed,
			check: func(t *testing.T, s *family.State) {
				if p := s.Person("dad"); !p.Deceased || p.Status != family.Stopped {
					t.Errorf("dad = %+v", p)
				}
			}},
		no(mut("c/8", mutation.LifeEvent, `{"person":"dad","event":"resume"}`), mutation.PersonDeceased),
		// then the withdrawal flow: the account is paid out on the ground death
		ok(mut("c/9", mutation.Withdraw, `{"person":"dad","ground":"death"}`), bal{"dad": 0}),
		// a death recorded by mistake is voided like any action
		{m: mut("c/10", mutation.Void, `{"target":"c/7"}`), status: mutation.Confirmed,
			check: func(t *testing.T, s *family.State) {
				if p := s.Person("dad"); p.Deceased || p.Status != family.Active || !p.Retired {
					t.Errorf("dad = %+v", p)
				}
			}},
	})
}

func TestTransferArrives(t *testing.T) {
	story(t, []step{
		{m: mut("c/1", mutation.Transfer, `{"person":"mom","to_region":"110100","origin_stopped":true,"dest_enrolled":true}`),
			status: mutation.Confirmed, want: bal{"mom": 0},
			check: func(t *testing.T, s *family.State) {
				if p := s.Person("mom"); p.Region != "110100" || !p.HasAccount {
					t.Errorf("mom = %+v", p)
				}
			}},
		no(mut("c/2", mutation.TransferArrive, `{"transfer":"c/9"}`), mutation.TargetUnknown),
		ok(mut("c/3", mutation.TransferArrive, `{"transfer":"c/1"}`), bal{"mom": fen("500.00")}),
		no(mut("c/4", mutation.TransferArrive, `{"transfer":"c/1"}`), mutation.AlreadyArrived),
		no(mut("c/5", mutation.Void, `{"target":"c/1"}`), mutation.NotVoidable),
	})
	// Guangdong (T5): the balance stays where it is, nothing is in transit
	e := engine.Default()
	var s family.State
	for _, m := range []mutation.Mutation{
		mut("c/1", mutation.AddPerson, `{"id":"a","name":"阿明","region":"440300","insurance":"employee","status":"active","tier":1,"account":"300.00"}`),
		mut("c/2", mutation.Transfer, `{"person":"a","to_region":"440100","origin_stopped":true,"dest_enrolled":true}`),
	} {
		o, next := mutation.Apply(e, &s, m, day)
		if o.Status != mutation.Confirmed {
			t.Fatalf("%s: %+v", m.Name, o)
		}
		s = next
	}
	if balance(&s, "a") != fen("300.00") {
		t.Errorf("a = %s", balance(&s, "a"))
	}
	if o, _ := mutation.Apply(e, &s, mut("c/3", mutation.TransferArrive, `{"transfer":"c/2"}`), day); !hasCode(o.Codes, mutation.NotInTransit) {
		t.Errorf("arrive after T5: %+v", o)
	}
}

func TestDecodeCorrections(t *testing.T) {
	tests := []struct {
		name  mutation.Name
		args  string
		field string
	}{
		{mutation.EditPerson, `{"person":"a","name":"  "}`, "args.name"},
		{mutation.EditPerson, `{"person":"a","tier":3}`, "args.tier"},
		{mutation.EditPerson, `{"person":"a","status":"dead"}`, "args.status"},
		{mutation.EditPerson, `{"person":"a","region":"99"}`, "args.region"},
		{mutation.Void, `{"target":""}`, "args.target"},
		{mutation.Undo, `{}`, "args.target"},
		{mutation.AmendBill, `{"target":"c/1","settle":{"patient":""}}`, "args.settle.patient"},
		{mutation.AmendBill, `{"target":"c/1","settle":{"patient":"a","bill":{"total":"1.001"}}}`, "args.settle.bill.total"},
		{mutation.LifeEvent, `{"person":"a","event":"marry"}`, "args.event"},
		{mutation.LifeEvent, `{"person":"a","event":"scheme","insurance":"gold"}`, "args.insurance"},
		{mutation.TransferArrive, `{}`, "args.transfer"},
	}
	for _, tc := range tests {
		t.Run(string(tc.name)+" "+tc.field, func(t *testing.T) {
			_, err := mutation.Decode(tc.name, []byte(tc.args))
			fe, ok := err.(*mutation.FieldError)
			if !ok || fe.Field != tc.field {
				t.Fatalf("error %v, want field %s", err, tc.field)
			}
		})
	}
}
