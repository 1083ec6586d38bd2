package family

import (
	"encoding/json"
	"testing"
	"time"

	"gongji/shared/ledger/posting"
	"gongji/shared/money"
)

func sampleRecords() []*Record {
	at := time.Date(2025, 10, 13, 6, 0, 0, 123000000, time.FixedZone("CST", 8*3600))
	before := &Person{ID: "mom", Name: "王秀英"}
	return []*Record{
		{ID: "c/1", Name: "settle", At: at, Person: "mom", Entries: []posting.Entry{{Kind: "settle", Postings: []posting.Posting{
			{Account: posting.Account{Kind: posting.PersonalAccount, Owner: "mom"}, Amount: -1234},
			{Account: posting.Account{Kind: posting.PersonalAccount, Owner: "son"}, Amount: -100, Part: posting.History},
			{Account: posting.Account{Kind: posting.External, Owner: "settle"}, Amount: 1334}}}}},
		{ID: "c/2", Name: "void", At: at.UTC(), Voids: "c/1", Entries: []posting.Entry{{Kind: "void"}, {Kind: "x", Postings: []posting.Posting{}}}},
		{ID: "c/3", Name: "edit_person", At: at, Person: "妈妈", Before: before, After: &Person{ID: "mom", Name: "王<秀>&英"}, VoidedBy: "c/4", Arrived: "c/5"},
		{ID: "c/\"4\\", Name: "tab\there", At: time.Time{}, Entries: []posting.Entry{{Kind: "credit", Postings: []posting.Posting{{Amount: money.Amount(-5)}}}}},
	}
}

// TestAppendRecordsJSON: the hand-written encoding is json.Marshal's, byte for byte.
func TestAppendRecordsJSON(t *testing.T) {
	tests := []struct {
		name    string
		records []*Record
	}{
		{"empty", []*Record{}},
		{"every field and escape", sampleRecords()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := json.Marshal(tt.records)
			if err != nil {
				t.Fatal(err)
			}
			if got := AppendRecordsJSON(nil, RecordsOf(tt.records)); string(got) != string(want) {
				t.Fatalf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// FuzzAppendRecordsJSON: any strings and amounts encode as json.Marshal encodes them.
func FuzzAppendRecordsJSON(f *testing.F) {
	f.Add("c/1", "settle", "mom", "settle", "external", int64(1234), int64(1760306400))
	f.Add("王", "\u2028", "\xff", "<&>", "", int64(-9), int64(0))
	f.Fuzz(func(t *testing.T, id, name, person, kind, owner string, amount, unix int64) {
		rs := []*Record{{ID: id, Name: name, At: time.Unix(unix%(1<<34), 0).UTC(), Person: PersonID(person), Voids: owner,
			Entries: []posting.Entry{{Kind: kind, Postings: []posting.Posting{{Account: posting.Account{Kind: posting.Kind(kind), Owner: owner}, Amount: money.Amount(amount)}}}}}}
		want, err := json.Marshal(rs)
		if err != nil {
			t.Skip()
		}
		packed := RecordsOf(rs)
		if got := AppendRecordsJSON(nil, packed); string(got) != string(want) {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
		if got := packed.At(0); got.String() != rs[0].String() || packed.ID(0) != id {
			t.Fatalf("unpacked %s (id %q), want %s", got, packed.ID(0), rs[0])
		}
	})
}

func BenchmarkRecordsJSON(b *testing.B) {
	var rs []*Record
	for range 200 {
		rs = append(rs, sampleRecords()[0])
	}
	b.Run("json.Marshal", func(b *testing.B) {
		for b.Loop() {
			_, _ = json.Marshal(rs)
		}
	})
	b.Run("AppendRecordsJSON", func(b *testing.B) {
		var out []byte
		for b.Loop() {
			out = AppendRecordsJSON(out[:0], RecordsOf(rs))
		}
	})
}
