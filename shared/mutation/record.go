package mutation

import (
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
		return fieldErr(field, a.Visit.Format(time.RFC3339)+" is after the moment it was entered, "+at.Format(time.RFC3339))
	case a.Visit.Before(at.Add(-MaxVisitBack)):
		return fieldErr(field, a.Visit.Format(time.RFC3339)+" is more than 5 years before the moment it was entered")
	}
	return nil
}

// profileOf is a copy of p without its balances (what an edit changes), nil for nil.
func profileOf(p *family.Person) *family.Person {
	if p == nil {
		return nil
	}
	c := family.Person{ID: p.ID, Name: p.Name, Region: p.Region, Insurance: p.Insurance, Status: p.Status,
		Retired: p.Retired, Tier: p.Tier, Deceased: p.Deceased, Sex: p.Sex, HasHistory: p.HasHistory, AccountHistory: p.AccountHistory}
	return &c
}
