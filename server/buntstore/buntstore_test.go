package buntstore

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
	"gongji/server/store/storetest"
	"gongji/shared/sync"
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
	return func(h *store.Head) ([]sync.Change, error) {
		var out []sync.Change
		for range n {
			h.Seq++
			h.LastMutationIDs["c"]++
			out = append(out, sync.Change{Seq: h.Seq, Mutation: sync.Mutation{ClientID: "c", MutationID: h.LastMutationIDs["c"], Name: "note"}})
		}
		return out, nil
	}
}

func family(t *testing.T, s *Store) {
	t.Helper()
	if err := s.CreateFamily(context.Background(), store.Family{ID: "fa"}, store.Device{ID: "d", TokenHash: "h"}); err != nil {
		t.Fatal(err)
	}
}

func TestSecondProcessIsLockedOut(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	defer s.Close()
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
}

func TestReopenRebuildsHeads(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	family(t, s)
	for range 3 {
		if err := s.Push(context.Background(), "fa", notes(2)); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := s.State("fa")
	s.Close()
	s = open(t, dir)
	defer s.Close()
	after, _ := s.State("fa")
	if !reflect.DeepEqual(before, after) || after.Seq != 6 {
		t.Fatalf("after reopen %+v, want %+v", after, before)
	}
	if _, err := s.DeviceByToken(context.Background(), "h"); err != nil {
		t.Errorf("token after reopen: %v", err)
	}
}

// A torn group commit can keep push n+1 and lose push n: the repair pass drops n+1.
func TestRepairDropsRecordsAfterAGap(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	family(t, s)
	for range 3 {
		s.Push(context.Background(), "fa", notes(1))
	}
	s.db.Update(func(tx *buntdb.Tx) error { _, err := tx.Delete(logKey("fa", 2)); return err })
	s.Close()
	dropped := -1
	s, err := Open(dir, Options{Repaired: func(n int) { dropped = n }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h, _ := s.State("fa")
	if dropped != 1 || h.Seq != 1 {
		t.Fatalf("dropped %d, head %d; want 1 dropped, head 1", dropped, h.Seq)
	}
	if err := s.Push(context.Background(), "fa", notes(1)); err != nil {
		t.Fatal(err)
	}
	if page, _ := s.Pull(context.Background(), "fa", 0, 10); len(page.Changes) != 2 || page.Changes[1].Seq != 2 {
		t.Errorf("after repair and a new push: %+v", page.Changes)
	}
}

// A kill -9 in the middle of writing leaves a partial last record: it is cut at open.
func TestTornLastRecordIsCut(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	family(t, s)
	s.Push(context.Background(), "fa", notes(1))
	s.Push(context.Background(), "fa", notes(50))
	s.Close()
	path := filepath.Join(dir, FileName)
	st, _ := os.Stat(path)
	if err := os.Truncate(path, st.Size()-40); err != nil {
		t.Fatal(err)
	}
	s = open(t, dir)
	defer s.Close()
	if h, _ := s.State("fa"); h.Seq != 1 {
		t.Fatalf("head %d after a torn last push, want 1", h.Seq)
	}
}
