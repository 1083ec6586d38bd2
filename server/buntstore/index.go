package buntstore

import (
	"bufio"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
)

// IndexName is the file a clean stop leaves beside the database (issue 23): every family
// cold, the index says what a start would otherwise learn by reading every frame of the
// archive: each family's record, its tokens, the used invitation codes and where each
// family's frames are. A start reads it, checks that it belongs to this database file (a
// generation written in both) and this archive (its size), and deletes it before anything is
// written: after a crash the next start reads the archive instead. Nothing in it is not also
// in the archive or the database file; a missing or foreign index only costs start-up time.
//
//	"GJX1" | generation | archive size | families | tokens | used codes | log refs | cold refs
//	       | CRC-32C of everything before it (4 bytes, big endian)
//
// Integers are uvarints, strings a uvarint length and the bytes.
const IndexName = "gongji.index"

const (
	indexMagic  = "GJX1"
	indexGenKey = "a/index"
)

// coldIndex is a read index.
type coldIndex struct {
	fams   []idxFam
	tokens []idxToken
	used   []string
	logs   map[string][]archRef
	cold   map[string]coldRef
}

type idxFam struct {
	info  store.Family
	sweep bool
}

type idxToken struct{ hash, family, device string }

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
	w.uint(uint64(len(s.families)))
	for _, fm := range s.families {
		w.str(fm.info.ID)
		w.str(fm.info.Name)
		created, _ := fm.info.Created.MarshalText() // as the family's JSON holds it
		w.str(string(created))
		w.str(fm.info.Epoch)
		if fm.sweep {
			w.uint(1)
		} else {
			w.uint(0)
		}
	}
	w.uint(uint64(len(s.tokens)))
	for h, ref := range s.tokens {
		w.str(h)
		w.str(ref.family)
		w.str(ref.device)
	}
	w.uint(uint64(len(s.used)))
	for h := range s.used {
		w.str(h)
	}
	w.uint(uint64(len(s.arch.index)))
	for fam, refs := range s.arch.index {
		w.str(fam)
		w.uint(uint64(len(refs)))
		for _, r := range refs {
			w.ref(r)
		}
	}
	w.uint(uint64(len(s.arch.cold)))
	for fam, cr := range s.arch.cold {
		w.str(fam)
		w.ref(cr.meta)
		w.ref(cr.snap)
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

// dropIndex deletes the index once read, before anything is written.
func dropIndex(dir string) error {
	err := os.Remove(filepath.Join(dir, IndexName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("remove %s: %w", IndexName, err)
	}
	return syncDir(dir)
}

type idxReader struct {
	b   []byte
	err error
}

func (r *idxReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("index: short")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *idxReader) str() string {
	n := r.uint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errors.New("index: short")
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
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
	r := &idxReader{b: body[len(indexMagic):]}
	if r.str() != gen || gen == "" || int64(r.uint()) != durable || r.err != nil {
		return nil
	}
	idx := &coldIndex{}
	n := r.uint()
	idx.fams = make([]idxFam, 0, min(n, 1<<24))
	for range n {
		var f idxFam
		f.info.ID = r.str()
		f.info.Name = r.str()
		if err := f.info.Created.UnmarshalText([]byte(r.str())); err != nil && r.err == nil {
			r.err = err
		}
		f.info.Epoch = r.str()
		f.sweep = r.uint() == 1
		idx.fams = append(idx.fams, f)
	}
	n = r.uint()
	idx.tokens = make([]idxToken, 0, min(n, 1<<24))
	for range n {
		idx.tokens = append(idx.tokens, idxToken{r.str(), r.str(), r.str()})
	}
	n = r.uint()
	for range n {
		idx.used = append(idx.used, r.str())
	}
	n = r.uint()
	idx.logs = make(map[string][]archRef, min(n, 1<<24))
	for range n {
		fam := r.str()
		refs := make([]archRef, r.uint())
		for i := range refs {
			refs[i] = r.ref()
		}
		idx.logs[fam] = refs
	}
	n = r.uint()
	idx.cold = make(map[string]coldRef, min(n, 1<<24))
	for range n {
		fam := r.str()
		idx.cold[fam] = coldRef{meta: r.ref(), snap: r.ref()}
	}
	if r.err != nil || len(r.b) != 0 {
		return nil
	}
	return idx
}

// register puts the index's families into s, all cold.
func (idx *coldIndex) register(s *Store) {
	s.families = make(map[string]*familyMem, len(idx.fams))
	s.tokens = make(map[string]deviceRef, len(idx.tokens))
	for _, f := range idx.fams {
		fm := &familyMem{info: f.info, sweep: f.sweep}
		s.families[f.info.ID] = fm
	}
	for _, t := range idx.tokens {
		fam := t.family
		if fm := s.families[fam]; fm != nil {
			fam = fm.info.ID // one copy of the id
		}
		s.tokens[t.hash] = deviceRef{fam, t.device}
	}
	for _, h := range idx.used {
		s.used[h] = true
	}
}
