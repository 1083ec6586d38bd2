// Package strictjson checks that bytes are exactly one JSON value that every reader reads
// the same way, before encoding/json maps them into a struct (issue 18). encoding/json is
// lenient where two readers can disagree: the last of two equal keys wins (and keys match
// case-insensitively), invalid UTF-8 and lone surrogates become U+FFFD, an escaped NUL is
// kept; a value followed by more is an error only to some of its entry points. Check refuses
// all of these in one pass over the bytes, without allocating, and names the value that
// failed by its path ("mutations[3].args.amount").
//
// It does no I/O and keeps no state between calls, so it runs in the server, the worker and
// the app (wasm) alike.
package strictjson

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth is how deeply arrays and objects may nest. Every document Gongji writes nests
// fewer than 12 levels; a bound keeps the check's stack small and its path fixed in size.
const MaxDepth = 64

// linearKeys is how many keys of one object are compared one by one; past it, a set of the
// folded keys is built, so that an object of many keys is not checked in quadratic time.
const linearKeys = 32

// maxInput bounds an input so that a place in it fits an int32 (a span).
const maxInput = 1<<31 - 1

// Error is a refused input: the value at Path ("mutations[3].args.amount"; "" for the whole
// input) and the byte Offset where the check stopped.
type Error struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Path   string
	Offset int
	Reason string
}

func (e *Error) Error() string {
	path := e.Path
	if path == "" {
		path = "the value"
	}
	return "JSON " + path + " at byte " + strconv.Itoa(e.Offset) + ": " + e.Reason
}

// Mode says which strings are refused beyond invalid UTF-8.
type Mode int

const (
	// Input is what a person or a device sends (request bodies, imported files): strings hold
	// no control character other than tab, line feed and carriage return.
	Input Mode = iota
	// Record is what this program wrote earlier (a log record, a snapshot): the structure
	// and UTF-8 are checked, but a control character that an older build let in stays
	// readable, so that a family's log never becomes unreadable by an upgrade, and keys
	// differing only in case are two keys (maps keyed by client ids).
	Record
)

// Check reports the first reason data is not exactly one strict JSON value, or nil: nothing
// but white space after the value, no two keys of an object that encoding/json would take for
// the same field (in Record mode: no two equal keys), strings of valid UTF-8 (no lone
// surrogate escaped either), and in Input mode no control character in a string other than
// tab, line feed and carriage return.
func Check(data []byte, mode Mode) *Error {
	c := checker{data: data, mode: mode}
	if len(data) > maxInput {
		return &Error{Reason: "longer than " + strconv.Itoa(maxInput) + " bytes"}
	}
	c.space()
	if !c.failed {
		c.value()
	}
	if !c.failed {
		c.space()
		if c.pos < len(data) {
			c.fail("trailing data after the JSON value")
		}
	}
	if c.failed {
		return c.error()
	}
	return nil
}

// PathOf is the path of the first string value of data spelled exactly text (without
// escapes), such as the amount a decoder refused: its error has the text, not the field.
func PathOf(data []byte, text string) (string, bool) {
	c := checker{data: data, mode: Record, find: text, finding: true}
	c.space()
	c.value()
	if c.failed && c.found {
		return c.pathString(), true
	}
	return "", false
}

// Unmarshal checks data (Check, Input mode), then reads it into v with json.Unmarshal.
func Unmarshal(data []byte, v any) error {
	if err := Check(data, Input); err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

// level is one array or object being read: an object's current key (its bytes between the
// quotes) or an array's current index.
type level struct {
	object bool
	key    span
	index  int32
}

// span is where a key's bytes are: data[from:to] (an input is at most maxInput bytes).
type span struct{ from, to int32 }

type checker struct {
	data  []byte
	pos   int
	mode  Mode
	depth int
	path  [MaxDepth]level
	// keys[:nkeys] are the keys of the objects being read, outer objects first. An object
	// that finds it full keeps its keys in a map instead.
	keys  [4 * linearKeys]span
	nkeys int
	// failed says the check stopped: why at pos, inside the levels of path.
	failed bool
	why    string
	// finding: PathOf stops at the first string value spelled find (found).
	find           string
	finding, found bool
}

func (c *checker) fail(reason string) {
	if !c.failed {
		c.failed, c.why = true, reason
	}
}

func (c *checker) failDuplicate(k span) {
	if c.mode == Record {
		c.fail("a second key " + strconv.Quote(c.keyText(k)) + " in this object")
		return
	}
	c.fail("a second key " + strconv.Quote(c.keyText(k)) + " in this object (keys match whatever their case)")
}

// failEnd: the input stops inside a value. The whole input is what failed (a body cut
// short), not the value the path would name.
func (c *checker) failEnd(where string) {
	if !c.failed {
		c.fail("unexpected end of input" + where)
		c.depth = 0
	}
}

func (c *checker) error() *Error {
	return &Error{Path: c.pathString(), Offset: c.pos, Reason: c.why}
}

// pathString renders the levels read: keys joined by dots, indexes in brackets.
func (c *checker) pathString() string {
	var b []byte
	for i := 0; i < c.depth; i++ {
		l := c.path[i]
		if !l.object {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(l.index), 10)
			b = append(b, ']')
			continue
		}
		if l.key.to == 0 { // an object whose first key is not read yet
			break
		}
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, c.keyText(l.key)...)
	}
	return string(b)
}

// keyText is a key as text: unescaped when it holds escapes (the rare case).
func (c *checker) keyText(k span) string {
	raw := c.data[k.from:k.to]
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	var s string
	if json.Unmarshal(c.data[k.from-1:k.to+1], &s) != nil {
		return string(raw)
	}
	return s
}

func (c *checker) space() {
	for c.pos < len(c.data) {
		switch c.data[c.pos] {
		case ' ', '\t', '\n', '\r':
			c.pos++
		default:
			return
		}
	}
}

func (c *checker) value() {
	if c.pos >= len(c.data) {
		c.failEnd("")
		return
	}
	switch ch := c.data[c.pos]; {
	case ch == '{':
		c.object()
	case ch == '[':
		c.array()
	case ch == '"':
		c.str()
	case ch == '-' || ch >= '0' && ch <= '9':
		c.number()
	case ch == 't':
		c.literal("true")
	case ch == 'f':
		c.literal("false")
	case ch == 'n':
		c.literal("null")
	default:
		c.fail("unexpected " + quoteByte(ch))
	}
}

func (c *checker) literal(word string) {
	if !bytes.HasPrefix(c.data[c.pos:], []byte(word)) {
		c.fail("unexpected " + quoteByte(c.data[c.pos]))
		return
	}
	c.pos += len(word)
}

func (c *checker) push(object bool) bool {
	if c.depth == MaxDepth {
		c.fail("nested deeper than " + strconv.Itoa(MaxDepth) + " levels")
		return false
	}
	c.path[c.depth] = level{object: object}
	c.depth++
	return true
}

func (c *checker) array() {
	if !c.push(false) {
		return
	}
	c.pos++ // '['
	c.space()
	if c.pos < len(c.data) && c.data[c.pos] == ']' {
		c.pos++
		c.depth--
		return
	}
	top := &c.path[c.depth-1]
	for {
		c.value()
		if c.failed {
			return
		}
		c.space()
		if c.pos >= len(c.data) {
			c.failEnd(" in an array")
			return
		}
		switch c.data[c.pos] {
		case ',':
			c.pos++
			c.space()
			top.index++
		case ']':
			c.pos++
			c.depth--
			return
		default:
			c.fail("want ',' or ']' after an array element, got " + quoteByte(c.data[c.pos]))
			return
		}
	}
}

func (c *checker) object() {
	if !c.push(true) {
		return
	}
	c.pos++ // '{'
	c.space()
	if c.pos < len(c.data) && c.data[c.pos] == '}' {
		c.pos++
		c.depth--
		return
	}
	top := &c.path[c.depth-1]
	// The keys read so far are c.keys[start:nkeys], dropped when the object ends.
	start := c.nkeys
	defer func() { c.nkeys = start }()
	var folded map[string]struct{} // past linearKeys
	for {
		if c.pos >= len(c.data) || c.data[c.pos] != '"' {
			c.fail("want a key in quotes")
			return
		}
		c.pos++
		from := c.pos
		top.key = span{} // a key that fails names the object
		c.strBody()
		if c.failed {
			return
		}
		k := span{int32(from), int32(c.pos - 1)}
		top.key = k
		switch {
		case folded != nil:
			name := c.fold(k)
			if _, dup := folded[name]; dup {
				c.failDuplicate(k)
				return
			}
			folded[name] = struct{}{}
		case c.nkeys-start < linearKeys && c.nkeys < len(c.keys):
			for _, prev := range c.keys[start:c.nkeys] {
				if c.sameKey(prev, k) {
					c.failDuplicate(k)
					return
				}
			}
			c.keys[c.nkeys] = k
			c.nkeys++
		default:
			folded = make(map[string]struct{}, 2*linearKeys)
			for _, prev := range c.keys[start:c.nkeys] {
				folded[c.fold(prev)] = struct{}{}
			}
			if _, dup := folded[c.fold(k)]; dup {
				c.failDuplicate(k)
				return
			}
			folded[c.fold(k)] = struct{}{}
		}
		c.space()
		if c.pos >= len(c.data) || c.data[c.pos] != ':' {
			c.fail("want ':' after a key")
			return
		}
		c.pos++
		c.space()
		c.value()
		if c.failed {
			return
		}
		c.space()
		if c.pos >= len(c.data) {
			c.failEnd(" in an object")
			return
		}
		switch c.data[c.pos] {
		case ',':
			c.pos++
			c.space()
		case '}':
			c.pos++
			c.depth--
			return
		default:
			c.fail("want ',' or '}' after a member, got " + quoteByte(c.data[c.pos]))
			return
		}
	}
}

// sameKey says whether keys a and b name the same member. For Input, that is whether
// encoding/json would take them for the same struct field: equal once each rune is folded as
// it folds names (upper of lower case, so "K" the Kelvin sign is "k"). A record holds maps
// keyed by ids a device chose ("C1" and "c1" are two clients), so there keys are the same only
// when equal. Plain ASCII keys without escapes, every key Gongji writes, are compared in place.
func (c *checker) sameKey(a, b span) bool {
	x, y := c.data[a.from:a.to], c.data[b.from:b.to]
	if plainASCII(x) && plainASCII(y) {
		if len(x) != len(y) {
			return false
		}
		if c.mode == Record {
			return string(x) == string(y)
		}
		for i := range x {
			if upper(x[i]) != upper(y[i]) {
				return false
			}
		}
		return true
	}
	return c.fold(a) == c.fold(b)
}

// fold is a key as sameKey compares it.
func (c *checker) fold(k span) string {
	if c.mode == Record {
		return c.keyText(k)
	}
	var b []byte
	for _, r := range c.keyText(k) {
		b = utf8.AppendRune(b, unicode.ToUpper(unicode.ToLower(r)))
	}
	return string(b)
}

func plainASCII(b []byte) bool {
	for _, ch := range b {
		if ch >= utf8.RuneSelf || ch == '\\' {
			return false
		}
	}
	return true
}

func upper(ch byte) byte {
	if ch >= 'a' && ch <= 'z' {
		return ch - 'a' + 'A'
	}
	return ch
}

// str reads a string value at c.pos (its opening quote).
func (c *checker) str() {
	c.pos++
	from := c.pos
	c.strBody()
	if c.finding && !c.failed && string(c.data[from:c.pos-1]) == c.find {
		c.pos = from
		c.found = true
		c.fail("found")
	}
}

// strBody reads a string's bytes after the opening quote, through the closing one. Printable
// ASCII, nearly every byte Gongji reads, is skipped in a tight loop.
func (c *checker) strBody() {
	data := c.data
	i := c.pos
	for i < len(data) {
		ch := data[i]
		if ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' {
			i++
			continue
		}
		c.pos = i
		switch {
		case ch == '"':
			c.pos++
			return
		case ch == '\\':
			c.escape()
			if c.failed {
				return
			}
		case ch < 0x20:
			c.fail("a raw control character " + quoteByte(ch) + " in a string")
			return
		case ch == 0x7f:
			if c.mode == Input {
				c.fail("a control character U+007F in a string")
				return
			}
			c.pos++
		default:
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				c.fail("not valid UTF-8")
				return
			}
			if r <= 0x9f && c.mode == Input { // U+0080 to U+009F: C1 controls
				c.fail("a control character " + runeName(r) + " in a string")
				return
			}
			c.pos += n
		}
		i = c.pos
	}
	c.pos = i
	c.failEnd(" in a string")
}

// escape reads one backslash escape at c.pos.
func (c *checker) escape() {
	data := c.data
	if c.pos+1 >= len(data) {
		c.pos = len(data)
		c.failEnd(" in a string")
		return
	}
	switch data[c.pos+1] {
	case '"', '\\', '/', 'n', 'r', 't':
		c.pos += 2
	case 'b', 'f':
		if c.mode == Input {
			c.fail("a control character " + quoteByte(data[c.pos+1]) + " escaped in a string")
			return
		}
		c.pos += 2
	case 'u':
		r, ok := c.hex4(c.pos + 2)
		if !ok {
			return
		}
		c.pos += 6
		switch {
		case utf16.IsSurrogate(r):
			// A high surrogate must be followed by an escaped low one; anything else is a
			// string encoding/json reads as U+FFFD, not what was sent.
			if r >= 0xdc00 || c.pos+1 >= len(data) || data[c.pos] != '\\' || data[c.pos+1] != 'u' {
				c.fail("a lone surrogate " + runeName(r) + " escaped in a string")
				return
			}
			low, ok := c.hex4(c.pos + 2)
			if !ok {
				return
			}
			if low < 0xdc00 || low > 0xdfff {
				c.fail("a lone surrogate " + runeName(r) + " escaped in a string")
				return
			}
			c.pos += 6
		case c.mode == Input && control(r):
			c.fail("a control character " + runeName(r) + " escaped in a string")
		}
	default:
		c.fail("unknown escape " + quoteByte(data[c.pos+1]) + " in a string")
	}
}

// IsControl says whether r is one of Unicode's control characters (Cc: U+0000 to U+001F,
// U+007F to U+009F). An id holds none (mutation's id check, the join's person); a person's
// text only tab, line feed and carriage return (Check).
func IsControl(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }

// control says whether r is a control character a person's text must not hold.
func control(r rune) bool { return IsControl(r) && r != '\t' && r != '\n' && r != '\r' }

func (c *checker) hex4(at int) (rune, bool) {
	if at+4 > len(c.data) {
		c.pos = len(c.data)
		c.failEnd(" in a \\u escape")
		return 0, false
	}
	var r rune
	for i := at; i < at+4; i++ {
		ch := c.data[i]
		switch {
		case ch >= '0' && ch <= '9':
			r = r<<4 | rune(ch-'0')
		case ch >= 'a' && ch <= 'f':
			r = r<<4 | rune(ch-'a'+10)
		case ch >= 'A' && ch <= 'F':
			r = r<<4 | rune(ch-'A'+10)
		default:
			c.pos = i
			c.fail("want 4 hex digits after \\u")
			return 0, false
		}
	}
	return r, true
}

// number reads a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?.
func (c *checker) number() {
	data := c.data
	if data[c.pos] == '-' {
		c.pos++
	}
	switch {
	case c.pos < len(data) && data[c.pos] == '0':
		c.pos++
	case c.pos < len(data) && data[c.pos] >= '1' && data[c.pos] <= '9':
		c.digits()
	default:
		c.fail("a number without digits")
		return
	}
	if c.pos < len(data) && data[c.pos] == '.' {
		c.pos++
		if c.digits() == 0 {
			c.fail("a number without digits after its point")
			return
		}
	}
	if c.pos < len(data) && (data[c.pos] == 'e' || data[c.pos] == 'E') {
		c.pos++
		if c.pos < len(data) && (data[c.pos] == '+' || data[c.pos] == '-') {
			c.pos++
		}
		if c.digits() == 0 {
			c.fail("a number without digits in its exponent")
		}
	}
}

func (c *checker) digits() int {
	n := 0
	for c.pos < len(c.data) && c.data[c.pos] >= '0' && c.data[c.pos] <= '9' {
		c.pos++
		n++
	}
	return n
}

func quoteByte(ch byte) string {
	if ch >= 0x20 && ch < 0x7f {
		return strconv.QuoteRune(rune(ch))
	}
	return "byte 0x" + strconv.FormatUint(uint64(ch), 16)
}

func runeName(r rune) string {
	s := strconv.FormatUint(uint64(r), 16)
	for len(s) < 4 {
		s = "0" + s
	}
	b := []byte(s) // upper-case hex digits, as U+00E9
	for i, c := range b {
		if 'a' <= c && c <= 'f' {
			b[i] = c - 'a' + 'A'
		}
	}
	return "U+" + string(b)
}
