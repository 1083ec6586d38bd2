package buntstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
)

// A family's newest archiveKeep log records stay in BuntDB; once archiveBatch more have
// gathered, the older ones move to the archive (archive.go) in one append. The records a
// device pulls next, and the ones a start redoes after a crash, are mostly the newest.
const (
	archiveKeep  = 32
	archiveBatch = 64
)

// moveLater asks the mover to archive fam's older records; a full queue drops the request
// (the family's next push asks again).
func (s *Store) moveLater(fam string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed || s.keepLog {
		return // Close closes moves under the write lock
	}
	select {
	case s.moves <- fam:
	default:
	}
}

// moveGap is how often the mover works: each round is one append and fsync of the archive
// (and of moves, one more). Moving or cooling as soon as asked made an fsync of the archive
// for every few pushes under load, each delaying the group commit's fsync of the database
// file on the same disk.
const moveGap = 200 * time.Millisecond

// moveLoop archives families' older records until moves is closed, the families asked for
// since the last round in one move (one write and one fsync of the archive), and makes
// families cold when more are warm than the bound (cold.go): one goroutine, so the two never
// move one family's records at once.
func (s *Store) moveLoop() {
	defer close(s.moverDone)
	tick := time.NewTicker(moveGap)
	defer tick.Stop()
	pending := map[string]bool{}
	for {
		select {
		case fam, ok := <-s.moves:
			if !ok {
				return
			}
			pending[fam] = true
		case <-s.coolKick:
			// at the next round
		case <-tick.C:
			if len(pending) > 0 {
				fams := make([]string, 0, len(pending))
				for fam := range pending {
					fams = append(fams, fam)
				}
				clear(pending)
				for start := 0; start < len(fams); start += maxGroup {
					if err := s.move(fams[start:min(start+maxGroup, len(fams))], archiveKeep); err != nil && s.onMoveError != nil {
						s.onMoveError(err)
					}
				}
			}
			s.coolReport(s.coolSome())
		case done := <-s.coolReq:
			done <- s.coolAll()
		}
	}
}

func (s *Store) coolReport(err error) {
	if err != nil && s.onMoveError != nil {
		s.onMoveError(err)
	}
}

// moveChunk bounds the deletes of one move that share a group commit: a round moves about a
// thousand records under load, and deleting them all at once held BuntDB's lock (or, now, a
// commit) for milliseconds that every push waited behind (issue 23).
const moveChunk = 256

// writeBeside sets kv and deletes dels in the committer's next group commit, beside the
// pushes, and waits until it is on disk: one writer holds BuntDB's lock, never a second one
// that a commit waits behind. Once the committer stopped (Close) it writes directly, without
// an fsync of its own, as the mover always did: the next fsync or Close's compaction covers it.
func (s *Store) writeBeside(kv, dels []string) error {
	err := s.enqueue(context.Background(), &writeReq{kv: kv, dels: dels, done: make(chan error, 1)})
	if !errors.Is(err, store.ErrClosed) {
		return err
	}
	return s.db.Update(func(tx *buntdb.Tx) error {
		for i := 0; i+1 < len(kv); i += 2 {
			if _, _, err := tx.Set(kv[i], kv[i+1], nil); err != nil {
				return err
			}
		}
		for _, k := range dels {
			if _, err := tx.Delete(k); err != nil && err != buntdb.ErrNotFound {
				return err
			}
		}
		return nil
	})
}

// archiveSizeKey holds, in the database file, how much of the archive holds records that
// left the file: written in the transaction that deletes them, after the archive's fsync.
// Past it the archive holds only an unfinished move, whose records are still in the file.
const archiveSizeKey = "a/size"

// move archives all but the newest keep of each family's log records held in BuntDB: it
// appends them to the archive and fsyncs it, adds them to the index, then deletes them from
// the database file and records the archive's size there, in one transaction. A pull holds
// the index's read lock, so every record is readable from one place or the other.
func (s *Store) move(fams []string, keep int) error {
	if s.failed.Load() != nil {
		return nil // nothing is written after a failed fsync
	}
	var kv []string
	moved := map[string]int{}
	for _, fam := range fams {
		if _, dup := moved[fam]; dup {
			continue
		}
		s.arch.mu.RLock()
		_, archived := s.arch.after(fam, 1<<62)
		s.arch.mu.RUnlock()
		var mine []string
		err := s.db.View(func(tx *buntdb.Tx) error {
			return tx.AscendRange("", logKey(fam, archived+1), logEnd(fam), func(k, v string) bool {
				mine = append(mine, k, v)
				return true
			})
		})
		if err != nil {
			return err
		}
		if n := len(mine)/2 - keep; n > 0 {
			kv = append(kv, mine[:2*n]...)
			moved[fam] = n
		}
	}
	if len(kv) == 0 {
		return nil
	}
	refs, err := s.arch.add(kv)
	if err != nil {
		return fmt.Errorf("archive %d records: %w (they stay in %s)", len(kv)/2, err, FileName)
	}
	s.mu.RLock()
	ids := make([]string, 0, len(moved))
	for fam := range moved {
		if fm := s.families[fam]; fm != nil {
			ids = append(ids, fm.info.ID)
		}
	}
	s.mu.RUnlock()
	s.arch.mu.Lock()
	for _, id := range ids {
		s.arch.fam(id) // keyed by the id the family keeps, not a copy inside a record's key
	}
	s.arch.note(kv, refs) // from here a pull reads these records from the archive (scan)
	size := strconv.FormatInt(s.arch.size, 10)
	s.arch.mu.Unlock()
	// The size first, then the deletes, moveChunk at a time, each in a group commit: a crash
	// in between leaves records in both files, and the archived copies count (load.go). A
	// crash before the size is on disk cuts the archive back and the file's copies are read.
	dels := make([]string, 0, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		dels = append(dels, kv[i])
	}
	set := []string{archiveSizeKey, size}
	for start := 0; start < len(dels); start += moveChunk {
		if err := s.writeBeside(set, dels[start:min(start+moveChunk, len(dels))]); err != nil {
			return fmt.Errorf("archive %d records: %w (they are in both files; the archived copies are read)", len(kv)/2, err)
		}
		set = nil
	}
	s.mu.Lock()
	for fam, n := range moved {
		if fm := s.families[fam]; fm != nil {
			fm.inBunt -= int32(n)
		}
	}
	s.moved = true
	s.mu.Unlock()
	return nil
}

// compact rewrites the BuntDB file with only its live keys, once records moved out (each
// left a set and a del behind): BuntDB's own shrink renames without an fsync, so this writes
// the copy, fsyncs it, closes the database, renames the copy over the file and fsyncs the
// directory. A crash leaves the old file or the whole new one.
func (s *Store) compact(dir string) error {
	tmp, err := os.CreateTemp(dir, ".gongji-compact-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := s.db.Save(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := s.db.Close(); err != nil {
		return err
	}
	s.db = nil
	if err := os.Rename(tmp.Name(), filepath.Join(dir, FileName)); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// moveAll archives every family's older records (at Close).
func (s *Store) moveAll() error {
	s.mu.RLock()
	var fams []string
	for id, fm := range s.families {
		if fm.inBunt > archiveKeep {
			fams = append(fams, id)
		}
	}
	s.mu.RUnlock()
	for start := 0; start < len(fams); start += maxGroup {
		if err := s.move(fams[start:min(start+maxGroup, len(fams))], archiveKeep); err != nil {
			return err
		}
	}
	return nil
}
