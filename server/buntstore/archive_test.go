package buntstore

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/buntdb"
)

// fill pushes n single-change pushes to family fa and waits until the mover has archived all
// but the newest few.
func fill(t *testing.T, s *Store, n int) {
	t.Helper()
	for range n {
		push(t, s, notes(1))
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.RLock()
		in := s.families["fa"].inBunt
		s.mu.RUnlock()
		if in < archiveKeep+archiveBatch {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d records still in the database file", in)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// logKeysInFile counts fa's log keys in the database file.
func logKeysInFile(t *testing.T, s *Store) int {
	t.Helper()
	n := 0
	s.db.View(func(tx *buntdb.Tx) error {
		return tx.AscendRange("", logKey("fa", 1), logEnd("fa"), func(string, string) bool { n++; return true })
	})
	return n
}

// pullAll checks that pulling fa from every cursor, in pages of every size, returns seq
// cursor+1 up to head exactly once each.
func pullAll(t *testing.T, s *Store, head int64) {
	t.Helper()
	for _, limit := range []int{1, 7, 1000} {
		for _, cursor := range []int64{0, 1, 100, head - 40, head - 1, head} {
			if cursor > head {
				continue
			}
			next := cursor
			for {
				page, err := s.Pull(context.Background(), "fa", next, limit)
				if err != nil {
					t.Fatalf("pull after %d: %v", next, err)
				}
				for _, c := range page.Changes {
					if c.Seq != next+1 {
						t.Fatalf("pull from %d (limit %d): seq %d after %d", cursor, limit, c.Seq, next)
					}
					next = c.Seq
				}
				if !page.More {
					break
				}
			}
			if next != head {
				t.Fatalf("pull from %d (limit %d) ended at %d, head %d", cursor, limit, next, head)
			}
		}
	}
}

// TestArchiveKeepsEveryRecord: old records move to the archive while the server runs and at
// close; pulls from any cursor see the whole log once, across a clean close and a crash, and
// the database file keeps only the newest records.
func TestArchiveKeepsEveryRecord(t *testing.T) {
	for _, stop := range []string{"close", "crash"} {
		t.Run(stop, func(t *testing.T) {
			dir := t.TempDir()
			s := open(t, dir)
			newFam(t, s)
			fill(t, s, 300)
			if got := len(s.arch.fam("fa").logs); got == 0 {
				t.Fatal("nothing was archived while the server ran")
			}
			pullAll(t, s, 300)
			if stop == "close" {
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
			} else {
				crash(s)
			}
			s = open(t, dir)
			defer s.Close()
			if h, _ := s.Head(context.Background(), "fa"); h != 300 {
				t.Fatalf("head after reopen %d, want 300", h)
			}
			pullAll(t, s, 300)
			if n := logKeysInFile(t, s); n > archiveKeep+archiveBatch {
				t.Errorf("%d records left in the database file", n)
			}
			if stop == "close" {
				if n := logKeysInFile(t, s); n != archiveKeep {
					t.Errorf("after a clean close %d records in the database file, want %d", n, archiveKeep)
				}
				st, _ := os.Stat(filepath.Join(dir, FileName))
				if st.Size() > 32<<10 {
					t.Errorf("database file is %d bytes after the close compacted it", st.Size())
				}
			}
			push(t, s, notes(1))
			if h, _ := s.Head(context.Background(), "fa"); h != 301 {
				t.Errorf("head after a new push %d", h)
			}
		})
	}
}

// TestArchiveUnfinishedMove: a crash after records were appended to the archive but before
// the transaction that deletes them from the database file (and records the archive's size)
// leaves them in both; the start cuts the archive back and reads them from the file.
func TestArchiveUnfinishedMove(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	newFam(t, s)
	for range archiveKeep + archiveBatch - 1 { // one short of a move
		push(t, s, notes(1))
	}
	var kv []string
	s.db.View(func(tx *buntdb.Tx) error {
		return tx.AscendRange("", logKey("fa", 1), logKey("fa", 51), func(k, v string) bool { kv = append(kv, k, v); return true })
	})
	if _, err := s.arch.add(kv); err != nil { // appended and fsynced, never deleted from the file
		t.Fatal(err)
	}
	crash(s)
	var cut int64
	s, err := Open(dir, Options{TornTail: func(n int64) { cut += n }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if len(s.arch.fam("fa").logs) != 0 || cut == 0 {
		t.Fatalf("archive index %d records, %d bytes cut; want the unfinished move cut", len(s.arch.fam("fa").logs), cut)
	}
	pullAll(t, s, archiveKeep+archiveBatch-1)
}

// TestArchiveMoveCutBetweenChunks: a move writes the archive's new size first, then deletes
// the moved records from the database file moveChunk at a time, each in a group commit; a
// crash between two of those commits leaves some records in both files, and the start reads
// each exactly once.
func TestArchiveMoveCutBetweenChunks(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	newFam(t, s)
	const n = archiveKeep + archiveBatch - 1 // one short of a move: the mover stays out of it
	for range n {
		push(t, s, notes(1))
	}
	var kv []string
	s.db.View(func(tx *buntdb.Tx) error {
		return tx.AscendRange("", logKey("fa", 1), logKey("fa", 51), func(k, v string) bool { kv = append(kv, k, v); return true })
	})
	if _, err := s.arch.add(kv); err != nil {
		t.Fatal(err)
	}
	size := strconv.FormatInt(s.arch.size, 10)
	if err := s.writeBeside([]string{archiveSizeKey, size}, []string{kv[0], kv[2], kv[4]}); err != nil { // the first chunk
		t.Fatal(err)
	}
	crash(s)
	s = open(t, dir)
	defer s.Close()
	if got := len(s.arch.fam("fa").logs); got != len(kv)/2 {
		t.Fatalf("archive index %d records, want the %d moved", got, len(kv)/2)
	}
	pullAll(t, s, n)
	push(t, s, notes(1))
	pullAll(t, s, n+1)
}

// TestArchiveDamage: a changed byte in a middle frame stops the open, naming the archive and
// the family, and changes no file; an unfinished last frame is cut and reported.
func TestArchiveDamage(t *testing.T) {
	build := func(t *testing.T) string {
		dir := t.TempDir()
		s := open(t, dir)
		newFam(t, s)
		fill(t, s, 200)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	t.Run("flipped byte", func(t *testing.T) {
		dir := build(t)
		path := filepath.Join(dir, ArchiveName)
		data, _ := os.ReadFile(path)
		data[len(data)/2] ^= 0x20
		os.WriteFile(path, data, 0o600)
		before, _ := os.ReadFile(filepath.Join(dir, FileName))
		_, err := Open(dir, Options{})
		var de *DamageError
		if !errors.As(err, &de) || !errors.Is(err, ErrDamaged) || de.Damages[0].Family != "fa" || !strings.Contains(err.Error(), ArchiveName) {
			t.Fatalf("open: %v", err)
		}
		after, _ := os.ReadFile(path)
		db, _ := os.ReadFile(filepath.Join(dir, FileName))
		if !bytes.Equal(after, data) || !bytes.Equal(db, before) {
			t.Error("a refused open changed a file")
		}
		if r, err := Check(dir); err != nil || len(r.Damages) != 1 { // the frame, and no gaps for the records after it
			t.Errorf("gongji repair's check does not see it: %+v, %v", r, err)
		}
	})
	t.Run("unfinished last frame", func(t *testing.T) {
		dir := build(t)
		path := filepath.Join(dir, ArchiveName)
		st, _ := os.Stat(path)
		f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		f.Write(appendFrame(nil, logKey("fa", 999), "half")[:20])
		f.Close()
		var cut int64
		s, err := Open(dir, Options{TornTail: func(n int64) { cut += n }})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if cut != 20 {
			t.Errorf("cut %d bytes, want 20", cut)
		}
		if st2, _ := os.Stat(path); st2.Size() != st.Size() {
			t.Errorf("archive %d bytes after the cut, was %d", st2.Size(), st.Size())
		}
		pullAll(t, s, 200)
	})
}

// TestBackupHoldsArchivedRecords: a backup is one database file with the whole log.
func TestBackupHoldsArchivedRecords(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	newFam(t, s)
	fill(t, s, 250)
	var buf bytes.Buffer
	if err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	s.Close()
	restored := t.TempDir()
	if err := os.WriteFile(filepath.Join(restored, FileName), buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	r := open(t, restored)
	defer r.Close()
	pullAll(t, r, 250)
}
