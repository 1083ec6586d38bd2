// Package posting holds the ledger's value types: an account, a posting and a balanced entry.
// They live below shared/family so that a family's state can keep the entries an action wrote
// (family.Record) for a later correction; shared/ledger re-exports them under the same names
// and does the arithmetic on a state.
package posting

import (
	"fmt"

	"gongji/shared/jsonw"
	"gongji/shared/money"
)

// Kind is the kind of account a posting moves money in.
type Kind string

// Account kinds.
const (
	PersonalAccount Kind = "account"  // a person's 个人账户
	Wallet          Kind = "wallet"   // a person's 医保钱包
	InTransit       Kind = "pending"  // money on its way: a wallet transfer not yet accepted or refunded, a transferred balance not yet arrived; Owner is the mutation's id
	External        Kind = "external" // outside the family: institution, insurer, heirs
)

// Account names one account.
type Account struct {
	Kind  Kind   `json:"kind"`
	Owner string `json:"owner"`
}

// Key is the account's name in scenario results: "A" for A's personal account, "A.wallet" for
// A's wallet; other kinds print as "kind:owner".
func (a Account) Key() string {
	switch a.Kind {
	case PersonalAccount:
		return a.Owner
	case Wallet:
		return a.Owner + ".wallet"
	}
	return string(a.Kind) + ":" + a.Owner
}

// Posting moves Amount into Account (negative: out of it), in Part of a split personal
// account.
type Posting struct {
	Account Account      `json:"account"`
	Amount  money.Amount `json:"amount"`
	Part    Part         `json:"part,omitempty"`
}

// Part is the part of a split personal account (rules.md section 8) a posting moves: "" the
// account (a debit takes the current-year part first), History the prior-years part only.
type Part string

// History is the prior-years part (历年账户): a Shanghai mutual-aid payment (SH1, rules.md
// 11.3) takes only from it, and its reversal puts the money back there.
const History Part = "history"

// Entry is one balanced money movement.
type Entry struct {
	// Kind says what caused it: "settle", "premium", "wallet_transfer", "wallet_accept",
	// "wallet_refund", "withdraw", "transfer", "transfer_arrive", "credit", "correction",
	// "void" (a reversal).
	Kind     string    `json:"kind"`
	Postings []Posting `json:"postings"`
}

// Sum is the sum of the postings; zero for a balanced entry.
func (e Entry) Sum() money.Amount {
	var s money.Amount
	for _, p := range e.Postings {
		s += p.Amount
	}
	return s
}

// Check reports an unbalanced entry.
func (e Entry) Check() error {
	if s := e.Sum(); s != 0 {
		return fmt.Errorf("ledger: %s entry does not balance: postings sum to %s", e.Kind, s)
	}
	return nil
}

// Reversed is the entry that undoes e: every posting negated, under kind.
func (e Entry) Reversed(kind string) Entry {
	r := Entry{Kind: kind, Postings: make([]Posting, len(e.Postings))}
	for i, p := range e.Postings {
		r.Postings[i] = Posting{Account: p.Account, Amount: -p.Amount, Part: p.Part}
	}
	return r
}

// AppendJSON appends the entry's JSON, what json.Marshal writes (jsonw).
func (e *Entry) AppendJSON(b []byte) []byte {
	b = append(b, `{"kind":`...)
	b = jsonw.String(b, e.Kind)
	b = append(b, `,"postings":`...)
	b = jsonw.List(b, e.Postings, func(p *Posting, b []byte) []byte {
		b = append(b, `{"account":{"kind":`...)
		b = jsonw.String(b, string(p.Account.Kind))
		b = append(b, `,"owner":`...)
		b = jsonw.String(b, p.Account.Owner)
		b = append(b, `},"amount":"`...)
		b = p.Amount.Append(b)
		if p.Part != "" {
			b = append(b, `","part":`...)
			b = jsonw.String(b, string(p.Part))
			return append(b, '}')
		}
		return append(b, `"}`...)
	})
	return append(b, '}')
}
