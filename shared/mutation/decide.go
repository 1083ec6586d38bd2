package mutation

import (
	"fmt"
	"strconv"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/policy"
	"gongji/shared/region"
)

// decide asks the engine (or, for bookkeeping mutations, the ledger rules) what m does: the
// kind's own decision (kinds.go).
func decide(e *engine.Engine, s *family.State, m Mutation, args any, at time.Time) (Outcome, error) {
	k, ok := KindOf(m.Name)
	if !ok {
		return Outcome{}, fmt.Errorf("mutation %q: no decision", m.Name)
	}
	c := call{e: e, s: s, m: m, at: at}
	o, err := k.decide(c, args)
	if err != nil {
		return o, err
	}
	return asOfMoment(c, k, args, o)
}

// splitRegion refuses a prior-years balance (args.account_history) for a person insured where
// the personal account is one balance, not split into a current-year and a prior-years part
// (policy.AccountSplit: Hangzhou, Shanghai).
func splitRegion(c call, where region.Code) error {
	if c.e.Table().Lookup(policy.AccountSplit, where, civil.DateOf(c.at)).Value.Bool {
		return nil
	}
	return fieldErr("args.account_history", "the personal account in "+string(where)+" is one balance, with no prior-years part")
}

// splitOpening moves the prior-years part out of the current-year part, which the opening
// entry credited with the whole balance (PersonArgs.AccountHistory).
func splitOpening(next *family.State, a *PersonArgs) error {
	if a.AccountHistory == nil {
		return nil
	}
	p := next.Person(a.ID)
	if p == nil {
		return unknownPerson(a.ID)
	}
	setHistory(p, *a.AccountHistory)
	return nil
}

// setHistory makes h the prior-years part of p's account, the whole balance unchanged: the
// current-year part is what is left, negative when h is more (a current-year overdraft,
// rules.md section 8).
func setHistory(p *family.Person, h money.Amount) {
	whole := p.Account + p.AccountHistory
	p.HasHistory, p.AccountHistory, p.Account = true, h, whole-h
}

func decidePerson(c call, v any) (Outcome, error) {
	s, a := c.s, v.(*PersonArgs)
	// R2: rules.md section 2 (person ids are unique in a family)
	if s.Person(a.ID) != nil {
		return Outcome{}, fieldErr("args.id", strconv.Quote(string(a.ID))+" is already in the family")
	}
	// R4: rules.md section 2 (people are told apart by name: no two members share one)
	if o, taken := nameTakenBy(s, a.ID, a.Name); taken {
		return o, nil
	}
	if a.AccountHistory != nil {
		if err := splitRegion(c, a.Region); err != nil {
			return Outcome{}, err
		}
	}
	o := Outcome{Status: Confirmed}
	if a.Account == 0 && a.Wallet == 0 {
		return o, nil
	}
	entry := ledger.Entry{Kind: "opening"}
	if a.Account > 0 {
		entry.Postings = append(entry.Postings, ledger.Posting{Account: ledger.AccountOf(a.ID), Amount: a.Account})
	}
	if a.Wallet > 0 {
		entry.Postings = append(entry.Postings, ledger.Posting{Account: ledger.WalletOf(a.ID), Amount: a.Wallet})
	}
	entry.Postings = append(entry.Postings, ledger.Posting{
		Account: ledger.Account{Kind: ledger.External, Owner: "opening"}, Amount: -(a.Account + a.Wallet)})
	o.Entries = []ledger.Entry{entry}
	return o, nil
}

func decideRevoke(c call, v any) (Outcome, error) {
	s, a := c.s, v.(*RevokeArgs)
	for _, b := range s.Bindings {
		if b.ID != a.Binding {
			continue
		}
		// R3: rules.md section 2 (a binding ends once; revoking it again changes nothing)
		if b.Revoked != civil.Never {
			return Outcome{}, fieldErr("args.binding", "binding "+strconv.Quote(a.Binding)+" is already revoked")
		}
		return Outcome{Status: Confirmed}, nil
	}
	return Outcome{}, unknown("args.binding", "binding", a.Binding)
}

// withSplit is a settle or premium outcome; adjusted when the phone's split differs.
func withSplit(r engine.SplitResult, expected *Split) Outcome {
	o := fromDecision(!r.Refused, r.Decision)
	if !o.Status.Applied() {
		return o
	}
	o.Split = splitOf(r)
	// M1: architecture.md data flow 3 (the server's split wins; the phone's is kept beside it)
	if expected != nil && !expected.Equal(o.Split) {
		o.Status = Adjusted
		o.Expected = expected
	}
	return o
}

func decideWalletRef(e *engine.Engine, s *family.State, name Name, a *WalletRefArgs, at time.Time) (Outcome, error) {
	var r engine.WalletResult
	var err error
	if Canonical(name) == WalletAccept {
		r, err = e.WalletAccept(s, at, a.Transfer)
	} else {
		r, err = e.WalletExpire(s, at, a.Transfer)
	}
	if err != nil {
		return Outcome{}, err
	}
	o := fromDecision(true, r.Decision)
	// W11: rules.md section 5 (an accept or refund that moves no money leaves the transfer as it is)
	if len(r.Entry.Postings) == 0 {
		o.Status = Rejected
		o.Codes = append(o.Codes, NoChange)
	}
	return o, nil
}

func decideTransfer(c call, v any) (Outcome, error) {
	e, s, a, at, id := c.e, c.s, v.(*TransferArgs), c.at, c.m.ID
	r, err := e.Transfer(s, at, *a)
	if err != nil {
		return Outcome{}, err
	}
	o := fromDecision(r.Allowed, r.Decision)
	// T3: rules.md section 6 (the whole balance moves to the destination account): it waits
	// in transit under the transfer's id until transfer_arrive posts it into the new account
	// (life.go); T5 (Guangdong) moves nothing
	o.Entries = transferEntries(o.Entries, string(a.ToRegion), id)
	return o, nil
}

func decideMoney(s *family.State, kind string, p family.PersonID, k AccountKind, amount money.Amount) (Outcome, error) {
	person := s.Person(p)
	if person == nil {
		return Outcome{}, unknownPerson(p)
	}
	// L2: architecture.md money invariants (a correction takes money only from an account that exists)
	if k == PersonalAccount && !person.HasAccount && amount < 0 {
		return Outcome{}, noAccount(p, " to correct")
	}
	to := ledger.AccountOf(p)
	if k == WalletAccount {
		to = ledger.WalletOf(p)
	}
	entry := ledger.Entry{Kind: kind, Postings: []ledger.Posting{
		{Account: to, Amount: amount},
		{Account: ledger.Account{Kind: ledger.External, Owner: kind}, Amount: -amount}}}
	return Outcome{Status: Confirmed, Entries: []ledger.Entry{entry}}, nil
}

func linkOf(a *LinkArgs) family.Link {
	return family.Link{Person: a.Person, Of: a.Of, Relation: family.NormalizeRelation(string(a.Relation)),
		CardLinked: a.CardLinked}
}
