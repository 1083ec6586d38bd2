package book

import (
	"encoding/json"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
	"gongji/shared/region"
	"gongji/shared/workday"
)

// ReminderKind is what a reminder asks the family to do.
type ReminderKind string

// Reminder kinds, most urgent first in Reminders' order.
const (
	// AcceptTransfer: a wallet transfer waits for its receiver; unaccepted, it goes back to
	// the sender at 06:00 (W11).
	AcceptTransfer ReminderKind = "accept_transfer"
	// RefundDue: the 06:00 refund time has passed; the transfer can be refunded.
	RefundDue ReminderKind = "refund_due"
	// Rebind: a Shenzhen binding lapsed on its region's cut-off (SZ5) and must be made again.
	Rebind ReminderKind = "rebind"
	// TransferDue: a transfer of the insurance relationship is under way; the origin must
	// finish within 10 working days and the destination within 5 of receipt (T3).
	TransferDue ReminderKind = "transfer_due"
	// ConsentWaits: a request waits for the approval of this device's person (or the
	// owner's); Key is the request, Other who asked, Due when.
	ConsentWaits ReminderKind = "consent"
)

// TransferOriginDays and TransferDestDays are T3's deadlines in working days
// (医保办发〔2021〕43号).
const (
	TransferOriginDays = 10
	TransferDestDays   = 5
)

// Reminder is one thing the family should do, with its deadline.
type Reminder struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Kind   ReminderKind
	Key    string          // the transfer, binding or mutation it is about
	Person family.PersonID // who has to act (the receiver, the beneficiary, the insured)
	Other  family.PersonID // the sender of a wallet transfer, the authorizer of a binding
	Amount string          // a wallet transfer's amount ("" otherwise)
	Due    time.Time       // when it is due; zero when it has no time
	Left   time.Duration   // Due minus now (AcceptTransfer)
	// OriginDue and DestDue are TransferDue's dates; Known is false when a count ran past the
	// holiday calendar's last year (Monday to Friday assumed there).
	OriginDue, DestDue civil.Date
	Region             region.Code
	Known              bool
}

// Reminders lists what is due at now: wallet transfers to accept (or to refund), lapsed
// Shenzhen bindings, and relationship transfers whose deadlines have not passed.
func (b *Book) Reminders(e *engine.Engine, now time.Time) []Reminder {
	var out []Reminder
	for _, t := range b.State.Transfers {
		if t.State != family.Pending {
			continue
		}
		r := Reminder{Kind: AcceptTransfer, Key: t.ID, Person: t.To, Other: t.From, Amount: t.Amount.String(),
			Due: engine.RefundAt(t.At)}
		if r.Left = r.Due.Sub(now); r.Left <= 0 {
			r.Kind, r.Person, r.Other, r.Left = RefundDue, t.From, t.To, 0
		}
		out = append(out, r)
	}
	today := civil.DateOf(now)
	for i := range b.State.Bindings {
		bd := &b.State.Bindings[i]
		if bd.Revoked != civil.Never {
			continue
		}
		if cut, lapsed := Invalidated(e, &b.State, bd, today); lapsed {
			out = append(out, Reminder{Kind: Rebind, Key: bd.ID, Person: bd.Beneficiary, Other: bd.Authorizer,
				Due: civil.At(cut, 0)})
		}
	}
	for _, l := range b.Lines() {
		if l.Name != mutation.Transfer || l.Item < 0 || !b.Items[l.Item].Outcome.Status.Applied() {
			continue
		}
		it := &b.Items[l.Item]
		var a mutation.TransferArgs
		if json.Unmarshal(it.Act.Args, &a) != nil {
			continue
		}
		start := civil.DateOf(l.Made)
		origin, k1 := workday.Add(start, TransferOriginDays)
		dest, k2 := workday.Add(origin, TransferDestDays)
		if dest < today {
			continue
		}
		out = append(out, Reminder{Kind: TransferDue, Key: it.Key(), Person: a.Person, Region: a.ToRegion,
			Due: civil.At(dest, 0), OriginDue: origin, DestDue: dest, Known: k1 && k2})
	}
	return out
}

// Requests lists the requests that wait for who's decision (mutation.CanDecide), oldest
// first: the header's badge and the reminder list count them with the rest.
func (b *Book) Requests(who mutation.Actor) []Reminder {
	var out []Reminder
	for i := range b.State.Requests {
		r := &b.State.Requests[i]
		if !mutation.CanDecide(&b.State, who, r) {
			continue
		}
		rm := Reminder{Kind: ConsentWaits, Key: r.ID, Due: r.At}
		if r.Ask != nil {
			rm.Other = r.Ask.From
		}
		if w := r.WaitingFor(); len(w) > 0 {
			rm.Person = w[0]
		}
		out = append(out, rm)
	}
	return out
}
