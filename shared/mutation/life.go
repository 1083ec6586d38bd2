package mutation

import (
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
)

// Life events and the second step of a transfer (server/API.md, Mutations).
const (
	LifeEvent      Name = "life_event"      // LifeEventArgs: 停保, 恢复参保, 退休, 死亡, a change of scheme
	TransferArrive Name = "transfer_arrive" // TransferArriveArgs: a transferred balance arrives
)

// Reason codes of life events and arrivals.
const (
	// PersonDeceased: a death was recorded for the person; no other life event follows it
	// (void the death if it was a mistake).
	PersonDeceased engine.Code = "PERSON_DECEASED"
	// AlreadyArrived: the transferred balance has arrived already.
	AlreadyArrived engine.Code = "ALREADY_ARRIVED"
	// NotInTransit: the action named is not a transfer with a balance on its way.
	NotInTransit engine.Code = "NOT_IN_TRANSIT"
)

// Event is what happened in a person's life.
type Event string

// Events.
const (
	EventSuspend Event = "suspend" // 暂停参保: status suspended
	EventStop    Event = "stop"    // 停保 / 终止参保: status stopped
	EventResume  Event = "resume"  // 恢复参保: status active
	EventRetire  Event = "retire"  // 退休
	// EventDeath: 死亡. The status becomes stopped, so no binding pays for or from the person
	// (B1, B2, S7); the account is paid out with withdraw on the ground death (D1, D3). The
	// wallet balance stays where it is: no source says how a wallet is paid out.
	EventDeath Event = "death"
	// EventScheme: a change of scheme (Insurance). Joining employee insurance opens an
	// account; leaving it keeps the account's balance until withdraw or transfer.
	EventScheme Event = "scheme"
)

// Events lists them in a fixed order.
func Events() []Event {
	return []Event{EventSuspend, EventStop, EventResume, EventRetire, EventDeath, EventScheme}
}

// LifeEventArgs records Event for Person; Insurance is the new scheme of EventScheme.
type LifeEventArgs struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person    family.PersonID  `json:"person"`
	Event     Event            `json:"event"`
	Insurance family.Insurance `json:"insurance,omitempty"`
}

// TransferArriveArgs brings the balance of the transfer Transfer (the transfer mutation's id)
// into the person's account in the new region.
type TransferArriveArgs struct {
	Transfer string `json:"transfer"`
}

func checkLifeEvent(a *LifeEventArgs) error {
	if err := id("person", string(a.Person)); err != nil {
		return err
	}
	for _, e := range Events() {
		if a.Event != e {
			continue
		}
		if e != EventScheme {
			return nil
		}
		return checkInsurance(a.Insurance)
	}
	return badChoice("args.event", string(a.Event), "suspend, stop, resume, retire, death or scheme")
}

func decideLifeEvent(c call, v any) (Outcome, error) {
	s, a := c.s, v.(*LifeEventArgs)
	p := s.Person(a.Person)
	if p == nil {
		return Outcome{}, unknownPerson(a.Person)
	}
	if p.Deceased {
		return refused(PersonDeceased), nil
	}
	next := *p
	lifeEvent(&next, a)
	if sameProfile(p, &next) {
		return refused(NoChange), nil
	}
	return Outcome{Status: Confirmed}, nil
}

func lifeEvent(p *family.Person, a *LifeEventArgs) {
	switch a.Event {
	case EventSuspend:
		p.Status = family.Suspended
	case EventStop:
		p.Status = family.Stopped
	case EventResume:
		p.Status = family.Active
	case EventRetire:
		p.Retired = true
	case EventDeath:
		p.Deceased, p.Status = true, family.Stopped
	case EventScheme:
		setScheme(p, a.Insurance)
	}
}

// transferEntries sends a transferred balance on its way: the engine's posting to the
// destination region becomes a posting to an in-transit account named by the transfer, so
// the money is in the family's ledger until transfer_arrive posts it into the new account.
func transferEntries(entries []ledger.Entry, to, id string) []ledger.Entry {
	out := make([]ledger.Entry, len(entries))
	for i, en := range entries {
		c := ledger.Entry{Kind: en.Kind, Postings: append([]ledger.Posting(nil), en.Postings...)}
		for j, p := range c.Postings {
			if p.Account.Kind == ledger.External && p.Account.Owner == to && p.Amount > 0 {
				c.Postings[j].Account = ledger.Account{Kind: ledger.InTransit, Owner: id}
			}
		}
		out[i] = c
	}
	return out
}

// inTransit is what a transfer record sent on its way.
func inTransit(r *family.Record) ledger.Posting {
	for _, en := range r.Entries {
		for _, p := range en.Postings {
			if p.Account.Kind == ledger.InTransit && p.Account.Owner == r.ID && p.Amount > 0 {
				return p
			}
		}
	}
	return ledger.Posting{}
}

// decideArrive posts the balance in transit into the person's account (T3: the destination
// has 5 working days after receipt; the family records the day it shows).
func decideArrive(c call, v any) (Outcome, error) {
	s, a := c.s, v.(*TransferArriveArgs)
	r := s.Record(a.Transfer)
	if r == nil || Name(r.Name) != Transfer {
		return refused(TargetUnknown), nil
	}
	if r.Arrived != "" {
		return refused(AlreadyArrived), nil
	}
	p := inTransit(r)
	if p.Amount <= 0 {
		return refused(NotInTransit), nil
	}
	return Outcome{Status: Confirmed, Entries: []ledger.Entry{{Kind: "transfer_arrive", Postings: []ledger.Posting{
		{Account: p.Account, Amount: -p.Amount},
		{Account: ledger.AccountOf(r.Person), Amount: p.Amount}}}}}, nil
}

func redoLife(next *family.State, m Mutation, args any) error {
	switch a := args.(type) {
	case *LifeEventArgs:
		p := next.Person(a.Person)
		if p == nil {
			return unknownPerson(a.Person)
		}
		lifeEvent(p, a)
	case *TransferArriveArgs:
		if !next.Mark(a.Transfer, func(r *family.Record) { r.Arrived = m.ID }) {
			return unknown("args.transfer", "transfer", a.Transfer)
		}
	}
	return nil
}
