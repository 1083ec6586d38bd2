package buntstore

import (
	"context"
	"fmt"
	"io"
	"maps"
	"strconv"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
	"gongji/shared/syncwire"
)

// Pull reads up to limit changes after cursor by a primary-key range scan. It takes the head
// first and returns nothing newer, so Head and LastMutationIDs match the changes returned.
// LastMutationIDs is set on the last page only (More false).
func (s *Store) Pull(_ context.Context, family string, cursor int64, limit int) (store.Page, error) {
	_, head, err := s.head(family) // cold.go: a cold family warms up
	if err != nil {
		return store.Page{}, err
	}
	page := store.Page{Changes: []syncwire.Change{}, Head: head.Seq}
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

// scan reads the family's archived records after cursor, then the file's after the archived
// ones; it holds the archive's read lock, so no record moves in between.
func (s *Store) scan(family string, cursor, head int64, limit int, page *store.Page) error {
	s.arch.mu.RLock()
	defer s.arch.mu.RUnlock()
	refs, archived := s.arch.after(family, cursor)
	for _, ref := range refs {
		k, v, err := s.arch.read(ref)
		if err != nil {
			return fmt.Errorf("family %s, archived record at byte %d: %w", family, ref.off, err)
		}
		if more, err := pageAdd(page, cursor, head, limit, family, k, ref.last, v); err != nil || !more {
			return err
		}
	}
	from := max(cursor, archived)
	var ferr error
	err := s.db.View(func(tx *buntdb.Tx) error {
		return tx.AscendRange("", logKey(family, from+1), logEnd(family), func(k, v string) bool {
			last, err := strconv.ParseInt(k[len(k)-20:], 10, 64)
			if err != nil {
				ferr = fmt.Errorf("family %s, log key %s: %w", family, k, err)
				return false
			}
			more, err := pageAdd(page, from, head, limit, family, k, last, v)
			ferr = err
			return more
		})
	})
	if err != nil {
		return err
	}
	return ferr
}

// pageAdd adds a record's changes after cursor and up to head to the page; it says whether
// to go on (the page has room and the record ends before head).
func pageAdd(page *store.Page, cursor, head int64, limit int, family, key string, last int64, v string) (bool, error) {
	changes, err := decodeRecord(last, v)
	if err != nil {
		return false, fmt.Errorf("family %s, log record %s: %w", family, key, err)
	}
	for _, c := range changes {
		if c.Seq <= cursor || c.Seq > head {
			continue
		}
		if len(page.Changes) == limit {
			page.More = true
			return false, nil
		}
		page.Changes = append(page.Changes, c)
	}
	return last < head, nil
}

// Backup writes a consistent snapshot of the whole database to w in BuntDB's own format, the
// archived records included as the commands that set them. It blocks writers while it runs,
// not readers.
func (s *Store) Backup(w io.Writer) error {
	if err := s.arch.appendSets(w); err != nil {
		return err
	}
	if err := s.db.Save(w); err != nil {
		return err
	}
	return dropSize(w)
}

// Head is the family's last seq.
func (s *Store) Head(_ context.Context, family string) (int64, error) {
	_, h, err := s.head(family)
	if err != nil {
		return 0, err
	}
	return h.Seq, nil
}

// State returns a copy of the family's head, for tests and checks.
func (s *Store) State(family string) (*store.Head, error) {
	_, h, err := s.head(family)
	if err != nil {
		return nil, err
	}
	return h.Clone(), nil
}
