// Package buntstore is the store.Store of a self-hosted server: one BuntDB file with
// SyncPolicy Always, a lock file, group commit and a repair pass at open.
//
// Layout (stack-notes section 5): every key starts with "f/<family>/": "m" the family,
// "d/<device>" a device, "i/<code hash>" an invitation, "l/<last seq %020d>" one record per
// push holding all of that push's changes. One record per push makes a push crash-atomic: a
// torn last record is cut off by BuntDB at open. Heads, last mutation ids, tokens and used
// invitations are derived from the records at open and kept in memory.
package buntstore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	gosync "sync"
	"syscall"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
)

// FileName is the database file inside the data directory.
const FileName = "gongji.db"

// ErrLocked: another process holds the data directory.
var ErrLocked = errors.New("database in use: another gongji process holds the lock")

// maxGroup bounds how many pushes share one fsync.
const maxGroup = 512

// Store is a BuntDB-backed store.Store.
type Store struct {
	db       *buntdb.DB
	lock     *os.File
	pushes   chan *writeReq
	stop     chan struct{}
	stopped  chan struct{}
	onCommit func(families []string)

	mu       gosync.RWMutex
	closed   bool
	families map[string]*familyMem
	tokens   map[string]deviceRef    // token hash -> device
	invites  map[string]store.Invite // code hash -> invite
	used     map[string]bool         // code hashes a device joined with
}

type familyMem struct {
	pushMu  gosync.Mutex // serializes the family's pushes, held until the record is on disk
	info    store.Family
	head    *store.Head // replaced, never changed in place
	devices map[string]store.Device
}

type deviceRef struct{ family, device string }

// Options tune a store.
type Options struct {
	// OnCommit is called after each group commit with the families whose heads moved.
	OnCommit func(families []string)
	// Repaired, when set, is told how many unacknowledged records the repair pass dropped.
	Repaired func(dropped int)
}

// Open takes the lock on dir, opens (or creates) dir/gongji.db and rebuilds every family.
func Open(dir string, opt Options) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("data dir %s: %w", dir, err)
	}
	lock, err := Lock(dir)
	if err != nil {
		return nil, err
	}
	s, err := openLocked(filepath.Join(dir, FileName), opt)
	if err != nil {
		lock.Close()
		return nil, err
	}
	s.lock = lock
	return s, nil
}

// Lock takes dir/gongji.db.lock (flock, exclusive, non-blocking); BuntDB has none and two
// processes on one file corrupt it. Keep the file open as long as the lock is needed.
func Lock(dir string) (*os.File, error) {
	path := filepath.Join(dir, FileName+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock file %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("%w (%s)", ErrLocked, path)
	}
	return f, nil
}

func openLocked(path string, opt Options) (*Store, error) {
	db, err := buntdb.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w (see README: repairing the database)", path, err)
	}
	var cfg buntdb.Config
	if err := db.ReadConfig(&cfg); err != nil {
		db.Close()
		return nil, err
	}
	// Always: a push is acknowledged only after its fsync. AutoShrink off: shrink is not
	// power-safe (it renames without fsync).
	cfg.SyncPolicy = buntdb.Always
	cfg.AutoShrinkDisabled = true
	if err := db.SetConfig(cfg); err != nil {
		db.Close()
		return nil, err
	}
	s := &Store{db: db, pushes: make(chan *writeReq, 4096), stop: make(chan struct{}),
		stopped: make(chan struct{}), onCommit: opt.OnCommit,
		families: map[string]*familyMem{}, tokens: map[string]deviceRef{},
		invites: map[string]store.Invite{}, used: map[string]bool{}}
	dropped, err := s.load()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	if opt.Repaired != nil {
		opt.Repaired(dropped)
	}
	go s.commitLoop()
	return s, nil
}

// Close stops the committer (pending pushes fail with store.ErrClosed), closes the file and
// releases the lock.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	close(s.stop)
	<-s.stopped
	err := s.db.Close()
	if s.lock != nil {
		s.lock.Close()
	}
	return err
}
