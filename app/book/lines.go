package book

import (
	"encoding/json"
	"strconv"
	"time"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// The one ledger view (issue 21): Lines derives, once per book, one line per thing that
// happened, and every list of money reads it (the bill list, person pages, the year summary
// and chart, reminders, the CSV and JSON export). What a line is comes from its kind's
// declaration (mutation.Kind: Class, Bill, Split, Target), never from a list of names.

// Line is one thing that happened: a change of the family's log (or of this device's queue),
// or a monthly credit accrued before one.
type Line struct {
	// Key is the action's key, the one corrections name it by (an approval that ran a request:
	// the request's).
	Key string `json:"key"`
	// Item is the change that recorded it (an index of Book.Items); -1 for a credit due now.
	Item int `json:"-"`
	// Ref is its number a person can quote (Book.Ref; D1, D2 for credits due now).
	Ref string `json:"ref"`
	// Name is what was done (an approval that ran a request: the request's name), Class what
	// that is on the ledger.
	Name  mutation.Name  `json:"name"`
	Class mutation.Class `json:"class"`
	// At is when it happened: a bill's visit, a credit's day, else when it was made; Made is
	// when it was recorded.
	At   time.Time `json:"at"`
	Made time.Time `json:"made"`
	// Person is whom it was for: a bill's patient, the insured, the person credited or edited.
	Person family.PersonID `json:"person,omitempty"`
	// Place and Note are a bill's place and note; Total its total, Fund what the fund paid.
	Place string       `json:"place,omitempty"`
	Note  string       `json:"note,omitempty"`
	Total money.Amount `json:"total,omitzero"`
	Fund  money.Amount `json:"fund,omitzero"`
	// Split is a bill's or premium's split as it stands now (restated by later corrections);
	// Settle the bill as entered (what 更正 starts from).
	Split  *mutation.Split      `json:"split,omitempty"`
	Settle *mutation.SettleArgs `json:"-"`
	// Postings are what it moved on people's accounts and wallets, in order.
	Postings []Posting `json:"postings,omitempty"`
	// State is where it stands between this device and the server; VoidedBy the correction
	// that took it back (a void or an undo) and CorrectedBy the bill that replaced it
	// (amend_bill, record_slip); Corrects is what a correction reached, Reason the reason
	// typed for it.
	State       ItemState `json:"state"`
	VoidedBy    string    `json:"voided_by,omitempty"`
	CorrectedBy string    `json:"corrected_by,omitempty"`
	Corrects    string    `json:"corrects,omitempty"`
	Reason      string    `json:"reason,omitempty"`
	// Device is the device that recorded it and By whose device that is (a person of the
	// family, "" for the owner's or a device nobody claimed); ApprovedBy who approved the
	// request it ran.
	Device     string          `json:"device,omitempty"`
	By         family.PersonID `json:"by,omitempty"`
	ApprovedBy family.PersonID `json:"approved_by,omitempty"`
	// Restated are the later bills a correction decided again as of their moment; RestatedBy
	// the corrections that decided this bill again.
	Restated   []mutation.Restated `json:"restated,omitempty"`
	RestatedBy []string            `json:"restated_by,omitempty"`
}

// Posting is one amount on one account or wallet, with the account's balance after it.
type Posting struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Account ledger.Account `json:"account"`
	Kind    string         `json:"kind"` // the entry's kind: opening, settle, premium, void, monthly_credit, ...
	Amount  money.Amount   `json:"amount"`
	Balance money.Amount   `json:"balance"`
	// Ref is its number a person can quote: the line's, a dot, its place among the change's.
	Ref string `json:"ref"`
	// Restates is the bill a correction decided again that this posting belongs to ("" for
	// the line's own).
	Restates string `json:"restates,omitempty"`
}

// Standing says whether the line's action stands (not voided, not replaced).
func (l *Line) Standing() bool { return l.VoidedBy == "" && l.CorrectedBy == "" }

// Lines is the book's ledger view, derived once (AccrueTo derives it again with the credits
// due).
func (b *Book) Lines() []Line {
	if b.lines == nil {
		b.lines = deriveLines(b)
	}
	return b.lines
}

func deriveLines(b *Book) []Line {
	d := &deriving{out: []Line{}, balances: map[string]money.Amount{}}
	byKey := map[string]int{} // a line by its action's key
	for i := range b.Items {
		it := &b.Items[i]
		d.ref, d.n = b.Ref(i), 0
		applied := it.Outcome.Status.Applied()
		if applied {
			for _, c := range it.Outcome.Credits { // accrued before the item
				if c.Skip == "" {
					d.credit(c, it.Key(), i, it.State, it.Device)
				}
			}
		}
		d.out = append(d.out, b.lineOf(i))
		at := len(d.out) - 1
		if applied {
			d.entries(at, it.Outcome.Entries, "")
			for _, r := range it.Outcome.Restated {
				d.entries(at, r.Undone, r.Record)
				d.entries(at, r.Entries, r.Record)
				if j, ok := byKey[r.Record]; ok {
					l := &d.out[j]
					l.RestatedBy = append(l.RestatedBy, d.out[at].Key)
					if r.After != nil {
						l.Split = r.After
					}
				}
			}
		}
		if l := &d.out[at]; l.State != Rejected && l.State != Unknown {
			byKey[l.Key] = at
		}
	}
	for i, c := range b.Due { // due by now, recorded by the next mutation
		d.ref, d.n = "D"+strconv.Itoa(i+1), -1
		d.credit(c, "", -1, Pending, "")
	}
	return d.out
}

// deriving is Lines on its way: the lines so far, each account's balance, and the item's
// number with the count of its postings (-1: the number alone, a credit due).
type deriving struct {
	out      []Line
	balances map[string]money.Amount
	ref      string
	n        int
}

// post adds a posting to line at, numbered, with the account's balance after it.
func (d *deriving) post(at int, acc ledger.Account, kind string, amount money.Amount, restates string) {
	k := acc.Key()
	d.balances[k] += amount
	ref := d.ref
	if d.n >= 0 {
		d.n++
		ref += "." + strconv.Itoa(d.n)
	}
	l := &d.out[at]
	l.Postings = append(l.Postings, Posting{Account: acc, Kind: kind, Amount: amount, Balance: d.balances[k], Ref: ref, Restates: restates})
}

// entries posts the entries' postings on people's accounts and wallets to line at.
func (d *deriving) entries(at int, es []ledger.Entry, restates string) {
	for _, e := range es {
		for _, p := range e.Postings {
			if personal(p.Account) {
				d.post(at, p.Account, e.Kind, p.Amount, restates)
			}
		}
	}
}

// credit adds a monthly credit as a line with its posting.
func (d *deriving) credit(c mutation.MonthlyCredit, key string, item int, state ItemState, device string) {
	on := civil.At(c.Due, 0)
	d.out = append(d.out, Line{Key: key, Item: item, Ref: d.ref, Name: "monthly_credit", Class: mutation.ClassCredit,
		At: on, Made: on, Person: c.Person, State: state, Device: device})
	if c.Skip == "" {
		d.post(len(d.out)-1, ledger.AccountOf(c.Person), "monthly_credit", c.Amount, "")
	}
}

func personal(a ledger.Account) bool {
	return a.Kind == ledger.PersonalAccount || a.Kind == ledger.Wallet
}

// lineOf is item i as a line, without its postings: what it did and how it stands.
func (b *Book) lineOf(i int) Line {
	it := &b.Items[i]
	l := Line{Key: it.Act.Key, Item: i, Ref: b.Ref(i), Name: it.Act.Name, At: it.Mutation.At, Made: it.Mutation.At,
		State: it.State, Device: it.Device, By: b.State.DevicePerson(it.Device), Restated: it.Outcome.Restated}
	k, known := mutation.KindOf(it.Act.Name)
	if known {
		l.Class = k.Class
		l.Corrects = k.Target(it.Act.Args)
	}
	if it.Outcome.Decided != nil && it.Act.Key != it.Key() {
		l.ApprovedBy = it.Outcome.Decided.By
	}
	var words struct {
		Reason string `json:"reason"`
		Memo   string `json:"memo"`
	}
	if json.Unmarshal(it.Act.Args, &words) == nil {
		l.Reason = words.Reason
		if l.Reason == "" {
			l.Reason = words.Memo
		}
	}
	if !it.Outcome.Status.Applied() {
		return l
	}
	if a, ok := settleArgs(it); ok {
		l.Settle, l.Person, l.Place, l.Note, l.Total, l.Fund = a, a.Patient, a.Place, a.Note, a.Bill.Total, a.Bill.Fund
	}
	if known && k.Split() {
		l.Split = it.Outcome.Split
	}
	if r := b.State.Record(it.Act.Key); r != nil {
		l.At, l.Person = r.At, r.Person
		if r.VoidedBy != "" {
			if v := b.State.Record(r.VoidedBy); v != nil && isBill(v.Name) && v.Voids == r.ID {
				l.CorrectedBy = r.VoidedBy
			} else {
				l.VoidedBy = r.VoidedBy
			}
		}
	}
	return l
}

func isBill(name string) bool {
	k, ok := mutation.KindOf(mutation.Name(name))
	return ok && k.Bill()
}

// settleArgs is the bill an item made: a settle's arguments, or a corrected bill's.
func settleArgs(it *Item) (*mutation.SettleArgs, bool) {
	k, ok := mutation.KindOf(it.Act.Name)
	if !ok || !k.Bill() {
		return nil, false
	}
	if k.Corrects() { // amend_bill, record_slip: the bill as corrected
		var a struct {
			Settle mutation.SettleArgs `json:"settle"`
		}
		if json.Unmarshal(it.Act.Args, &a) != nil {
			return nil, false
		}
		return &a.Settle, true
	}
	var a mutation.SettleArgs
	if json.Unmarshal(it.Act.Args, &a) != nil {
		return nil, false
	}
	return &a, true
}

// Resplit is a later bill a correction decided again as of its moment, as a person reads it:
// the bill's line (its moment, patient, place) and its split before and after.
type Resplit struct {
	Bill          Line
	Before, After *mutation.Split
}

// Resplits lists the later bills the correction key decided again whose split changed, in
// the log's order.
func (b *Book) Resplits(key string) []Resplit {
	var out []Resplit
	for _, l := range b.Lines() {
		if l.Key == key && l.Item >= 0 {
			out = append(out, b.ResplitsOf(l.Restated)...)
		}
	}
	return out
}

// ResplitsOf are the bills of restated (a correction's outcome, saved or only tried) whose
// split changed, each with the bill as the ledger shows it: what a correction's preview lists
// before it is saved and the ledger after.
func (b *Book) ResplitsOf(restated []mutation.Restated) []Resplit {
	lines := b.Lines()
	var out []Resplit
	for _, r := range restated {
		if !r.Changed() {
			continue
		}
		for j := range lines {
			if lines[j].Key == r.Record && lines[j].Item >= 0 && lines[j].Settle != nil {
				out = append(out, Resplit{Bill: lines[j], Before: r.Before, After: r.After})
				break
			}
		}
	}
	return out
}
