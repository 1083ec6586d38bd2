package mutation_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand"
	"testing"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// timeline applies mutations at their own moments and keeps the log that corrections read.
type timeline struct {
	t   *testing.T
	e   *engine.Engine
	s   family.State
	log []mutation.Step
}

func newTimeline(t *testing.T) *timeline {
	tl := &timeline{t: t, e: engine.Default()}
	for _, m := range household() {
		tl.apply(m, day.Add(-time.Hour))
	}
	return tl
}

// apply applies m at at with the log at hand, checks that Redo of its outcome gives the same
// state, and returns the outcome.
func (tl *timeline) apply(m mutation.Mutation, at time.Time) mutation.Outcome {
	tl.t.Helper()
	log := tl.log
	m.History = func() ([]mutation.Step, error) { return log, nil }
	o, next := mutation.Apply(tl.e, &tl.s, m, at)
	redone, err := mutation.Redo(&tl.s, m, at, o)
	if err != nil || fmt.Sprint(redone) != fmt.Sprint(next) {
		tl.t.Fatalf("%s %s: Redo differs from Apply: %v", m.ID, m.Name, err)
	}
	if err := mutation.CheckNonNegative(&next); err != nil {
		tl.t.Fatalf("%s: %v", m.ID, err)
	}
	tl.s = next
	tl.log = append(tl.log, mutation.Step{Mutation: m, At: at, Outcome: o})
	return o
}

func clk(hhmm string) time.Time {
	t, err := time.ParseInLocation("15:04", hhmm, day.Location())
	if err != nil {
		panic(err)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, day.Location())
}

func kidBill(fen int, visit time.Time) string {
	return fmt.Sprintf(`{"patient":"kid","visit":%q,`, visit.Format(time.RFC3339)) + bill("kid", fen)[1:]
}

func payer(sp *mutation.Split, source engine.PaySource) money.Amount {
	var sum money.Amount
	for _, l := range sp.Lines {
		if l.Source == source {
			sum += l.Amount
		}
	}
	return sum
}

// TestAfternoonCorrection is the trial: a 10:30 bill corrected in the afternoon is
// decided against the accounts of 10:30 (mom's account through the binding, as it was paid),
// not re-paid from wallet money that arrived at 13:02; the 11:00 bill after it, which had run
// out of mom's account, is restated with its split before and after.
func TestAfternoonCorrection(t *testing.T) {
	for _, withLog := range []bool{true, false} {
		t.Run(fmt.Sprint("log at hand ", withLog), func(t *testing.T) {
			tl := newTimeline(t)
			first := tl.apply(mut("c/1", mutation.Settle, kidBill(30000, clk("10:30"))), clk("10:30"))
			second := tl.apply(mut("c/2", mutation.Settle, kidBill(30000, clk("11:00"))), clk("11:00"))
			if payer(first.Split, engine.MutualAid) != fen("300.00") || payer(second.Split, engine.MutualAid) != fen("200.00") || second.Split.Cash != fen("100.00") {
				t.Fatalf("bills before: %+v %+v", first.Split, second.Split)
			}
			tl.apply(mut("c/3", mutation.Credit, `{"person":"kid","account":"wallet","amount":"250.00"}`), clk("13:02"))
			amend := mut("c/4", mutation.AmendBill, `{"target":"c/1","settle":`+kidBill(10000, clk("10:30"))+`,"reason":"收据看错了"}`)
			if !withLog {
				// without the log the correction meets today's balances: the wallet pays (the bug)
				o, _ := mutation.Apply(tl.e, &tl.s, amend, clk("15:00"))
				if payer(o.Split, engine.FromPurse) != fen("100.00") {
					t.Fatalf("today's decision: %+v", o.Split)
				}
				return
			}
			o := tl.apply(amend, clk("15:00"))
			if o.Status != mutation.Confirmed || payer(o.Split, engine.MutualAid) != fen("100.00") || payer(o.Split, engine.FromPurse) != 0 {
				t.Fatalf("corrected bill: %s %+v", o.Status, o.Split)
			}
			if len(o.Restated) != 1 || o.Restated[0].Record != "c/2" || !o.Restated[0].Changed() {
				t.Fatalf("restated: %+v", o.Restated)
			}
			r := o.Restated[0]
			if payer(r.Before, engine.MutualAid) != fen("200.00") || r.Before.Cash != fen("100.00") ||
				payer(r.After, engine.MutualAid) != fen("300.00") || r.After.Cash != 0 {
				t.Errorf("c/2 before %+v after %+v", r.Before, r.After)
			}
			for k, want := range (bal{"mom": fen("100.00"), "kid.wallet": fen("250.00")}) {
				if got := balance(&tl.s, k); got != want {
					t.Errorf("%s = %s, want %s", k, got, want)
				}
			}
			// voiding c/2 now takes back what it pays now (300.00), and voiding the corrected bill
			// then gives mom back all of it
			tl.apply(mut("c/5", mutation.Void, `{"target":"c/2"}`), clk("16:00"))
			if got := balance(&tl.s, "mom"); got != fen("400.00") {
				t.Errorf("after voiding c/2: mom = %s, want 400.00", got)
			}
			tl.apply(mut("c/6", mutation.Void, `{"target":"c/4"}`), clk("16:10"))
			if got := balance(&tl.s, "mom"); got != fen("500.00") {
				t.Errorf("after voiding the corrected bill: mom = %s, want 500.00", got)
			}
		})
	}
}

// TestVoidFreesLaterBills: voiding the 10:30 bill decides the 11:00 bill again, which now finds
// mom's account full; undoing the void puts both back as they were.
func TestVoidFreesLaterBills(t *testing.T) {
	tl := newTimeline(t)
	tl.apply(mut("c/1", mutation.Settle, kidBill(30000, clk("10:30"))), clk("10:30"))
	tl.apply(mut("c/2", mutation.Settle, kidBill(30000, clk("11:00"))), clk("11:00"))
	o := tl.apply(mut("c/3", mutation.Void, `{"target":"c/1"}`), clk("15:00"))
	if len(o.Restated) != 1 || o.Restated[0].After.Cash != 0 || balance(&tl.s, "mom") != fen("200.00") {
		t.Fatalf("void: %+v, mom %s", o.Restated, balance(&tl.s, "mom"))
	}
	o = tl.apply(mut("c/4", mutation.Undo, `{"target":"c/3"}`), clk("15:05"))
	if o.Status != mutation.Confirmed || balance(&tl.s, "mom") != 0 || len(o.Restated) != 2 {
		t.Fatalf("undo: %s %+v, mom %s", o.Status, o.Restated, balance(&tl.s, "mom"))
	}
	if r := tl.s.Record("c/1"); r.VoidedBy != "" {
		t.Errorf("c/1 still voided by %s", r.VoidedBy)
	}
}

// TestCorrectionRefusedWhenLaterMoneyWouldRunOut: a later wallet transfer spent mom's account;
// an amendment that makes the 10:30 bill take more from it would take that transfer below zero
// at its moment, so it is refused.
func TestCorrectionRefusedWhenLaterMoneyWouldRunOut(t *testing.T) {
	tl := newTimeline(t)
	tl.apply(mut("c/1", mutation.Settle, kidBill(10000, clk("10:30"))), clk("10:30"))
	tl.apply(mut("c/2", mutation.WalletTransfer, `{"from":"mom","to":"dad","amount":"400.00","source":"account"}`), clk("11:00"))
	o := tl.apply(mut("c/3", mutation.AmendBill, `{"target":"c/1","settle":`+kidBill(20000, clk("10:30"))+`}`), clk("15:00"))
	if o.Status != mutation.Rejected || !hasCode(o.Codes, mutation.NegativeBalance) {
		t.Fatalf("amend: %s %v %v", o.Status, o.Codes, o.Error)
	}
}

// TestCorrectionsMatchAnIndependentReplay is the property behind corrections as of their
// moment: after every correction, the balances are those of the family's mutations applied
// afresh from the start with each bill as it now stands (the corrected arguments in the
// original's place, a voided bill left out). The replay knows nothing of records, reversals
// or restatements: it only applies mutations.
func TestCorrectionsMatchAnIndependentReplay(t *testing.T) {
	kinds := map[mutation.Name]int{}
	restated := 0
	defer func() {
		// the test must reach what it guards: corrections of every kind, later bills restated
		if kinds[mutation.AmendBill] < 20 || kinds[mutation.Void] < 10 || kinds[mutation.Undo] < 5 || restated < 10 {
			t.Errorf("too few cases: %v, %d restated", kinds, restated)
		}
		t.Logf("corrections %v, %d with later bills restated", kinds, restated)
	}()
	for seed := int64(1); seed <= 60; seed++ {
		r := rand.New(rand.NewSource(seed))
		tl := newTimeline(t)
		// the plan: every mutation made, by slot; a bill's args as it now stands ("" left out)
		type slot struct {
			m    mutation.Mutation
			at   time.Time
			args string
		}
		var plan []slot
		type saved struct {
			args     []string
			versions map[string]string
		}
		var history []saved // the plan before each correction, for undo
		clock := day
		n := 0
		next := func() string { n++; return fmt.Sprintf("c/%d", n) }
		patients := []string{"kid", "mom", "dad"}
		for i := 0; i < 8; i++ {
			clock = clock.Add(time.Duration(10+r.Intn(50)) * time.Minute)
			var m mutation.Mutation
			switch r.Intn(4) {
			case 0, 1:
				p := patients[r.Intn(len(patients))]
				args := fmt.Sprintf(`{"patient":%q,"visit":%q,`, p, clock.Format(time.RFC3339)) + bill(p, 2000+100*r.Intn(200))[1:]
				m = mut(next(), mutation.Settle, args)
			case 2:
				p := patients[r.Intn(len(patients))]
				m = mut(next(), mutation.Credit, fmt.Sprintf(`{"person":%q,"account":"wallet","amount":"%d.00"}`, p, 10+r.Intn(100)))
			default:
				m = mut(next(), mutation.Credit, fmt.Sprintf(`{"person":"mom","account":"account","amount":"%d.00"}`, 10+r.Intn(100)))
			}
			if o := tl.apply(m, clock); o.Status.Applied() {
				plan = append(plan, slot{m: m, at: clock, args: string(m.Args)})
			}
		}
		// standing version of each bill slot, by key, for targets
		versionOf := map[string]string{}
		for _, sl := range plan {
			versionOf[sl.m.ID] = sl.m.ID
		}
		var lastCorrection string
		for c := 0; c < 5; c++ {
			clock = clock.Add(time.Hour)
			var bills []int
			for i, sl := range plan {
				if sl.m.Name == mutation.Settle && sl.args != "" {
					bills = append(bills, i)
				}
			}
			before := make([]string, len(plan))
			for i := range plan {
				before[i] = plan[i].args
			}
			var m mutation.Mutation
			var i int
			switch {
			case lastCorrection != "" && r.Intn(4) == 0:
				m = mut(next(), mutation.Undo, fmt.Sprintf(`{"target":%q}`, lastCorrection))
			case len(bills) == 0:
				continue
			case r.Intn(3) == 0:
				i = bills[r.Intn(len(bills))]
				m = mut(next(), mutation.Void, fmt.Sprintf(`{"target":%q}`, versionOf[plan[i].m.ID]))
			default:
				i = bills[r.Intn(len(bills))]
				p := patients[r.Intn(len(patients))]
				args := fmt.Sprintf(`{"patient":%q,"visit":%q,`, p, plan[i].at.Format(time.RFC3339)) + bill(p, 1000+100*r.Intn(300))[1:]
				m = mut(next(), mutation.AmendBill, fmt.Sprintf(`{"target":%q,"settle":%s}`, versionOf[plan[i].m.ID], args))
			}
			o := tl.apply(m, clock)
			if !o.Status.Applied() {
				if o.Status == mutation.Rejected && hasCode(o.Codes, mutation.NegativeBalance) {
					continue // a later transfer or bill would run out: refused, nothing changed
				}
				t.Fatalf("seed %d: %s %s refused: %v %v", seed, m.Name, m.Args, o.Codes, o.Error)
			}
			kinds[m.Name]++
			if len(o.Restated) > 0 {
				restated++
			}
			switch m.Name {
			case mutation.Undo:
				prev := history[len(history)-1]
				history = history[:len(history)-1]
				for j := range plan {
					plan[j].args = prev.args[j]
				}
				versionOf, lastCorrection = prev.versions, "" // the version before stands again
			case mutation.Void:
				history = append(history, saved{before, maps.Clone(versionOf)})
				plan[i].args, lastCorrection = "", m.ID
			default:
				var a mutation.AmendArgs
				if err := json.Unmarshal(m.Args, &a); err != nil {
					t.Fatal(err)
				}
				raw, _ := json.Marshal(a.Settle)
				history = append(history, saved{before, maps.Clone(versionOf)})
				plan[i].args, lastCorrection = string(raw), m.ID
				versionOf[plan[i].m.ID] = m.ID
			}
			// the independent replay
			ref, _ := run(t, tl.e, household())
			for _, sl := range plan {
				if sl.args == "" {
					continue
				}
				rm := mut(sl.m.ID, sl.m.Name, sl.args)
				ro, nx := mutation.Apply(tl.e, &ref, rm, sl.at)
				if !ro.Status.Applied() {
					t.Fatalf("seed %d: replay of %s refused: %v %v", seed, sl.m.ID, ro.Codes, ro.Error)
				}
				ref = nx
			}
			for _, p := range tl.s.People {
				for _, a := range []ledger.Account{ledger.AccountOf(p.ID), ledger.WalletOf(p.ID)} {
					if got, want := ledger.BalanceOf(&tl.s, a), ledger.BalanceOf(&ref, a); got != want {
						t.Fatalf("seed %d after %s %s: %s = %s, the replay says %s", seed, m.ID, m.Name, a.Key(), got, want)
					}
				}
			}
		}
	}
}

// BenchmarkCorrectionAsOfMoment: what a correction costs where it is decided, by the length of
// the family's log after the household (bills of the kid paid through mom's binding), for the
// first bill (every later bill decided again) and the last (the log redone up to it), against
// deciding a new bill.
func BenchmarkCorrectionAsOfMoment(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		tl := &timeline{t: &testing.T{}, e: engine.Default()}
		for _, m := range household() {
			tl.apply(m, day.Add(-time.Hour))
		}
		clock := day
		for i := 1; i <= n; i++ {
			clock = clock.Add(time.Minute)
			if i%2 == 0 {
				tl.apply(mut(fmt.Sprintf("c/%d", i), mutation.Credit, `{"person":"mom","account":"account","amount":"1.00"}`), clock)
				continue
			}
			tl.apply(mut(fmt.Sprintf("c/%d", i), mutation.Settle, kidBill(100, clock)), clock)
		}
		log := tl.log
		history := func() ([]mutation.Step, error) { return log, nil }
		for _, tc := range []struct{ name, target string }{{"first", "c/1"}, {"last", fmt.Sprintf("c/%d", n-1)}, {"new bill", ""}} {
			if tc.name == "first" && n > family.MaxRecords {
				continue // forgotten: corrected by a correcting entry instead
			}
			m := mut("d/1", mutation.AmendBill, fmt.Sprintf(`{"target":%q,"settle":%s}`, tc.target, bill("kid", 50)))
			if tc.target == "" {
				m = mut("d/1", mutation.Settle, bill("kid", 50))
			}
			m.History = history
			b.Run(fmt.Sprintf("log=%d/%s", n, tc.name), func(b *testing.B) {
				for b.Loop() {
					if o, _ := mutation.Apply(tl.e, &tl.s, m, clock.Add(time.Hour)); !o.Status.Applied() {
						b.Fatalf("%s: %v %v", tc.name, o.Codes, o.Error)
					}
				}
			})
		}
	}
}
