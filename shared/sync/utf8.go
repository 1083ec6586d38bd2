package sync

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// CheckUTF8 finds the first string of a JSON body (a key or a value) that is not valid UTF-8
// and names it ("mutations[2].args.name"), or returns nil when the whole body is valid.
// encoding/json silently replaces invalid bytes with U+FFFD, so the raw bytes are checked
// here, before decoding: a name stored as sent would make every later pull invalid UTF-8.
// A body that is not JSON at all is left to the decoder (nil or a "body" error).
func CheckUTF8(body []byte) *FieldError {
	if utf8.Valid(body) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var path []pathElem
	prev := int64(0)
	for {
		tok, err := dec.Token()
		if err != nil {
			return fieldErr("body", "not valid UTF-8")
		}
		off := dec.InputOffset()
		raw := body[prev:off]
		prev = off
		switch t := tok.(type) {
		case json.Delim:
			if top := len(path) - 1; (t == '{' || t == '[') && top >= 0 && !path[top].object {
				path[top].index++ // an object or array as an array's element
			}
			switch t {
			case '{':
				path = append(path, pathElem{object: true, wantKey: true})
			case '[':
				path = append(path, pathElem{index: -1})
			default: // '}' or ']'
				path = path[:len(path)-1]
				valueDone(path)
			}
			continue
		case string:
			top := len(path) - 1
			if top >= 0 && path[top].object && path[top].wantKey {
				path[top].key, path[top].wantKey = t, false
				if !utf8.Valid(raw) {
					return fieldErr(pathString(path), "a key that is not valid UTF-8")
				}
				continue
			}
			if top >= 0 && !path[top].object {
				path[top].index++
			}
			if !utf8.Valid(raw) {
				return fieldErr(pathString(path), "not valid UTF-8")
			}
			valueDone(path)
		default:
			if top := len(path) - 1; top >= 0 && !path[top].object {
				path[top].index++
			}
			valueDone(path)
		}
		if len(path) == 0 && !dec.More() {
			return fieldErr("body", "not valid UTF-8")
		}
	}
}

// pathElem is one level of the JSON being read: an object (its current key) or an array
// (the index of its current element).
type pathElem struct {
	object  bool
	wantKey bool
	key     string
	index   int
}

// valueDone marks the end of a value inside the innermost object: the next string is a key.
func valueDone(path []pathElem) {
	if top := len(path) - 1; top >= 0 && path[top].object {
		path[top].wantKey = true
	}
}

// pathString renders the levels as "mutations[2].args.name"; the body itself is "body".
func pathString(path []pathElem) string {
	var b []byte
	for i, p := range path {
		if p.object {
			if i > 0 {
				b = append(b, '.')
			}
			b = append(b, p.key...)
			continue
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(p.index), 10)
		b = append(b, ']')
	}
	if len(b) == 0 {
		return "body"
	}
	return string(b)
}
