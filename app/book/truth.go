package book

import (
	"time"

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
	b.State, b.Due, b.lines = st, due, nil
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
	last := map[string]int{}        // account key -> index in out of its newest checkpoint, plus one
	var out []CheckpointView
	lines := b.Lines()
	for i := range lines {
		l := &lines[i]
		if l.Name == mutation.Checkpoint && l.Item >= 0 && b.Items[l.Item].Outcome.Status.Applied() {
			cp := checkpointIn(&b.State, l.Key)
			if cp == nil {
				continue
			}
			k := checkpointKey(cp)
			v := CheckpointView{Checkpoint: *cp, Rows: rowsByKey[k]}
			if i := last[k]; i > 0 {
				c := out[i-1].Checkpoint
				v.Prev = &c
			}
			rowsByKey[k] = nil
			out = append(out, v)
			last[k] = len(out) // an index: a pointer into out would go stale when out grows
			continue
		}
		for j := range l.Postings {
			k := l.Postings[j].Account.Key()
			rowsByKey[k] = append(rowsByKey[k], rowOf(l, &l.Postings[j]))
		}
	}
	for i := range out {
		if k := checkpointKey(&out[i].Checkpoint); last[k] == i+1 {
			out[i].Since = rowsByKey[k]
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// checkpointKey is the key of the account a checkpoint shows.
func checkpointKey(cp *family.Checkpoint) string {
	if cp.Account == family.FromWallet {
		return ledger.WalletOf(cp.Person).Key()
	}
	return ledger.AccountOf(cp.Person).Key()
}

func checkpointIn(s *family.State, id string) *family.Checkpoint {
	for i := range s.Checkpoints {
		if s.Checkpoints[i].ID == id {
			return &s.Checkpoints[i]
		}
	}
	return nil
}
