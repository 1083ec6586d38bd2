package book

import (
	"encoding/json"
	"time"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// AccrueTo shows the family at now: the monthly credits due by now and not yet in any
// mutation's outcome are posted to the state (mutation.Accrue) and listed in Due. The next
// mutation anyone makes records them; until then every device derives the same ones.
func (b *Book) AccrueTo(now time.Time) {
	st, due, err := mutation.Accrue(&b.State, now)
	if err != nil {
		return
	}
	b.State, b.Due = st, due
}

// creditRows are the rows of an item's accrued credits (and of the due ones, key "").
func creditRows(cs []mutation.MonthlyCredit, key string, state ItemState) []creditRow {
	var out []creditRow
	for _, c := range cs {
		if c.Skip != "" {
			continue
		}
		out = append(out, creditRow{acc: ledger.AccountOf(c.Person), row: Row{Key: key, At: civil.At(c.Due, 0),
			Kind: "monthly_credit", Amount: c.Amount, State: state}})
	}
	return out
}

type creditRow struct {
	acc ledger.Account
	row Row
}

// settleOf is the bill an applied item settled: a settle, an amended bill or a recorded
// slip (whose split is the slip's); amends is the bill it replaced.
func settleOf(it *Item) (a mutation.SettleArgs, amends string, ok bool) {
	switch it.Act.Name {
	case mutation.Settle:
		return a, "", json.Unmarshal(it.Act.Args, &a) == nil
	case mutation.AmendBill:
		var am mutation.AmendArgs
		if json.Unmarshal(it.Act.Args, &am) != nil {
			return a, "", false
		}
		return am.Settle, am.Target, true
	case mutation.RecordSlip:
		var rs mutation.RecordSlipArgs
		if json.Unmarshal(it.Act.Args, &rs) != nil {
			return a, "", false
		}
		return rs.Settle, rs.Target, true
	}
	return a, "", false
}

// CheckpointView is a balance checkpoint on the ledger: what the national app showed, what
// the ledger held then, and the postings to that account since the checkpoint before it.
type CheckpointView struct {
	family.Checkpoint
	Prev  *family.Checkpoint // the checkpoint before it of the same account, if any
	Rows  []Row              // postings between Prev (or the start) and this checkpoint
	Since []Row              // postings after it, for the newest checkpoint of its account
}

// Differs is the national app's balance minus the ledger's at the checkpoint.
func (c *CheckpointView) Differs() money.Amount { return c.Balance - c.Ledger }

// Checkpoints lists the checkpoints in the state, newest first, each with the postings in
// between (by the order of the family's log).
func (b *Book) Checkpoints() []CheckpointView {
	rowsByKey := map[string][]Row{} // account key -> rows since the last checkpoint
	last := map[string]*CheckpointView{}
	var out []CheckpointView
	add := func(acc ledger.Account, r Row) { rowsByKey[acc.Key()] = append(rowsByKey[acc.Key()], r) }
	for i := range b.Items {
		it := &b.Items[i]
		if !it.Outcome.Status.Applied() {
			continue
		}
		for _, cr := range creditRows(it.Outcome.Credits, it.Key(), it.State) {
			add(cr.acc, cr.row)
		}
		if it.Mutation.Name == mutation.Checkpoint {
			cp := checkpointIn(&b.State, it.Key())
			if cp == nil {
				continue
			}
			acc := ledger.AccountOf(cp.Person)
			if cp.Account == family.FromWallet {
				acc = ledger.WalletOf(cp.Person)
			}
			v := CheckpointView{Checkpoint: *cp, Rows: rowsByKey[acc.Key()]}
			if p := last[acc.Key()]; p != nil {
				c := p.Checkpoint
				v.Prev = &c
			}
			rowsByKey[acc.Key()] = nil
			out = append(out, v)
			last[acc.Key()] = &out[len(out)-1]
			continue
		}
		for _, e := range it.Outcome.Entries {
			for _, p := range e.Postings {
				if p.Account.Kind == ledger.PersonalAccount || p.Account.Kind == ledger.Wallet {
					add(p.Account, Row{Key: it.Key(), At: it.Mutation.At, Kind: e.Kind, Amount: p.Amount, State: it.State})
				}
			}
		}
	}
	for _, cr := range creditRows(b.Due, "", Pending) {
		add(cr.acc, cr.row)
	}
	for i := range out {
		v := &out[i]
		acc := ledger.AccountOf(v.Person)
		if v.Account == family.FromWallet {
			acc = ledger.WalletOf(v.Person)
		}
		if last[acc.Key()] == v {
			v.Since = rowsByKey[acc.Key()]
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func checkpointIn(s *family.State, id string) *family.Checkpoint {
	for i := range s.Checkpoints {
		if s.Checkpoints[i].ID == id {
			return &s.Checkpoints[i]
		}
	}
	return nil
}
