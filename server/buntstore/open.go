// Package buntstore is the store.Store of a self-hosted server: one BuntDB file, a lock file,
// group commit with our own checked fsync, per-family snapshots and a strict check at open.
//
// Layout (stack-notes section 5): every key starts with "f/<family>/": "m" the family,
// "d/<device>" a device, "i/<code hash>" an invitation, "c" the family's snapshot (its head
// at some seq), "l/<last seq %020d>" one record per push holding all of that push's changes
// (record.go: a versioned, checksummed envelope around the payload). One record per push
// makes a push crash-atomic: a torn last record is cut off by BuntDB at open. Heads, last
// mutation ids, tokens and used invitations are rebuilt at open from the snapshots and the
// log after them, and kept in memory.
package buntstore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	gosync "sync"
	"sync/atomic"
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
	db          *buntdb.DB
	lock        *os.File
	file        *os.File     // our own handle on the database file, for the checked fsync
	fsync       func() error // file.Sync; a seam for tests
	failed      atomic.Pointer[error]
	pushes      chan *writeReq
	stop        chan struct{}
	stopped     chan struct{}
	onCommit    func(families []string)
	dir         string
	arch        *archive    // old log records (archive.go)
	moves       chan string // families whose older records may move to the archive
	moverDone   chan struct{}
	onMoveError func(error)
	moved       bool // records left BuntDB since open: Close compacts the file
	keepLog     bool // Options.KeepLog
	maxWarm     int  // Options.MaxWarm
	fromIndex   bool // the start read the index (index.go)
	sweepNeed   func(*store.Head) bool
	coolKick    chan struct{} // wakes the mover when more families are warm than maxWarm
	coolReq     chan chan error
	snaps       chan snapJob // heads to snapshot (push.go)
	snapsDone   chan struct{}

	mu       gosync.RWMutex
	closed   bool
	families map[string]*familyMem
	tokens   map[string]deviceRef    // token hash -> device
	invites  map[string]store.Invite // code hash -> invite
	used     map[string]bool         // code hashes a device joined with
	warm     map[string]*familyMem   // families whose head is in memory (cold.go)
	sweepy   map[string]*familyMem   // cold families that need the server's sweeps (fm.sweep)
	creating map[string]bool         // family ids whose creation is being written
	inviting map[string]bool         // code hashes being written
	fams     slab[familyMem]         // pack.go: records of families, under mu
	strs     strArena                // pack.go: cold families' strings, under mu
}

type familyMem struct {
	pushMu  gosync.Mutex // serializes the family's pushes, held until the record is on disk
	info    store.Family
	head    *store.Head             // replaced, never changed in place
	snapSeq int64                   // the seq of the family's last snapshot written or asked for
	snapAt  int64                   // when it was asked for, unix nanoseconds (0: not since the start)
	inBunt  int32                   // log records of the family in BuntDB (the rest are archived)
	devices map[string]store.Device // nil while cold
	// cold.go: a cold family has no head and no devices in memory and nothing but its
	// invitations in BuntDB; its meta and snapshot frames in the archive hold it.
	lastUse  atomic.Int64 // unix nanoseconds of the last read or write
	snapBusy int32        // snapshots queued and not yet committed (under mu)
	sweep    bool         // cold, and Options.Sweep said it needs the server's sweeps
	packed   bool         // its strings are in the arena (pack.go); a new device clears it
}

type deviceRef struct{ family, device string }

// Options tune a store.
type Options struct {
	// OnCommit is called after each group commit with the families whose heads moved.
	OnCommit func(families []string)
	// TornTail, when set, is told how many bytes of an unfinished last write (a crash during a
	// commit, never acknowledged) were cut off the end of the file at open (of the archive:
	// a move that had not finished, its records still in the database file).
	TornTail func(bytes int64)
	// MoveError, when set, is told why old records could not move to the archive (they stay
	// in the database file; nothing is lost).
	MoveError func(error)
	// KeepLog leaves every log record where it is (no move to the archive, no compaction at
	// close): for tools that open a copy and then use its database file alone (restore).
	KeepLog bool
	// MaxWarm bounds how many families keep their head in memory (0: all of them). Past it
	// the families used longest ago go cold (cold.go) and come back on their next use.
	MaxWarm int
	// Sweep, when set, says whether a family going cold still needs the server's periodic
	// sweeps (Families lists every warm family and the cold ones Sweep said yes to).
	Sweep func(h *store.Head) bool
}

// Open takes the lock on dir, opens (or creates) dir/gongji.db and rebuilds every family. A
// record it cannot read or redo stops it with a *DamageError and the file unchanged.
func Open(dir string, opt Options) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("data dir %s: %w", dir, err)
	}
	_ = os.Chmod(dir, 0o700) // an existing directory too; a failure (not its owner) is not fatal
	lock, err := Lock(dir)
	if err != nil {
		return nil, err
	}
	s, err := openLocked(dir, opt, false)
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

// openLocked opens dir/gongji.db; full redoes every record and ignores snapshots (the
// repair check).
func openLocked(dir string, opt Options, full bool) (*Store, error) {
	// A million families are a few million small objects made at once and all kept: the
	// collector would otherwise run again and again over a heap that only grows.
	defer debug.SetGCPercent(debug.SetGCPercent(800))
	path := filepath.Join(dir, FileName)
	db, file, err := openDB(path, opt.TornTail)
	if err != nil {
		return nil, err
	}
	durable, err := archiveSize(db)
	var arch *archive
	var damages []Damage
	var idx *coldIndex
	if err == nil && !full {
		idx = readIndex(dir, db, durable) // index.go: nil when absent or not this file's
	}
	if err == nil {
		arch, damages, err = openArchive(filepath.Join(dir, ArchiveName), durable, opt.TornTail, false, idx)
	}
	if err != nil || len(damages) > 0 {
		db.Close()
		file.Close()
		if err != nil {
			return nil, err
		}
		return nil, &DamageError{Dir: dir, Damages: damages}
	}
	s := newStore(db, arch)
	s.file, s.fsync, s.dir = file, file.Sync, dir
	s.onCommit, s.onMoveError, s.keepLog, s.maxWarm, s.sweepNeed = opt.OnCommit, opt.MoveError, opt.KeepLog, opt.MaxWarm, opt.Sweep
	if opt.KeepLog {
		s.maxWarm = 0
	}
	s.fromIndex = idx != nil
	if damages := s.load(full, idx); len(damages) > 0 {
		db.Close()
		file.Close()
		arch.close()
		return nil, &DamageError{Dir: dir, Damages: damages}
	}
	go s.commitLoop()
	go s.moveLoop()
	go s.snapshotLoop()
	for id, fm := range s.warm { // a restored backup, or data from before the archive
		if fm.inBunt >= archiveKeep+archiveBatch {
			s.moveLater(id)
		}
	}
	return s, nil
}

// openDB opens the BuntDB file and our own handle on it.
//
// fsync: BuntDB v1.3.2 ignores the error of its fsync (`_ = tx.db.file.Sync()` in Commit),
// so a failed fsync would look like a durable push. The database runs with SyncPolicy Never
// (BuntDB writes each commit with one write(2) and never syncs) and every commit is followed
// by our fsync of the same file through our own descriptor (fsync flushes the file, whichever
// descriptor asks), checked: a failure fails the push (503, nothing acknowledged, the head
// not moved) and every later write, until a restart reads the file back (after a failed
// fsync the kernel may have dropped the dirty pages, so retrying the fsync proves nothing).
// This keeps the module unpatched. AutoShrink off: shrink renames without an fsync.
func openDB(path string, tornTail func(int64)) (*buntdb.DB, *os.File, error) {
	var before int64 = -1
	if st, err := os.Stat(path); err == nil {
		before = st.Size()
	}
	if err := createPrivate(path); err != nil { // perms.go: 0600, never world-readable
		return nil, nil, err
	}
	db, err := buntdb.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w (the file was not changed; run `gongji repair -data %s`)", path, err, filepath.Dir(path))
	}
	if st, err := os.Stat(path); err == nil && before > st.Size() && tornTail != nil {
		tornTail(before - st.Size())
	}
	var cfg buntdb.Config
	if err := db.ReadConfig(&cfg); err != nil {
		db.Close()
		return nil, nil, err
	}
	cfg.SyncPolicy = buntdb.Never
	cfg.AutoShrinkDisabled = true
	if err := db.SetConfig(cfg); err != nil {
		db.Close()
		return nil, nil, err
	}
	file, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open %s for fsync: %w", path, err)
	}
	return db, file, nil
}

func newStore(db *buntdb.DB, arch *archive) *Store {
	return &Store{db: db, pushes: make(chan *writeReq, 4096), stop: make(chan struct{}),
		stopped: make(chan struct{}), arch: arch, moves: make(chan string, 1024), moverDone: make(chan struct{}),
		coolKick: make(chan struct{}, 1), coolReq: make(chan chan error),
		snaps: make(chan snapJob, 256), snapsDone: make(chan struct{}),
		families: map[string]*familyMem{}, tokens: map[string]deviceRef{},
		invites: map[string]store.Invite{}, used: map[string]bool{}, warm: map[string]*familyMem{}, sweepy: map[string]*familyMem{},
		creating: map[string]bool{}, inviting: map[string]bool{}}
}

// Close stops the committer (pending pushes fail with store.ErrClosed); with a bound on warm
// families (Options.MaxWarm) it makes every family cold (its snapshot and meta in the
// archive, cold.go: the next start reads the index, index.go, not the families), compacts the
// file and writes the index. Without one (or with KeepLog) it writes a snapshot of every
// family whose head moved past its last one (so the next start redoes no log) and moves old
// records to the archive. Then it closes the file and releases the lock.
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
	<-s.snapsDone
	s.mu.Lock()
	close(s.moves)
	s.mu.Unlock()
	<-s.moverDone
	var err error
	if s.keepLog || s.maxWarm == 0 {
		err = s.snapshotAll()
		if err == nil && s.failed.Load() == nil && !s.keepLog {
			if err = s.moveAll(); err == nil && s.moved {
				err = s.compact(s.dir)
			}
		}
	} else if s.failed.Load() == nil {
		gen := newGeneration()
		if err = s.coolAll(); err == nil {
			err = s.set(indexGenKey, gen) // the index written below belongs to this file
		}
		if err == nil {
			err = s.compact(s.dir)
		}
		if err == nil {
			err = s.writeIndex(gen)
		}
	}
	if s.db != nil {
		if cerr := s.db.Close(); err == nil {
			err = cerr
		}
	}
	s.file.Close()
	if cerr := s.arch.close(); err == nil {
		err = cerr
	}
	if s.lock != nil {
		s.lock.Close()
	}
	return err
}
