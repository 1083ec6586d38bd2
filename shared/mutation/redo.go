package mutation

import (
	"time"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/ledger"
)

// redo applies an applied outcome: the kind's structure first (a person must exist before
// their opening entry), then the ledger entries, then what the entries decided (a transfer's
// new state, a voided action marked), and last the record a correction may reach.
func redo(s *family.State, m Mutation, args any, at time.Time, o Outcome) (family.State, error) {
	k, ok := KindOf(m.Name)
	if !ok {
		return family.State{}, unknown("name", "mutation", string(m.Name))
	}
	c := call{s: s, m: m, at: at}
	next := s.Clone()
	if k.build != nil {
		if err := k.build(&next, c, args); err != nil {
			return family.State{}, err
		}
	}
	for _, e := range o.Entries {
		if _, err := ledger.Apply(&next, e); err != nil {
			return family.State{}, err
		}
	}
	if err := restate(&next, o.Restated); err != nil {
		return family.State{}, err
	}
	var rec *family.Record
	if k.keep {
		rec = &family.Record{ID: m.ID, Name: string(k.Name), At: at, Entries: o.Entries}
		if k.person != nil {
			rec.Person = k.person(args)
		}
		if k.record != nil {
			k.record(c, args, rec)
		}
	}
	if k.finish != nil {
		if err := k.finish(&next, c, args, rec); err != nil {
			return family.State{}, err
		}
	}
	if rec == nil {
		return next, nil
	}
	if rec.Before != nil {
		rec.After = profileOf(next.Person(rec.Person))
	}
	next.Remember(*rec)
	return next, nil
}

func addPerson(next *family.State, a *PersonArgs) {
	next.People = append(next.People, family.Person{ID: a.ID, Name: a.Name, Region: a.Region,
		Insurance: a.Insurance, Status: a.Status, Retired: a.Retired, Tier: a.Tier, Sex: a.Sex,
		HasAccount: a.Insurance == family.Employee, Wallet: family.Wallet{Opened: a.WalletOpen}})
}

func buildBind(next *family.State, c call, v any) error {
	a := v.(*BindArgs)
	next.Bindings = append(next.Bindings, family.Binding{ID: c.m.ID, Authorizer: a.Authorizer,
		Beneficiary: a.Beneficiary, Scopes: append([]family.Scope(nil), a.Scopes...),
		Created: civil.DateOf(bindMoment(a, c.at)), Revoked: civil.Never})
	return nil
}

func revoke(s *family.State, id string, on civil.Date) error {
	for i := range s.Bindings {
		if b := &s.Bindings[i]; b.ID == id {
			b.Revoked = max(on, b.Created)
			return nil
		}
	}
	return unknown("args.binding", "binding", id)
}
