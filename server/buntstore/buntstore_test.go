package buntstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"gongji/server/store"
	"gongji/server/store/storetest"
	"gongji/shared/family"
	"gongji/shared/ledger/posting"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

func open(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s := open(t, t.TempDir())
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func notes(n int) store.PushFunc {
	return func(h *store.Head) ([]syncwire.Change, error) {
		var out []syncwire.Change
		for range n {
			h.Seq++
			out = append(out, syncwire.Change{Seq: h.Seq, Mutation: syncwire.Mutation{ClientID: "c", MutationID: h.LastMutationIDs["c"] + 1, Name: "note"}})
			h.Note(&out[len(out)-1])
		}
		return out, nil
	}
}

func newFam(t *testing.T, s *Store) {
	t.Helper()
	if err := s.CreateFamily(context.Background(), store.Family{ID: "fa"}, store.Device{ID: "d", TokenHash: "h"}); err != nil {
		t.Fatal(err)
	}
}

func push(t *testing.T, s *Store, fn store.PushFunc) {
	t.Helper()
	if err := s.Push(context.Background(), "fa", fn); err != nil {
		t.Fatal(err)
	}
}

// crash ends the store the way a SIGKILL would: no snapshots at close.
func crash(s *Store) {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	close(s.stop)
	<-s.stopped
	s.mu.Lock()
	close(s.moves)
	s.mu.Unlock()
	<-s.moverDone
	s.db.Close()
	s.file.Close()
	s.arch.close()
	s.lock.Close()
}

func TestSecondProcessIsLockedOut(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	defer s.Close()
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
}

// The head after a reopen equals the head before, whether a clean close wrote every
// snapshot or a crash left the log after the last one to redo.
func TestReopenRebuildsHeads(t *testing.T) {
	tests := []struct {
		name   string
		pushes int // of 3 changes each
		stop   func(*Store)
		snap   int64 // the seq of the snapshot on disk after the stop
	}{
		{"clean close, short log", 3, func(s *Store) { s.Close() }, 9},
		{"crash, short log: all redone", 3, crash, 0},
		// at most one snapshot per snapshotGap: pushed in a moment, the log has only its first
		{"crash, long log: redone after the snapshot", 100, crash, 129},
		{"clean close, long log", 100, func(s *Store) { s.Close() }, 300},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := open(t, dir)
			newFam(t, s)
			for range tc.pushes {
				push(t, s, notes(3))
			}
			before, _ := s.State("fa")
			tc.stop(s)
			s = open(t, dir)
			defer s.Close()
			after, _ := s.State("fa")
			if !reflect.DeepEqual(before, after) || after.Seq != int64(3*tc.pushes) {
				t.Fatalf("after reopen %+v, want %+v", after, before)
			}
			if got := s.families["fa"].snapSeq; got != tc.snap {
				t.Errorf("snapshot at seq %d, want %d", got, tc.snap)
			}
			if _, err := s.DeviceByToken(context.Background(), "h"); err != nil {
				t.Errorf("token after reopen: %v", err)
			}
			if page, err := s.Pull(context.Background(), "fa", 0, 1000); err != nil || len(page.Changes) != 3*tc.pushes {
				t.Errorf("pull of the whole log after reopen: %d changes, %v", len(page.Changes), err)
			}
		})
	}
}

// A snapshot's JSON is fixed per SnapshotVersion: when family.State's JSON changes, this
// fails, and SnapshotVersion must be bumped (older snapshots are then ignored, the log redone).
// Members are compared as values, in any order (readers do not depend on it: snapshotJSON
// writes the state's records last).
func TestSnapshotGolden(t *testing.T) {
	var h store.Head
	h.Seq, h.LastMutationIDs = 7, map[string]int64{"c1": 7}
	h.Clients = map[string]store.Client{"c1": {Device: "d1", Sums: []uint64{1, 2}}}
	next, err := mutation.Redo(&h.State, mutation.Mutation{Name: mutation.AddPerson,
		Args: json.RawMessage(`{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"5.00","wallet_open":true}`)},
		t0, mutation.Outcome{Status: mutation.Confirmed})
	if err != nil {
		t.Fatal(err)
	}
	h.State = next
	h.State.Remember(family.Record{ID: "c1/7", Name: "settle", At: t0, Person: "mom", Entries: []posting.Entry{{Kind: "settle",
		Postings: []posting.Posting{{Account: posting.Account{Kind: posting.PersonalAccount, Owner: "mom"}, Amount: -1234},
			{Account: posting.Account{Kind: posting.External, Owner: "settle"}, Amount: 1234}}}}})
	got := snapshotJSON(&h)
	golden, err := os.ReadFile(fmt.Sprintf("testdata/snapshot-v%d.json", SnapshotVersion))
	if err != nil {
		t.Fatal(err)
	}
	var gotValue, wantValue any
	if err := json.Unmarshal(got, &gotValue); err != nil {
		t.Fatalf("snapshot JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal(golden, &wantValue); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotValue, wantValue) {
		t.Errorf("snapshot format %d changed; bump SnapshotVersion and the golden file:\n got %s\nwant %s", SnapshotVersion, got, golden)
	}
	back, err := decodeSnapshot(encodeSnapshot(&h))
	if err != nil || !reflect.DeepEqual(back, &h) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}

// A kill -9 in the middle of writing leaves a partial last record: it is cut at open, and
// the caller is told how many bytes went.
func TestTornLastRecordIsCut(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	newFam(t, s)
	push(t, s, notes(1))
	push(t, s, notes(50))
	crash(s)
	path := filepath.Join(dir, FileName)
	st, _ := os.Stat(path)
	if err := os.Truncate(path, st.Size()-40); err != nil {
		t.Fatal(err)
	}
	var torn int64
	s, err := Open(dir, Options{TornTail: func(n int64) { torn = n }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if h, _ := s.State("fa"); h.Seq != 1 || torn <= 0 {
		t.Fatalf("head %d, torn tail %d bytes after a torn last push; want head 1 and a tail reported", h.Seq, torn)
	}
}
