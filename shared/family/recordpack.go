package family

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"gongji/shared/jsonw"
	"gongji/shared/ledger/posting"
	"gongji/shared/money"
)

// packed is one record in a compact binary form, about 85 bytes for a settled bill where its
// JSON takes 233: strings with their length (uvarint) in front, the moment as its JSON text,
// amounts as varints.
//
//	id name at person | entries: n, then kind and postings (n+1, 0 for none: kind owner amount part)
//	| voids voided_by arrived | before after (their JSON, n+1, 0 for none)
//
// The id comes first, so that lookups read it without decoding the rest.
type packed string

func putStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func putPerson(b []byte, p *Person) []byte {
	if p == nil {
		return append(b, 0)
	}
	text, err := json.Marshal(p)
	if err != nil {
		panic(fmt.Sprintf("family: a person does not encode: %v", err)) // plain data
	}
	b = binary.AppendUvarint(b, uint64(len(text))+1)
	return append(b, text...)
}

func pack(r *Record) packed {
	var at [40]byte
	b := make([]byte, 0, 96)
	b = putStr(b, r.ID)
	b = putStr(b, r.Name)
	b = putStr(b, string(r.At.AppendFormat(at[:0], time.RFC3339Nano)))
	b = putStr(b, string(r.Person))
	b = binary.AppendUvarint(b, uint64(len(r.Entries)))
	for _, e := range r.Entries {
		b = putStr(b, e.Kind)
		if e.Postings == nil {
			b = append(b, 0)
			continue
		}
		b = binary.AppendUvarint(b, uint64(len(e.Postings))+1)
		for _, p := range e.Postings {
			b = putStr(b, string(p.Account.Kind))
			b = putStr(b, p.Account.Owner)
			b = binary.AppendVarint(b, int64(p.Amount))
			b = putStr(b, string(p.Part))
		}
	}
	b = putStr(b, r.Voids)
	b = putStr(b, r.VoidedBy)
	b = putStr(b, r.Arrived)
	b = putPerson(b, r.Before)
	b = putPerson(b, r.After)
	return packed(b)
}

// unpacker reads a packed record from the front.
type unpacker struct {
	s  string
	at int
}

func (u *unpacker) uvarint() uint64 {
	var v uint64
	for shift := 0; u.at < len(u.s); shift += 7 {
		c := u.s[u.at]
		u.at++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	panic("family: a packed record ends inside a number") // pack wrote it
}

func (u *unpacker) varint() int64 {
	v := u.uvarint()
	return int64(v>>1) ^ -int64(v&1)
}

func (u *unpacker) str() string {
	n := int(u.uvarint())
	s := u.s[u.at : u.at+n]
	u.at += n
	return s
}

func (u *unpacker) person() (json string, ok bool) {
	n := int(u.uvarint())
	if n == 0 {
		return "", false
	}
	s := u.s[u.at : u.at+n-1]
	u.at += n - 1
	return s, true
}

// id reads the record's id without decoding the rest.
func (p packed) id() string {
	u := unpacker{s: string(p)}
	return u.str()
}

// record decodes a copy.
func (p packed) record() *Record {
	u := unpacker{s: string(p)}
	r := &Record{ID: u.str(), Name: u.str()}
	at, err := time.Parse(time.RFC3339Nano, u.str())
	if err != nil {
		panic(fmt.Sprintf("family: a packed record's moment does not parse: %v", err)) // pack wrote it
	}
	r.At, r.Person = at, PersonID(u.str())
	if n := int(u.uvarint()); n > 0 {
		r.Entries = make([]posting.Entry, n)
		for i := range r.Entries {
			e := &r.Entries[i]
			e.Kind = u.str()
			if m := int(u.uvarint()); m > 0 {
				e.Postings = make([]posting.Posting, m-1)
				for j := range e.Postings {
					e.Postings[j] = posting.Posting{Account: posting.Account{Kind: posting.Kind(u.str()), Owner: u.str()}, Amount: money.Amount(u.varint()), Part: posting.Part(u.str())}
				}
			}
		}
	}
	r.Voids, r.VoidedBy, r.Arrived = u.str(), u.str(), u.str()
	for _, to := range []**Person{&r.Before, &r.After} {
		if text, ok := u.person(); ok {
			*to = new(Person)
			if err := json.Unmarshal([]byte(text), *to); err != nil {
				panic(fmt.Sprintf("family: a packed record's person does not decode: %v", err))
			}
		}
	}
	return r
}

// appendJSON appends the record's JSON, what json.Marshal writes of it,
// without decoding it first.
func (p packed) appendJSON(b []byte) []byte {
	u := unpacker{s: string(p)}
	b = append(b, `{"id":`...)
	b = jsonw.String(b, u.str())
	b = append(b, `,"name":`...)
	b = jsonw.String(b, u.str())
	b = append(b, `,"at":"`...)
	b = append(b, u.str()...)
	b = append(b, '"')
	if person := u.str(); person != "" {
		b = append(b, `,"person":`...)
		b = jsonw.String(b, person)
	}
	if n := int(u.uvarint()); n > 0 {
		b = append(b, `,"entries":[`...)
		for i := range n {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"kind":`...)
			b = jsonw.String(b, u.str())
			b = append(b, `,"postings":`...)
			m := int(u.uvarint())
			if m == 0 {
				b = append(b, "null"...)
			} else {
				b = append(b, '[')
				for j := range m - 1 {
					if j > 0 {
						b = append(b, ',')
					}
					b = append(b, `{"account":{"kind":`...)
					b = jsonw.String(b, u.str())
					b = append(b, `,"owner":`...)
					b = jsonw.String(b, u.str())
					b = append(b, `},"amount":"`...)
					b = money.Amount(u.varint()).Append(b)
					b = append(b, '"')
					if part := u.str(); part != "" {
						b = append(b, `,"part":`...)
						b = jsonw.String(b, part)
					}
					b = append(b, '}')
				}
				b = append(b, ']')
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	for _, name := range []string{`,"voids":`, `,"voided_by":`, `,"arrived":`} {
		if v := u.str(); v != "" {
			b = append(b, name...)
			b = jsonw.String(b, v)
		}
	}
	for _, name := range []string{`,"before":`, `,"after":`} {
		if text, ok := u.person(); ok {
			b = append(b, name...)
			b = append(b, text...)
		}
	}
	return append(b, '}')
}
