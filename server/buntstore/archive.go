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
	mu    gosync.RWMutex
	file  *os.File
	size  int64
	index map[string][]archRef // family -> its archived records, in seq order
}

// archRef is one archived record: the last seq of its key, where its frame starts and its
// length.
type archRef struct {
	last int64
	off  int64
	n    int32
}

// openArchive opens (or creates) the archive and indexes it, checking every frame. An
// unfinished last frame (a crash while appending, never acknowledged as moved: its records
// are still in BuntDB) is cut; any other unreadable frame is damage, and nothing is changed.
// With readOnly (gongji repair's check) a missing file is an empty archive and nothing is cut.
func openArchive(path string, tornTail func(int64), readOnly bool) (*archive, []Damage, error) {
	flag := os.O_RDWR
	if readOnly {
		flag = os.O_RDONLY
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return &archive{index: map[string][]archRef{}}, nil, nil
		}
	} else if err := createPrivate(path); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", path, err)
	}
	a := &archive{file: f, index: map[string][]archRef{}}
	end, damages, err := a.scan()
	if err != nil || len(damages) > 0 {
		f.Close()
		return nil, damages, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if end < st.Size() && !readOnly {
		if err := f.Truncate(end); err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("cut the unfinished end of %s: %w", path, err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("fsync %s: %w", path, err)
		}
		if tornTail != nil {
			tornTail(st.Size() - end)
		}
	}
	a.size = end
	return a, nil, nil
}

// scan reads every frame from the start and returns where the last whole frame ends.
func (a *archive) scan() (int64, []Damage, error) {
	r := bufio.NewReaderSize(io.NewSectionReader(a.file, 0, 1<<62), 1<<16)
	var off int64
	header := make([]byte, frameHeader)
	for {
		if _, err := io.ReadFull(r, header); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return off, nil, nil // the end, or an unfinished header
			}
			return 0, nil, err
		}
		n := binary.BigEndian.Uint32(header[4:8])
		payload := make([]byte, n)
		if _, err := io.ReadFull(r, payload); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return off, nil, nil // an unfinished last frame
			}
			return 0, nil, err
		}
		key, _, err := framePayload(header, payload)
		if err != nil {
			return 0, []Damage{{Family: familyOfKey(key), Key: fmt.Sprintf("%s at byte %d", ArchiveName, off), Err: err}}, nil
		}
		fam, last, ok := parseLogKey(key)
		if !ok {
			return 0, []Damage{{Family: fam, Key: key, Err: fmt.Errorf("%w: %s at byte %d holds a key that is not a log record", ErrDamaged, ArchiveName, off)}}, nil
		}
		refs := a.index[fam]
		if len(refs) > 0 && refs[len(refs)-1].last >= last {
			return 0, []Damage{{Family: fam, Key: key, Seq: last, Err: fmt.Errorf("%w: %s at byte %d: seq %d after %d", ErrDamaged, ArchiveName, off, last, refs[len(refs)-1].last)}}, nil
		}
		a.index[fam] = append(refs, archRef{last: last, off: off, n: int32(frameHeader + n)})
		off += int64(frameHeader) + int64(n)
	}
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
	var buf []byte
	var refs []archRef
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
	refs := a.index[fam]
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

// appendSets writes every archived record as the BuntDB command that sets it, so that a
// backup (BuntDB's own format) holds the whole log and opens like any data file.
func (a *archive) appendSets(w io.Writer) error {
	a.mu.RLock()
	defer a.mu.RUnlock()
	bw := bufio.NewWriter(w)
	for _, refs := range a.index {
		for _, ref := range refs {
			k, v, err := a.read(ref)
			if err != nil {
				return err
			}
			fmt.Fprintf(bw, "*3\r\n$3\r\nset\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", len(k), k, len(v), v)
		}
	}
	return bw.Flush()
}
