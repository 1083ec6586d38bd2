package buntstore

import (
	"context"
	"encoding/json"
	"time"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
)

// write sets keys in one fsynced transaction; callers hold s.mu so memory and file agree.
func (s *Store) write(kv ...string) error {
	if s.closed {
		return store.ErrClosed
	}
	return s.set(kv...)
}

// set writes keys in one fsynced transaction.
func (s *Store) set(kv ...string) error {
	return s.update(func(tx *buntdb.Tx) error {
		for i := 0; i+1 < len(kv); i += 2 {
			if _, _, err := tx.Set(kv[i], kv[i+1], nil); err != nil {
				return err
			}
		}
		return nil
	})
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs are marshalled
	}
	return string(b)
}

// CreateFamily writes the family and its owner device in one record of the group commit
// (if a crash tears it, a family without a device is unreachable and harmless). No lock that
// pushes need is held while it is written: the id is reserved, then the family appears.
func (s *Store) CreateFamily(ctx context.Context, f store.Family, owner store.Device) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return store.ErrClosed
	}
	if _, ok := s.families[f.ID]; ok || s.creating[f.ID] {
		s.mu.Unlock()
		return store.ErrExists
	}
	s.creating[f.ID] = true
	s.mu.Unlock()
	owner.Family = f.ID
	err := s.enqueue(ctx, newWrite(familyKey(f.ID), mustJSON(f), deviceKey(f.ID, owner.ID), mustJSON(owner)))
	s.mu.Lock()
	delete(s.creating, f.ID)
	if err == nil {
		fm := s.newFamily(f)
		fm.lastUse.Store(time.Now().UnixNano())
		s.families[f.ID] = fm
		s.putDevice(fm, owner)
		s.warmed(fm)
	}
	s.mu.Unlock()
	return err
}

// Family returns a family's record (kept in memory for cold families too).
func (s *Store) Family(_ context.Context, id string) (store.Family, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	fm := s.families[id]
	if fm == nil {
		return store.Family{}, store.ErrNotFound
	}
	return fm.info, nil
}

// AddInvite stores an invitation code's hash (in the group commit).
func (s *Store) AddInvite(ctx context.Context, inv store.Invite) error {
	s.mu.Lock()
	if s.families[inv.Family] == nil {
		s.mu.Unlock()
		return store.ErrNotFound
	}
	if _, ok := s.invites[inv.CodeHash]; ok || s.inviting[inv.CodeHash] {
		s.mu.Unlock()
		return store.ErrExists
	}
	s.inviting[inv.CodeHash] = true
	s.mu.Unlock()
	err := s.enqueue(ctx, newWrite(inviteKey(inv.Family, inv.CodeHash), mustJSON(inv)))
	s.mu.Lock()
	delete(s.inviting, inv.CodeHash)
	if err == nil {
		s.invites[inv.CodeHash] = inv
	}
	s.mu.Unlock()
	return err
}

// Join adds d to the invite's family. The device record names the invite, which is how the
// invite is known to be used: one key, so a crash cannot use a code without adding the device.
// The code is taken before the write (so no second join can use it) and given back if the
// write fails; the family's lock, not the store's, is held while it is written.
func (s *Store) Join(ctx context.Context, codeHash string, now time.Time, d store.Device) (store.Device, error) {
	s.mu.RLock()
	inv, ok := s.invites[codeHash]
	s.mu.RUnlock()
	if !ok {
		return store.Device{}, store.ErrNotFound
	}
	fm, err := s.lockFamily(inv.Family)
	if err != nil {
		return store.Device{}, err
	}
	defer fm.pushMu.Unlock()
	s.mu.Lock()
	inv, ok = s.invites[codeHash]
	if !ok || s.used[codeHash] || !now.Before(inv.Expires) {
		s.mu.Unlock()
		return store.Device{}, store.ErrNotFound
	}
	if _, ok := fm.devices[d.ID]; ok {
		s.mu.Unlock()
		return store.Device{}, store.ErrExists
	}
	s.used[codeHash] = true
	s.mu.Unlock()
	d.Family, d.Invite, d.Owner = inv.Family, codeHash, false
	err = s.enqueue(ctx, newWrite(deviceKey(d.Family, d.ID), mustJSON(d)))
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		delete(s.used, codeHash)
		return store.Device{}, err
	}
	s.putDevice(fm, d)
	return d, nil
}

// DeviceByToken finds the live device with this token hash (its family warms up).
func (s *Store) DeviceByToken(_ context.Context, tokenHash string) (store.Device, error) {
	for {
		s.mu.RLock()
		ref, ok := s.tokens[tokenHash]
		s.mu.RUnlock()
		if !ok {
			return store.Device{}, store.ErrNotFound
		}
		fm, err := s.warmFamily(ref.family)
		if err != nil {
			return store.Device{}, err
		}
		s.mu.RLock()
		d, found := fm.devices[ref.device]
		warm := fm.devices != nil
		s.mu.RUnlock()
		if warm {
			if !found {
				return store.Device{}, store.ErrNotFound
			}
			return d, nil
		}
		// it went cold in between: again
	}
}

// Devices lists a family's devices by creation time, then id.
func (s *Store) Devices(_ context.Context, family string) ([]store.Device, error) {
	for {
		fm, err := s.warmFamily(family)
		if err != nil {
			return nil, err
		}
		s.mu.RLock()
		if fm.devices == nil {
			s.mu.RUnlock()
			continue
		}
		out := make([]store.Device, 0, len(fm.devices))
		for _, d := range fm.devices {
			out = append(out, d)
		}
		s.mu.RUnlock()
		store.SortDevices(out)
		return out, nil
	}
}

// RevokeDevice marks a device revoked; its token stops working once that is on disk.
func (s *Store) RevokeDevice(ctx context.Context, family, device string) error {
	fm, err := s.lockFamily(family)
	if err != nil {
		return err
	}
	defer fm.pushMu.Unlock()
	s.mu.RLock()
	d, ok := fm.devices[device]
	s.mu.RUnlock()
	if !ok {
		return store.ErrNotFound
	}
	if d.Revoked {
		return nil
	}
	d.Revoked = true
	if err := s.enqueue(ctx, newWrite(deviceKey(family, device), mustJSON(d))); err != nil {
		return err
	}
	s.mu.Lock()
	s.putDevice(fm, d)
	s.mu.Unlock()
	return nil
}
