package buntstore

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	gosync "sync"

	"github.com/tidwall/buntdb"
)

// ArchiveName is the file, beside FileName, that old log records move to.
//
// BuntDB keeps every value in memory: with the log in it, a server's memory grew with the
// history of every family (issue 9: 65 MB for 1,000 families of 200 bills, 28 GB projected
// for ten million bills). A family's records up to its last snapshot are needed only to be
// pulled again, so once the snapshot is on disk they move here, an append-only file read
// with pread through a small index (24 bytes a record), and leave BuntDB.
//
// A frame holds one log record as BuntDB held it, key and value unchanged (record.go):
//
//	"GJA1" | payload length (uint32, big endian) | CRC-32C of the payload | payload
//	payload: key length (uint16) | key | value
//
// Moving is: append the frames, fsync, add them to the index, then delete the keys from
// BuntDB (fsynced). A crash in between leaves a record in both; the copy in BuntDB is read.
const ArchiveName = "gongji.archive"

const (
	archiveMagic = "GJA1"
	frameHeader  = 12
)

// archive is the open archive file and its index.
type archive struct {
	mu   gosync.RWMutex
	file *os.File
	size int64
	fams map[string]*archFam // family -> its frames
	slab slab[archFam]       // pack.go: the entries, under mu
	refs refSlab             // pack.go: cold families' lists, under mu
	// metas: at open, the families whose meta frames were read (all of them, or those after
	// the index: written since the last clean stop); registerCold goes through these.
	metas []string
}

// archFam is a family's frames: its archived records in seq order, and for a family that went
// cold its newest meta and snapshot frames (cold.go; a zero length: none).
type archFam struct {
	logs       []archRef
	meta, snap archRef
	packed     bool // logs are in a slab (pack.go) and nothing was added since
}

func (f *archFam) cold() bool { return f != nil && f.meta.n > 0 }

// fam is fam's entry, made if missing; callers hold mu (write).
func (a *archive) fam(fam string) *archFam {
	f := a.fams[fam]
	if f == nil {
		f = a.slab.next()
		a.fams[fam] = f
	}
	return f
}

// note adds frames just appended (keys in kv, their refs) to the index; callers hold mu.
func (a *archive) note(kv []string, refs []archRef) {
	for i, ref := range refs {
		key := kv[2*i]
		f := a.fam(familyOfKey(key))
		switch {
		case strings.HasSuffix(key, "/k"):
			f.meta = ref
		case strings.HasSuffix(key, "/c"):
			f.snap = ref
		default:
			f.logs = append(f.logs, ref)
			f.packed = false
		}
	}
}

// archRef is one archived record: the last seq of its key, where its frame starts and its
// length.
type archRef struct {
	last int64
	off  int64
	n    int32
}

// openArchive opens (or creates) the archive and indexes its first durable bytes (the size
// the database file records, archiveSizeKey), checking every frame there: one that does not
// read is damage, and nothing is changed. Bytes past durable are an unfinished move, whose
// records are still in the database file: they are cut (tornTail is told how many). With
// readOnly (gongji repair's check) a missing file is an empty archive and nothing is cut.
//
// With idx (index.go: written at the last clean stop for this very file) the frames up to
// the size it records are not read: the index says where they are; the frames written after
// it (the archive of a run that ended in a crash) are read and checked.
func openArchive(path string, durable int64, tornTail func(int64), readOnly bool, idx *coldIndex) (*archive, []Damage, error) {
	flag := os.O_RDWR
	if readOnly {
		flag = os.O_RDONLY
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && durable == 0 {
			return &archive{fams: map[string]*archFam{}}, nil, nil
		}
	} else if err := createPrivate(path); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if st.Size() < durable {
		f.Close()
		return nil, []Damage{{Key: ArchiveName, Err: fmt.Errorf("%w: %s is %d bytes, %s says %d were written (the archive of another copy of the data?)",
			ErrDamaged, ArchiveName, st.Size(), FileName, durable)}}, nil
	}
	a := &archive{file: f, fams: map[string]*archFam{}, size: durable}
	from := int64(0)
	if idx != nil {
		a.fams, from = idx.arch, idx.size
	}
	if damages, err := a.scan(from, durable); err != nil || len(damages) > 0 {
		f.Close()
		return nil, damages, err
	}
	if st.Size() > durable && !readOnly {
		if err := f.Truncate(durable); err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("cut the unfinished end of %s: %w", path, err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("fsync %s: %w", path, err)
		}
		if tornTail != nil {
			tornTail(st.Size() - durable)
		}
	}
	return a, nil, nil
}

// scan reads and indexes every frame from off (where a frame starts) up to end, which must be
// where a frame ends.
func (a *archive) scan(off, end int64) ([]Damage, error) {
	r := bufio.NewReaderSize(io.NewSectionReader(a.file, off, end-off), 1<<16)
	header := make([]byte, frameHeader)
	for off < end {
		var payload []byte
		_, err := io.ReadFull(r, header)
		if err == nil {
			payload = make([]byte, binary.BigEndian.Uint32(header[4:8]))
			_, err = io.ReadFull(r, payload)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return []Damage{{Key: fmt.Sprintf("%s at byte %d", ArchiveName, off), Err: fmt.Errorf("%w: a frame runs past the %d bytes written", ErrDamaged, end)}}, nil
		}
		if err != nil {
			return nil, err
		}
		key, _, err := framePayload(header, payload)
		if err != nil {
			return []Damage{{Family: familyOfKey(key), Key: fmt.Sprintf("%s at byte %d", ArchiveName, off), Err: err}}, nil
		}
		fam, last, ok := parseLogKey(key)
		ref := archRef{last: last, off: off, n: int32(frameHeader + len(payload))}
		if !ok && (strings.HasSuffix(key, "/k") || strings.HasSuffix(key, "/c")) && strings.Count(key, "/") == 2 {
			a.note([]string{key, ""}, []archRef{ref}) // a cold family's frame: the newest wins
			if strings.HasSuffix(key, "/k") {
				a.metas = append(a.metas, fam)
			}
			off += int64(ref.n)
			continue
		}
		if !ok {
			return []Damage{{Family: fam, Key: key, Err: fmt.Errorf("%w: %s at byte %d holds a key that is not a log record", ErrDamaged, ArchiveName, off)}}, nil
		}
		var refs []archRef
		if f := a.fams[fam]; f != nil {
			refs = f.logs
		}
		if len(refs) > 0 && refs[len(refs)-1].last >= last {
			return []Damage{{Family: fam, Key: key, Seq: last, Err: fmt.Errorf("%w: %s at byte %d: seq %d after %d", ErrDamaged, ArchiveName, off, last, refs[len(refs)-1].last)}}, nil
		}
		f := a.fam(fam)
		f.logs, f.packed = append(refs, ref), false
		off += int64(frameHeader + len(payload))
	}
	return nil, nil
}

// archiveSize reads the durable size of the archive from the database file.
func archiveSize(db *buntdb.DB) (int64, error) {
	var size int64
	err := db.View(func(tx *buntdb.Tx) error {
		v, err := tx.Get(archiveSizeKey)
		if errors.Is(err, buntdb.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		size, err = strconv.ParseInt(v, 10, 64)
		if err != nil || size < 0 {
			return fmt.Errorf("%w: %s %q", ErrDamaged, archiveSizeKey, v)
		}
		return nil
	})
	return size, err
}

// framePayload checks a frame and splits its payload into key and value.
func framePayload(header, payload []byte) (key, value string, err error) {
	if string(header[:4]) != archiveMagic {
		return "", "", fmt.Errorf("%w: not an archive frame", ErrDamaged)
	}
	if got, want := crc32.Checksum(payload, castagnoli), binary.BigEndian.Uint32(header[8:12]); got != want {
		k := ""
		if len(payload) >= 2 && int(binary.BigEndian.Uint16(payload))+2 <= len(payload) {
			k = string(payload[2 : 2+binary.BigEndian.Uint16(payload)])
		}
		return k, "", fmt.Errorf("%w: archive frame checksum %08x, the frame says %08x (changed on disk)", ErrDamaged, got, want)
	}
	if len(payload) < 2 || int(binary.BigEndian.Uint16(payload))+2 > len(payload) {
		return "", "", fmt.Errorf("%w: archive frame too short for its key", ErrDamaged)
	}
	kn := int(binary.BigEndian.Uint16(payload))
	return string(payload[2 : 2+kn]), string(payload[2+kn:]), nil
}

// appendFrame adds one record's frame to b.
func appendFrame(b []byte, key, value string) []byte {
	n := 2 + len(key) + len(value)
	start := len(b)
	b = append(b, archiveMagic...)
	b = binary.BigEndian.AppendUint32(b, uint32(n))
	b = binary.BigEndian.AppendUint32(b, 0) // the sum, below
	b = binary.BigEndian.AppendUint16(b, uint16(len(key)))
	b = append(b, key...)
	b = append(b, value...)
	binary.BigEndian.PutUint32(b[start+8:], crc32.Checksum(b[start+frameHeader:], castagnoli))
	return b
}

// add appends the records (keys and values, one family's, in seq order) and fsyncs; it
// returns their index entries, which the caller adds (under mu) once they may be read.
func (a *archive) add(kv []string) ([]archRef, error) {
	size := 0
	for i := 0; i+1 < len(kv); i += 2 {
		size += frameHeader + 2 + len(kv[i]) + len(kv[i+1])
	}
	buf := make([]byte, 0, size)
	refs := make([]archRef, 0, len(kv)/2)
	off := a.size
	for i := 0; i+1 < len(kv); i += 2 {
		_, last, _ := parseLogKey(kv[i])
		before := len(buf)
		buf = appendFrame(buf, kv[i], kv[i+1])
		refs = append(refs, archRef{last: last, off: off + int64(before), n: int32(len(buf) - before)})
	}
	if _, err := a.file.WriteAt(buf, a.size); err != nil {
		return nil, fmt.Errorf("append to %s: %w", a.file.Name(), err)
	}
	if err := a.file.Sync(); err != nil {
		return nil, fmt.Errorf("fsync %s: %w", a.file.Name(), err)
	}
	a.size += int64(len(buf))
	return refs, nil
}

// read returns an archived record's key and value.
func (a *archive) read(ref archRef) (string, string, error) {
	buf := make([]byte, ref.n)
	if _, err := a.file.ReadAt(buf, ref.off); err != nil {
		return "", "", fmt.Errorf("read %s at byte %d: %w", a.file.Name(), ref.off, err)
	}
	return framePayload(buf[:frameHeader], buf[frameHeader:])
}

// after is the family's archived records with a last seq past cursor, and the last archived
// seq (0 for none). Callers hold mu (read).
func (a *archive) after(fam string, cursor int64) ([]archRef, int64) {
	var refs []archRef
	if f := a.fams[fam]; f != nil {
		refs = f.logs
	}
	if len(refs) == 0 {
		return nil, 0
	}
	i := sort.Search(len(refs), func(i int) bool { return refs[i].last > cursor })
	return refs[i:], refs[len(refs)-1].last
}

// parseLogKey reads "f/<family>/l/<last seq>".
func parseLogKey(key string) (fam string, last int64, ok bool) {
	parts := strings.SplitN(key, "/", 4)
	if len(parts) != 4 || parts[0] != "f" || parts[2] != "l" {
		return familyOfKey(key), 0, false
	}
	last, err := strconv.ParseInt(parts[3], 10, 64)
	return parts[1], last, err == nil && last > 0
}

func familyOfKey(key string) string {
	if parts := strings.SplitN(key, "/", 3); len(parts) == 3 && parts[0] == "f" {
		return parts[1]
	}
	return ""
}

// close closes the file (an archive opened for a check may have none).
func (a *archive) close() error {
	if a.file == nil {
		return nil
	}
	return a.file.Close()
}

// appendSets writes every archived record as the BuntDB command that sets it, and every cold
// family's newest frames as the keys they stand for (its record, devices and snapshot), so
// that a backup (BuntDB's own format) holds the whole log and opens like any data file. The
// database file's own keys are written after these (Backup), so theirs win.
func (a *archive) appendSets(w io.Writer) error {
	a.mu.RLock()
	defer a.mu.RUnlock()
	bw := bufio.NewWriter(w)
	set := func(k, v string) {
		fmt.Fprintf(bw, "*3\r\n$3\r\nset\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", len(k), k, len(v), v)
	}
	for _, f := range a.fams {
		for _, ref := range f.logs {
			k, v, err := a.read(ref)
			if err != nil {
				return err
			}
			set(k, v)
		}
	}
	for fam, cr := range a.fams {
		if !cr.cold() {
			continue
		}
		_, mv, err := a.read(cr.meta)
		if err != nil {
			return err
		}
		var m coldMeta
		if err := unmarshalRecord(mv, &m); err != nil {
			return fmt.Errorf("%w: family %s, meta frame: %v", ErrDamaged, fam, err)
		}
		set(familyKey(fam), mustJSON(m.Family))
		for _, d := range m.Devices {
			set(deviceKey(fam, d.ID), mustJSON(d))
		}
		k, v, err := a.read(cr.snap)
		if err != nil {
			return err
		}
		set(k, v)
	}
	return bw.Flush()
}

// dropSize ends a backup: the copy has no archive and no index, and their keys would
// describe this data directory's.
func dropSize(w io.Writer) error {
	for _, k := range []string{archiveSizeKey, indexGenKey} {
		if _, err := fmt.Fprintf(w, "*2\r\n$3\r\ndel\r\n$%d\r\n%s\r\n", len(k), k); err != nil {
			return err
		}
	}
	return nil
}
