package buntstore

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	gosync "sync"
	"unsafe"

	"github.com/tidwall/buntdb"
)

// IndexName is the file a clean stop leaves beside the database (issue 23): every family
// cold, the index says what a start would otherwise learn by reading every frame of the
// archive: each family's record, its tokens, the used invitation codes and where each
// family's frames are. A start reads it, checks that it belongs to this database file (a
// generation written in both) and how much of the archive it covers (its size then). The file
// stays: the archive only grows and the database file keeps its generation until the next
// clean stop writes both again, so a start after a crash reads the index and then only the
// frames written after it (every family that went cold since is in those, newest last), and
// the database file's keys as always. Nothing in it is not also in the archive or the
// database file; a missing or foreign index only costs start-up time (every frame is read).
//
//	"GJX1" | generation | archive size | families | frames | tokens
//	       | CRC-32C of everything before it (4 bytes, big endian)
//	families: length | count | each: id | name | created (time.MarshalBinary) | epoch | sweep
//	frames:   length | count | each: id | meta ref | snapshot ref | log refs (count, each)
//	tokens:   length | count | each: hash | family id | device id; count | each used code
//	ref:      last seq | offset | length
//
// The three sections are read at once, each by its own goroutine, into their own maps.
//
// Integers are uvarints, strings a uvarint length and the bytes. A start reads it in one piece
// and keeps it: every string of the cold families points into it (a million families: one
// allocation of about 240 MB instead of several million small ones).
const IndexName = "gongji.index"

const (
	indexMagic  = "GJX1"
	indexGenKey = "a/index"
)

// coldIndex is a read index, its maps ready for the store and the archive.
type coldIndex struct {
	size     int64 // the archive's size when it was written: the frames it covers
	families map[string]*familyMem
	tokens   map[string]deviceRef
	used     map[string]bool
	arch     map[string]*archFam
	sweepy   []*familyMem // the families that need the server's sweeps
}

func newGeneration() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

type idxWriter struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (w *idxWriter) uint(v uint64) { w.w.Write(w.buf[:binary.PutUvarint(w.buf[:], v)]) }
func (w *idxWriter) str(s string)  { w.uint(uint64(len(s))); w.w.WriteString(s) }
func (w *idxWriter) ref(r archRef) {
	w.uint(uint64(r.last))
	w.uint(uint64(r.off))
	w.uint(uint64(r.n))
}

// writeIndex writes the index of a store whose families are all cold (Close, after coolAll and
// compact); with any family warm it writes none.
func (s *Store) writeIndex(gen string) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(s.warm) > 0 {
		return nil
	}
	path := filepath.Join(s.dir, IndexName)
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	sum := crc32.New(castagnoli)
	bw := bufio.NewWriterSize(io.MultiWriter(f, sum), 1<<20)
	w := &idxWriter{w: bw}
	bw.WriteString(indexMagic)
	w.str(gen)
	w.uint(uint64(s.arch.size))
	// Three sections, each read by its own goroutine at the start: each is written to memory
	// first, for its length.
	var fams, arch, toks bytes.Buffer
	fw := &idxWriter{w: bufio.NewWriter(&fams)}
	aw := &idxWriter{w: bufio.NewWriter(&arch)}
	tw := &idxWriter{w: bufio.NewWriter(&toks)}
	fw.uint(uint64(len(s.families)))
	aw.uint(uint64(len(s.families)))
	for id, fm := range s.families {
		fw.str(id)
		fw.str(fm.info.Name)
		created, _ := fm.info.Created.MarshalBinary()
		fw.str(string(created))
		fw.str(fm.info.Epoch)
		if fm.sweep {
			fw.uint(1)
		} else {
			fw.uint(0)
		}
		aw.str(id)
		cr := s.arch.fams[id]
		if cr == nil {
			cr = &archFam{}
		}
		aw.ref(cr.meta)
		aw.ref(cr.snap)
		aw.uint(uint64(len(cr.logs)))
		for _, r := range cr.logs {
			aw.ref(r)
		}
	}
	tw.uint(uint64(len(s.tokens)))
	for h, ref := range s.tokens {
		tw.str(h)
		tw.str(ref.family)
		tw.str(ref.device)
	}
	tw.uint(uint64(len(s.used)))
	for h := range s.used {
		tw.str(h)
	}
	for _, sec := range []*idxWriter{fw, aw, tw} {
		sec.w.Flush()
	}
	for _, sec := range []*bytes.Buffer{&fams, &arch, &toks} {
		w.uint(uint64(sec.Len()))
		bw.Write(sec.Bytes())
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := binary.Write(f, binary.BigEndian, sum.Sum32()); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(s.dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// idxReader reads the index; its strings point into text, the whole file.
type idxReader struct {
	text string
	i    int
	err  error
}

func (r *idxReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	var v uint64
	for shift := 0; ; shift += 7 {
		if r.i >= len(r.text) || shift > 63 {
			r.err = errors.New("index: short")
			return 0
		}
		c := r.text[r.i]
		r.i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
}

func (r *idxReader) str() string {
	n := r.uint()
	if r.err != nil || n > uint64(len(r.text)-r.i) {
		r.err = errors.New("index: short")
		return ""
	}
	s := r.text[r.i : r.i+int(n)]
	r.i += int(n)
	return s
}

func (r *idxReader) ref() archRef {
	return archRef{last: int64(r.uint()), off: int64(r.uint()), n: int32(r.uint())}
}

// readIndex reads the index if it is there and belongs to this database file and archive;
// otherwise nil (the archive is read instead).
func readIndex(dir string, db *buntdb.DB, durable int64) *coldIndex {
	b, err := os.ReadFile(filepath.Join(dir, IndexName))
	if err != nil || len(b) < len(indexMagic)+4 || string(b[:len(indexMagic)]) != indexMagic {
		return nil
	}
	body := b[:len(b)-4]
	if crc32.Checksum(body, castagnoli) != binary.BigEndian.Uint32(b[len(b)-4:]) {
		return nil
	}
	var gen string
	_ = db.View(func(tx *buntdb.Tx) error {
		gen, _ = tx.Get(indexGenKey)
		return nil
	})
	// b is never written again: its strings are the index's own.
	r := &idxReader{text: unsafe.String(&body[0], len(body)), i: len(indexMagic)}
	fileGen := r.str()
	size := int64(r.uint()) // the archive may have grown since: its frames after size are read
	if fileGen != gen || gen == "" || r.err != nil || size > durable {
		return nil
	}
	var secs [3]*idxReader
	for i := range secs {
		n := r.uint()
		if r.err != nil || n > uint64(len(r.text)-r.i) {
			return nil
		}
		secs[i] = &idxReader{text: r.text[r.i : r.i+int(n)]}
		r.i += int(n)
	}
	if r.i != len(r.text) {
		return nil
	}
	idx := &coldIndex{size: size, used: map[string]bool{}}
	var wg gosync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		r := secs[0]
		n := int(min(r.uint(), 1<<26))
		idx.families = make(map[string]*familyMem, n)
		mems := make([]familyMem, n) // one allocation, not n
		for i := range n {
			fm := &mems[i]
			fm.info.ID, fm.info.Name = r.str(), r.str()
			if err := fm.info.Created.UnmarshalBinary([]byte(r.str())); err != nil && r.err == nil {
				r.err = err
			}
			fm.info.Epoch = r.str()
			fm.sweep = r.uint() == 1
			fm.packed = true // its strings are the index's bytes
			idx.families[fm.info.ID] = fm
			if fm.sweep {
				idx.sweepy = append(idx.sweepy, fm)
			}
		}
	}()
	go func() {
		defer wg.Done()
		r := secs[1]
		n := int(min(r.uint(), 1<<26))
		idx.arch = make(map[string]*archFam, n)
		fams := make([]archFam, n) // one allocation, not n
		var refs []archRef
		for i := range n {
			id := r.str()
			f := &fams[i]
			f.meta, f.snap = r.ref(), r.ref()
			idx.arch[id] = f
			if k := int(min(r.uint(), 1<<26)); k > 0 && r.err == nil {
				if len(refs) < k {
					refs = make([]archRef, max(k, 4096))
				}
				for j := range k {
					refs[j] = r.ref()
				}
				f.logs, f.packed = refs[:k:k], true // full: an append makes the family its own slice
				refs = refs[k:]
			}
			if r.err != nil {
				return
			}
		}
	}()
	go func() {
		defer wg.Done()
		r := secs[2]
		n := int(min(r.uint(), 1<<26))
		idx.tokens = make(map[string]deviceRef, n)
		for range n {
			h, fam, dev := r.str(), r.str(), r.str()
			idx.tokens[h] = deviceRef{fam, dev}
		}
		n = int(min(r.uint(), 1<<26))
		for range n {
			idx.used[r.str()] = true
		}
	}()
	wg.Wait()
	for _, sec := range secs {
		if sec.err != nil || sec.i != len(sec.text) {
			return nil
		}
	}
	return idx
}

// register puts the index's families into s, all cold.
func (idx *coldIndex) register(s *Store) {
	s.families, s.tokens, s.used = idx.families, idx.tokens, idx.used
	for _, fm := range idx.sweepy {
		s.sweepy[fm.info.ID] = fm
	}
}
