package buntstore

import "unsafe"

// Packing cold families (issue 23). A city's families are mostly cold, and each cold family
// kept about ten objects of its own (its record, id, name, epoch, token hash, device id, its
// archive entry and the entry's list): a million families were ten million objects that the
// collector went through on every cycle (5 s of marking on these two cores, with requests
// waiting on it) and that sat scattered among the garbage of a million warm periods. A family
// that goes cold has its strings copied into a chunk of strArena and its records come from
// slabs: a few large objects for all of them. A start from the index does the same
// (index.go: one allocation for the records, the file's bytes for the strings). Nothing in
// an arena or slab is freed: families are never deleted, and a family that goes cold again
// is packed again only if it has something new (a device).

// arenaChunk is the size of a strArena chunk; longer strings are not copied.
const arenaChunk = 1 << 20

// strArena copies strings into large chunks that are never written again.
type strArena struct{ chunk []byte }

// intern is s, in the arena.
func (a *strArena) intern(s string) string {
	if len(s) == 0 || len(s) > arenaChunk/16 {
		return s
	}
	if len(a.chunk)+len(s) > cap(a.chunk) {
		a.chunk = make([]byte, 0, arenaChunk)
	}
	start := len(a.chunk)
	a.chunk = append(a.chunk, s...)
	return unsafe.String(&a.chunk[start], len(s))
}

// slab hands out values of T from large arrays, never freed; the caller holds the lock of
// whatever it fills.
type slab[T any] struct{ free []T }

const slabSize = 4096

func (s *slab[T]) next() *T {
	if len(s.free) == 0 {
		s.free = make([]T, slabSize)
	}
	v := &s.free[0]
	s.free = s.free[1:]
	return v
}

// refSlab packs archive index lists of cold families; full slices, so an append copies.
type refSlab struct{ free []archRef }

func (s *refSlab) pack(refs []archRef) []archRef {
	if len(refs) == 0 || len(refs) > slabSize/8 {
		return refs
	}
	if len(s.free) < len(refs) {
		s.free = make([]archRef, slabSize)
	}
	out := s.free[:len(refs):len(refs)]
	copy(out, refs)
	s.free = s.free[len(refs):]
	return out
}
