// Package dictflate compresses short texts against a fixed preset dictionary into raw DEFLATE
// (RFC 1951) with the fixed Huffman codes, which compress/flate.NewReaderDict with the same
// dictionary reads back. It exists for speed: compress/flate clears 640 KB of hash tables and
// rehashes the dictionary on every Reset, about 30 us, more than a log record's whole JSON
// costs to make; here the dictionary is hashed once, in NewEncoder, and a record costs a pass
// over its own bytes. Fixed codes cost a few per cent of size against compress/flate's dynamic
// ones on records that are mostly matches into the dictionary.
package dictflate

import (
	"encoding/binary"
	"math/bits"
	gosync "sync"
)

// Encoder compresses against one dictionary. It is read-only after NewEncoder and safe for
// concurrent use.
type Encoder struct {
	dict     []byte
	dictHead []int32 // hash -> last dictionary position with that hash, -1 for none
	dictPrev []int32 // dictionary position -> the previous one with the same hash, -1 for none
	scratch  gosync.Pool
}

const (
	hashBits  = 13
	textBits  = 10  // the text's own table: records are short, and it is cleared per call
	minMatch  = 4   // the hash reads 4 bytes
	maxMatch  = 258 // RFC 1951 3.2.5
	maxDist   = 32768
	maxChain  = 8  // candidates tried per position
	goodMatch = 64 // a match this long ends the search
	maxInsert = 16 // past this length a match's positions are not hashed (zlib's max_insert_length)
	lazyBelow = 32 // a match this long is taken without looking one byte on
)

// scratch is one call's window (dictionary then text) and the hash chains of the text.
type scratch struct {
	window    []byte               // the dictionary, then the text
	holdsDict bool                 // window starts with the dictionary
	head      [1 << textBits]int32 // indexed by hash >> (hashBits-textBits)
	prev      []int32              // text position -> previous window position with the same hash
}

// NewEncoder hashes dict. Only the last 32 KB of a dictionary can be matched (the DEFLATE window).
func NewEncoder(dict []byte) *Encoder {
	if len(dict) > maxDist {
		dict = dict[len(dict)-maxDist:]
	}
	e := &Encoder{dict: append([]byte(nil), dict...), dictHead: make([]int32, 1<<hashBits), dictPrev: make([]int32, len(dict))}
	for i := range e.dictHead {
		e.dictHead[i] = -1
	}
	for p := 0; p+minMatch <= len(e.dict); p++ {
		h := hash4(e.dict[p:])
		e.dictPrev[p] = e.dictHead[h]
		e.dictHead[h] = int32(p)
	}
	e.scratch.New = func() any { return new(scratch) }
	return e
}

func hash4(b []byte) uint32 {
	return (binary.LittleEndian.Uint32(b) * 0x1e35a7bd) >> (32 - hashBits)
}

// Append appends the raw DEFLATE stream of text (one final block with fixed codes) to dst.
func (e *Encoder) Append(dst, text []byte) []byte {
	s := e.scratch.Get().(*scratch)
	defer e.scratch.Put(s)
	d := len(e.dict)
	if !s.holdsDict { // the dictionary stays at the window's start from one call to the next
		s.window, s.holdsDict = append(s.window[:0], e.dict...), true
	}
	s.window = append(s.window[:d], text...)
	for i := range s.head {
		s.head[i] = -1
	}
	if cap(s.prev) < len(text) {
		s.prev = make([]int32, len(text))
	}
	s.prev = s.prev[:len(text)]

	w := bitWriter{out: dst}
	w.bits(1|1<<1, 3) // BFINAL, BTYPE 01: fixed Huffman codes
	inserted := d     // window positions below this are in the chains
	p := d
	for p < len(s.window) {
		length, dist := e.longest(s, p)
		if length >= minMatch && length < lazyBelow && p+1 < len(s.window) {
			inserted = s.insert(d, inserted, p+1)
			// Lazy matching: a longer match one byte on is worth a literal now.
			if next, _ := e.longest(s, p+1); next > length {
				w.literal(s.window[p])
				p++
				continue
			}
		}
		if length < minMatch {
			w.literal(s.window[p])
			p++
			inserted = s.insert(d, inserted, p)
			continue
		}
		w.match(length, dist)
		p += length
		if length > maxInsert {
			inserted = p - minMatch // a long match's inside rarely starts another: hash its end only
		}
		inserted = s.insert(d, inserted, p)
	}
	w.code(256) // end of block
	return w.flush()
}

// insert puts the text's window positions from inserted up to upTo into the chains (d is the
// dictionary's length) and returns the first position not in them.
func (s *scratch) insert(d, inserted, upTo int) int {
	for ; inserted < upTo && inserted+minMatch <= len(s.window); inserted++ {
		h := hash4(s.window[inserted:]) >> (hashBits - textBits)
		s.prev[inserted-d] = s.head[h]
		s.head[h] = int32(inserted)
	}
	return inserted
}

// longest is the longest match for the window at p, nearest first among equals: up to
// maxChain candidates, the text's own chain first, then the dictionary's, stopping at a
// candidate past maxDist or a match of goodMatch. (Written as plain loops: a closure over
// length and dist cost a profile of pushes a third of this function's time.)
func (e *Encoder) longest(s *scratch, p int) (length, dist int) {
	win := s.window
	if p+minMatch > len(win) {
		return 0, 0
	}
	want := win[p : p+min(maxMatch, len(win)-p)]
	h := hash4(win[p:])
	d := len(e.dict)
	tries := maxChain
	for c := s.head[h>>(hashBits-textBits)]; c >= 0 && c < int32(p); c = s.prev[int(c)-d] {
		if p-int(c) > maxDist {
			return length, dist
		}
		if n := matchLen(win[c:], want); n > length {
			length, dist = n, p-int(c)
		}
		if tries--; tries <= 0 || length >= goodMatch {
			return length, dist
		}
	}
	for c := e.dictHead[h]; c >= 0; c = e.dictPrev[c] {
		if p-int(c) > maxDist {
			break
		}
		if n := matchLen(win[c:], want); n > length {
			length, dist = n, p-int(c)
		}
		if tries--; tries <= 0 || length >= goodMatch {
			break
		}
	}
	return length, dist
}

func matchLen(a, b []byte) int {
	n := 0
	for len(b)-n >= 8 && len(a)-n >= 8 {
		x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:])
		if x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
		n += 8
	}
	for n < len(b) && n < len(a) && a[n] == b[n] {
		n++
	}
	return n
}

// bitWriter writes DEFLATE's least-significant-bit-first bit stream.
type bitWriter struct {
	out []byte
	acc uint64
	n   uint
}

func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.n
	w.n += n
	for w.n >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= 8
	}
}

func (w *bitWriter) flush() []byte {
	if w.n > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc, w.n = 0, 0
	}
	return w.out
}

func (w *bitWriter) code(sym int) { c := fixedLit[sym]; w.bits(uint64(c.code), uint(c.len)) }

func (w *bitWriter) literal(b byte) { w.code(int(b)) }

func (w *bitWriter) match(length, dist int) {
	lc := lengthCodes[length]
	w.code(257 + int(lc.code))
	if lc.extra > 0 {
		w.bits(uint64(length-int(lengthBase[lc.code])), uint(lc.extra))
	}
	dc := distCode(dist)
	w.bits(uint64(bits.Reverse8(uint8(dc))>>3), 5) // fixed distance codes: 5 bits, MSB first
	if distExtra[dc] > 0 {
		w.bits(uint64(dist-int(distBase[dc])), uint(distExtra[dc]))
	}
}

// huffCode is a code already bit-reversed for the LSB-first stream.
type huffCode struct{ code, len uint16 }

// fixedLit are the fixed literal/length codes of RFC 1951 3.2.6.
var fixedLit = func() (t [288]huffCode) {
	for sym := range t {
		var code, n int
		switch {
		case sym < 144:
			code, n = 0x30+sym, 8
		case sym < 256:
			code, n = 0x190+sym-144, 9
		case sym < 280:
			code, n = sym-256, 7
		default:
			code, n = 0xc0+sym-280, 8
		}
		t[sym] = huffCode{code: uint16(bits.Reverse16(uint16(code)) >> (16 - n)), len: uint16(n)}
	}
	return t
}()

// Length and distance codes (RFC 1951 3.2.5).
var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

type lengthCode struct{ code, extra uint8 }

// lengthCodes maps a match length (3 to 258) to its code; 258 has a code of its own (285).
var lengthCodes = func() (t [maxMatch + 1]lengthCode) {
	for code := 0; code < 28; code++ {
		for l := int(lengthBase[code]); l < int(lengthBase[code])+1<<lengthExtra[code] && l < maxMatch; l++ {
			t[l] = lengthCode{code: uint8(code), extra: lengthExtra[code]}
		}
	}
	t[maxMatch] = lengthCode{code: 28}
	return t
}()

func distCode(dist int) int {
	c := len(distBase) - 1
	for int(distBase[c]) > dist {
		c--
	}
	return c
}
