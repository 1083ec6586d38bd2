package buntstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
	"gongji/server/store/storetest"
)

var bg = context.Background()

// TestConformanceBounded: the conformance suite on a store that keeps one family warm, its
// mover letting families go while the suite runs (and CoolAll in the middle of each test).
func TestConformanceBounded(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(t.TempDir(), Options{MaxWarm: 1})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func famID(i int) string { return fmt.Sprintf("f%03d", i) }

// city makes n families, family i with i%7 pushes of notes and one invitation.
func city(t *testing.T, s *Store, n int) {
	t.Helper()
	for i := range n {
		id := famID(i)
		if err := s.CreateFamily(bg, store.Family{ID: id, Name: "家" + id, Created: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)},
			store.Device{ID: "d" + id, TokenHash: "h" + id}); err != nil {
			t.Fatal(err)
		}
		for range i % 7 {
			if err := s.Push(bg, id, notes(1+i%3)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.AddInvite(bg, store.Invite{CodeHash: "code" + id, Family: id, Expires: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
}

func wantHead(i int) int64 { return int64(i % 7 * (1 + i%3)) }

// checkCity: every family's record, head, whole log, token and invitation are there.
func checkCity(t *testing.T, s *Store, n int, joined bool) {
	t.Helper()
	for i := range n {
		id := famID(i)
		if f, err := s.Family(bg, id); err != nil || f.Name != "家"+id {
			t.Fatalf("family %s: %+v, %v", id, f, err)
		}
		d, err := s.DeviceByToken(bg, "h"+id)
		if err != nil || d.Family != id {
			t.Fatalf("token of %s: %+v, %v", id, d, err)
		}
		page, err := s.Pull(bg, id, 0, 1000)
		if err != nil || page.Head != wantHead(i) || int64(len(page.Changes)) != wantHead(i) {
			t.Fatalf("pull of %s: head %d, %d changes, %v; want %d", id, page.Head, len(page.Changes), err, wantHead(i))
		}
		for j, c := range page.Changes {
			if c.Seq != int64(j+1) {
				t.Fatalf("family %s change %d has seq %d", id, j, c.Seq)
			}
		}
		if page.LastMutationIDs["c"] != wantHead(i) {
			t.Fatalf("family %s: last mutation %d", id, page.LastMutationIDs["c"])
		}
		ds, _ := s.Devices(bg, id)
		if joined && len(ds) != 2 || !joined && len(ds) != 1 {
			t.Fatalf("family %s devices %+v", id, ds)
		}
	}
}

func waitWarm(t *testing.T, s *Store, max int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for s.WarmCount() > max {
		if time.Now().After(deadline) {
			t.Fatalf("%d families warm, bound %d", s.WarmCount(), max)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestColdFamilies: past the bound families go cold and come back whole; a clean stop leaves
// an index and the next start reads it (every family cold, nothing in the database file but
// invitations); a crash start reads the archive instead; joins work on cold families.
func TestColdFamilies(t *testing.T) {
	const n, bound = 60, 8
	dir := t.TempDir()
	s, err := Open(dir, Options{MaxWarm: bound})
	if err != nil {
		t.Fatal(err)
	}
	city(t, s, n)
	waitWarm(t, s, bound)
	checkCity(t, s, n, false)
	waitWarm(t, s, bound)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, IndexName)); err != nil {
		t.Fatalf("no index after a clean stop: %v", err)
	}
	s, err = Open(dir, Options{MaxWarm: bound})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, IndexName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the index is still there after the start read it: %v", err)
	}
	if s.WarmCount() != 0 || len(s.Families()) != n {
		t.Fatalf("after a start from the index: %d warm, %d families", s.WarmCount(), len(s.Families()))
	}
	keys := 0
	s.db.View(func(tx *buntdb.Tx) error {
		return tx.Ascend("", func(k, v string) bool {
			if familyOfKey(k) != "" {
				keys++
			}
			return true
		})
	})
	if keys != n { // the invitations
		t.Errorf("%d family keys in the database file after a clean stop, want the %d invitations", keys, n)
	}
	checkCity(t, s, n, false)
	for i := range n {
		if _, err := s.Join(bg, "code"+famID(i), time.Now(), store.Device{ID: "j", TokenHash: "j" + famID(i)}); err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 {
			if err := s.CoolAll(); err != nil {
				t.Fatal(err)
			}
		}
	}
	checkCity(t, s, n, true)
	// Some families warm with new keys in the database file, the others cold: then a crash.
	for i := 0; i < n; i += 3 {
		if err := s.Push(bg, famID(i), notes(0)); err != nil {
			t.Fatal(err)
		}
	}
	crash(s)
	s, err = Open(dir, Options{MaxWarm: bound})
	if err != nil {
		t.Fatal(err)
	}
	checkCity(t, s, n, true)
	if _, err := s.Join(bg, "code"+famID(1), time.Now(), store.Device{ID: "k", TokenHash: "k"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a used code worked again after a crash: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{MaxWarm: bound})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkCity(t, s, n, true)
}

// TestColdUnfinished: a crash after a family's frames reached the archive but before its keys
// left the database file: the start cuts the archive back and reads the keys.
func TestColdUnfinished(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	city(t, s, 10)
	// what cool appends, without the transaction that deletes the keys
	var frames []string
	for i := range 10 {
		s.mu.RLock()
		fm := s.families[famID(i)]
		frames = append(frames, metaKey(famID(i)), mustJSON(coldMeta{V: 1, Family: fm.info}), snapshotKey(famID(i)), encodeSnapshot(fm.head))
		s.mu.RUnlock()
	}
	if _, err := s.arch.add(frames); err != nil {
		t.Fatal(err)
	}
	crash(s)
	var cut int64
	s, err := Open(dir, Options{TornTail: func(n int64) { cut += n }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cold := 0
	for _, f := range s.arch.fams {
		if f.cold() {
			cold++
		}
	}
	if cut == 0 || cold != 0 {
		t.Fatalf("%d bytes cut, %d cold families; want the unfinished frames cut", cut, cold)
	}
	checkCity(t, s, 10, false)
}

// TestColdBackup: a backup holds the cold families whole (records, devices, snapshots).
func TestColdBackup(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	city(t, s, 20)
	if err := s.CoolAll(); err != nil {
		t.Fatal(err)
	}
	if err := s.Push(bg, famID(5), notes(0)); err != nil { // one warm again
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	s.Close()
	copyDir := t.TempDir()
	os.WriteFile(filepath.Join(copyDir, FileName), buf.Bytes(), 0o600)
	c, err := Open(copyDir, Options{KeepLog: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	checkCity(t, c, 20, false)
}

// TestColdFrameDamage: a changed byte in a cold family's snapshot frame: a start from the
// index does not read the frame and starts; the family's first use fails with ErrDamaged and
// the others work. A start that reads the archive (after a crash) refuses it.
func TestColdFrameDamage(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{MaxWarm: 4})
	if err != nil {
		t.Fatal(err)
	}
	city(t, s, 10)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{MaxWarm: 4})
	if err != nil {
		t.Fatal(err)
	}
	ref := s.arch.fams[famID(3)].snap
	s.Close()
	path := filepath.Join(dir, ArchiveName)
	data, _ := os.ReadFile(path)
	data[ref.off+int64(ref.n)-3] ^= 0x20
	os.WriteFile(path, data, 0o600)
	// The close above left a new index (every family cold again, the same frames).
	s, err = Open(dir, Options{MaxWarm: 4})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pull(bg, famID(3), 0, 10); !errors.Is(err, ErrDamaged) {
		t.Errorf("pull of the damaged cold family: %v, want ErrDamaged", err)
	}
	if _, err := s.Pull(bg, famID(4), 0, 10); err != nil {
		t.Errorf("another family: %v", err)
	}
	crash(s)
	if _, err := Open(dir, Options{MaxWarm: 4}); !errors.Is(err, ErrDamaged) {
		t.Errorf("open reading the archive: %v, want ErrDamaged", err)
	}
}

// TestColdSweep: Families lists the warm families and the cold ones Options.Sweep marked.
func TestColdSweep(t *testing.T) {
	s, err := Open(t.TempDir(), Options{MaxWarm: 100, Sweep: func(h *store.Head) bool { return h.Seq > 0 }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	city(t, s, 14)
	if err := s.CoolAll(); err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := range 14 {
		if wantHead(i) > 0 {
			want++
		}
	}
	if got := len(s.Families()); got != want {
		t.Errorf("Families lists %d cold families, want the %d with a log", got, want)
	}
}
