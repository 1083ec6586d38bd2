package book

import (
	"time"

	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
)

// Row is one posting on one account, with the balance after it.
type Row struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Key     string          `json:"key"` // the mutation that wrote it
	At      time.Time       `json:"at"`
	Kind    string          `json:"kind"` // the entry's kind: opening, settle, premium, wallet_transfer, ...; restated for a later bill a correction decided again
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
	// Restates is the bill a correction decided again as of its moment that this posting
	// belongs to (its split before and after are in the correction's outcome).
	Restates string `json:"restates,omitempty"`
}

// AccountRows is the statement of one personal account or wallet.
type AccountRows struct {
	Account ledger.Account  `json:"account"`
	Person  family.PersonID `json:"person"`
	Rows    []Row           `json:"rows"`
}

// Accounts lists, per person (in the family's order) and per account (personal account
// first, then wallet), every posting of the ledger view (Lines) in order, with running
// balances.
func (b *Book) Accounts() []AccountRows {
	byKey := map[string]*AccountRows{}
	var order []string
	lines := b.Lines()
	bills := map[string]*Line{} // a restated posting reads as its bill's: moment, patient, place
	for i := range lines {
		if lines[i].Settle != nil && lines[i].Item >= 0 {
			bills[lines[i].Key] = &lines[i]
		}
	}
	for i := range lines {
		l := &lines[i]
		for j := range l.Postings {
			p := &l.Postings[j]
			k := p.Account.Key()
			a := byKey[k]
			if a == nil {
				a = &AccountRows{Account: p.Account, Person: family.PersonID(p.Account.Owner)}
				byKey[k] = a
				order = append(order, k)
			}
			r := rowOf(l, p)
			if bl := bills[p.Restates]; bl != nil {
				r.At, r.For, r.Place, r.Kind = bl.At, bl.Person, bl.Place, "restated"
			}
			a.Rows = append(a.Rows, r)
		}
	}
	var out []AccountRows
	for _, p := range b.State.People {
		for _, k := range [...]string{ledger.AccountOf(p.ID).Key(), ledger.WalletOf(p.ID).Key()} {
			if a := byKey[k]; a != nil {
				out = append(out, *a)
				delete(byKey, k)
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

// rowOf is a posting of a line as an account's row.
func rowOf(l *Line, p *Posting) Row {
	r := Row{Key: l.Key, At: l.At, Kind: p.Kind, Amount: p.Amount, Balance: p.Balance, State: l.State,
		For: l.Person, Ref: p.Ref, Place: l.Place, By: l.Device, Restates: p.Restates}
	if l.Name == "monthly_credit" {
		r.For = ""
	}
	return r
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
