package mutation_test

import (
	"fmt"
	"testing"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// timed is a story step at its own moment (days after day).
type timed struct {
	days int
	step
}

func at(days int, s step) timed { return timed{days, s} }

// timedStory is story with moments: the household at day, each step days later. Entries and
// credits balance, Redo equals Apply, money is conserved.
func timedStory(t *testing.T, steps []timed) family.State {
	t.Helper()
	e := engine.Default()
	s, outs := run(t, e, household())
	sums := map[string]money.Amount{}
	post := func(o mutation.Outcome) {
		for _, c := range o.Credits {
			if c.Skip == "" {
				sums[string(c.Person)] += c.Amount
			}
		}
		for _, en := range o.Entries {
			if err := en.Check(); err != nil {
				t.Fatalf("unbalanced entry: %v", err)
			}
			for _, p := range en.Postings {
				sums[p.Account.Key()] += p.Amount
			}
		}
	}
	for _, o := range outs {
		post(o)
	}
	for i, st := range steps {
		when := day.Add(time.Duration(st.days) * 24 * time.Hour)
		o, next := mutation.Apply(e, &s, st.m, when)
		if o.Status != st.status || (st.code != "" && !hasCode(o.Codes, st.code)) {
			t.Fatalf("step %d %s %s: %+v (error %v), want %s %s", i, st.m.Name, st.m.Args, o, o.Error, st.status, st.code)
		}
		if !o.Status.Applied() && fmt.Sprint(next) != fmt.Sprint(s) {
			t.Fatalf("step %d: refused but changed the state", i)
		}
		redone, err := mutation.Redo(&s, st.m, when, o)
		if err != nil || fmt.Sprint(redone) != fmt.Sprint(next) {
			t.Fatalf("step %d: Redo differs from Apply: %v\n%v\n%v", i, err, redone, next)
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

func recordSlip(target, patient string, billFen int, slipJSON string, adjust bool) string {
	return fmt.Sprintf(`{"target":%q,"settle":%s,"slip":%s,"adjust_balance":%t}`, target, bill(patient, billFen), slipJSON, adjust)
}

func TestRecordSlip(t *testing.T) {
	lower := `{"medfee_sumamt":"100.00","acct_pay":"50.00","psn_cash_pay":"50.00","balc":"20.00"}`
	timedStory(t, []timed{
		// dad has 80.00: the prediction is own 80.00, cash 20.00
		at(0, ok(mut("c/1", mutation.Settle, bill("dad", 10000)), bal{"dad": 0})),
		// the slip says the account paid 50.00 and 20.00 is left: the bill is re-posted, balc differs by 10.00
		at(1, step{m: mut("c/2", mutation.RecordSlip, recordSlip("c/1", "dad", 10000, lower, false)), status: mutation.Confirmed,
			code: engine.SlipBalanceMismatch, want: bal{"dad": fen("30.00")},
			check: func(t *testing.T, s *family.State) {
				if s.Record("c/1").VoidedBy != "c/2" {
					t.Errorf("bill not replaced: %v", s.Record("c/1"))
				}
			}}),
		// a second slip for the same bill replaces the first; confirmed, the balance becomes balc
		at(1, ok(mut("c/3", mutation.RecordSlip, recordSlip("c/2", "dad", 10000, lower, true)), bal{"dad": fen("20.00")})),
		no(mut("c/4", mutation.RecordSlip, recordSlip("c/1", "dad", 10000, lower, false)), mutation.AlreadyVoided).at(1),
		no(mut("c/5", mutation.RecordSlip, recordSlip("zz/1", "dad", 10000, lower, false)), mutation.TargetUnknown).at(1),
		// void the slip: the bill as it stands is voided, its balance adjustment with it (the first
		// slip does not come back: only an undo brings an earlier version back)
		at(2, ok(mut("c/6", mutation.Void, `{"target":"c/3"}`), bal{"dad": fen("80.00")})),
		// kid's bill is paid by mom (mutual aid); the slip shows 60.00 of it inside acct_pay
		at(3, ok(mut("c/7", mutation.Settle, bill("kid", 10000)), bal{"mom": fen("400.00")})),
		at(3, step{m: mut("c/8", mutation.RecordSlip, recordSlip("c/7", "kid", 10000,
			`{"medfee_sumamt":"100.00","acct_pay":"60.00","acct_mulaid_pay":"60.00","psn_cash_pay":"40.00"}`, false)),
			status: mutation.Confirmed, code: engine.SlipMutualAidLower, want: bal{"mom": fen("440.00")}}),
		// a slip whose parts do not add up names the total
		{days: 3, step: step{m: mut("c/9", mutation.RecordSlip, recordSlip("c/8", "kid", 10000,
			`{"medfee_sumamt":"100.00","acct_pay":"60.00","psn_cash_pay":"60.00"}`, false)), status: mutation.Rejected, code: mutation.InvalidInput,
			check: nil}},
		// a slip for another patient than the bill's
		{days: 3, step: no(mut("c/10", mutation.RecordSlip, recordSlip("c/8", "mom", 10000, lower, false)), mutation.InvalidInput)},
		// not a bill
		at(4, ok(mut("c/11", mutation.Credit, `{"person":"dad","account":"account","amount":"5.00"}`), bal{"dad": fen("85.00")})),
		at(4, no(mut("c/12", mutation.RecordSlip, recordSlip("c/11", "dad", 10000, lower, false)), mutation.NotABill)),
	})
}

// at on a step value, for reading order in tables.
func (s step) at(days int) timed { return timed{days, s} }

func TestSlipFieldError(t *testing.T) {
	e := engine.Default()
	s, _ := run(t, e, household())
	o, _ := mutation.Apply(e, &s, mut("c/1", mutation.Settle, bill("dad", 10000)), day)
	s2, _ := run(t, e, household())
	_, s2 = mutation.Apply(e, &s2, mut("c/1", mutation.Settle, bill("dad", 10000)), day)
	_ = o
	o, _ = mutation.Apply(e, &s2, mut("c/2", mutation.RecordSlip, recordSlip("c/1", "dad", 10000,
		`{"medfee_sumamt":"100.00","acct_pay":"60.00","psn_cash_pay":"60.00"}`, false)), day)
	if o.Error == nil || o.Error.Field != "args.slip.medfee_sumamt" {
		t.Fatalf("error %+v, want args.slip.medfee_sumamt", o.Error)
	}
}

func checkpoint(person, balance string) string {
	return fmt.Sprintf(`{"person":%q,"balance":%q}`, person, balance)
}

func TestMonthlyCredits(t *testing.T) {
	// day is 2026-03-03; mom's credit is 100.00 on the 15th
	s := timedStory(t, []timed{
		at(0, ok(mut("c/1", mutation.SetCreditSchedule, `{"person":"mom","amount":"100.00","day":15}`), bal{"mom": fen("500.00")})),
		at(0, no(mut("c/2", mutation.SetCreditSchedule, `{"person":"kid","amount":"10.00","day":15}`), mutation.InvalidInput)),
		at(0, no(mut("c/3", mutation.SetCreditSchedule, `{"person":"dad","amount":"0.00","day":15}`), mutation.NoChange)),
		at(0, no(mut("c/4", mutation.SetCreditSchedule, `{"person":"mom","amount":"100.00","day":32}`), mutation.InvalidInput)),
		// nothing due before the 15th; on the 15th (day+12) March is credited, by any mutation
		at(11, ok(mut("c/5", mutation.Checkpoint, checkpoint("mom", "500.00")), bal{"mom": fen("500.00")})),
		at(12, ok(mut("c/6", mutation.Checkpoint, checkpoint("mom", "600.00")), bal{"mom": fen("600.00")})),
		// a refused mutation accrues nothing
		at(50, no(mut("c/7", mutation.Void, `{"target":"nope"}`), mutation.TargetUnknown)),
		// two months later: April and May, each once
		at(74, ok(mut("c/8", mutation.Checkpoint, checkpoint("mom", "800.00")), bal{"mom": fen("800.00")})),
		at(74, ok(mut("c/9", mutation.Checkpoint, checkpoint("mom", "800.00")), bal{"mom": fen("800.00")})),
		// 停保: no credit in June or July
		at(75, ok(mut("c/10", mutation.LifeEvent, `{"person":"mom","event":"stop"}`), bal{"mom": fen("800.00")})),
		at(130, ok(mut("c/11", mutation.LifeEvent, `{"person":"mom","event":"resume"}`), bal{"mom": fen("800.00")})),
		// resumed on 07-11: July's credit on the 15th, not the months missed
		at(134, ok(mut("c/12", mutation.Checkpoint, checkpoint("mom", "900.00")), bal{"mom": fen("900.00")})),
		// a new amount and day from August on; July is not credited twice
		at(135, ok(mut("c/13", mutation.SetCreditSchedule, `{"person":"mom","amount":"50.00","day":31}`), bal{"mom": fen("900.00")})),
		at(182, ok(mut("c/14", mutation.Checkpoint, checkpoint("mom", "950.00")), bal{"mom": fen("950.00")})),
		// death: no credit after it
		at(183, ok(mut("c/15", mutation.LifeEvent, `{"person":"mom","event":"death"}`), bal{"mom": fen("950.00")})),
		at(400, ok(mut("c/16", mutation.Checkpoint, checkpoint("dad", "80.00")), bal{"mom": fen("950.00")})),
	})
	if len(s.Checkpoints) != 7 || s.Checkpoints[1].Ledger != fen("600.00") {
		t.Errorf("checkpoints %+v", s.Checkpoints)
	}
}

func TestCreditDays(t *testing.T) {
	for _, c := range []struct {
		from string
		day  int
		want string
	}{
		{"2026-03-03", 15, "2026-03-15"}, {"2026-03-15", 15, "2026-03-15"}, {"2026-03-16", 15, "2026-04-15"},
		{"2026-02-01", 31, "2026-02-28"}, {"2028-02-01", 30, "2028-02-29"}, {"2026-12-20", 5, "2027-01-05"},
	} {
		if got := family.NextDue(civil.MustDate(c.from), c.day); got != civil.MustDate(c.want) {
			t.Errorf("NextDue(%s, %d) = %s, want %s", c.from, c.day, got, c.want)
		}
	}
	if got := family.AfterDue(civil.MustDate("2026-01-31"), 31); got != civil.MustDate("2026-02-28") {
		t.Errorf("AfterDue = %s", got)
	}
	if got := family.AfterDue(civil.MustDate("2026-02-28"), 31); got != civil.MustDate("2026-03-31") {
		t.Errorf("AfterDue = %s", got)
	}
}
