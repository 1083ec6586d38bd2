// Package ledger describes money movements as balanced entries of postings.
//
// Every settlement, premium, wallet transfer, refund, withdrawal or credit is one Entry whose
// postings sum to zero: what leaves one account arrives in another, or at an external party
// (the institution, the insurer, the heirs). Balances are derived by applying entries in
// order; mistakes are fixed by a correcting entry, never by editing one.
package ledger

import (
	"fmt"

	"gongji/shared/family"
	"gongji/shared/ledger/posting"
	"gongji/shared/money"
)

// The ledger's value types (package posting, so that a family's state can keep entries).
type (
	Kind    = posting.Kind    // the kind of account a posting moves money in
	Account = posting.Account // one account
	Posting = posting.Posting // Amount into Account (negative: out of it)
	Entry   = posting.Entry   // one balanced money movement
	Part    = posting.Part    // the part of a split personal account a posting moves
)

// History is the prior-years part of a split personal account (历年账户).
const History = posting.History

// Account kinds.
const (
	PersonalAccount = posting.PersonalAccount // a person's 个人账户
	Wallet          = posting.Wallet          // a person's 医保钱包
	InTransit       = posting.InTransit       // money on its way; Owner is the mutation's id
	External        = posting.External        // outside the family: institution, insurer, heirs
)

// AccountOf is person p's personal account.
func AccountOf(p family.PersonID) Account { return Account{Kind: PersonalAccount, Owner: string(p)} }

// WalletOf is person p's wallet.
func WalletOf(p family.PersonID) Account { return Account{Kind: Wallet, Owner: string(p)} }

// Apply moves the entry's money in a family state: personal accounts are debited current-year
// part first (family.Person.Debit) unless the posting names the prior-years part, wallets
// directly. Postings on pending and external
// accounts touch no person. It returns the keys of the accounts it changed, in posting order.
func Apply(s *family.State, e Entry) ([]Account, error) {
	if err := e.Check(); err != nil {
		return nil, err
	}
	// Check every posting first, so that a bad one leaves the state untouched.
	for _, p := range e.Postings {
		if err := check(s, p); err != nil {
			return nil, fmt.Errorf("ledger: %s entry: %w", e.Kind, err)
		}
	}
	var changed []Account
	for _, p := range e.Postings {
		ok, err := Post(s, p)
		if err != nil {
			return nil, fmt.Errorf("ledger: %s entry: %w", e.Kind, err)
		}
		if ok {
			changed = append(changed, p.Account)
		}
	}
	return changed, nil
}

// Post moves one posting in a family state and says whether it touched a person's account or
// wallet. Callers that post one side of an entry at a time (a split in progress) use it; whole
// entries go through Apply, which checks the balance first.
func Post(s *family.State, p Posting) (bool, error) {
	if p.Account.Kind != PersonalAccount && p.Account.Kind != Wallet {
		return false, nil
	}
	if err := check(s, p); err != nil {
		return false, err
	}
	person := s.Person(family.PersonID(p.Account.Owner))
	switch {
	case p.Account.Kind == Wallet:
		person.Wallet.Opened = true
		person.Wallet.Balance += p.Amount
	case p.Part == History && person.HasHistory:
		// SH1: rules.md 11.3 (a Shanghai mutual-aid payment reduces account_history only)
		person.AccountHistory += p.Amount
	case p.Amount < 0:
		person.Debit(-p.Amount)
	default:
		person.Credit(p.Amount)
	}
	return true, nil
}

// check refuses a posting to an unknown person, and money taken from an account the person
// does not have (no personal account, or a wallet never opened): such a debit would vanish
// from every balance.
func check(s *family.State, p Posting) error {
	if p.Account.Kind != PersonalAccount && p.Account.Kind != Wallet {
		return nil
	}
	person := s.Person(family.PersonID(p.Account.Owner))
	switch {
	case person == nil:
		return fmt.Errorf("posting to unknown person %q", p.Account.Owner)
	case p.Amount < 0 && p.Account.Kind == PersonalAccount && !person.HasAccount:
		return fmt.Errorf("%s has no personal account to take %s from", p.Account.Owner, -p.Amount)
	case p.Amount < 0 && p.Account.Kind == Wallet && !person.Wallet.Opened:
		return fmt.Errorf("%s has no opened wallet to take %s from", p.Account.Owner, -p.Amount)
	}
	return nil
}

// BalanceOf is the balance of a personal account or wallet in a state.
func BalanceOf(s *family.State, a Account) money.Amount {
	person := s.Person(family.PersonID(a.Owner))
	if person == nil {
		return 0
	}
	if a.Kind == Wallet {
		return person.Wallet.Balance
	}
	return person.Balance()
}
