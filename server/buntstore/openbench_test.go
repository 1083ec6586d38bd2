package buntstore

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
)

// TestOpenTimes splits the start of a filled data directory (GONGJI_OPEN_DIR, e.g. kept by
// gongji-load -keep) into BuntDB's read of the file and our checks and redo. A measurement,
// not an assertion: it only logs.
func TestOpenTimes(t *testing.T) {
	dir := os.Getenv("GONGJI_OPEN_DIR")
	if dir == "" {
		t.Skip("set GONGJI_OPEN_DIR to a filled data directory")
	}
	t0 := time.Now()
	db, err := buntdb.Open(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	bunt := time.Since(t0)
	db.Close()
	t1 := time.Now()
	s, err := Open(dir, Options{MaxWarm: 10000}) // a clean Close leaves the index again
	if err != nil {
		t.Fatal(err)
	}
	all := time.Since(t1)
	from := "the archive's frames"
	if s.fromIndex {
		from = IndexName
	}
	t.Logf("BuntDB read of the file %.3f s; whole Open (read, check every sum, redo after snapshots; %d families, %d warm, from %s) %.3f s",
		bunt.Seconds(), len(s.families), s.WarmCount(), from, all.Seconds())
	s.Close()
}

// TestOpenIndexTimes times a start from the index of GONGJI_INDEX_BENCH cold families made up
// in memory (ids, names, a token and a log record each, as gongji-load fills them) without
// filling them: the index is all such a start reads. A measurement: it only logs.
func TestOpenIndexTimes(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("GONGJI_INDEX_BENCH"))
	if n == 0 {
		t.Skip("set GONGJI_INDEX_BENCH to a number of families")
	}
	dir := t.TempDir()
	s, err := Open(dir, Options{MaxWarm: 10000})
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2026, 12, 7, 6, 0, 0, 0, time.UTC)
	s.mu.Lock()
	s.arch.mu.Lock()
	for i := range n {
		id := fmt.Sprintf("%022x", i)
		fm := &familyMem{info: store.Family{ID: id, Name: fmt.Sprintf("load %d", i), Created: created, Epoch: fmt.Sprintf("%032x", i)}}
		s.families[id] = fm
		s.tokens[fmt.Sprintf("%064x", i)] = deviceRef{id, fmt.Sprintf("%022x", i)}
		off := int64(i) * 3000
		s.arch.fams[id] = &archFam{logs: []archRef{{last: 6, off: off, n: 1500}}, meta: archRef{off: off + 1500, n: 400}, snap: archRef{off: off + 1900, n: 1100}}
	}
	s.arch.size = int64(n) * 3000
	s.arch.mu.Unlock()
	s.mu.Unlock()
	if err := s.arch.file.Truncate(s.arch.size); err != nil { // sparse: never read
		t.Fatal(err)
	}
	gen := newGeneration()
	if err := s.set(indexGenKey, gen, archiveSizeKey, strconv.FormatInt(s.arch.size, 10)); err != nil {
		t.Fatal(err)
	}
	if err := s.writeIndex(gen); err != nil {
		t.Fatal(err)
	}
	crash(s)
	st, _ := os.Stat(filepath.Join(dir, IndexName))
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	s, err = Open(dir, Options{MaxWarm: 10000})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(t0)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if !s.fromIndex || len(s.families) != n {
		t.Fatalf("from the index %v, %d families", s.fromIndex, len(s.families))
	}
	t.Logf("%d cold families: index %d bytes (%d a family); open %.3f s; heap %.0f bytes a family",
		n, st.Size(), st.Size()/int64(n), took.Seconds(), float64(after.HeapAlloc-before.HeapAlloc)/float64(n))
	// Then a crash after more families were made and went cold: the start reads the index and
	// the frames written after it.
	const more = 20000
	for i := range more {
		id := fmt.Sprintf("n%021x", i)
		if err := s.CreateFamily(bg, store.Family{ID: id, Name: "new", Created: created}, store.Device{ID: "d" + id, TokenHash: "t" + id}); err != nil {
			t.Fatal(err)
		}
		if err := s.Push(bg, id, notes(6)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CoolAll(); err != nil {
		t.Fatal(err)
	}
	crash(s)
	t0 = time.Now()
	s, err = Open(dir, Options{MaxWarm: 10000})
	if err != nil {
		t.Fatal(err)
	}
	defer crash(s)
	if !s.fromIndex || len(s.families) != n+more {
		t.Fatalf("after the crash: from the index %v, %d families", s.fromIndex, len(s.families))
	}
	t.Logf("start after a crash, %d families in the index and %d made since (their frames read): %.3f s", n, more, time.Since(t0).Seconds())
}

// TestColdHeapPerFamily creates GONGJI_COLD_BENCH families through the store (64 at once),
// each with one push of six changes, with 1,000 warm, and logs the live heap a family.
// A measurement: it only logs.
func TestColdHeapPerFamily(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("GONGJI_COLD_BENCH"))
	if n == 0 {
		t.Skip("set GONGJI_COLD_BENCH to a number of families")
	}
	s, err := Open(t.TempDir(), Options{MaxWarm: 1000})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var next atomic.Int64
	var wg gosync.WaitGroup
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				id := fmt.Sprintf("%022x", i)
				if err := s.CreateFamily(bg, store.Family{ID: id, Name: fmt.Sprintf("load %d", i), Created: time.Now(), Epoch: fmt.Sprintf("%032x", i)},
					store.Device{ID: fmt.Sprintf("%022x", i), TokenHash: fmt.Sprintf("%064x", i), Created: time.Now()}); err != nil {
					t.Error(err)
					return
				}
				if err := s.Push(bg, id, notes(6)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	waitWarm(t, s, 1000)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	keys := 0
	s.db.View(func(tx *buntdb.Tx) error { keys, _ = tx.Len(); return nil })
	t.Logf("%d families, %d warm, %d keys in BuntDB: live heap %.0f bytes a family, %.0f objects a family", n, s.WarmCount(), keys,
		float64(after.HeapAlloc-before.HeapAlloc)/float64(n), float64(after.HeapObjects-before.HeapObjects)/float64(n))
	if path := os.Getenv("GONGJI_COLD_PROFILE"); path != "" { // where the heap is: go tool pprof -sample_index=inuse_space
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := pprof.WriteHeapProfile(f); err != nil {
			t.Fatal(err)
		}
	}
}

// TestColdFirstUse fills GONGJI_COLD_BENCH families as TestColdHeapPerFamily does, then times
// the first use of cold ones in that same process (a Head, then a push), one at a time, with
// the mover letting others go. A measurement: it only logs.
func TestColdFirstUse(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("GONGJI_COLD_BENCH"))
	if n == 0 {
		t.Skip("set GONGJI_COLD_BENCH to a number of families")
	}
	s, err := Open(t.TempDir(), Options{MaxWarm: 10000})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var next atomic.Int64
	var wg gosync.WaitGroup
	t0 := time.Now()
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				id := fmt.Sprintf("%022x", i)
				if err := s.CreateFamily(bg, store.Family{ID: id, Name: fmt.Sprintf("load %d", i), Created: time.Now(), Epoch: fmt.Sprintf("%032x", i)},
					store.Device{ID: fmt.Sprintf("%022x", i), TokenHash: fmt.Sprintf("%064x", i), Created: time.Now()}); err != nil {
					t.Error(err)
					return
				}
				if err := s.Push(bg, id, notes(6)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("%d families in %.1f s", n, time.Since(t0).Seconds())
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("heap %d MB, sys %d MB, objects %d", ms.HeapAlloc>>20, ms.HeapSys>>20, ms.HeapObjects)
	var heads, pushes []time.Duration
	for i := range 1000 {
		id := fmt.Sprintf("%022x", 1+i*(n/2000))
		t1 := time.Now()
		if _, err := s.Head(bg, id); err != nil {
			t.Fatal(err)
		}
		heads = append(heads, time.Since(t1))
		id = fmt.Sprintf("%022x", 1+i*(n/2000)+n/4000)
		t1 = time.Now()
		if err := s.Push(bg, id, notes(1)); err != nil {
			t.Fatal(err)
		}
		pushes = append(pushes, time.Since(t1))
	}
	pct := func(ds []time.Duration) string {
		slices.Sort(ds)
		return fmt.Sprintf("p50 %.2f ms p99 %.2f ms max %.2f ms", float64(ds[len(ds)/2].Microseconds())/1000,
			float64(ds[len(ds)*99/100].Microseconds())/1000, float64(ds[len(ds)-1].Microseconds())/1000)
	}
	t.Logf("first Head of a cold family: %s; first push: %s", pct(heads), pct(pushes))
}
