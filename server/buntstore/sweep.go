package buntstore

import (
	"time"

	"github.com/tidwall/buntdb"
)

// SweepInvites deletes the invitation codes that expired before now, in one fsynced
// transaction, and returns how many it removed. A used code's device record keeps the code's
// hash, so a sweep never makes a used code look unused.
func (s *Store) SweepInvites(now time.Time) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, nil
	}
	var keys, hashes []string
	for h, inv := range s.invites {
		if !now.Before(inv.Expires) {
			keys, hashes = append(keys, inviteKey(inv.Family, h)), append(hashes, h)
		}
	}
	if len(keys) == 0 {
		return 0, nil
	}
	err := s.update(func(tx *buntdb.Tx) error {
		for _, k := range keys {
			if _, err := tx.Delete(k); err != nil && err != buntdb.ErrNotFound {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, h := range hashes {
		delete(s.invites, h)
	}
	return len(keys), nil
}
