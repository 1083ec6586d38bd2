package mutation

import (
	"fmt"
	"time"

	"gongji/shared/family"
)

// MaxVisitBack is how far before its entry a visit may be dated: the rules and the log start
// with family mutual aid (国办发〔2021〕14号, 2021), and a receipt is kept for years, not decades.
const MaxVisitBack = 5 * 366 * 24 * time.Hour

// visitMoment is when the rules decide a bill: its visit, else the moment it was entered.
func visitMoment(a *SettleArgs, at time.Time) time.Time {
	if a.Visit.IsZero() {
		return at
	}
	return a.Visit
}

// checkVisit refuses a visit after the bill was entered (a receipt is entered after the
// visit) or more than MaxVisitBack before it.
func checkVisit(a *SettleArgs, at time.Time, field string) error {
	switch {
	case a.Visit.IsZero():
		return nil
	case a.Visit.After(at):
		return fieldErr(field, fmt.Sprintf("%s is after the moment it was entered, %s", a.Visit.Format(time.RFC3339), at.Format(time.RFC3339)))
	case a.Visit.Before(at.Add(-MaxVisitBack)):
		return fieldErr(field, fmt.Sprintf("%s is more than 5 years before the moment it was entered", a.Visit.Format(time.RFC3339)))
	}
	return nil
}

// recordOf is what a state remembers of an applied action for a later correction, or nil
// for actions no correction reaches (people, links, bindings, wallet transfers, arrivals).
func recordOf(s *family.State, m Mutation, args any, at time.Time, o Outcome) *family.Record {
	r := &family.Record{ID: m.ID, Name: string(Canonical(m.Name)), At: at, Entries: o.Entries}
	switch a := args.(type) {
	case *SettleArgs:
		r.Person, r.At = a.Patient, visitMoment(a, at)
	case *PremiumArgs:
		r.Person = a.Insured
	case *CreditArgs:
		r.Person = a.Person
	case *CorrectArgs:
		r.Person = a.Person
	case *TransferArgs:
		r.Person = a.Person
	case *AmendArgs:
		r.Person = a.Settle.Patient
		if t := s.Record(a.Target); t != nil {
			r.At = amendMoment(t, &a.Settle)
		}
	case *EditPersonArgs:
		r.Person, r.Before = a.Person, profileOf(s.Person(a.Person))
	case *LifeEventArgs:
		r.Person, r.Before = a.Person, profileOf(s.Person(a.Person))
	case *RecordSlipArgs:
		r.Person = a.Settle.Patient
		if t := s.Record(a.Target); t != nil {
			r.At = amendMoment(t, &a.Settle)
		}
	case *VoidArgs, *UndoArgs:
		// person and profiles are filled by redoVoid
	default:
		return nil
	}
	return r
}

// profileOf is a copy of p without its balances (what an edit changes), nil for nil.
func profileOf(p *family.Person) *family.Person {
	if p == nil {
		return nil
	}
	c := family.Person{ID: p.ID, Name: p.Name, Region: p.Region, Insurance: p.Insurance, Status: p.Status,
		Retired: p.Retired, Tier: p.Tier, Deceased: p.Deceased}
	return &c
}

// redoMore applies the structure of corrections and life events, then remembers the action.
func redoMore(s, next *family.State, m Mutation, args any, at time.Time, o Outcome) error {
	rec := recordOf(s, m, args, at, o)
	if err := redoLife(next, m, args); err != nil {
		return err
	}
	if err := redoCorrection(next, m, args, rec); err != nil {
		return err
	}
	redoTruth(s, next, m, args, at, rec)
	if rec == nil {
		return nil
	}
	if rec.Before != nil {
		rec.After = profileOf(next.Person(rec.Person))
	}
	next.Remember(*rec)
	return nil
}
