package family

import (
	"time"

	"gongji/shared/civil"
	"gongji/shared/money"
)

// CreditSchedule is a person's monthly credit (个人账户划入, research.md R-ACC-01): Amount on
// Day of every month (the month's last day when it is shorter), into the personal account.
// Next is the next due date not yet accrued: every credit before it was made or skipped
// (the person was not insured and active on that day's accrual), each exactly once.
type CreditSchedule struct {
	Person PersonID     `json:"person"`
	Amount money.Amount `json:"amount"`
	Day    int          `json:"day"`
	Next   civil.Date   `json:"next"`
	// Set is the mutation that set the schedule.
	Set string `json:"set"`
}

// Checkpoint is the balance the national app showed for Person's account (or wallet) On a
// day, beside the ledger's balance when it was entered (Ledger). ID is the mutation's id.
type Checkpoint struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	ID      string       `json:"id"`
	Person  PersonID     `json:"person"`
	Account Source       `json:"account"`
	On      civil.Date   `json:"on"`
	At      time.Time    `json:"at"`
	Balance money.Amount `json:"balance"`
	Ledger  money.Amount `json:"ledger"`
}

// MaxCheckpoints bounds the checkpoints a state keeps: the newest 200.
const MaxCheckpoints = 200

// Schedule finds the credit schedule of person p (nil when none).
func (s *State) Schedule(p PersonID) *CreditSchedule {
	for i := range s.Schedules {
		if s.Schedules[i].Person == p {
			return &s.Schedules[i]
		}
	}
	return nil
}

// LastCheckpoint is the newest checkpoint of p's account kind k (nil when none).
func (s *State) LastCheckpoint(p PersonID, k Source) *Checkpoint {
	for i := len(s.Checkpoints) - 1; i >= 0; i-- {
		if c := &s.Checkpoints[i]; c.Person == p && c.Account == k {
			return c
		}
	}
	return nil
}

// AddCheckpoint keeps c as the newest checkpoint, forgetting the oldest beyond MaxCheckpoints.
func (s *State) AddCheckpoint(c Checkpoint) {
	s.Checkpoints = append(s.Checkpoints, c)
	if n := len(s.Checkpoints); n > MaxCheckpoints {
		s.Checkpoints = append([]Checkpoint(nil), s.Checkpoints[n-MaxCheckpoints:]...)
	}
}

// DueOn is the day a schedule for day d is due in year y, month m: d, or the month's last day.
func DueOn(y int, m time.Month, d int) civil.Date {
	last := time.Date(y, m+1, 0, 12, 0, 0, 0, civil.Zone()).Day()
	return civil.DateOf(time.Date(y, m, min(d, last), 12, 0, 0, 0, civil.Zone()))
}

// NextDue is the first due date of a schedule for day d that is on or after from.
func NextDue(from civil.Date, d int) civil.Date {
	t := civil.At(from, 12*3600).In(civil.Zone())
	if due := DueOn(t.Year(), t.Month(), d); due >= from {
		return due
	}
	return DueOn(t.Year(), t.Month()+1, d)
}

// AfterDue is the due date in the month after due.
func AfterDue(due civil.Date, d int) civil.Date {
	t := civil.At(due, 12*3600).In(civil.Zone())
	return DueOn(t.Year(), t.Month()+1, d)
}
