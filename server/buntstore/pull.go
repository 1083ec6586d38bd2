package buntstore

import (
	"context"
	"fmt"
	"io"
	"maps"
	"strconv"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
	"gongji/shared/sync"
)

// Pull reads up to limit changes after cursor by a primary-key range scan. It takes the head
// first and returns nothing newer, so Head and LastMutationIDs match the changes returned.
// LastMutationIDs is set on the last page only (More false).
func (s *Store) Pull(_ context.Context, family string, cursor int64, limit int) (store.Page, error) {
	s.mu.RLock()
	fm := s.families[family]
	var head *store.Head
	if fm != nil {
		head = fm.head
	}
	s.mu.RUnlock()
	if head == nil {
		return store.Page{}, store.ErrNotFound
	}
	page := store.Page{Changes: []sync.Change{}, Head: head.Seq}
	if cursor < head.Seq {
		if err := s.scan(family, cursor, head.Seq, limit, &page); err != nil {
			return store.Page{}, err
		}
	}
	if !page.More {
		page.LastMutationIDs = maps.Clone(head.LastMutationIDs)
	}
	return page, nil
}

func (s *Store) scan(family string, cursor, head int64, limit int, page *store.Page) error {
	var ferr error
	err := s.db.View(func(tx *buntdb.Tx) error {
		return tx.AscendRange("", logKey(family, cursor+1), logEnd(family), func(k, v string) bool {
			last, err := strconv.ParseInt(k[len(k)-20:], 10, 64)
			if err != nil {
				ferr = fmt.Errorf("family %s, log key %s: %w", family, k, err)
				return false
			}
			changes, err := decodeRecord(last, v)
			if err != nil {
				ferr = fmt.Errorf("family %s, log record %s: %w", family, k, err)
				return false
			}
			for _, c := range changes {
				if c.Seq <= cursor || c.Seq > head {
					continue
				}
				if len(page.Changes) == limit {
					page.More = true
					return false
				}
				page.Changes = append(page.Changes, c)
			}
			return last < head
		})
	})
	if err != nil {
		return err
	}
	return ferr
}

// Head is the family's last seq.
func (s *Store) Head(_ context.Context, family string) (int64, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	fm := s.families[family]
	if fm == nil {
		return 0, store.ErrNotFound
	}
	return fm.head.Seq, nil
}

// Backup writes a consistent snapshot of the whole database (BuntDB's own format) to w. It
// blocks writers while it runs, not readers.
func (s *Store) Backup(w io.Writer) error { return s.db.Save(w) }

// State returns a copy of the family's head, for tests and checks.
func (s *Store) State(family string) (*store.Head, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	fm := s.families[family]
	if fm == nil {
		return nil, store.ErrNotFound
	}
	return fm.head.Clone(), nil
}

// Families lists every family id (for server-side sweeps such as the 06:00 refunds).
func (s *Store) Families() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.families))
	for id := range s.families {
		out = append(out, id)
	}
	return out
}
