package buntstore

import (
	"context"
	"fmt"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
	"gongji/shared/sync"
)

type pushReq struct {
	family string
	fn     store.PushFunc
	done   chan error
}

// Push hands fn to the committer and waits until its changes are on disk (or failed).
func (s *Store) Push(ctx context.Context, family string, fn store.PushFunc) error {
	r := &pushReq{family: family, fn: fn, done: make(chan error, 1)}
	select {
	case s.pushes <- r:
	case <-s.stop:
		return store.ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once queued, wait for the verdict even if the client went away: a push in a group
	// commit is written or not as a whole, and the caller must not guess.
	select {
	case err := <-r.done:
		return err
	case <-s.stopped:
		select {
		case err := <-r.done:
			return err
		default:
			return store.ErrClosed // queued after the committer stopped: never processed
		}
	}
}

// commitLoop is the one writer: it takes every push waiting, processes them in arrival
// order (a family's later push sees its earlier one), writes all their records in one
// fsynced transaction, then swaps the heads in and answers. Group commit is how throughput
// scales: one fsync serves every push that arrived while the last one ran.
func (s *Store) commitLoop() {
	defer close(s.stopped)
	batch := make([]*pushReq, 0, maxGroup)
	for {
		select {
		case r := <-s.pushes:
			batch = append(batch[:0], r)
		case <-s.stop:
			s.failQueued()
			return
		}
	drain:
		for len(batch) < maxGroup {
			select {
			case r := <-s.pushes:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		s.commit(batch)
	}
}

func (s *Store) failQueued() {
	for {
		select {
		case r := <-s.pushes:
			r.done <- store.ErrClosed
		default:
			return
		}
	}
}

func (s *Store) commit(batch []*pushReq) {
	pending := map[string]*store.Head{}
	var keys, values []string
	errs := make([]error, len(batch))
	for i, r := range batch {
		base := pending[r.family]
		if base == nil {
			s.mu.RLock()
			if fm := s.families[r.family]; fm != nil {
				base = fm.head
			}
			s.mu.RUnlock()
		}
		if base == nil {
			errs[i] = store.ErrNotFound
			continue
		}
		h := base.Clone()
		changes, err := r.fn(h)
		if err == nil {
			err = checkChanges(base.Seq, h.Seq, changes)
		}
		if err != nil {
			errs[i] = err
			continue
		}
		if len(changes) > 0 {
			keys = append(keys, logKey(r.family, h.Seq))
			values = append(values, mustJSON(record{Changes: changes}))
		}
		pending[r.family] = h
	}
	if err := s.writeRecords(keys, values); err != nil {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = fmt.Errorf("write: %w", err)
			}
		}
	} else {
		s.swap(pending)
	}
	for i, r := range batch {
		r.done <- errs[i]
	}
}

// checkChanges asserts the push function numbered its changes base+1..head.
func checkChanges(base, head int64, changes []sync.Change) error {
	for i, c := range changes {
		if c.Seq != base+int64(i)+1 {
			return fmt.Errorf("push: change %d has seq %d, want %d", i, c.Seq, base+int64(i)+1)
		}
	}
	if head != base+int64(len(changes)) {
		return fmt.Errorf("push: head %d after %d changes from %d", head, len(changes), base)
	}
	return nil
}

func (s *Store) writeRecords(keys, values []string) error {
	if len(keys) == 0 {
		return nil
	}
	return s.db.Update(func(tx *buntdb.Tx) error {
		for i := range keys {
			if _, _, err := tx.Set(keys[i], values[i], nil); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) swap(pending map[string]*store.Head) {
	if len(pending) == 0 {
		return
	}
	moved := make([]string, 0, len(pending))
	s.mu.Lock()
	for fam, h := range pending {
		if fm := s.families[fam]; fm != nil {
			if h.Seq != fm.head.Seq {
				moved = append(moved, fam)
			}
			fm.head = h
		}
	}
	s.mu.Unlock()
	if s.onCommit != nil && len(moved) > 0 {
		s.onCommit(moved)
	}
}
