// Package book is the app's model of one family on one device: the family's log as pulled
// from the server (sync.Change), and the queue of mutations made here and not yet in that
// log. The state is the log redone (sync.Replay) with the queue applied on top through the
// same mutation.Apply the server runs. It is pure (no I/O, no clock) and runs on the host in
// tests and in the browser alike.
package book

import (
	"encoding/json"
	"strconv"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/order"
	"gongji/shared/syncwire"
)

// ItemState is where one mutation stands between this device and the server.
type ItemState string

// Item states, as the sync screen shows them.
const (
	OnlyLocal ItemState = "local"     // made here, the family is not on a server yet
	Pending   ItemState = "pending"   // made here, not yet in the family's log
	Confirmed ItemState = "confirmed" // in the log, applied as the phone computed
	Adjusted  ItemState = "adjusted"  // in the log, applied with another split
	Rejected  ItemState = "rejected"  // in the log, refused: nothing changed
	Unknown   ItemState = "unknown"   // in the log under a name this build does not know
	// Waiting: in the log as a request; the person (or the owner) approves it (consent).
	Waiting ItemState = "pending_consent"
)

// Item is one mutation with its outcome: the server's for logged items, the local one for
// pending items.
type Item struct {
	Mutation syncwire.Mutation
	Outcome  mutation.Outcome
	State    ItemState
	Seq      int64
	// Device is the device that made it (the server's log names it; "" for a device not yet
	// on a server).
	Device string
	// Act is what the item did: its own mutation, or, for an approval that ran a request, the
	// request's (its key is the request's, which the bill, its record and every correction
	// of it are named by). Lists of bills and payments read Act, so an approved bill shows.
	Act Act
}

// Act is a mutation's key, name and arguments.
type Act struct {
	Key  string
	Name mutation.Name
	Args json.RawMessage
}

// Key is the item's id in the family.
func (it *Item) Key() string { return it.Mutation.Key() }

// Ref is the item's number a person can quote: its place in the family's log, or, for an
// item not yet on a server, L and its place among this device's.
func (b *Book) Ref(i int) string {
	if it := &b.Items[i]; it.Seq > 0 {
		return strconv.FormatInt(it.Seq, 10)
	}
	n := 0
	for j := 0; j <= i; j++ {
		if b.Items[j].Seq == 0 {
			n++
		}
	}
	return "L" + strconv.Itoa(n)
}

// actOf is what item it did in state s (Item.Act).
func actOf(s *family.State, it *Item) Act {
	if it.Mutation.Name == mutation.Approve && it.Outcome.Status.Applied() && it.Outcome.Request != "" {
		if r := s.Request(it.Outcome.Request); r != nil {
			return Act{Key: r.ID, Name: mutation.Canonical(mutation.Name(r.Name)), Args: r.Args}
		}
	}
	return Act{Key: it.Key(), Name: mutation.Canonical(it.Mutation.Name), Args: it.Mutation.Args}
}

// Book is the family as this device knows it.
type Book struct {
	State family.State
	Items []Item
	// Err is set when the pulled log could not be redone (a newer server); the state is then
	// the log up to the failing change.
	Err error
	// Due are the monthly credits due by the moment the book was shown (AccrueTo) that no
	// mutation has recorded yet; State includes them.
	Due []mutation.MonthlyCredit
	// lines is the ledger view, derived once (Lines).
	lines []Line
}

// Build redoes the log and applies the queue on top.
func Build(e *engine.Engine, l *Local) *Book {
	b := &Book{}
	st, err := syncwire.Replay(family.State{}, l.Confirmed)
	b.State, b.Err = st, err
	for _, c := range l.Confirmed {
		b.Items = append(b.Items, Item{Mutation: c.Mutation, Outcome: c.Outcome, State: logged(c.Outcome.Status), Seq: c.Seq, Device: c.Device})
	}
	waiting := Pending
	if l.Family == "" {
		waiting = OnlyLocal
	}
	var made []syncwire.Change // the queue as applied so far: a correction reads it after the log
	for _, m := range l.Pending {
		intent := m.Intent()
		intent.History = syncwire.History(l.Confirmed, made)
		o, next := mutation.ApplyAs(e, &b.State, l.Actor(), intent, m.At)
		b.State = next
		b.Items = append(b.Items, Item{Mutation: m, Outcome: o, State: waiting, Device: l.Device})
		made = append(made, syncwire.Change{Device: l.Device, Mutation: m, Outcome: o})
	}
	for i := range b.Items {
		b.Items[i].Act = actOf(&b.State, &b.Items[i])
	}
	return b
}

func logged(s mutation.Status) ItemState {
	switch s {
	case mutation.Confirmed:
		return Confirmed
	case mutation.Adjusted:
		return Adjusted
	case mutation.Rejected:
		return Rejected
	case mutation.PendingConsent:
		return Waiting
	}
	return Unknown
}

// History is the book's log as a correction decided as of its bill's moment reads it: the
// family's log, then this device's queue as applied.
func (b *Book) History() mutation.History {
	changes := make([]syncwire.Change, len(b.Items))
	for i := range b.Items {
		it := &b.Items[i]
		changes[i] = syncwire.Change{Seq: it.Seq, Device: it.Device, Mutation: it.Mutation, Outcome: it.Outcome}
	}
	return syncwire.History(changes)
}

// Item finds an item by key.
func (b *Book) Item(key string) *Item {
	for i := range b.Items {
		if b.Items[i].Key() == key {
			return &b.Items[i]
		}
	}
	return nil
}

// Bill is a settled bill as the ledger screen lists it: At is the visit (the moment it was
// entered when the receipt gave none); Amends is the bill it corrected (amend_bill) and
// VoidedBy the correction that took it back, if any.
type Bill struct {
	Key      string
	At       time.Time
	Patient  family.PersonID
	Total    money.Amount
	Fund     money.Amount
	Place    string
	Note     string
	Split    mutation.Split
	State    ItemState
	Amends   string
	VoidedBy string
	// Settle is the bill as entered (the corrected bill for an amendment): what 更正 starts from.
	Settle mutation.SettleArgs
	// Reason is the reason typed for a corrected bill; RestatedBy the corrections of earlier
	// bills that decided this one again as of its moment (Resplits says before and after).
	Reason     string
	RestatedBy []string
}

// Bills lists the applied settlements and amended bills in order, each with its split as it
// stands (a later correction may have decided it again as of its moment).
func (b *Book) Bills() []Bill {
	var out []Bill
	for _, l := range b.Lines() {
		if l.Settle == nil || l.Split == nil || l.Item < 0 {
			continue
		}
		out = append(out, Bill{Key: l.Key, At: l.At, Patient: l.Person, Total: l.Total, Fund: l.Fund,
			Place: l.Place, Note: l.Note, Split: *l.Split, State: l.State, Amends: l.Corrects,
			VoidedBy: firstOf(l.VoidedBy, l.CorrectedBy), Settle: *l.Settle, Reason: l.Reason, RestatedBy: l.RestatedBy})
	}
	return out
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Usage is how much of Authorizer's account paid for Beneficiary in Year.
type Usage struct {
	Year        int
	Authorizer  family.PersonID
	Beneficiary family.PersonID
	Amount      money.Amount
}

// YearSummary adds up the mutual-aid lines of every bill per year, authorizer and beneficiary,
// sorted by year, authorizer, beneficiary.
func (b *Book) YearSummary() []Usage {
	type key struct {
		y    int
		a, p family.PersonID
	}
	sum := map[key]money.Amount{}
	for _, bill := range b.Bills() {
		if bill.VoidedBy != "" {
			continue // taken back: its postings were reversed
		}
		y := bill.At.In(civil.Zone()).Year()
		for _, l := range bill.Split.Lines {
			if l.Source == engine.MutualAid {
				sum[key{y, l.Payer, bill.Patient}] += l.Amount
			}
		}
	}
	out := make([]Usage, 0, len(sum))
	for k, v := range sum {
		out = append(out, Usage{Year: k.y, Authorizer: k.a, Beneficiary: k.p, Amount: v})
	}
	order.Sort(len(out), func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year < out[j].Year
		}
		if out[i].Authorizer != out[j].Authorizer {
			return out[i].Authorizer < out[j].Authorizer
		}
		return out[i].Beneficiary < out[j].Beneficiary
	}, func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// Invalidated says whether a binding lapsed under the region's legacy cut-off on day d (SZ5:
// Shenzhen bindings made before 2023-10-01 whose only scope is resident_premium), with the
// cut-off.
func Invalidated(e *engine.Engine, s *family.State, bd *family.Binding, d civil.Date) (civil.Date, bool) {
	return e.Invalidated(s, bd, d)
}
