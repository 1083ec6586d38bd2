package buntstore

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/buntdb"
)

// Report is what a check of a stopped server's database found; nothing was changed.
type Report struct {
	Path     string
	Size     int64
	WholeEnd int64 // where the last whole BuntDB command ends; below Size, the rest is unreadable
	Damages  []Damage
	Drops    []Drop // what -drop-after-gap would remove, one per damaged family log
}

// Drop is the part of a family's log -drop-after-gap removes: the first damaged record and
// every later one (a log must run 1..head with no hole), and the family's snapshot.
type Drop struct {
	Family   string
	Keys     []string // log records, then the snapshot if any
	Changes  int64    // changes in the removed records (as their keys number them)
	KeepHead int64    // the family's head afterwards
}

// Clean says nothing needs repairing.
func (r *Report) Clean() bool { return r.WholeEnd == r.Size && len(r.Damages) == 0 }

// RepairOptions choose what Repair does; none set only checks.
type RepairOptions struct {
	TruncateTail bool // cut the file after the last whole BuntDB command
	DropAfterGap bool // remove each damaged family's log from its first damaged record on
}

// Check reads every record of dir's database (redoing every log from seq 1, snapshots
// ignored) without changing it. The server must be stopped: it takes the lock.
func Check(dir string) (*Report, error) {
	lock, err := Lock(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: stop the server first", err)
	}
	defer lock.Close()
	return check(dir)
}

func check(dir string) (*Report, error) {
	path := filepath.Join(dir, FileName)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	r := &Report{Path: path, Size: st.Size()}
	if r.WholeEnd, err = wholeEnd(f); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	// BuntDB reads a copy of the whole part, so that this check changes nothing.
	tmp, err := os.MkdirTemp("", "gongji-check-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if err := copyPrefix(path, filepath.Join(tmp, FileName), r.WholeEnd); err != nil {
		return nil, err
	}
	db, err := buntdb.Open(filepath.Join(tmp, FileName))
	if err != nil {
		return nil, fmt.Errorf("open the whole part of %s: %w", path, err)
	}
	defer db.Close()
	// The archive is read, never changed (an unfinished end is left for the server to cut).
	durable, err := archiveSize(db)
	if err != nil {
		return nil, err
	}
	arch, archDamages, err := openArchive(filepath.Join(dir, ArchiveName), durable, nil, true, nil)
	if err != nil {
		return nil, err
	}
	if arch != nil {
		defer arch.close()
	}
	s := newStore(db, arch)
	// With the archive unreadable, the logs cannot be redone from seq 1: the file's records
	// are checked against the snapshots instead, so that its own damage is still found.
	damages := s.load(len(archDamages) == 0, nil)
	for _, d := range damages {
		if d.Seq > 0 && !strings.HasPrefix(d.Key, ArchiveName) {
			r.Drops = append(r.Drops, s.dropAfter(d))
		}
	}
	// A damaged archive frame has no repair here (old records, which new devices pull):
	// restore a backup.
	r.Damages = append(archDamages, damages...)
	return r, nil
}

// dropAfter lists the keys -drop-after-gap removes for a damaged log record.
func (s *Store) dropAfter(d Damage) Drop {
	fm := s.families[d.Family]
	drop := Drop{Family: d.Family, KeepHead: fm.head.Seq}
	s.db.View(func(tx *buntdb.Tx) error {
		return tx.AscendRange("", d.Key, logEnd(d.Family), func(k, _ string) bool {
			drop.Keys = append(drop.Keys, k)
			if last, err := strconv.ParseInt(k[len(k)-20:], 10, 64); err == nil {
				drop.Changes = last - drop.KeepHead
			}
			return true
		})
	})
	err := s.db.View(func(tx *buntdb.Tx) error { _, err := tx.Get(snapshotKey(d.Family)); return err })
	if err == nil {
		drop.Keys = append(drop.Keys, snapshotKey(d.Family))
	}
	return drop
}

// Repair checks dir's database and, if asked, copies it aside (gongji.db.bak-<UTC time>)
// and repairs it. It returns the check before the repair, the copy's path ("" when nothing
// was changed) and one line per thing done.
func Repair(dir string, opt RepairOptions, now time.Time) (*Report, string, []string, error) {
	lock, err := Lock(dir)
	if err != nil {
		return nil, "", nil, fmt.Errorf("%w: stop the server first", err)
	}
	defer lock.Close()
	r, err := check(dir)
	if err != nil || r.Clean() || (!opt.TruncateTail && !opt.DropAfterGap) {
		return r, "", nil, err
	}
	bak := r.Path + ".bak-" + now.UTC().Format("20060102T150405Z")
	if err := copyPrefix(r.Path, bak, r.Size); err != nil {
		return r, "", nil, fmt.Errorf("copy aside to %s: %w", bak, err)
	}
	var done []string
	if opt.TruncateTail && r.WholeEnd < r.Size {
		if err := truncateSynced(r.Path, r.WholeEnd); err != nil {
			return r, bak, done, err
		}
		done = append(done, fmt.Sprintf("cut %d bytes after the last whole record (offset %d)", r.Size-r.WholeEnd, r.WholeEnd))
	}
	if opt.DropAfterGap && len(r.Drops) > 0 {
		if !opt.TruncateTail && r.WholeEnd < r.Size {
			return r, bak, done, errors.New("the file has an unreadable tail: add -truncate-tail")
		}
		lines, err := dropKeys(r.Path, r.Drops)
		done = append(done, lines...)
		if err != nil {
			return r, bak, done, err
		}
	}
	return r, bak, done, nil
}

func dropKeys(path string, drops []Drop) ([]string, error) {
	db, err := buntdb.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	err = db.Update(func(tx *buntdb.Tx) error {
		for _, d := range drops {
			for _, k := range d.Keys {
				if _, err := tx.Delete(k); err != nil && err != buntdb.ErrNotFound {
					return fmt.Errorf("delete %s: %w", k, err)
				}
			}
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncFile(path)
	}
	if err != nil {
		return nil, err
	}
	var done []string
	for _, d := range drops {
		done = append(done, fmt.Sprintf("family %s: removed %d key(s), %d change(s) after seq %d; its head is now %d",
			d.Family, len(d.Keys), d.Changes, d.KeepHead, d.KeepHead))
	}
	return done, nil
}

// wholeEnd reads BuntDB's append-only file (RESP commands: "*N", then N "$len" bulk
// strings) and returns where the last whole command ends.
func wholeEnd(r io.Reader) (int64, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	var end, pos int64
	line := func(prefix byte) (int, bool) {
		s, err := br.ReadString('\n')
		pos += int64(len(s))
		if err != nil || len(s) < 4 || s[0] != prefix || s[len(s)-2] != '\r' {
			return 0, false
		}
		n, err := strconv.Atoi(s[1 : len(s)-2])
		return n, err == nil && n >= 0
	}
	for {
		n, ok := line('*')
		if !ok {
			return end, nil
		}
		for range n {
			size, ok := line('$')
			if !ok {
				return end, nil
			}
			if _, err := br.Discard(size); err != nil {
				return end, nil
			}
			pos += int64(size)
			crlf := make([]byte, 2)
			if _, err := io.ReadFull(br, crlf); err != nil || crlf[0] != '\r' || crlf[1] != '\n' {
				return end, nil
			}
			pos += 2
		}
		end = pos
	}
}

func copyPrefix(src, dst string, n int64) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.CopyN(out, in, n); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func truncateSynced(path string, size int64) error {
	if err := os.Truncate(path, size); err != nil {
		return err
	}
	return syncFile(path)
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
