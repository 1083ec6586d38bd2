package family

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"time"

	"gongji/shared/money"
)

// parseRecords reads a list of records written by AppendRecordsJSON and packs them. Records
// in that exact form (every one this package writes) are parsed by hand and checked by
// writing them again; anything else goes through json.Unmarshal. A snapshot holds up to
// MaxRecords records a family, and reading them by reflection was most of a start (issue 9).
func parseRecords(b []byte) (Records, error) {
	if rs, ok := fastRecords(b); ok {
		return rs, nil
	}
	return slowRecords(b)
}

// fastRecords reads a list whose every record parseOne takes; ok is false otherwise.
func fastRecords(b []byte) (Records, bool) {
	rest, ok := bytes.CutPrefix(b, []byte("["))
	if !ok {
		return Records{}, false
	}
	if bytes.Equal(rest, []byte("]")) {
		return Records{}, true
	}
	var list []packed
	for {
		var p packed
		if p, rest, ok = parseOne(rest); !ok {
			return Records{}, false
		}
		list = append(list, p)
		switch {
		case bytes.Equal(rest, []byte("]")):
			return packedRecords(list), true
		case len(rest) > 0 && rest[0] == ',':
			rest = rest[1:]
		default:
			return Records{}, false
		}
	}
}

func slowRecords(b []byte) (Records, error) {
	var list []*Record
	if err := json.Unmarshal(b, &list); err != nil {
		return Records{}, err
	}
	return RecordsOf(list), nil
}

// parseOne reads one record from the front of b, exactly as AppendRecordsJSON writes it, and
// returns it packed with what follows; ok is false for any other form. The form is checked
// field by field (order, no empty optional member, strings jsonw.String writes unescaped,
// times and amounts in their one spelling): such bytes are what AppendRecordsJSON writes of what
// json.Unmarshal reads from them, so they are packed as they are, without a Record between.
func parseOne(b []byte) (p packed, rest []byte, ok bool) {
	c := cursor{b: b}
	out := make([]byte, 0, 96)
	put := func(s []byte) { out = binary.AppendUvarint(out, uint64(len(s))); out = append(out, s...) }
	c.lit(`{"id":`)
	put(c.str())
	c.lit(`,"name":`)
	put(c.str())
	c.lit(`,"at":`)
	put(c.time())
	put(c.optStr(`,"person":`))
	if c.opt(`,"entries":[`) {
		var entries []byte
		n := 0
		for {
			c.lit(`{"kind":`)
			kind := c.str()
			entries = binary.AppendUvarint(entries, uint64(len(kind)))
			entries = append(entries, kind...)
			c.lit(`,"postings":`)
			if c.opt("null") {
				entries = append(entries, 0)
			} else {
				c.lit("[")
				var postings []byte
				m := 0
				for ; !c.opt("]") && !c.bad; m++ {
					if m > 0 {
						c.lit(",")
					}
					c.lit(`{"account":{"kind":`)
					k := c.str()
					c.lit(`,"owner":`)
					o := c.str()
					c.lit(`},"amount":`)
					a := c.amount()
					part := c.optStr(`,"part":`)
					c.lit("}")
					postings = binary.AppendUvarint(postings, uint64(len(k)))
					postings = append(postings, k...)
					postings = binary.AppendUvarint(postings, uint64(len(o)))
					postings = append(postings, o...)
					postings = binary.AppendVarint(postings, int64(a))
					postings = binary.AppendUvarint(postings, uint64(len(part)))
					postings = append(postings, part...)
				}
				entries = binary.AppendUvarint(entries, uint64(m)+1)
				entries = append(entries, postings...)
			}
			c.lit("}")
			n++
			if c.bad || c.opt("]") {
				break
			}
			c.lit(",")
		}
		out = binary.AppendUvarint(out, uint64(n))
		out = append(out, entries...)
	} else {
		out = append(out, 0)
	}
	put(c.optStr(`,"voids":`))
	put(c.optStr(`,"voided_by":`))
	put(c.optStr(`,"arrived":`))
	out = append(out, 0, 0) // no before, no after: edits take the slow path
	c.lit("}")
	if c.bad {
		return "", nil, false
	}
	return packed(out), b[c.at:], true
}

// cursor reads b from at; after the first mismatch bad is set and every read is empty.
type cursor struct {
	b   []byte
	at  int
	bad bool
}

func (c *cursor) lit(s string) {
	if !c.opt(s) {
		c.bad = true
	}
}

func (c *cursor) opt(s string) bool {
	if c.bad || !bytes.HasPrefix(c.b[c.at:], []byte(s)) {
		return false
	}
	c.at += len(s)
	return true
}

// optStr reads an optional member, which is written only when it is not empty;
// absent, it is empty.
func (c *cursor) optStr(name string) []byte {
	if !c.opt(name) {
		return nil
	}
	s := c.str()
	if len(s) == 0 {
		c.bad = true
	}
	return s
}

// str reads a JSON string as jsonw.String writes it unescaped: printable ASCII but '"', '\',
// '<', '>' and '&' (others take the slow path).
func (c *cursor) str() []byte {
	if c.bad || c.at >= len(c.b) || c.b[c.at] != '"' {
		c.bad = true
		return nil
	}
	for i := c.at + 1; i < len(c.b); i++ {
		switch ch := c.b[i]; {
		case ch == '"':
			s := c.b[c.at+1 : i]
			c.at = i + 1
			return s
		case ch < 0x20 || ch > 0x7e || ch == '\\' || ch == '<' || ch == '>' || ch == '&':
			c.bad = true
			return nil
		}
	}
	c.bad = true
	return nil
}

// time reads a time in the one spelling time.Time's JSON has for it.
func (c *cursor) time() []byte {
	text := c.str()
	if c.bad {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, string(text))
	var buf [40]byte
	if err != nil || t.Year() > 9999 || !bytes.Equal(t.AppendFormat(buf[:0], time.RFC3339Nano), text) {
		c.bad = true
	}
	return text
}

// amount reads an amount in the one spelling money.Amount's JSON has for it.
func (c *cursor) amount() money.Amount {
	text := c.str()
	if c.bad {
		return 0
	}
	a, err := money.ParseSigned(string(text))
	var buf [24]byte
	if err != nil || !bytes.Equal(a.Append(buf[:0]), text) {
		c.bad = true
	}
	return a
}

// packedRecords builds Records from packed records, oldest first, the newest MaxRecords.
func packedRecords(list []packed) Records {
	var rs Records
	if len(list) > MaxRecords {
		list = list[len(list)-MaxRecords:]
	}
	for start := 0; start < len(list); start += recordBlock {
		rs.blocks = append(rs.blocks, append(make([]packed, 0, recordBlock), list[start:min(start+recordBlock, len(list))]...))
	}
	rs.n = len(list)
	return rs
}
