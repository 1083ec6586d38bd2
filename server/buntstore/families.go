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

// CreateFamily writes the family and its owner device in one transaction (if a crash tears
// it, a family without a device is unreachable and harmless).
func (s *Store) CreateFamily(_ context.Context, f store.Family, owner store.Device) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.families[f.ID]; ok {
		return store.ErrExists
	}
	owner.Family = f.ID
	if err := s.write(familyKey(f.ID), mustJSON(f), deviceKey(f.ID, owner.ID), mustJSON(owner)); err != nil {
		return err
	}
	fm := newFamily(f)
	s.families[f.ID] = fm
	s.putDevice(fm, owner)
	return nil
}

// Family returns a family's record.
func (s *Store) Family(_ context.Context, id string) (store.Family, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	fm := s.families[id]
	if fm == nil {
		return store.Family{}, store.ErrNotFound
	}
	return fm.info, nil
}

// AddInvite stores an invitation code's hash.
func (s *Store) AddInvite(_ context.Context, inv store.Invite) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.families[inv.Family] == nil {
		return store.ErrNotFound
	}
	if _, ok := s.invites[inv.CodeHash]; ok {
		return store.ErrExists
	}
	if err := s.write(inviteKey(inv.Family, inv.CodeHash), mustJSON(inv)); err != nil {
		return err
	}
	s.invites[inv.CodeHash] = inv
	return nil
}

// Join adds d to the invite's family. The device record names the invite, which is how the
// invite is known to be used: one key, so a crash cannot use a code without adding the device.
func (s *Store) Join(_ context.Context, codeHash string, now time.Time, d store.Device) (store.Device, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	inv, ok := s.invites[codeHash]
	if !ok || s.used[codeHash] || !now.Before(inv.Expires) {
		return store.Device{}, store.ErrNotFound
	}
	fm := s.families[inv.Family]
	if fm == nil {
		return store.Device{}, store.ErrNotFound
	}
	if _, ok := fm.devices[d.ID]; ok {
		return store.Device{}, store.ErrExists
	}
	d.Family, d.Invite, d.Owner = inv.Family, codeHash, false
	if err := s.write(deviceKey(d.Family, d.ID), mustJSON(d)); err != nil {
		return store.Device{}, err
	}
	s.putDevice(fm, d)
	return d, nil
}

// DeviceByToken finds the live device with this token hash.
func (s *Store) DeviceByToken(_ context.Context, tokenHash string) (store.Device, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ref, ok := s.tokens[tokenHash]
	if !ok {
		return store.Device{}, store.ErrNotFound
	}
	return s.families[ref.family].devices[ref.device], nil
}

// Devices lists a family's devices by creation time, then id.
func (s *Store) Devices(_ context.Context, family string) ([]store.Device, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	fm := s.families[family]
	if fm == nil {
		return nil, store.ErrNotFound
	}
	out := make([]store.Device, 0, len(fm.devices))
	for _, d := range fm.devices {
		out = append(out, d)
	}
	store.SortDevices(out)
	return out, nil
}

// RevokeDevice marks a device revoked; its token stops working at once.
func (s *Store) RevokeDevice(_ context.Context, family, device string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	fm := s.families[family]
	if fm == nil {
		return store.ErrNotFound
	}
	d, ok := fm.devices[device]
	if !ok {
		return store.ErrNotFound
	}
	if d.Revoked {
		return nil
	}
	d.Revoked = true
	if err := s.write(deviceKey(family, device), mustJSON(d)); err != nil {
		return err
	}
	s.putDevice(fm, d)
	return nil
}
