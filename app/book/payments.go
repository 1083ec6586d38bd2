package book

import (
	"time"

	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// Payment is a premium, a credit or a correcting entry as the ledger lists it beside the
// bills, with the void that took it back, if any.
type Payment struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Key      string
	Name     mutation.Name // pay_premium, credit or correct
	At       time.Time
	Person   family.PersonID
	State    ItemState
	VoidedBy string
}

// Payments lists the applied premiums, credits and correcting entries in order: the lines
// that moved money of their own and are neither a bill nor a correction of another action
// (mutation.Kind: Class, Bill, Target), nor a transfer or refund (listed on the wallet).
func (b *Book) Payments() []Payment {
	var out []Payment
	for _, l := range b.Lines() {
		if l.Item < 0 || !payment(&l) {
			continue
		}
		r := b.State.Record(l.Key)
		if !b.Items[l.Item].Outcome.Status.Applied() || r == nil {
			continue
		}
		out = append(out, Payment{Key: l.Key, Name: l.Name, At: r.At, Person: r.Person, State: l.State,
			VoidedBy: r.VoidedBy})
	}
	return out
}

// payment says whether a line is listed among payments: a voidable premium, credit or
// correcting entry.
func payment(l *Line) bool {
	k, ok := mutation.KindOf(l.Name)
	if !ok || !k.Voidable() || k.Bill() || k.Corrects() {
		return false
	}
	switch k.Class {
	case mutation.ClassPremium, mutation.ClassCredit, mutation.ClassAdjustment:
		return true
	}
	return false
}

// Transit is a transfer of the insurance relationship whose balance has left the old
// region's account and not yet arrived in the new one (T3); transfer_arrive brings it in.
type Transit struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Key    string // the transfer
	Person family.PersonID
	At     time.Time
	Amount money.Amount
}

// Transits lists the balances on their way, oldest first. A transfer inside Guangdong (T5)
// moves nothing and is never listed.
func (b *Book) Transits() []Transit {
	var out []Transit
	for r := range b.State.Records.All() {
		if mutation.Name(r.Name) != mutation.Transfer || r.Arrived != "" {
			continue
		}
		for _, en := range r.Entries {
			for _, p := range en.Postings {
				if p.Account.Kind == ledger.InTransit && p.Account.Owner == r.ID && p.Amount > 0 {
					out = append(out, Transit{Key: r.ID, Person: r.Person, At: r.At, Amount: p.Amount})
				}
			}
		}
	}
	return out
}

// InTransit is what is on its way to person's new account.
func (b *Book) InTransit(person family.PersonID) money.Amount {
	var sum money.Amount
	for _, t := range b.Transits() {
		if t.Person == person {
			sum += t.Amount
		}
	}
	return sum
}
