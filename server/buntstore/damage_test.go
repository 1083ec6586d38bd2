package buntstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
	"gongji/shared/family"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

func famPerson(id string) family.PersonID { return family.PersonID(id) }

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// threeRecords makes a family with records ending at seq 1, 3 and 6 and closes the store
// the way a crash does (no snapshot: every record is redone at open).
func threeRecords(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s := open(t, dir)
	newFam(t, s)
	push(t, s, notes(1))
	push(t, s, notes(2))
	push(t, s, notes(3))
	crash(s)
	return dir
}

// rawUpdate changes the closed file with BuntDB directly, as damage or another build would.
func rawUpdate(t *testing.T, dir string, fn func(tx *buntdb.Tx) error) {
	t.Helper()
	db, err := buntdb.Open(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// flipPayloadByte changes one byte inside the JSON of the record stored under key.
func flipPayloadByte(t *testing.T, dir, key string) {
	t.Helper()
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(key))
	j := bytes.Index(data[i:], []byte(`"changes":"`))
	if i < 0 || j < 0 {
		t.Fatalf("record %s not found in the file", key)
	}
	data[i+j+20] ^= 1 // a byte of the deflated payload
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func recordOfVersion(version int, changes []syncwire.Change) string {
	payload := mustJSON(changes)
	return fmt.Sprintf(`{"v":%d,"sum":"%08x","changes":%s}`, version, crc32.Checksum([]byte(payload), castagnoli), payload)
}

// Only a torn tail may be dropped: any other damage stops the open, names the family and the
// record, and leaves the file byte for byte as it was.
func TestDamageStopsTheOpen(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, dir string)
		key    string
		want   error
		reason string
	}{
		{"a flipped byte in a middle record", func(t *testing.T, dir string) {
			flipPayloadByte(t, dir, logKey("fa", 3))
		}, logKey("fa", 3), ErrDamaged, "checksum"},
		{"a middle record this build cannot redo (unknown mutation, applied)", func(t *testing.T, dir string) {
			rawUpdate(t, dir, func(tx *buntdb.Tx) error {
				_, _, err := tx.Set(logKey("fa", 3), encodeRecord([]syncwire.Change{
					{Seq: 2, Mutation: syncwire.Mutation{ClientID: "c", MutationID: 2, Name: "note"}},
					{Seq: 3, Mutation: syncwire.Mutation{ClientID: "c", MutationID: 3, Name: "teleport", Args: json.RawMessage(`{}`)},
						Outcome: mutation.Outcome{Status: mutation.Confirmed}}}), nil)
				return err
			})
		}, logKey("fa", 3), ErrDamaged, `"teleport"`},
		{"a record of a newer format", func(t *testing.T, dir string) {
			rawUpdate(t, dir, func(tx *buntdb.Tx) error {
				_, _, err := tx.Set(logKey("fa", 3), recordOfVersion(LogVersion+1, []syncwire.Change{{Seq: 2}, {Seq: 3}}), nil)
				return err
			})
		}, logKey("fa", 3), ErrNewerFormat, fmt.Sprintf("format %d", LogVersion+1)},
		{"a missing middle record (a gap)", func(t *testing.T, dir string) {
			rawUpdate(t, dir, func(tx *buntdb.Tx) error { _, err := tx.Delete(logKey("fa", 3)); return err })
		}, logKey("fa", 6), ErrDamaged, "gap"},
		{"a snapshot of a newer format", func(t *testing.T, dir string) {
			rawUpdate(t, dir, func(tx *buntdb.Tx) error {
				_, _, err := tx.Set(snapshotKey("fa"), `{"v":99,"seq":1}`, nil)
				return err
			})
		}, snapshotKey("fa"), ErrNewerFormat, "snapshot format 99"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := threeRecords(t)
			tc.damage(t, dir)
			before, _ := os.ReadFile(filepath.Join(dir, FileName))
			_, err := Open(dir, Options{})
			var de *DamageError
			if !errors.As(err, &de) || !errors.Is(err, tc.want) {
				t.Fatalf("Open: %v, want a DamageError with %v", err, tc.want)
			}
			msg := err.Error()
			for _, want := range []string{"family fa", tc.key, tc.reason, "gongji repair -data " + dir} {
				if !strings.Contains(msg, want) {
					t.Errorf("message does not say %q:\n%s", want, msg)
				}
			}
			if after, _ := os.ReadFile(filepath.Join(dir, FileName)); !bytes.Equal(before, after) {
				t.Errorf("the file changed: %d bytes before, %d after", len(before), len(after))
			}
		})
	}
}

// An fsync failure fails the push, leaves the head where it was, and fails every later
// write until a restart; what was acknowledged before is still there after it.
func TestFsyncFailureFailsThePush(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	newFam(t, s)
	push(t, s, notes(2))
	eio := errors.New("input/output error")
	s.fsync = func() error { return eio }
	if err := s.Push(context.Background(), "fa", notes(1)); !errors.Is(err, eio) {
		t.Fatalf("push with a failing fsync: %v, want the fsync error", err)
	}
	if h, _ := s.State("fa"); h.Seq != 2 {
		t.Errorf("head %d after a failed fsync, want 2", h.Seq)
	}
	if page, _ := s.Pull(context.Background(), "fa", 0, 10); len(page.Changes) != 2 {
		t.Errorf("pull shows %d changes, want the 2 acknowledged", len(page.Changes))
	}
	s.fsync = s.file.Sync
	if err := s.Push(context.Background(), "fa", notes(1)); !errors.Is(err, eio) {
		t.Errorf("push after a failed fsync: %v, want every write refused until a restart", err)
	}
	s.Close()
	s = open(t, dir)
	defer s.Close()
	push(t, s, notes(1))
	// The push whose fsync failed may have reached the disk (never acknowledged: its phone
	// resends it and gets "duplicate"); the log is whole either way.
	page, _ := s.Pull(context.Background(), "fa", 0, 10)
	if n := len(page.Changes); n < 3 || n > 4 || page.Changes[n-1].Seq != int64(n) || page.Head != int64(n) {
		t.Errorf("after the restart: %d changes, head %d", n, page.Head)
	}
}

// expected is testdata/*/expected.json, written with the data through the API.
type expected struct {
	Families []struct {
		Family          string           `json:"family"`
		Head            int64            `json:"head"`
		LastMutationIDs map[string]int64 `json:"lastMutationIDs"`
		Balances        map[string]struct {
			Account int64 `json:"account"`
			Wallet  int64 `json:"wallet"`
		} `json:"balances"`
	} `json:"families"`
}

// Data written by main in 2026-12 (log format 1 without version or sum) opens, reads back the
// same heads and balances, takes new pushes and opens again.
func TestMigrationFromMain202612(t *testing.T) {
	src := "testdata/main-2026-12"
	var exp expected
	js, err := os.ReadFile(filepath.Join(src, "expected.json"))
	if err != nil || json.Unmarshal(js, &exp) != nil || len(exp.Families) == 0 {
		t.Fatalf("expected.json: %v", err)
	}
	db, _ := os.ReadFile(filepath.Join(src, FileName))
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), db, 0o600); err != nil {
		t.Fatal(err)
	}
	for round := range 2 {
		s := open(t, dir)
		for _, f := range exp.Families {
			h, err := s.State(f.Family)
			if err != nil {
				t.Fatalf("round %d: family %s: %v", round, f.Family, err)
			}
			if h.Seq != f.Head+int64(round) {
				t.Errorf("round %d: family %s head %d, want %d", round, f.Family, h.Seq, f.Head+int64(round))
			}
			for c, id := range f.LastMutationIDs {
				if h.LastMutationIDs[c] != id {
					t.Errorf("round %d: family %s client %s at %d, want %d", round, f.Family, c, h.LastMutationIDs[c], id)
				}
			}
			for id, b := range f.Balances {
				p := h.State.Person(famPerson(id))
				if p == nil || int64(p.Balance()) != b.Account || int64(p.Wallet.Balance) != b.Wallet {
					t.Errorf("round %d: family %s person %s: %+v, want %+v", round, f.Family, id, p, b)
				}
			}
			page, err := s.Pull(context.Background(), f.Family, 0, 1000)
			if err != nil || int64(len(page.Changes)) != h.Seq {
				t.Errorf("round %d: family %s pulls %d changes, %v", round, f.Family, len(page.Changes), err)
			}
			if round == 0 {
				err = s.Push(context.Background(), f.Family, func(h *store.Head) ([]syncwire.Change, error) {
					h.Seq++
					h.LastMutationIDs["new"] = 1
					return []syncwire.Change{{Seq: h.Seq, Mutation: syncwire.Mutation{ClientID: "new", MutationID: 1, Name: "note"},
						Outcome: mutation.Outcome{Status: mutation.Unknown}}}, nil
				})
				if err != nil {
					t.Fatalf("push after the migration: %v", err)
				}
			}
		}
		s.Close()
	}
}
