package family

import (
	"encoding/json"
	"time"
)

// appendRecord appends the JSON of one record, byte for byte what json.Marshal writes, at a
// seventh of its cost: a family's snapshot holds up to MaxRecords of them. Fields json.Marshal
// would escape take its path.
func appendRecord(b []byte, r *Record) []byte {
	if r == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"id":`...)
	b = appendString(b, r.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, r.Name)
	b = append(b, `,"at":`...)
	b = appendTime(b, r.At)
	if r.Person != "" {
		b = append(b, `,"person":`...)
		b = appendString(b, string(r.Person))
	}
	if len(r.Entries) > 0 {
		b = append(b, `,"entries":[`...)
		for i, e := range r.Entries {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"kind":`...)
			b = appendString(b, e.Kind)
			b = append(b, `,"postings":`...)
			if e.Postings == nil {
				b = append(b, "null"...)
			} else {
				b = append(b, '[')
				for j, p := range e.Postings {
					if j > 0 {
						b = append(b, ',')
					}
					b = append(b, `{"account":{"kind":`...)
					b = appendString(b, string(p.Account.Kind))
					b = append(b, `,"owner":`...)
					b = appendString(b, p.Account.Owner)
					b = append(b, `},"amount":"`...)
					b = p.Amount.Append(b)
					b = append(b, `"}`...)
				}
				b = append(b, ']')
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	for _, f := range [...]struct{ name, v string }{{`,"voids":`, r.Voids}, {`,"voided_by":`, r.VoidedBy}, {`,"arrived":`, r.Arrived}} {
		if f.v != "" {
			b = append(b, f.name...)
			b = appendString(b, f.v)
		}
	}
	for _, f := range [...]struct {
		name string
		p    *Person
	}{{`,"before":`, r.Before}, {`,"after":`, r.After}} {
		if f.p != nil {
			b = append(b, f.name...)
			b = appendMarshal(b, f.p)
		}
	}
	return append(b, '}')
}

// appendString writes s as a JSON string: directly when json.Marshal would not escape any of
// its bytes (printable ASCII but '"', '\\' and its HTML escapes), else through json.Marshal.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return appendMarshal(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendTime(b []byte, t time.Time) []byte {
	if y := t.Year(); y < 0 || y > 9999 {
		return appendMarshal(b, t) // json.Marshal's error path; a record's time never gets here
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

func appendMarshal(b []byte, v any) []byte {
	out, err := json.Marshal(v)
	if err != nil {
		panic(err) // records hold plain values; json.Marshal of them cannot fail
	}
	return append(b, out...)
}
