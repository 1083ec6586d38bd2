package buntstore

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
	"gongji/shared/mutation"
	"gongji/shared/sync"
)

// record is the value of one log key: every change one push made.
type record struct {
	Changes []sync.Change `json:"changes"`
}

func familyKey(fam string) string         { return "f/" + fam + "/m" }
func deviceKey(fam, dev string) string    { return "f/" + fam + "/d/" + dev }
func inviteKey(fam, hash string) string   { return "f/" + fam + "/i/" + hash }
func logKey(fam string, seq int64) string { return fmt.Sprintf("f/%s/l/%020d", fam, seq) }
func logEnd(fam string) string            { return "f/" + fam + "/l0" } // '0' sorts right after '/'
func newFamily(f store.Family) *familyMem {
	return &familyMem{info: f, head: &store.Head{LastMutationIDs: map[string]int64{}},
		devices: map[string]store.Device{}}
}

// load rebuilds memory from the file. It is the repair pass: a family's log must be
// contiguous from seq 1; a record after a gap (a torn group commit can keep push n+1 and
// lose push n, and neither was acknowledged) is deleted with everything after it.
func (s *Store) load() (int, error) {
	var drop []string
	broken := map[string]bool{}
	err := s.db.View(func(tx *buntdb.Tx) error {
		var ferr error
		tx.Ascend("", func(k, v string) bool {
			ferr = s.loadKey(k, v, broken, &drop)
			return ferr == nil
		})
		return ferr
	})
	if err != nil || len(drop) == 0 {
		return 0, err
	}
	err = s.db.Update(func(tx *buntdb.Tx) error {
		for _, k := range drop {
			if _, err := tx.Delete(k); err != nil && err != buntdb.ErrNotFound {
				return err
			}
		}
		return nil
	})
	return len(drop), err
}

func (s *Store) loadKey(k, v string, broken map[string]bool, drop *[]string) error {
	parts := strings.SplitN(k, "/", 4)
	if len(parts) < 3 || parts[0] != "f" {
		return nil // not ours (a newer build's key): keep it, ignore it
	}
	fam := parts[1]
	fm := s.families[fam]
	if fm == nil {
		fm = newFamily(store.Family{ID: fam})
		s.families[fam] = fm
	}
	switch {
	case parts[2] == "m":
		return json.Unmarshal([]byte(v), &fm.info)
	case parts[2] == "d" && len(parts) == 4:
		var d store.Device
		if err := json.Unmarshal([]byte(v), &d); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		s.putDevice(fm, d)
	case parts[2] == "i" && len(parts) == 4:
		var inv store.Invite
		if err := json.Unmarshal([]byte(v), &inv); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		s.invites[inv.CodeHash] = inv
	case parts[2] == "l" && len(parts) == 4:
		if broken[fam] {
			*drop = append(*drop, k)
			return nil
		}
		if err := redoRecord(fm, parts[3], v); err != nil {
			broken[fam] = true
			*drop = append(*drop, k)
		}
	}
	return nil
}

// redoRecord appends one push's changes to the family's head, or fails on a gap or an
// unreadable record (then nothing of it is applied).
func redoRecord(fm *familyMem, seqText, v string) error {
	var r record
	if err := decodeRecord(v, &r); err != nil {
		return err
	}
	last, err := strconv.ParseInt(seqText, 10, 64)
	if err != nil || len(r.Changes) == 0 || r.Changes[len(r.Changes)-1].Seq != last {
		return fmt.Errorf("record %s: bad key", seqText)
	}
	h := fm.head.Clone()
	for i := range r.Changes {
		c := &r.Changes[i]
		if c.Seq != h.Seq+1 {
			return fmt.Errorf("gap: seq %d after %d", c.Seq, h.Seq)
		}
		next, err := mutation.Redo(&h.State, c.Mutation.Intent(), c.Mutation.At, c.Outcome)
		if err != nil {
			return err
		}
		h.State, h.Seq = next, c.Seq
		h.LastMutationIDs[c.Mutation.ClientID] = c.Mutation.MutationID
	}
	fm.head = h
	return nil
}

func (s *Store) putDevice(fm *familyMem, d store.Device) {
	fm.devices[d.ID] = d
	if d.Revoked {
		delete(s.tokens, d.TokenHash)
	} else {
		s.tokens[d.TokenHash] = deviceRef{d.Family, d.ID}
	}
	if d.Invite != "" {
		s.used[d.Invite] = true
	}
}
