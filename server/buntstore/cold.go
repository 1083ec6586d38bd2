package buntstore

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
)

// Cold families (issue 23). BuntDB keeps every value in memory, and a family's head (its
// state after the whole log) is tens of KB: with every family of a city in memory a server
// needed about 45 KB a family. So only the families used lately are warm: head, devices and
// keys in BuntDB as before. Past Options.MaxWarm, the families used longest ago go cold: the
// mover appends to the archive (archive.go) their log records still in BuntDB, a meta frame
// (the family's record, its devices, whether it needs sweeps) and a snapshot frame (its head),
// fsyncs, and deletes their keys from BuntDB in the transaction that records the archive's new
// size: a crash in between leaves the keys in BuntDB, which win. A cold family keeps in
// memory its record, its tokens and its archive index entries, a few hundred bytes. Its next
// use reads the two frames back (a pread each) and it is warm again, its keys in BuntDB only
// as it writes new ones. At open, a family with keys in BuntDB starts from its newest frames
// and redoes the keys over them (a snapshot in BuntDB older than the frame is ignored).
//
//	meta frame, key "f/<family>/k": {"v":1,"family":{...},"devices":[...],"sweep":bool}
//	snapshot frame, key "f/<family>/c": a snapshot as BuntDB holds one (snapshot.go)

func metaKey(fam string) string { return "f/" + fam + "/k" }

// coldMeta is a cold family's meta frame.
type coldMeta struct {
	V       int            `json:"v"`
	Family  store.Family   `json:"family"`
	Devices []store.Device `json:"devices"`
	Sweep   bool           `json:"sweep,omitempty"`
}

// coldBatch bounds how many families go cold in one append and fsync of the archive.
const coldBatch = 2048

// lockFamily takes the family's lock and makes it warm; the caller unlocks fm.pushMu.
func (s *Store) lockFamily(id string) (*familyMem, error) {
	s.mu.RLock()
	fm := s.families[id]
	s.mu.RUnlock()
	if fm == nil {
		return nil, store.ErrNotFound
	}
	fm.lastUse.Store(time.Now().UnixNano())
	fm.pushMu.Lock()
	s.mu.RLock()
	cold := fm.head == nil
	s.mu.RUnlock()
	if cold {
		if err := s.warmUp(fm); err != nil {
			fm.pushMu.Unlock()
			return nil, err
		}
	}
	return fm, nil
}

// warmFamily makes the family warm (it may go cold again right after: callers read it under
// mu and try again if its head is gone).
func (s *Store) warmFamily(id string) (*familyMem, error) {
	s.mu.RLock()
	fm := s.families[id]
	warm := fm != nil && fm.head != nil
	s.mu.RUnlock()
	if fm == nil {
		return nil, store.ErrNotFound
	}
	fm.lastUse.Store(time.Now().UnixNano())
	if warm {
		return fm, nil
	}
	fm, err := s.lockFamily(id)
	if err != nil {
		return nil, err
	}
	fm.pushMu.Unlock()
	return fm, nil
}

// head is the family's head, warming it first.
func (s *Store) head(id string) (*familyMem, *store.Head, error) {
	for {
		fm, err := s.warmFamily(id)
		if err != nil {
			return nil, nil, err
		}
		s.mu.RLock()
		h := fm.head
		s.mu.RUnlock()
		if h != nil {
			return fm, h, nil
		}
	}
}

// readCold reads a cold family's meta and head from its newest frames.
func (s *Store) readCold(id string) (*coldMeta, *store.Head, error) {
	s.arch.mu.RLock()
	f := s.arch.fams[id]
	ok := f.cold()
	var cr archFam
	if ok {
		cr = *f
	}
	s.arch.mu.RUnlock()
	if !ok {
		return nil, nil, fmt.Errorf("%w: family %s is cold but has no frames in %s", ErrDamaged, id, ArchiveName)
	}
	_, mv, err := s.arch.read(cr.meta)
	if err != nil {
		return nil, nil, fmt.Errorf("family %s, meta frame at byte %d: %w", id, cr.meta.off, err)
	}
	var m coldMeta
	if err := unmarshalRecord(mv, &m); err != nil {
		return nil, nil, fmt.Errorf("%w: family %s, meta frame at byte %d: %v", ErrDamaged, id, cr.meta.off, err)
	}
	_, sv, err := s.arch.read(cr.snap)
	if err != nil {
		return nil, nil, fmt.Errorf("family %s, snapshot frame at byte %d: %w", id, cr.snap.off, err)
	}
	h, err := decodeSnapshot(sv)
	if err == nil && h == nil {
		err = fmt.Errorf("%w: snapshot frame of an older format", ErrDamaged)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("family %s, snapshot frame at byte %d: %w", id, cr.snap.off, err)
	}
	return &m, h, nil
}

// warmUp reads a cold family back; the caller holds fm.pushMu.
func (s *Store) warmUp(fm *familyMem) error {
	m, h, err := s.readCold(fm.info.ID)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fm.devices = make(map[string]store.Device, len(m.Devices))
	for _, d := range m.Devices {
		fm.devices[d.ID] = d
	}
	fm.head, fm.snapSeq, fm.inBunt, fm.sweep = h, h.Seq, 0, false
	delete(s.sweepy, fm.info.ID)
	s.warmed(fm)
	return nil
}

// warmed counts fm as warm and wakes the mover when too many are; callers hold mu.
func (s *Store) warmed(fm *familyMem) {
	s.warm[fm.info.ID] = fm
	if s.maxWarm > 0 && len(s.warm) > s.maxWarm {
		select {
		case s.coolKick <- struct{}{}:
		default:
		}
	}
}

// coolSome makes cold the families used longest ago until 1% under the bound is left (a small
// batch often: a big one is a burst of snapshots that requests wait behind).
// It runs on the mover's goroutine, so it never moves records at the same time as move.
func (s *Store) coolSome() error {
	s.mu.RLock()
	over := len(s.warm) - s.maxWarm
	if s.maxWarm <= 0 || over <= 0 {
		s.mu.RUnlock()
		return nil
	}
	over += s.maxWarm / 100
	type aged struct {
		fm  *familyMem
		use int64
	}
	all := make([]aged, 0, len(s.warm))
	for _, fm := range s.warm {
		all = append(all, aged{fm, fm.lastUse.Load()})
	}
	s.mu.RUnlock()
	sort.Slice(all, func(i, j int) bool { return all[i].use < all[j].use })
	var fms []*familyMem
	for _, a := range all {
		if len(fms) == over {
			break
		}
		fms = append(fms, a.fm)
	}
	return s.coolFamilies(fms)
}

// coolAll makes every warm family cold (Close, and tests through CoolAll).
func (s *Store) coolAll() error {
	s.mu.RLock()
	fms := make([]*familyMem, 0, len(s.warm))
	for _, fm := range s.warm {
		fms = append(fms, fm)
	}
	s.mu.RUnlock()
	return s.coolFamilies(fms)
}

// coolFamilies makes cold those of fms whose lock is free and that have no snapshot on its
// way, coldBatch at a time.
func (s *Store) coolFamilies(fms []*familyMem) error {
	for start := 0; start < len(fms); start += coldBatch {
		var locked []*familyMem
		for _, fm := range fms[start:min(start+coldBatch, len(fms))] {
			if !fm.pushMu.TryLock() {
				continue // in use: not cold
			}
			s.mu.RLock()
			ok := fm.head != nil && fm.snapBusy == 0
			s.mu.RUnlock()
			if !ok {
				fm.pushMu.Unlock()
				continue
			}
			locked = append(locked, fm)
		}
		err := s.cool(locked)
		for _, fm := range locked {
			fm.pushMu.Unlock()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// cool moves the families (their locks held) to the archive; see the top of this file.
func (s *Store) cool(fms []*familyMem) error {
	if len(fms) == 0 || s.failed.Load() != nil {
		return nil // nothing is written after a failed fsync
	}
	var frames, dels []string
	sweeps := make([]bool, len(fms))
	for i, fm := range fms {
		id := fm.info.ID
		s.arch.mu.RLock()
		_, archived := s.arch.after(id, 1<<62)
		s.arch.mu.RUnlock()
		err := s.db.View(func(tx *buntdb.Tx) error {
			return tx.AscendRange("", "f/"+id+"/", "f/"+id+"0", func(k, v string) bool {
				rest := k[len(id)+3:]
				switch {
				case strings.HasPrefix(rest, "i/"):
					return true // invitations stay: they expire and are swept
				case strings.HasPrefix(rest, "l/"):
					if last, err := strconv.ParseInt(rest[2:], 10, 64); err == nil && last > archived {
						frames = append(frames, k, v)
					}
				}
				dels = append(dels, k)
				return true
			})
		})
		if err != nil {
			return err
		}
		s.mu.RLock()
		h, info := fm.head, fm.info
		devices := make([]store.Device, 0, len(fm.devices))
		for _, d := range fm.devices {
			devices = append(devices, d)
		}
		s.mu.RUnlock()
		store.SortDevices(devices)
		sweeps[i] = s.sweepNeed != nil && s.sweepNeed(h)
		frames = append(frames, metaKey(id), mustJSON(coldMeta{V: 1, Family: info, Devices: devices, Sweep: sweeps[i]}),
			snapshotKey(id), encodeSnapshot(h))
	}
	refs, err := s.arch.add(frames)
	if err != nil {
		return fmt.Errorf("%d families could not go cold: %w (they stay warm)", len(fms), err)
	}
	s.arch.mu.Lock()
	for _, fm := range fms {
		s.arch.fam(fm.info.ID) // keyed by the id the family keeps, not a copy inside a frame's key
	}
	s.arch.note(frames, refs) // a pull reads the families' records from the archive (scan)
	size := strconv.FormatInt(s.arch.size, 10)
	s.arch.mu.Unlock()
	// In one group commit, beside the pushes (the committer is BuntDB's one writer, and
	// pulls do not wait for its fsync): the families' keys leave together, with the size
	// that covers their frames. Only the mover's goroutine changes the archive's index.
	if err := s.writeBeside([]string{archiveSizeKey, size}, dels); err != nil {
		return fmt.Errorf("%d families going cold: %w (their keys are in both files; the database file's are read)", len(fms), err)
	}
	s.arch.mu.Lock()
	defer s.arch.mu.Unlock()
	s.mu.Lock()
	for i, fm := range fms {
		s.pack(fm)
		fm.head, fm.devices, fm.inBunt, fm.sweep = nil, nil, 0, sweeps[i]
		if sweeps[i] {
			s.sweepy[fm.info.ID] = fm
		}
		delete(s.warm, fm.info.ID)
	}
	s.moved = true
	s.mu.Unlock()
	return nil
}

// pack moves a family going cold into the arena and slabs (pack.go): its strings, the keys
// of its entries in the maps (assigning to a string key replaces the key) and its archived
// records' list. Callers hold mu and arch.mu (write) and the family's lock.
func (s *Store) pack(fm *familyMem) {
	if f := s.arch.fams[fm.info.ID]; f != nil && !f.packed {
		f.logs, f.packed = s.arch.refs.pack(f.logs), true
	}
	if fm.packed {
		return
	}
	fm.packed = true
	old := fm.info.ID
	fm.info.ID, fm.info.Name, fm.info.Epoch = s.strs.intern(old), s.strs.intern(fm.info.Name), s.strs.intern(fm.info.Epoch)
	s.families[fm.info.ID] = fm
	if f := s.arch.fams[old]; f != nil {
		s.arch.fams[fm.info.ID] = f
	}
	for _, d := range fm.devices {
		if ref, ok := s.tokens[d.TokenHash]; ok && ref.family == old {
			s.tokens[s.strs.intern(d.TokenHash)] = deviceRef{fm.info.ID, s.strs.intern(d.ID)}
		}
	}
}

// CoolAll makes every warm family that is not in use cold now (tests, checks).
func (s *Store) CoolAll() error {
	done := make(chan error, 1)
	s.mu.RLock()
	closed := s.closed
	s.mu.RUnlock()
	if closed {
		return store.ErrClosed
	}
	select {
	case s.coolReq <- done:
		return <-done
	case <-s.moverDone:
		return store.ErrClosed
	}
}

// WarmCount is how many families are warm.
func (s *Store) WarmCount() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.warm)
}

// Families lists the families that may need the server's sweeps (the 06:00 refunds): every
// warm family and the cold ones Options.Sweep said yes to when they went cold. Without
// Options.Sweep it lists every family.
func (s *Store) Families() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.sweepNeed == nil {
		out := make([]string, 0, len(s.families))
		for id := range s.families {
			out = append(out, id)
		}
		return out
	}
	// Not every family: with a million, a minute's sweep held the lock for tens of
	// milliseconds that every request waited behind (issue 23).
	out := make([]string, 0, len(s.warm)+len(s.sweepy))
	for id := range s.warm {
		out = append(out, id)
	}
	for id := range s.sweepy {
		out = append(out, id)
	}
	return out
}
