package buntstore

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/tidwall/buntdb"
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

// moveLoop archives families' older records until moves is closed.
func (s *Store) moveLoop() {
	defer close(s.moverDone)
	for fam := range s.moves {
		if err := s.move(fam, archiveKeep); err != nil && s.onMoveError != nil {
			s.onMoveError(err)
		}
	}
}

// move archives all but the newest keep of fam's log records held in BuntDB. The records are
// on disk in the archive and in its index before they leave BuntDB, and a pull holds the
// index's read lock, so every record is readable from one place or the other at any moment.
func (s *Store) move(fam string, keep int) error {
	s.arch.mu.RLock()
	_, archived := s.arch.after(fam, 1<<62)
	s.arch.mu.RUnlock()
	var kv []string
	err := s.db.View(func(tx *buntdb.Tx) error {
		return tx.AscendRange("", logKey(fam, archived+1), logEnd(fam), func(k, v string) bool {
			kv = append(kv, k, v)
			return true
		})
	})
	if err != nil {
		return err
	}
	n := len(kv)/2 - keep
	if n <= 0 {
		return nil
	}
	kv = kv[:2*n]
	refs, err := s.arch.add(kv)
	if err != nil {
		return fmt.Errorf("archive family %s: %w (its records stay in %s)", fam, err, FileName)
	}
	s.arch.mu.Lock()
	defer s.arch.mu.Unlock()
	s.arch.index[fam] = append(s.arch.index[fam], refs...)
	err = s.update(func(tx *buntdb.Tx) error {
		for i := 0; i < len(kv); i += 2 {
			if _, err := tx.Delete(kv[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("archive family %s: %w (its records are in both files; the archived copies are read)", fam, err)
	}
	s.mu.Lock()
	if fm := s.families[fam]; fm != nil {
		fm.inBunt -= n
		s.moved = true
	}
	s.mu.Unlock()
	return nil
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
	for _, fam := range fams {
		if err := s.move(fam, archiveKeep); err != nil {
			return err
		}
	}
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
