package mutation

import (
	"encoding/json"
	"strconv"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
)

// Status is what became of a mutation on the server (or, pending, on the phone).
type Status string

// Statuses.
const (
	// Confirmed: applied as the phone computed it.
	Confirmed Status = "confirmed"
	// Adjusted: applied, but the server's split differs from the one the phone sent along
	// (balances moved while the phone was offline). Both splits are kept.
	Adjusted Status = "adjusted"
	// Rejected: refused by a rule or unreadable against the state; nothing changed.
	Rejected Status = "rejected"
	// Unknown: a name this build does not know (a newer client); kept, nothing changed.
	Unknown Status = "unknown"
)

// Applied says whether the mutation changed the state.
func (s Status) Applied() bool { return s == Confirmed || s == Adjusted }

// Codes of the mutation layer, beside the engine's reason codes of rules.md.
const (
	// NegativeBalance: the entry would take an account or wallet below zero.
	NegativeBalance engine.Code = "NEGATIVE_BALANCE"
	// NoChange: an accept or refund that found the transfer no longer pending or not yet due.
	NoChange engine.Code = "NO_CHANGE"
	// InvalidInput: the arguments do not fit this family's state (Error says which field).
	InvalidInput engine.Code = "INVALID_INPUT"
)

// Line is one line of a split: who paid how much from which source (the engine's payment,
// the scenario result's payment line).
type Line = engine.Payment

// Split is how a bill or premium was paid: the lines in order, then cash.
type Split struct {
	Lines []Line       `json:"lines"`
	Cash  money.Amount `json:"cash"`
}

// Equal says whether two splits pay the same amounts from the same sources in the same order.
func (s *Split) Equal(o *Split) bool {
	if s == nil || o == nil {
		return s == o
	}
	if s.Cash != o.Cash || len(s.Lines) != len(o.Lines) {
		return false
	}
	for i := range s.Lines {
		if s.Lines[i] != o.Lines[i] {
			return false
		}
	}
	return true
}

func splitOf(r engine.SplitResult) *Split {
	return &Split{Lines: append(make([]Line, 0, len(r.Payments)), r.Payments...), Cash: r.Cash}
}

// FieldError is an input that cannot be read: Field names it ("args.amount"). It is the
// engine's InputError, so an engine error needs no conversion.
type FieldError = engine.InputError

// Outcome is the result of one mutation. Entries are the ledger entries it wrote (none unless
// Status.Applied()); redoing them with the mutation's arguments rebuilds the state (Redo).
type Outcome struct {
	Status      Status         `json:"status"`
	Codes       []engine.Code  `json:"codes,omitempty"`
	Rules       []string       `json:"rules,omitempty"`
	Ruleset     string         `json:"ruleset,omitempty"`
	Error       *FieldError    `json:"error,omitempty"`
	Split       *Split         `json:"split,omitempty"`
	Expected    *Split         `json:"expected,omitempty"`
	Entries     []ledger.Entry `json:"entries,omitempty"`
	Explanation []engine.Line  `json:"explanation,omitempty"`
	// Request is the consent request an approve or decline closed (consent.go).
	Request string `json:"request,omitempty"`
	// Credits are the monthly credits accrued before the mutation (credit.go): posted first.
	Credits []MonthlyCredit `json:"credits,omitempty"`
	// Ask is what a pending request asks (whom, and what it would change); Decided is who
	// approved or declined the request an approve or decline closed (consent.go).
	Ask     *family.Ask      `json:"ask,omitempty"`
	Decided *family.Decision `json:"decided,omitempty"`
	// Restated are the bills a correction decided again as of their moment (moment.go): each
	// one's postings reversed (Undone) and posted anew (Entries), and its split before and after.
	Restated []Restated `json:"restated,omitempty"`
}

// Mutation is one intent to apply. ID is unique in the family (the sync layer uses
// "<clientID>/<mutationID>"); bindings and wallet transfers it creates take this id.
// Expected is the split the phone computed, for settle and premium.
type Mutation struct {
	ID       string          `json:"id"`
	Name     Name            `json:"name"`
	Args     json.RawMessage `json:"args"`
	Expected *Split          `json:"expected,omitempty"`
	// Decoded is Args as Decode returned them, when the caller has them already; nil: Apply
	// and ApplyAs decode Args themselves.
	Decoded any `json:"-"`
	// History reads the family's log, for a correction of a bill decided as of the bill's
	// moment (moment.go); nil: no log at hand, the correction is decided at s's balances.
	History History `json:"-"`
}

func fieldErr(field, reason string) *FieldError { return &FieldError{Field: field, Reason: reason} }

// unknown is the error of a field naming what the family does not have: unknown person "p9".
func unknown(field, what, id string) *FieldError {
	return fieldErr(field, "unknown "+what+" "+strconv.Quote(id))
}

// badChoice is the error of a field holding none of its choices: "x": want a or b.
func badChoice(field, got, choices string) *FieldError {
	return fieldErr(field, strconv.Quote(got)+": want "+choices)
}

// noAccount is the error of args.person naming a person without a personal account.
func noAccount(p family.PersonID, what string) *FieldError {
	return fieldErr("args.person", string(p)+" has no personal account"+what)
}

// unknownPerson is the error of args.person naming nobody in the family.
func unknownPerson(p family.PersonID) *FieldError { return unknown("args.person", "person", string(p)) }
