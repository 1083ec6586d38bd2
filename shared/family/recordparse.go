package family

import (
	"bytes"
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

// parseOne checks that the front of b is one record exactly as appendRecord writes it and
// returns it packed with what follows; ok is false for any other form. Only the form is
// checked, field by field (order, no empty optional member, strings appendString writes
// unescaped, times and amounts in their one spelling): such bytes are what appendRecord writes
// of what json.Unmarshal reads from them, so they are kept as they are, without decoding.
func parseOne(b []byte) (p packed, rest []byte, ok bool) {
	c := cursor{b: b}
	c.lit(`{"id":`)
	c.str()
	c.lit(`,"name":`)
	c.str()
	c.lit(`,"at":`)
	c.time()
	c.optStr(`,"person":`)
	if c.opt(`,"entries":[`) {
		for {
			c.lit(`{"kind":`)
			c.str()
			c.lit(`,"postings":`)
			if !c.opt("null") {
				c.lit("[")
				for first := true; !c.opt("]") && !c.bad; first = false {
					if !first {
						c.lit(",")
					}
					c.lit(`{"account":{"kind":`)
					c.str()
					c.lit(`,"owner":`)
					c.str()
					c.lit(`},"amount":`)
					c.amount()
					c.lit("}")
				}
			}
			c.lit("}")
			if c.bad || c.opt("]") {
				break
			}
			c.lit(",")
		}
	}
	c.optStr(`,"voids":`)
	c.optStr(`,"voided_by":`)
	c.optStr(`,"arrived":`)
	c.lit("}") // before and after (edits) take the slow path
	if c.bad {
		return "", nil, false
	}
	return packed(b[:c.at]), b[c.at:], true
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

// optStr reads an optional member, which appendRecord writes only when it is not empty.
func (c *cursor) optStr(name string) {
	if c.opt(name) && len(c.str()) == 0 {
		c.bad = true
	}
}

// str reads a JSON string as appendString writes it unescaped: printable ASCII but '"', '\',
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
func (c *cursor) time() {
	text := c.str()
	if c.bad {
		return
	}
	t, err := time.Parse(time.RFC3339Nano, string(text))
	var buf [40]byte
	if err != nil || t.Year() > 9999 || !bytes.Equal(t.AppendFormat(buf[:0], time.RFC3339Nano), text) {
		c.bad = true
	}
}

// amount reads an amount in the one spelling money.Amount's JSON has for it.
func (c *cursor) amount() {
	text := c.str()
	if c.bad {
		return
	}
	a, err := money.ParseSigned(string(text))
	var buf [24]byte
	if err != nil || !bytes.Equal(a.Append(buf[:0]), text) {
		c.bad = true
	}
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
