package mutation

import (
	"strconv"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
)

// Monthly credits (个人账户划入, research.md R-ACC-01) and balance checkpoints.
//
// A credit is never a mutation of its own: it is derived from the schedule a person set
// (set_credit_schedule) and the date. Before any mutation is applied at a moment t, every
// credit due on or before t's day is accrued, in schedule order, month by month; the
// outcome carries them (Outcome.Credits) and Redo posts exactly those, so the server's log
// decides them once and every device redoes the same. A screen shows the state accrued to
// its own clock (Accrue), so a credit shows on its day on a phone that is offline, and no
// device has to be online for it: the next mutation anyone makes records it. A person who is
// not an insured, active employee with an account at accrual (停保, 暂停, death, another
// scheme) gets no credit for those months: they are skipped, never made later.
const (
	SetCreditSchedule Name = "set_credit_schedule" // CreditScheduleArgs
	Checkpoint        Name = "checkpoint"          // CheckpointArgs
)

// MaxAccrual bounds the credits one accrual makes per schedule: 10 years of months. A longer
// gap is accrued over the following mutations.
const MaxAccrual = 120

// CreditScheduleArgs sets Person's monthly credit: Amount on Day (1-31; the month's last day
// in a shorter month) from the mutation's day on, or from From (a day up to 5 years back).
// Amount 0.00 ends the schedule.
type CreditScheduleArgs struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person family.PersonID `json:"person"`
	Amount money.Amount    `json:"amount"`
	Day    int             `json:"day"`
	From   civil.Date      `json:"from,omitempty"`
}

// CheckpointArgs records the Balance the national app showed for Person's account ("account",
// the default, or "wallet") On a day (the mutation's day when zero).
type CheckpointArgs struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person  family.PersonID `json:"person"`
	Account AccountKind     `json:"account,omitempty"`
	Balance money.Amount    `json:"balance"`
	On      civil.Date      `json:"on,omitempty"`
}

// MonthlyCredit is one accrued month of a schedule: Amount posted into Person's account for the
// month due on Due, or, when Skip is set (a reason code), the months up to Due passed
// without a credit.
type MonthlyCredit struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person family.PersonID `json:"person"`
	Due    civil.Date      `json:"due"`
	Amount money.Amount    `json:"amount"`
	Skip   engine.Code     `json:"skip,omitempty"`
}

// Codes of credits.
const (
	// NotCredited: the person was not an insured, active employee with an account on the
	// months skipped (停保, 暂停参保, death, another scheme).
	NotCredited engine.Code = "NOT_CREDITED"
)

// creditable says whether p's account receives its monthly credit.
func creditable(p *family.Person) bool {
	return p != nil && p.HasAccount && p.Insurance == family.Employee && p.Status == family.Active && !p.Deceased
}

// DueCredits lists the credits due on or before at's day that s has not accrued yet.
func DueCredits(s *family.State, at time.Time) []MonthlyCredit {
	today := civil.DateOf(at)
	var out []MonthlyCredit
	for _, sch := range s.Schedules {
		p := s.Person(sch.Person)
		var skipped *MonthlyCredit
		for n, due := 0, sch.Next; due <= today && n < MaxAccrual; n, due = n+1, family.AfterDue(due, sch.Day) {
			if !creditable(p) {
				skipped = &MonthlyCredit{Person: sch.Person, Due: due, Skip: NotCredited}
				continue
			}
			if skipped != nil {
				out, skipped = append(out, *skipped), nil
			}
			out = append(out, MonthlyCredit{Person: sch.Person, Due: due, Amount: sch.Amount})
		}
		if skipped != nil {
			out = append(out, *skipped)
		}
	}
	return out
}

// creditEntry is the ledger entry of a credit: from outside into the person's account.
func creditEntry(c MonthlyCredit) ledger.Entry {
	return ledger.Entry{Kind: "monthly_credit", Postings: []ledger.Posting{
		{Account: ledger.AccountOf(c.Person), Amount: c.Amount},
		{Account: ledger.Account{Kind: ledger.External, Owner: "monthly_credit"}, Amount: -c.Amount}}}
}

// postCredits posts cs into s and moves each schedule's next due date past them.
func postCredits(s *family.State, cs []MonthlyCredit) error {
	for _, c := range cs {
		sch := s.Schedule(c.Person)
		if sch == nil {
			return fieldErr("credits", "no credit schedule for "+strconv.Quote(string(c.Person)))
		}
		sch.Next = family.AfterDue(c.Due, sch.Day)
		if c.Skip != "" {
			continue
		}
		if _, err := ledger.Apply(s, creditEntry(c)); err != nil {
			return err
		}
	}
	return nil
}

// Accrue is s with every credit due up to at posted, and those credits: the state a screen
// shows at at. The same log and the same day give the same credits on every device.
func Accrue(s *family.State, at time.Time) (family.State, []MonthlyCredit, error) {
	next := s.Clone()
	cs := DueCredits(s, at)
	if err := postCredits(&next, cs); err != nil {
		return s.Clone(), nil, err
	}
	return next, cs, nil
}

func checkCreditSchedule(a *CreditScheduleArgs) error {
	if err := id("person", string(a.Person)); err != nil {
		return err
	}
	if a.Day < 1 || a.Day > 31 {
		return fieldErr("args.day", strconv.Itoa(a.Day)+": want a day of the month, 1 to 31")
	}
	if a.Amount < 0 {
		return fieldErr("args.amount", a.Amount.String()+": want 0.00 (end the schedule) or more")
	}
	return nil
}

func decideCreditSchedule(c call, v any) (Outcome, error) {
	s, a, at := c.s, v.(*CreditScheduleArgs), c.at
	p := s.Person(a.Person)
	switch {
	case p == nil:
		return Outcome{}, unknownPerson(a.Person)
	case a.Amount > 0 && !p.HasAccount:
		// R-ACC-01: only an employee's personal account is credited
		return Outcome{}, noAccount(a.Person, "")
	case a.From != 0 && (a.From > civil.DateOf(at) || a.From < civil.DateOf(at.Add(-MaxVisitBack))):
		return Outcome{}, fieldErr("args.from", a.From.String()+": want a day up to 5 years before the mutation, not after it")
	}
	old := s.Schedule(a.Person)
	if old == nil && a.Amount == 0 {
		return refused(NoChange), nil
	}
	if old != nil && old.Amount == a.Amount && old.Day == a.Day && a.From == 0 {
		return refused(NoChange), nil
	}
	return Outcome{Status: Confirmed}, nil
}

// redoCreditSchedule sets, changes or ends the schedule. A changed schedule never credits a
// month twice: its first due date is in a month after the last one accrued.
func redoCreditSchedule(next *family.State, m Mutation, a *CreditScheduleArgs, at time.Time) {
	from := civil.DateOf(at)
	if a.From != 0 {
		from = a.From
	}
	old := next.Schedule(a.Person)
	if old != nil {
		t := civil.At(old.Next, 12*3600).In(civil.Zone())
		if first := family.DueOn(t.Year(), t.Month(), 1); first > from {
			from = first
		}
	}
	out := next.Schedules[:0:0]
	for _, sch := range next.Schedules {
		if sch.Person != a.Person {
			out = append(out, sch)
		}
	}
	if a.Amount > 0 {
		out = append(out, family.CreditSchedule{Person: a.Person, Amount: a.Amount, Day: a.Day,
			Next: family.NextDue(from, a.Day), Set: m.ID})
	}
	next.Schedules = out
}

func checkCheckpoint(a *CheckpointArgs) error {
	if err := id("person", string(a.Person)); err != nil {
		return err
	}
	switch a.Account {
	case "", PersonalAccount, WalletAccount:
		return nil
	}
	return badChoice("args.account", string(a.Account), "account or wallet")
}

func decideCheckpoint(c call, v any) (Outcome, error) {
	s, a, at := c.s, v.(*CheckpointArgs), c.at
	p := s.Person(a.Person)
	switch {
	case p == nil:
		return Outcome{}, unknownPerson(a.Person)
	case a.On > civil.DateOf(at):
		return Outcome{}, fieldErr("args.on", a.On.String()+" is after the day it was entered")
	case a.Account != WalletAccount && !p.HasAccount:
		return Outcome{}, noAccount(a.Person, "")
	}
	return Outcome{Status: Confirmed}, nil
}

// checkpointOf is the checkpoint a applied to s (the ledger's balance beside the national app's).
func checkpointOf(s *family.State, m Mutation, a *CheckpointArgs, at time.Time) family.Checkpoint {
	k, on := a.Account, a.On
	if k == "" {
		k = PersonalAccount
	}
	if on == 0 {
		on = civil.DateOf(at)
	}
	acc := ledger.AccountOf(a.Person)
	if k == WalletAccount {
		acc = ledger.WalletOf(a.Person)
	}
	return family.Checkpoint{ID: m.ID, Person: a.Person, Account: k, On: on, At: at, Balance: a.Balance,
		Ledger: ledger.BalanceOf(s, acc)}
}
