package mutation

import (
	"errors"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/errs"
	"gongji/shared/family"
	"gongji/shared/ledger"
)

// Apply runs m against s at the moment at and returns its outcome and the state after it.
// s is never modified. A mutation that is refused, or whose arguments do not fit the state,
// is Rejected and the state returned equals s; an unknown name is Unknown, likewise.
// The same engine, state, mutation and moment always give the same outcome.
func Apply(e *engine.Engine, s *family.State, m Mutation, at time.Time) (Outcome, family.State) {
	if !Known(m.Name) {
		return Outcome{Status: Unknown}, s.Clone()
	}
	args, err := Decode(m.Name, m.Args)
	if err != nil {
		return rejectedInput(err), s.Clone()
	}
	return applyArgs(e, s, m, args, at)
}

// applyArgs is Apply for arguments already decoded (ApplyAs decodes them once for both).
func applyArgs(e *engine.Engine, s *family.State, m Mutation, args any, at time.Time) (Outcome, family.State) {
	// the monthly credits due by at come first (credit.go); a refused mutation accrues nothing
	credits := DueCredits(s, at)
	acc := s.Clone()
	if err := postCredits(&acc, credits); err != nil {
		return rejectedInput(err), s.Clone()
	}
	o, err := decide(e, &acc, m, args, at)
	if err != nil {
		return rejectedInput(err), s.Clone()
	}
	if !o.Status.Applied() {
		return o, s.Clone()
	}
	next, err := redo(&acc, m, args, at, o)
	if err != nil {
		return rejectedInput(err), s.Clone()
	}
	o.Credits = credits
	// L1: architecture.md money invariants (no account or wallet goes below zero)
	if err := CheckNonNegative(&next); err != nil {
		return Outcome{Status: Rejected, Codes: []engine.Code{NegativeBalance}, Ruleset: o.Ruleset,
			Error: fieldErr("args", err.Error())}, s.Clone()
	}
	return o, next
}

// Redo applies a recorded outcome of m to s without the engine: the structural effect of
// the mutation (a new person, link, binding, transfer) and the outcome's ledger entries. A
// client rebuilding its state from the server's log gets exactly the server's state this way,
// whatever rule-set version it runs. Outcomes that are not applied change nothing.
func Redo(s *family.State, m Mutation, at time.Time, o Outcome) (family.State, error) {
	if next, ok, err := redoConsent(s, m, at, o); ok {
		return next, err
	}
	if !o.Status.Applied() {
		return s.Clone(), nil
	}
	args := m.Decoded
	if args == nil {
		var err error
		if args, err = Decode(m.Name, m.Args); err != nil {
			return family.State{}, err
		}
	}
	acc := s.Clone()
	if err := postCredits(&acc, o.Credits); err != nil {
		return family.State{}, err
	}
	return redo(&acc, m, args, at, o)
}

// CheckNonNegative reports the first person whose account or wallet is below zero.
func CheckNonNegative(s *family.State) error {
	for _, p := range s.People {
		// Balance() reads 0 for a person without an account: a debit must not hide there.
		if !p.HasAccount && p.Account+p.AccountHistory != 0 {
			return errors.New(string(p.ID) + " has no personal account but " + (p.Account + p.AccountHistory).String() + " was posted to it")
		}
		if p.Balance() < 0 {
			return errors.New("account of " + string(p.ID) + " would be " + p.Balance().String())
		}
		if p.Wallet.Balance < 0 {
			return errors.New("wallet of " + string(p.ID) + " would be " + p.Wallet.Balance.String())
		}
	}
	return nil
}

func rejectedInput(err error) Outcome {
	fe, ok := errs.As[*FieldError](err) // the engine's InputError too
	if !ok {
		fe = fieldErr("args", err.Error())
	}
	return Outcome{Status: Rejected, Codes: []engine.Code{InvalidInput}, Error: fe}
}

// fromDecision fills an outcome from an engine decision: applied when ok.
func fromDecision(ok bool, d engine.Decision) Outcome {
	o := Outcome{Status: Rejected, Codes: d.Reasons, Rules: d.Rules, Ruleset: d.Ruleset,
		Explanation: d.Explanation}
	if ok {
		o.Status = Confirmed
		if len(d.Entry.Postings) > 0 {
			o.Entries = []ledger.Entry{d.Entry}
		}
	}
	return o
}

// bindMoment is when a binding is decided: the mutation's moment, or noon of an earlier
// creation day when an existing binding is being recorded.
func bindMoment(a *BindArgs, at time.Time) time.Time {
	if a.Created != 0 && a.Created < civil.DateOf(at) {
		return civil.At(a.Created, 12*3600)
	}
	return at
}
