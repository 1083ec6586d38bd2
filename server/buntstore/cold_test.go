package buntstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
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
// invitations); it stays, and a start after a crash reads it and then the frames written since
// (families made, joined and revoked after the start); joins work on cold families.
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
	if !s.fromIndex {
		t.Fatal("the start after a clean stop did not read the index")
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
	// Made after the start: families (cold, in the archive after the index) and a revocation.
	for i := n; i < n+5; i++ {
		if err := s.CreateFamily(bg, store.Family{ID: famID(i), Name: "家" + famID(i)}, store.Device{ID: "d" + famID(i), TokenHash: "h" + famID(i)}); err != nil {
			t.Fatal(err)
		}
		if err := s.Push(bg, famID(i), notes(2)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RevokeDevice(bg, famID(2), "j"); err != nil {
		t.Fatal(err)
	}
	if err := s.CoolAll(); err != nil {
		t.Fatal(err)
	}
	// Some families warm with new keys in the database file, the others cold: then a crash.
	for i := 0; i < n; i += 3 {
		if err := s.Push(bg, famID(i), notes(0)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RevokeDevice(bg, famID(4), "j"); err != nil { // warm: in the database file
		t.Fatal(err)
	}
	crash(s)
	s, err = Open(dir, Options{MaxWarm: bound})
	if err != nil {
		t.Fatal(err)
	}
	if !s.fromIndex {
		t.Error("the start after a crash read every frame, not the index and the frames after it")
	}
	checkCity(t, s, n, true)
	for i := n; i < n+5; i++ {
		if d, err := s.DeviceByToken(bg, "h"+famID(i)); err != nil || d.Family != famID(i) {
			t.Fatalf("family %s made after the index: %+v, %v", famID(i), d, err)
		}
		if h, err := s.Head(bg, famID(i)); err != nil || h != 2 {
			t.Fatalf("family %s made after the index: head %d, %v", famID(i), h, err)
		}
	}
	for _, i := range []int{2, 4} {
		if _, err := s.DeviceByToken(bg, "j"+famID(i)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the token of a device revoked before the crash works: family %s, %v", famID(i), err)
		}
	}
	if d, err := s.DeviceByToken(bg, "j"+famID(3)); err != nil || d.ID != "j" {
		t.Errorf("a joined device's token after the crash: %+v, %v", d, err)
	}
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
	// A start after a crash reads the index too (and the frames after it): the damage is found
	// at the family's first use again; a start that reads every frame finds it at once.
	s, err = Open(dir, Options{MaxWarm: 4})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pull(bg, famID(3), 0, 10); !errors.Is(err, ErrDamaged) {
		t.Errorf("pull of the damaged cold family after a crash: %v, want ErrDamaged", err)
	}
	crash(s)
	if err := os.Remove(filepath.Join(dir, IndexName)); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{MaxWarm: 4}); !errors.Is(err, ErrDamaged) {
		t.Errorf("open reading the archive: %v, want ErrDamaged", err)
	}
}

// TestColdSweep: Families lists the warm families and the cold ones Options.Sweep marked.
func TestColdSweep(t *testing.T) {
	dir := t.TempDir()
	opt := Options{MaxWarm: 100, Sweep: func(h *store.Head) bool { return h.Seq > 0 }}
	s, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	city(t, s, 14)
	want := 0
	for i := range 14 {
		if wantHead(i) > 0 {
			want++
		}
	}
	check := func(when string) {
		t.Helper()
		if got := len(s.Families()); got != want {
			t.Errorf("%s: Families lists %d families, want the %d with a log", when, got, want)
		}
	}
	if err := s.CoolAll(); err != nil {
		t.Fatal(err)
	}
	check("all cold")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(dir, opt); err != nil {
		t.Fatal(err)
	}
	check("after a start from the index")
	if _, err := s.Head(bg, famID(1)); err != nil { // warm, with a log
		t.Fatal(err)
	}
	check("one warm again")
	if err := s.Push(bg, famID(7), notes(1)); err != nil { // no log until now
		t.Fatal(err)
	}
	want++
	if err := s.CoolAll(); err != nil {
		t.Fatal(err)
	}
	check("cold again, one more with a log")
	crash(s)
	if s, err = Open(dir, opt); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check("after a crash")
}

// TestColdFamilyObjects: a cold family is a few objects for the collector, not ten (its
// strings in the arena, its records in slabs, pack.go): a million of them were 5 s of
// marking on every collection.
func TestColdFamilyObjects(t *testing.T) {
	const n = 5000
	s, err := Open(t.TempDir(), Options{MaxWarm: n})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runtime.GC()
	runtime.GC() // pools emptied over two cycles
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := range n {
		id := fmt.Sprintf("%022x", i)
		if err := s.CreateFamily(bg, store.Family{ID: id, Name: fmt.Sprintf("家 %d", i), Epoch: fmt.Sprintf("%032x", i)},
			store.Device{ID: fmt.Sprintf("d%021x", i), TokenHash: fmt.Sprintf("%064x", i)}); err != nil {
			t.Fatal(err)
		}
		if err := s.Push(bg, id, notes(2)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CoolAll(); err != nil {
		t.Fatal(err)
	}
	if s.WarmCount() != 0 {
		t.Fatalf("%d warm after CoolAll", s.WarmCount())
	}
	runtime.GC()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	per := float64(int64(after.HeapObjects)-int64(before.HeapObjects)) / n
	t.Logf("%.1f heap objects a cold family", per)
	if per > 4 {
		t.Errorf("%.1f heap objects a cold family, want at most 4 (its map entries' share and its log list)", per)
	}
	for i := 0; i < n; i += 97 { // packed, and still found by id and token
		id := fmt.Sprintf("%022x", i)
		if d, err := s.DeviceByToken(bg, fmt.Sprintf("%064x", i)); err != nil || d.Family != id {
			t.Fatalf("token of %s after packing: %+v, %v", id, d, err)
		}
	}
}
