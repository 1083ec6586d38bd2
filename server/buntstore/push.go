package buntstore

import (
	"context"
	"fmt"
	"time"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
)

// writeReq is one write on its way to the committer: a push's record, a snapshot, a new
// family and its owner, a device, an invitation, or keys to delete.
type writeReq struct {
	kv    []string // keys and values to set
	dels  []string // keys to delete (missing ones are fine)
	done  chan error
	after func(error) // run by the committer once the write is durable or failed
}

func newWrite(kv ...string) *writeReq { return &writeReq{kv: kv, done: make(chan error, 1)} }

// Push runs fn on a copy of the family's head while holding the family's lock (one family
// is one unit of serialization; families run in parallel), hands the record to the
// committer and waits until it is on disk; only then does the new head become visible.
func (s *Store) Push(ctx context.Context, family string, fn store.PushFunc) error {
	fm, err := s.lockFamily(family) // cold.go: warm, and held until the record is on disk
	if err != nil {
		return err
	}
	defer fm.pushMu.Unlock()
	s.mu.RLock()
	base := fm.head
	s.mu.RUnlock()
	h := base.Clone()
	changes, err := fn(h)
	if err == nil {
		err = store.CheckChanges(base.Seq, h.Seq, changes)
	}
	if err != nil || len(changes) == 0 {
		return err // nothing to write: every earlier push of this family is already on disk
	}
	w := newWrite(logKey(family, h.Seq), encodeRecord(changes))
	if err := s.enqueue(ctx, w); err != nil {
		return err
	}
	fm.lastUse.Store(time.Now().UnixNano())
	s.mu.Lock()
	fm.head = h
	now := time.Now()
	due := h.Seq-fm.snapSeq >= snapshotEvery && now.UnixNano()-fm.snapAt >= int64(snapshotGap)
	fm.inBunt++
	move := fm.inBunt >= archiveKeep+archiveBatch
	s.mu.Unlock()
	if due {
		s.snapshotLater(family, fm, h, now)
	}
	if move {
		s.moveLater(family)
	}
	if s.onCommit != nil {
		s.onCommit([]string{family})
	}
	return nil
}

// snapshotLater hands the family's new head to the snapshotter (snapshotLoop), which encodes
// it and queues it for a later commit: the record it covers is already on disk, so a snapshot
// on disk never runs ahead of the log. Nobody waits for it (encoding the head of a family
// with 1,000 records takes milliseconds that the push's answer used to wait for): a lost
// snapshot only means more log to redo. Callers hold fm.pushMu.
func (s *Store) snapshotLater(family string, fm *familyMem, h *store.Head, now time.Time) {
	// A family with a snapshot on its way does not go cold (cold.go) until it is written:
	// written after the family's keys left BuntDB, it would be an old head there.
	s.mu.Lock()
	fm.snapBusy++
	s.mu.Unlock()
	select {
	case s.snaps <- snapJob{family, fm, h}:
		s.mu.Lock()
		fm.snapSeq, fm.snapAt = h.Seq, now.UnixNano()
		s.mu.Unlock()
	default: // the snapshotter is behind: the next push of the family asks again
		s.mu.Lock()
		fm.snapBusy--
		s.mu.Unlock()
	}
}

// snapJob is a head to snapshot.
type snapJob struct {
	family string
	fm     *familyMem
	h      *store.Head
}

// snapshotLoop encodes the heads snapshotLater hands it and queues them for the committer,
// until the store stops; a snapshot not written leaves its family's snapSeq at 0, so that a
// clean stop writes it (snapshotAll).
func (s *Store) snapshotLoop() {
	defer close(s.snapsDone)
	done := func(j snapJob, err error) {
		s.mu.Lock()
		j.fm.snapBusy--
		if err != nil {
			j.fm.snapSeq = 0
		}
		s.mu.Unlock()
	}
	for {
		select {
		case j := <-s.snaps:
			w := newWrite(snapshotKey(j.family), encodeSnapshot(j.h))
			w.after = func(err error) { done(j, err) }
			select {
			case s.pushes <- w:
			case <-s.stop:
				done(j, store.ErrClosed)
			}
		case <-s.stop:
			for {
				select {
				case j := <-s.snaps:
					done(j, store.ErrClosed)
				default:
					return
				}
			}
		}
	}
}

// snapshotAll writes, in one commit, the snapshot of every family whose head moved past its
// last one. It runs in Close, after the committer stopped.
func (s *Store) snapshotAll() error {
	if s.failed.Load() != nil {
		return nil
	}
	s.mu.RLock()
	var kv []string
	for id, fm := range s.families {
		if fm.head != nil && fm.head.Seq > fm.snapSeq {
			kv = append(kv, snapshotKey(id), encodeSnapshot(fm.head))
		}
	}
	s.mu.RUnlock()
	if len(kv) == 0 {
		return nil
	}
	if err := s.set(kv...); err != nil {
		return fmt.Errorf("snapshots at close: %w", err)
	}
	return nil
}

// update runs fn in one BuntDB transaction and fsyncs the file through our own handle,
// checked (see openDB for why). After a failed fsync every later update fails: what reached
// the disk is known again only by reading the file at the next start.
func (s *Store) update(fn func(tx *buntdb.Tx) error) error {
	if failed := s.failed.Load(); failed != nil {
		return *failed
	}
	if err := s.db.Update(fn); err != nil {
		return fmt.Errorf("write %s: %w", s.file.Name(), err)
	}
	if err := s.fsync(); err != nil {
		err = fmt.Errorf("fsync %s: %w; nothing is written until the server restarts", s.file.Name(), err)
		s.failed.CompareAndSwap(nil, &err)
		return err
	}
	return nil
}

// enqueue waits for the committer's verdict on w. Once queued, it waits even if the client
// went away: the record is written or not, and the caller must not guess.
func (s *Store) enqueue(ctx context.Context, w *writeReq) error {
	select {
	case s.pushes <- w:
	case <-s.stop:
		return store.ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-w.done:
		return err
	case <-s.stopped:
		select {
		case err := <-w.done:
			return err
		default:
			return store.ErrClosed // queued after the committer stopped: never written
		}
	}
}

// commitLoop is the one writer: it takes every record waiting and writes them in one
// fsynced transaction (group commit: one fsync serves every push that arrived while the last
// one ran). Each record is one key, so a torn write loses whole pushes only.
func (s *Store) commitLoop() {
	defer close(s.stopped)
	batch := make([]*writeReq, 0, maxGroup)
	for {
		select {
		case w := <-s.pushes:
			batch = append(batch[:0], w)
		case <-s.stop:
			s.failQueued()
			return
		}
	drain:
		for len(batch) < maxGroup {
			select {
			case w := <-s.pushes:
				batch = append(batch, w)
			default:
				break drain
			}
		}
		err := s.update(func(tx *buntdb.Tx) error {
			for _, w := range batch {
				for i := 0; i+1 < len(w.kv); i += 2 {
					if _, _, err := tx.Set(w.kv[i], w.kv[i+1], nil); err != nil {
						return err
					}
				}
				for _, k := range w.dels {
					if _, err := tx.Delete(k); err != nil && err != buntdb.ErrNotFound {
						return err
					}
				}
			}
			return nil
		})
		for _, w := range batch {
			if w.after != nil {
				w.after(err)
			}
			w.done <- err
		}
	}
}

func (s *Store) failQueued() {
	for {
		select {
		case w := <-s.pushes:
			if w.after != nil {
				w.after(store.ErrClosed)
			}
			w.done <- store.ErrClosed
		default:
			return
		}
	}
}
