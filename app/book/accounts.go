package book

import (
	"strconv"
	"time"

	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
)

// Row is one posting on one account, with the balance after it.
type Row struct {
	Key     string          `json:"key"` // the mutation that wrote it
	At      time.Time       `json:"at"`
	Kind    string          `json:"kind"` // the entry's kind: opening, settle, premium, wallet_transfer, ...
	Amount  money.Amount    `json:"amount"`
	Balance money.Amount    `json:"balance"`
	State   ItemState       `json:"state"`
	For     family.PersonID `json:"for,omitempty"` // whom the action was for (the patient of a bill), "" when not known
	// Ref is the row's number a person can quote: the item's (Book.Ref), a dot, the row's
	// place among the item's rows.
	Ref string `json:"ref,omitempty"`
	// Place is where a bill was paid (the receipt's institution name), when it says.
	Place string `json:"place,omitempty"`
	// By is the device that recorded it.
	By string `json:"by,omitempty"`
}

// AccountRows is the statement of one personal account or wallet.
type AccountRows struct {
	Account ledger.Account  `json:"account"`
	Person  family.PersonID `json:"person"`
	Rows    []Row           `json:"rows"`
}

// Accounts lists, per person (in the family's order) and per account (personal account
// first, then wallet), every posting of every applied item in order, with running balances.
func (b *Book) Accounts() []AccountRows {
	byKey := map[string]*AccountRows{}
	var order []string
	add := func(acc ledger.Account, r Row) {
		k := acc.Key()
		a := byKey[k]
		if a == nil {
			a = &AccountRows{Account: acc, Person: family.PersonID(acc.Owner)}
			byKey[k] = a
			order = append(order, k)
		}
		if n := len(a.Rows); n > 0 {
			r.Balance = a.Rows[n-1].Balance
		}
		r.Balance += r.Amount
		a.Rows = append(a.Rows, r)
	}
	for i := range b.Items {
		it := &b.Items[i]
		if !it.Outcome.Status.Applied() {
			continue
		}
		// the moment it happened: a bill's visit, else when it was made
		base := Row{Key: it.Act.Key, At: it.Mutation.At, State: it.State, By: it.Device}
		if r := b.State.Record(it.Act.Key); r != nil {
			base.For, base.At = r.Person, r.At
		}
		if a, _, ok := settleOf(it); ok {
			base.Place = a.Place
		}
		ref, n := b.Ref(i), 0
		for _, cr := range creditRows(it.Outcome.Credits, it.Key(), it.State) { // accrued before the item
			n++
			cr.row.Ref = ref + "." + strconv.Itoa(n)
			add(cr.acc, cr.row)
		}
		for _, e := range it.Outcome.Entries {
			for _, p := range e.Postings {
				if p.Account.Kind == ledger.PersonalAccount || p.Account.Kind == ledger.Wallet {
					n++
					r := base
					r.Kind, r.Amount, r.Ref = e.Kind, p.Amount, ref+"."+strconv.Itoa(n)
					add(p.Account, r)
				}
			}
		}
	}
	for i, cr := range creditRows(b.Due, "", Pending) { // due by now, recorded by the next mutation
		cr.row.Ref = "D" + strconv.Itoa(i+1)
		add(cr.acc, cr.row)
	}
	var out []AccountRows
	for _, p := range b.State.People {
		for _, acc := range []ledger.Account{ledger.AccountOf(p.ID), ledger.WalletOf(p.ID)} {
			if a := byKey[acc.Key()]; a != nil {
				out = append(out, *a)
				delete(byKey, acc.Key())
			}
		}
	}
	for _, k := range order { // accounts of people no longer listed, if any
		if a := byKey[k]; a != nil {
			out = append(out, *a)
		}
	}
	return out
}

// MovedSince says whether person's personal account has postings after those of the item
// key. A settlement slip's 余额 (balc) is the balance right after its bill, so it can be
// checked against the ledger only when nothing moved the account since.
func (b *Book) MovedSince(key string, person family.PersonID) bool {
	for _, a := range b.Accounts() {
		if a.Person != person || a.Account != ledger.AccountOf(person) {
			continue
		}
		seen := false
		for _, r := range a.Rows {
			switch {
			case r.Key == key:
				seen = true
			case seen:
				return true
			}
		}
	}
	return false
}
