package family

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"gongji/shared/ledger/posting"
	"gongji/shared/money"
)

// TestParseRecords: every list reads back as json.Unmarshal reads it, whichever path it takes;
// the records this package writes take the hand-written one.
func TestParseRecords(t *testing.T) {
	tests := []struct {
		name string
		text string
		fast bool // every record parsed by hand
	}{
		{"empty", `[]`, true},
		{"as written", string(AppendRecordsJSON(nil, RecordsOf(sampleRecords()[:2]))), true},
		{"escapes and an edit", string(AppendRecordsJSON(nil, RecordsOf(sampleRecords()[2:4]))), false},
		{"spaces", `[ {"id":"c/1","name":"settle","at":"2025-10-13T06:00:00Z"} ]`, false},
		{"members in another order", `[{"name":"settle","id":"c/1","at":"2025-10-13T06:00:00Z"}]`, false},
		{"null postings", `[{"id":"c/1","name":"void","at":"2025-10-13T06:00:00+08:00","entries":[{"kind":"void","postings":null},{"kind":"x","postings":[]}]}]`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []*Record
			if err := json.Unmarshal([]byte(tt.text), &want); err != nil {
				t.Fatal(err)
			}
			got, err := parseRecords([]byte(tt.text))
			if err != nil || got.String() != fmt.Sprint(want) {
				t.Fatalf("got %v, %v\nwant %v", got, err, want)
			}
			if _, fast := fastRecords([]byte(tt.text)); fast != tt.fast {
				t.Errorf("hand-written path: %v, want %v", fast, tt.fast)
			}
		})
	}
	for _, bad := range []string{`[{"id":"c/1","name":"settle","at":"yesterday"}]`, `[{"id":"c/1","name":"settle","at":"2025-10-13T06:00:00Z","entries":[{"kind":"settle","postings":[{"account":{"kind":"account","owner":"mom"},"amount":"x"}]}]}]`, `{}`,
		// an amount in another spelling than money.Amount's one (money.ParseJSON, issue 18)
		`[{"id":"c/1","name":"settle","at":"2025-10-13T06:00:00Z","entries":[{"kind":"settle","postings":[{"account":{"kind":"account","owner":"mom"},"amount":"1.5"}]}]}]`} {
		if got, err := parseRecords([]byte(bad)); err == nil {
			t.Errorf("%s was read: %v", bad, got)
		}
	}
}

// FuzzParseRecords: written and read again, a record is the same, by either path.
func FuzzParseRecords(f *testing.F) {
	f.Add("c/1", "settle", "mom", "settle", "external", int64(1234), int64(1760306400), int64(0))
	f.Add("王", "\"", "", "", "", int64(-9), int64(0), int64(999))
	f.Fuzz(func(t *testing.T, id, name, person, kind, owner string, amount, unix, nanos int64) {
		if !money.Amount(amount).Valid() {
			return
		}
		r := &Record{ID: id, Name: name, At: time.Unix(unix%(1<<34), nanos%1e9).UTC(), Person: PersonID(person), VoidedBy: owner,
			Entries: []posting.Entry{{Kind: kind, Postings: []posting.Posting{{Account: posting.Account{Kind: posting.Kind(kind), Owner: owner}, Amount: money.Amount(amount)}}}}}
		text := AppendRecordsJSON(nil, RecordsOf([]*Record{r, r}))
		var want []*Record
		if err := json.Unmarshal(text, &want); err != nil {
			t.Skip() // json.Marshal's own limits (invalid UTF-8 read back as U+FFFD)
		}
		got, err := parseRecords(text)
		if err != nil || got.String() != fmt.Sprint(want) {
			t.Fatalf("got %v, %v\nwant %v", got, err, want)
		}
	})
}

func BenchmarkParseRecords(b *testing.B) {
	var list []*Record
	for range 200 {
		list = append(list, sampleRecords()[0])
	}
	text := AppendRecordsJSON(nil, RecordsOf(list))
	b.Run("json.Unmarshal", func(b *testing.B) {
		for b.Loop() {
			_, _ = slowRecords(text)
		}
	})
	b.Run("parseRecords", func(b *testing.B) {
		for b.Loop() {
			_, _ = parseRecords(text)
		}
	})
}

// FuzzFastRecordsExact guards the property the hand-written path rests on: whatever bytes it
// accepts, json.Unmarshal reads too, and writing what it read gives back the same bytes.
func FuzzFastRecordsExact(f *testing.F) {
	f.Add([]byte(AppendRecordsJSON(nil, RecordsOf(sampleRecords()[:2]))))
	f.Add([]byte(`[{"id":"c/1","name":"void","at":"2025-10-13T06:00:00+08:00","entries":[{"kind":"void","postings":null}],"voids":"c/0"}]`))
	f.Fuzz(func(t *testing.T, text []byte) {
		if _, ok := fastRecords(text); !ok {
			return
		}
		var want []*Record
		if err := json.Unmarshal(text, &want); err != nil {
			t.Fatalf("accepted %s, which json.Unmarshal refuses: %v", text, err)
		}
		if again := AppendRecordsJSON(nil, RecordsOf(want)); string(again) != string(text) {
			t.Fatalf("accepted %s\nwhich reads back as %s", text, again)
		}
	})
}
