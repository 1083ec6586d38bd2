package family

import (
	"fmt"
	"iter"
	"slices"
)

// recordBlock is how many records share one block of Records.
const recordBlock = 64

// Records are the newest actions a correction may void, oldest first, at most MaxRecords.
//
// They are kept in blocks of recordBlock: a copy of a Records value shares every block, and
// adding or changing a record copies only the block it touches and the list of blocks. A push
// copies its family's state several times (issue 9); with a plain slice each copy, or each
// record added, cost all 1,000 pointers.
//
// Each record is kept packed (recordpack.go): one string the garbage collector skips, about
// 85 bytes, where the decoded record is ten objects and 420 bytes. A server holds up to
// 1,000 of them for every family, read only when a correction names one; decoded they were
// most of its memory and of its garbage collection (issue 9). At and Record decode a copy.
//
// A Records value is a value: copy it freely; its methods never change a block in place.
type Records struct {
	blocks [][]packed // every block but the last holds recordBlock records
	first  int        // records of blocks[0] already forgotten
	n      int
}

// RecordsOf builds Records from a list, oldest first; beyond MaxRecords the oldest are left out.
func RecordsOf(list []*Record) Records {
	if len(list) > MaxRecords {
		list = list[len(list)-MaxRecords:]
	}
	packs := make([]packed, 0, len(list))
	for _, r := range list {
		if r != nil { // a JSON null in a list of records stands for nothing
			packs = append(packs, pack(r))
		}
	}
	return packedRecords(packs)
}

// Len is the number of records.
func (rs Records) Len() int { return rs.n }

// IsZero says whether there are none (json omitzero).
func (rs Records) IsZero() bool { return rs.n == 0 }

// At is a copy of record i, 0 the oldest.
func (rs Records) At(i int) *Record { return rs.packed(i).record() }

// ID is record i's id, read without decoding the record.
func (rs Records) ID(i int) string { return rs.packed(i).id() }

func (rs Records) packed(i int) packed {
	g := rs.first + i
	return rs.blocks[g/recordBlock][g%recordBlock]
}

// All yields the records oldest first.
func (rs Records) All() iter.Seq[*Record] {
	return func(yield func(*Record) bool) {
		for i := range rs.n {
			if !yield(rs.At(i)) {
				return
			}
		}
	}
}

// List is a new slice of the records, oldest first.
func (rs Records) List() []*Record { return slices.Collect(rs.All()) }

// add appends r, forgetting the oldest beyond MaxRecords.
func (rs *Records) add(r *Record) {
	p := pack(r)
	blocks := slices.Clone(rs.blocks)
	if last := len(blocks) - 1; last >= 0 && len(blocks[last]) < recordBlock {
		b := make([]packed, len(blocks[last]), len(blocks[last])+1)
		copy(b, blocks[last])
		blocks[last] = append(b, p)
	} else {
		blocks = append(blocks, []packed{p})
	}
	rs.blocks, rs.n = blocks, rs.n+1
	if rs.n > MaxRecords {
		rs.first, rs.n = rs.first+1, rs.n-1
		if rs.first == recordBlock {
			rs.blocks, rs.first = rs.blocks[1:], 0
		}
	}
}

// set replaces record i.
func (rs *Records) set(i int, r *Record) {
	g := rs.first + i
	blocks := slices.Clone(rs.blocks)
	b := slices.Clone(blocks[g/recordBlock])
	b[g%recordBlock] = pack(r)
	blocks[g/recordBlock] = b
	rs.blocks = blocks
}

// String prints the list, so that printing a state shows records, not blocks of pointers.
func (rs Records) String() string { return fmt.Sprint(rs.List()) }

// MarshalJSON writes the records as one list, oldest first.
func (rs Records) MarshalJSON() ([]byte, error) {
	return AppendRecordsJSON(nil, rs), nil
}

// AppendRecordsJSON appends the JSON of records, byte for byte what json.Marshal writes of
// their list, written from the packed records without decoding them.
func AppendRecordsJSON(b []byte, records Records) []byte {
	b = append(b, '[')
	for i := range records.Len() {
		if i > 0 {
			b = append(b, ',')
		}
		b = records.packed(i).appendJSON(b)
	}
	return append(b, ']')
}

// UnmarshalJSON reads a list written by MarshalJSON (recordparse.go). Every record is read
// whole, so that a damaged one fails here, and packed.
func (rs *Records) UnmarshalJSON(b []byte) error {
	read, err := parseRecords(b)
	if err != nil {
		return err
	}
	*rs = read
	return nil
}
