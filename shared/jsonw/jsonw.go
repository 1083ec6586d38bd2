// Package jsonw writes JSON by hand, byte for byte what encoding/json's Marshal writes, for
// the hot paths of the server: every push writes its changes to the log and its answer to the
// device, and reflection was a tenth of a push's cost (issue 9). Anything unusual (a string
// Marshal escapes, a time outside its range, arguments with spaces) takes encoding/json
// itself, so the fast path only has to be right for the plain cases. Each type's AppendJSON
// beside it is tested against json.Marshal.
package jsonw

import (
	"encoding/json"
	"strconv"
	"time"
)

// String appends s as a JSON string.
func String(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return Marshal(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// Strings appends a list of strings; nil is null, as json.Marshal writes it.
func Strings[S ~string](b []byte, list []S) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = String(b, string(s))
	}
	return append(b, ']')
}

// Int appends n.
func Int(b []byte, n int64) []byte { return strconv.AppendInt(b, n, 10) }

// Time appends t as time.Time's JSON.
func Time(b []byte, t time.Time) []byte {
	if y := t.Year(); y < 0 || y > 9999 {
		return Marshal(b, t)
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

// Raw appends a json.RawMessage as json.Marshal embeds one: compacted, HTML characters
// escaped, null when empty.
func Raw(b []byte, raw json.RawMessage) []byte {
	if len(raw) == 0 {
		return append(b, "null"...)
	}
	for _, c := range raw {
		if c <= ' ' || c == '<' || c == '>' || c == '&' || c >= 0x80 {
			return Marshal(b, raw)
		}
	}
	return append(b, raw...)
}

// Marshal appends json.Marshal's encoding of v. The values written here are plain data;
// a failure is a programming error.
func Marshal(b []byte, v any) []byte {
	out, err := json.Marshal(v)
	if err != nil {
		panic("jsonw: " + err.Error())
	}
	return append(b, out...)
}

// List appends items as a JSON array, each written by item (a method expression such as
// (*Entry).AppendJSON fits); a nil slice is null, as json.Marshal writes it.
func List[T any](b []byte, items []T, item func(v *T, b []byte) []byte) []byte {
	if items == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = item(&items[i], b)
	}
	return append(b, ']')
}
