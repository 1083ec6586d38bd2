//go:build js && wasm

package dostore

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	gosync "sync"
	"time"

	"gongji/server/dosql"
	"gongji/server/store"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// schema is created at open. The log keeps one row per change; a push writes its rows in one
// SQLite transaction (transactionSync), so it is there whole or not at all.
const schema = `
CREATE TABLE IF NOT EXISTS family (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS devices (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS devices_token ON devices (token_hash);
CREATE TABLE IF NOT EXISTS invites (code_hash TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, body TEXT NOT NULL);`

// Store is one family's storage inside its Durable Object.
type Store struct {
	db *dosql.DB
	mu gosync.Mutex
	// family is the family this object holds ("" until created); head is its state after
	// the whole log, rebuilt at open and kept current by Push.
	family store.Family
	head   *store.Head
	// Commits is called with the new head after each durable push (wakes long polls).
	Commits func(family string, head int64)
}

// Open creates the tables and rebuilds the head from the log.
func Open(db *dosql.DB) (*Store, error) {
	for _, stmt := range splitStatements(schema) {
		if _, err := db.Exec(stmt); err != nil {
			return nil, err
		}
	}
	s := &Store{db: db, head: &store.Head{LastMutationIDs: map[string]int64{}}}
	rows, err := db.Exec("SELECT body FROM family LIMIT 1")
	if err != nil {
		return nil, err
	}
	if len(rows) == 1 {
		if err := json.Unmarshal([]byte(rows[0]["body"].(string)), &s.family); err != nil {
			return nil, fmt.Errorf("dostore: family record: %w", err)
		}
	}
	return s, s.redoLog()
}

// redoLog replays every change onto an empty head, as buntstore does at open.
func (s *Store) redoLog() error {
	rows, err := s.db.Exec("SELECT body FROM log ORDER BY seq")
	if err != nil {
		return err
	}
	h := s.head
	for _, row := range rows {
		c, err := syncwire.DecodeStoredChange([]byte(row["body"].(string)))
		if err != nil {
			return fmt.Errorf("dostore: log record: %w", err)
		}
		if c.Seq != h.Seq+1 {
			return fmt.Errorf("dostore: gap in the log: seq %d after %d", c.Seq, h.Seq)
		}
		next, err := mutation.Redo(&h.State, c.Mutation.Intent(), c.Mutation.At, c.Outcome)
		if err != nil {
			return fmt.Errorf("dostore: redo seq %d: %w", c.Seq, err)
		}
		h.State, h.Seq = next, c.Seq
		h.Note(&c)
	}
	return nil
}

func splitStatements(sql string) []string {
	var out []string
	start := 0
	for i, c := range sql {
		if c == ';' {
			out = append(out, sql[start:i])
			start = i + 1
		}
	}
	return out
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs are marshalled
	}
	return string(b)
}

// FamilyID is the family this object holds ("" until one is created).
func (s *Store) FamilyID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.family.ID
}

// ours says whether id is the family this object holds.
func (s *Store) ours(id string) bool { return s.family.ID != "" && s.family.ID == id }

// CreateFamily writes the family and its owner device in one transaction.
func (s *Store) CreateFamily(_ context.Context, f store.Family, owner store.Device) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.family.ID != "" {
		return store.ErrExists
	}
	owner.Family = f.ID
	err := s.db.Tx(func() error {
		if _, err := s.db.Exec("INSERT INTO family (id, body) VALUES (?, ?)", f.ID, mustJSON(f)); err != nil {
			return err
		}
		_, err := s.db.Exec("INSERT INTO devices (id, token_hash, body) VALUES (?, ?, ?)", owner.ID, owner.TokenHash, mustJSON(owner))
		return err
	})
	if err != nil {
		return err
	}
	s.family = f
	return nil
}

// Family returns the family's record.
func (s *Store) Family(_ context.Context, id string) (store.Family, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.ours(id) {
		return store.Family{}, store.ErrNotFound
	}
	return s.family, nil
}

// AddInvite stores an invitation code's hash.
func (s *Store) AddInvite(_ context.Context, inv store.Invite) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.ours(inv.Family) {
		return store.ErrNotFound
	}
	rows, err := s.db.Exec("SELECT 1 AS x FROM invites WHERE code_hash = ?", inv.CodeHash)
	if err != nil {
		return err
	}
	if len(rows) > 0 {
		return store.ErrExists
	}
	_, err = s.db.Exec("INSERT INTO invites (code_hash, body) VALUES (?, ?)", inv.CodeHash, mustJSON(inv))
	return err
}

// Join adds d with an unused, unexpired invite of this family; the invite row goes in the
// same transaction, so a code is used at most once.
func (s *Store) Join(_ context.Context, codeHash string, now time.Time, d store.Device) (store.Device, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rows, err := s.db.Exec("SELECT body FROM invites WHERE code_hash = ?", codeHash)
	if err != nil {
		return store.Device{}, err
	}
	if len(rows) == 0 {
		return store.Device{}, store.ErrNotFound
	}
	var inv store.Invite
	if err := json.Unmarshal([]byte(rows[0]["body"].(string)), &inv); err != nil {
		return store.Device{}, err
	}
	if !s.ours(inv.Family) || !now.Before(inv.Expires) {
		return store.Device{}, store.ErrNotFound
	}
	d.Family, d.Invite, d.Owner = inv.Family, codeHash, false
	err = s.db.Tx(func() error {
		if _, err := s.db.Exec("DELETE FROM invites WHERE code_hash = ?", codeHash); err != nil {
			return err
		}
		_, err := s.db.Exec("INSERT INTO devices (id, token_hash, body) VALUES (?, ?, ?)", d.ID, d.TokenHash, mustJSON(d))
		return err
	})
	if err != nil {
		return store.Device{}, err
	}
	return d, nil
}

// DeviceByToken finds the live device with this token hash.
func (s *Store) DeviceByToken(_ context.Context, tokenHash string) (store.Device, error) {
	rows, err := s.db.Exec("SELECT body FROM devices WHERE token_hash = ?", tokenHash)
	if err != nil {
		return store.Device{}, err
	}
	for _, row := range rows {
		var d store.Device
		if err := json.Unmarshal([]byte(row["body"].(string)), &d); err != nil {
			return store.Device{}, err
		}
		if !d.Revoked {
			return d, nil
		}
	}
	return store.Device{}, store.ErrNotFound
}

// Devices lists the family's devices by creation time, then id.
func (s *Store) Devices(_ context.Context, family string) ([]store.Device, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.ours(family) {
		return nil, store.ErrNotFound
	}
	rows, err := s.db.Exec("SELECT body FROM devices")
	if err != nil {
		return nil, err
	}
	out := make([]store.Device, 0, len(rows))
	for _, row := range rows {
		var d store.Device
		if err := json.Unmarshal([]byte(row["body"].(string)), &d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	store.SortDevices(out)
	return out, nil
}

// RevokeDevice marks a device revoked; its token stops working at once.
func (s *Store) RevokeDevice(ctx context.Context, family, device string) error {
	devices, err := s.Devices(ctx, family)
	if err != nil {
		return err
	}
	for _, d := range devices {
		if d.ID != device {
			continue
		}
		if d.Revoked {
			return nil
		}
		d.Revoked = true
		_, err := s.db.Exec("UPDATE devices SET body = ? WHERE id = ?", mustJSON(d), d.ID)
		return err
	}
	return store.ErrNotFound
}

// Push runs fn on a copy of the head and writes its changes in one SQLite transaction; the
// copy becomes the head only after the transaction committed.
func (s *Store) Push(_ context.Context, family string, fn store.PushFunc) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.ours(family) {
		return store.ErrNotFound
	}
	h := s.head.Clone()
	changes, err := fn(h)
	if err != nil {
		return err
	}
	if err := store.CheckChanges(s.head.Seq, h.Seq, changes); err != nil {
		return err
	}
	err = s.db.Tx(func() error {
		for _, c := range changes {
			if _, err := s.db.Exec("INSERT INTO log (seq, body) VALUES (?, ?)", c.Seq, mustJSON(c)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("dostore: write: %w", err)
	}
	s.head = h
	if len(changes) > 0 && s.Commits != nil {
		s.Commits(family, h.Seq)
	}
	return nil
}

// Pull reads up to limit changes after cursor; LastMutationIDs only on the last page.
func (s *Store) Pull(_ context.Context, family string, cursor int64, limit int) (store.Page, error) {
	s.mu.Lock()
	head := s.head
	ok := s.ours(family)
	s.mu.Unlock()
	if !ok {
		return store.Page{}, store.ErrNotFound
	}
	page := store.Page{Changes: []syncwire.Change{}, Head: head.Seq}
	rows, err := s.db.Exec("SELECT body FROM log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?", cursor, head.Seq, limit+1)
	if err != nil {
		return store.Page{}, err
	}
	for i, row := range rows {
		if i == limit {
			page.More = true
			break
		}
		c, err := syncwire.DecodeStoredChange([]byte(row["body"].(string)))
		if err != nil {
			return store.Page{}, fmt.Errorf("dostore: log record: %w", err)
		}
		page.Changes = append(page.Changes, c)
	}
	if !page.More {
		page.LastMutationIDs = maps.Clone(head.LastMutationIDs)
	}
	return page, nil
}

// Head is the family's last seq.
func (s *Store) Head(_ context.Context, family string) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.ours(family) {
		return 0, store.ErrNotFound
	}
	return s.head.Seq, nil
}

// Close has nothing to release: the object's storage outlives the Go instance.
func (s *Store) Close() error { return nil }

var _ store.Store = (*Store)(nil)
