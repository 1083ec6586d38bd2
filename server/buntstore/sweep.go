package buntstore

import (
	"context"
	"time"
)

// SweepInvites deletes the invitation codes that expired before now, in one fsynced
// transaction, and returns how many it removed. A used code's device record keeps the code's
// hash, so a sweep never makes a used code look unused.
func (s *Store) SweepInvites(now time.Time) (int, error) {
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return 0, nil
	}
	var keys, hashes []string
	for h, inv := range s.invites {
		if !now.Before(inv.Expires) {
			keys, hashes = append(keys, inviteKey(inv.Family, h)), append(hashes, h)
		}
	}
	s.mu.RUnlock()
	if len(keys) == 0 {
		return 0, nil
	}
	// In the group commit: no lock that pushes need is held while it is written.
	if err := s.enqueue(context.Background(), &writeReq{dels: keys, done: make(chan error, 1)}); err != nil {
		return 0, err
	}
	s.mu.Lock()
	for _, h := range hashes {
		delete(s.invites, h)
	}
	s.mu.Unlock()
	return len(keys), nil
}
