package buntstore

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

func familyKey(fam string) string         { return "f/" + fam + "/m" }
func deviceKey(fam, dev string) string    { return "f/" + fam + "/d/" + dev }
func inviteKey(fam, hash string) string   { return "f/" + fam + "/i/" + hash }
func logKey(fam string, seq int64) string { return fmt.Sprintf("f/%s/l/%020d", fam, seq) }
func logEnd(fam string) string            { return "f/" + fam + "/l0" } // '0' sorts right after '/'
// newFamily is a new warm family's memory, from the store's slab (pack.go); callers hold mu
// or are alone (open).
func (s *Store) newFamily(f store.Family) *familyMem {
	fm := s.fams.next()
	fm.info, fm.head, fm.devices = f, &store.Head{LastMutationIDs: map[string]int64{}}, map[string]store.Device{}
	return fm
}

// loader rebuilds memory from the file without changing it. Every log record's envelope
// (version and CRC-32C) is checked; records after a family's snapshot are decoded and redone.
// The first problem of each family is kept; any problem stops the open.
type loader struct {
	s        *Store
	full     bool // redo every record, ignoring snapshots (gongji repair's check)
	damaged  map[string]bool
	damages  []Damage
	lastLog  map[string]int64      // the last seq of each family's log keys
	archived map[string]bool       // families whose archived records were gone through
	warm     map[string]*familyMem // families with a head: the cold ones are not gone through
}

func (s *Store) load(full bool, idx *coldIndex) []Damage {
	l := &loader{s: s, full: full, damaged: map[string]bool{}, lastLog: map[string]int64{}, archived: map[string]bool{},
		warm: map[string]*familyMem{}}
	if idx != nil {
		idx.register(s)
	}
	l.registerCold()
	s.db.View(func(tx *buntdb.Tx) error {
		return tx.Ascend("", func(k, v string) bool {
			l.key(k, v)
			return true
		})
	})
	for fam := range l.warm {
		l.archive(fam) // families whose whole log is archived
	}
	// A snapshot is written only after its record is on disk: one past the log is damage.
	for fam, fm := range l.warm {
		s.warm[fam] = fm
		if fm.snapSeq > l.lastLog[fam] {
			l.damage(fam, snapshotKey(fam), 0, fmt.Errorf("%w: snapshot at seq %d, the log ends at %d", ErrDamaged, fm.snapSeq, l.lastLog[fam]))
		}
	}
	return l.damages
}

func (l *loader) damage(fam, key string, seq int64, err error) {
	if l.damaged[fam] {
		return
	}
	l.damaged[fam] = true
	l.damages = append(l.damages, Damage{Family: fam, Key: key, Seq: seq, Err: err})
}

func (l *loader) key(k, v string) {
	parts := strings.SplitN(k, "/", 4)
	if len(parts) < 3 || parts[0] != "f" {
		return // not ours (a newer build's key): keep it, ignore it
	}
	fam := parts[1]
	fm := l.s.families[fam]
	if fm == nil {
		fm = l.s.newFamily(store.Family{ID: fam})
		l.s.families[fam] = fm
		l.warm[fam] = fm
	} else if fm.head == nil && parts[2] != "i" { // a cold family's invitations stay in the file
		l.base(fam, fm)
	}
	var err error
	switch {
	case parts[2] == "m":
		l.archive(fam)
		err = unmarshalRecord(v, &fm.info)
	case parts[2] == "c" && l.full:
		_, err = decodeSnapshot(v) // checked, not used
	case parts[2] == "c":
		err = l.snapshot(fm, v)
	case parts[2] == "d" && len(parts) == 4:
		var d store.Device
		if err = unmarshalRecord(v, &d); err == nil {
			l.s.putDevice(fm, d)
		}
	case parts[2] == "i" && len(parts) == 4:
		var inv store.Invite
		if err = unmarshalRecord(v, &inv); err == nil {
			l.s.invites[inv.CodeHash] = inv
		}
	case parts[2] == "l" && len(parts) == 4:
		l.archive(fam)
		fm.inBunt++
		if last, err := strconv.ParseInt(parts[3], 10, 64); err == nil && last <= l.lastLog[fam] {
			return // also archived (a backup's copy of a moving record): the archived copy counts
		}
		l.logRecord(fm, fam, k, parts[3], v)
		return
	}
	if err != nil && !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNewerFormat) {
		err = fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if err != nil {
		l.damage(fam, k, 0, err)
	}
}

func (l *loader) snapshot(fm *familyMem, v string) error {
	h, err := decodeSnapshot(v)
	if err != nil || h == nil {
		return err
	}
	if h.Seq < fm.head.Seq {
		return nil // older than the family's newest snapshot frame (cold.go)
	}
	fm.head, fm.snapSeq = h, h.Seq
	return nil
}

// registerCold adds the families of the archive's meta frames read at open (every one, or
// with the index those written since it), cold (with full, warm and empty: their logs are
// redone from seq 1). A family the index has already is brought up to its newer frame: its
// record, devices (a revoked one's token stops working) and sweep.
func (l *loader) registerCold() {
	s := l.s
	if s.arch == nil {
		return
	}
	seen := make(map[string]bool, len(s.arch.metas))
	for _, fam := range s.arch.metas {
		cr := s.arch.fams[fam]
		if seen[fam] || !cr.cold() {
			continue
		}
		seen[fam] = true
		fm := s.families[fam]
		if fm == nil {
			fm = s.newFamily(store.Family{ID: fam})
			s.families[fam] = fm
		}
		_, mv, err := s.arch.read(cr.meta)
		var m coldMeta
		if err == nil {
			if err = unmarshalRecord(mv, &m); err != nil {
				err = fmt.Errorf("%w: meta frame: %v", ErrDamaged, err)
			}
		}
		if err != nil {
			l.damage(fam, fmt.Sprintf("%s at byte %d", ArchiveName, cr.meta.off), 0, err)
			continue
		}
		fm.info, fm.packed = m.Family, false
		for _, d := range m.Devices {
			s.putDevice(fm, d)
		}
		if l.full {
			l.warm[fam] = fm
		} else {
			fm.head, fm.devices, fm.sweep = nil, nil, m.Sweep
			if m.Sweep {
				s.sweepy[fam] = fm
			} else {
				delete(s.sweepy, fam)
			}
		}
	}
	s.arch.metas = nil
}

// base starts a cold family that has keys in the database file from its newest frames.
func (l *loader) base(fam string, fm *familyMem) {
	m, h, err := l.s.readCold(fam)
	fm.head, fm.devices = &store.Head{LastMutationIDs: map[string]int64{}}, map[string]store.Device{}
	l.warm[fam] = fm
	delete(l.s.sweepy, fam)
	if err != nil {
		l.damage(fam, fmt.Sprintf("%s frames", ArchiveName), 0, err)
		return
	}
	for _, d := range m.Devices {
		l.s.putDevice(fm, d)
	}
	fm.head, fm.snapSeq = h, h.Seq
}

// archive goes through fam's archived records, once, before its records in the file: those
// after the snapshot (or all, for the full check) are read and redone like the file's.
func (l *loader) archive(fam string) {
	if l.archived[fam] || l.s.arch == nil {
		return
	}
	l.archived[fam] = true
	fm := l.s.families[fam]
	refs, _ := l.s.arch.after(fam, 0)
	for _, ref := range refs {
		if ref.last <= fm.snapSeq && !l.full {
			l.lastLog[fam] = ref.last // the frame's checksum was checked when the archive opened
			continue
		}
		k, v, err := l.s.arch.read(ref)
		if err != nil {
			l.damage(fam, fmt.Sprintf("%s at byte %d", ArchiveName, ref.off), ref.last, err)
			return
		}
		l.logRecord(fm, fam, k, k[len(k)-20:], v)
	}
}

// logRecord checks one record; those after the snapshot are redone. Past the first problem
// of a family nothing more of it is redone (its head would be wrong anyway).
func (l *loader) logRecord(fm *familyMem, fam, k, seqText, v string) {
	last, err := strconv.ParseInt(seqText, 10, 64)
	if err != nil || last < 1 {
		l.damage(fam, k, 0, fmt.Errorf("%w: log key", ErrDamaged))
		return
	}
	l.lastLog[fam] = last
	if last <= fm.snapSeq {
		if _, err := openEnvelope(v); err != nil {
			l.damage(fam, k, last, err)
		}
		return
	}
	if l.damaged[fam] {
		return
	}
	changes, err := decodeRecord(last, v)
	if err == nil {
		err = redo(fm, changes)
	}
	if err != nil {
		l.damage(fam, k, last, err)
	}
}

// redo appends one push's changes to the family's head, or fails on a gap or a change this
// build cannot redo (then nothing of it is applied).
func redo(fm *familyMem, changes []syncwire.Change) error {
	h := fm.head.Clone()
	for i := range changes {
		c := &changes[i]
		if c.Seq != h.Seq+1 {
			return fmt.Errorf("%w: gap: seq %d follows %d", ErrDamaged, c.Seq, h.Seq)
		}
		next, err := mutation.Redo(&h.State, c.Mutation.Intent(), c.Mutation.At, c.Outcome)
		if err != nil {
			return fmt.Errorf("%w: seq %d (%s %q/%d) cannot be redone by this build: %v",
				ErrDamaged, c.Seq, c.Mutation.Name, c.Mutation.ClientID, c.Mutation.MutationID, err)
		}
		h.State, h.Seq = next, c.Seq
		h.Note(c)
	}
	fm.head = h
	return nil
}

func (s *Store) putDevice(fm *familyMem, d store.Device) {
	if fm.devices != nil {
		fm.devices[d.ID] = d
		fm.packed = false // its token and id are not in the arena yet
	}
	if d.Revoked {
		delete(s.tokens, d.TokenHash)
	} else {
		s.tokens[d.TokenHash] = deviceRef{d.Family, d.ID}
	}
	if d.Invite != "" {
		s.used[d.Invite] = true
	}
}
