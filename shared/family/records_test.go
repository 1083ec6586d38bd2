package family

import (
	"encoding/json"
	"fmt"
	"testing"
)

func ids(rs Records) []string {
	var out []string
	for r := range rs.All() {
		out = append(out, r.ID)
	}
	return out
}

// TestRecordsKeepNewest: across block edges and past MaxRecords, a state remembers the
// newest MaxRecords in order, and Record, Mark and JSON see the same list.
func TestRecordsKeepNewest(t *testing.T) {
	tests := []struct {
		name  string
		added int
	}{
		{"none", 0},
		{"one", 1},
		{"a block", recordBlock},
		{"a block and one", recordBlock + 1},
		{"the bound", MaxRecords},
		{"one past the bound", MaxRecords + 1},
		{"a block past the bound", MaxRecords + recordBlock},
		{"three times the bound", 3*MaxRecords + 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s State
			for i := range tt.added {
				s.Remember(Record{ID: fmt.Sprint(i)})
			}
			want := min(tt.added, MaxRecords)
			if s.Records.Len() != want {
				t.Fatalf("Len %d, want %d", s.Records.Len(), want)
			}
			got := ids(s.Records)
			for i, id := range got {
				if id != fmt.Sprint(tt.added-want+i) {
					t.Fatalf("record %d is %s, want %d", i, id, tt.added-want+i)
				}
			}
			if tt.added > 0 {
				newest := fmt.Sprint(tt.added - 1)
				if r := s.Record(newest); r == nil || r.ID != newest {
					t.Errorf("Record(%s) = %v", newest, r)
				}
				if tt.added > MaxRecords && s.Record(fmt.Sprint(tt.added-MaxRecords-1)) != nil {
					t.Error("a forgotten record is still found")
				}
			}
			b, err := json.Marshal(s.Records)
			if err != nil {
				t.Fatal(err)
			}
			var back Records
			if err := json.Unmarshal(b, &back); err != nil || fmt.Sprint(ids(back)) != fmt.Sprint(got) {
				t.Errorf("JSON round trip: %v, %v", ids(back), err)
			}
		})
	}
}

// TestRecordsAreValues: what one copy of a state remembers or marks, another never sees.
func TestRecordsAreValues(t *testing.T) {
	var base State
	for i := range recordBlock + 3 {
		base.Remember(Record{ID: fmt.Sprint(i)})
	}
	a, b := base.Clone(), base.Clone()
	a.Remember(Record{ID: "a"})
	b.Remember(Record{ID: "b"})
	b.Mark("1", func(r *Record) { r.VoidedBy = "b" })
	a.Mark("66", func(r *Record) { r.VoidedBy = "a" })
	switch {
	case base.Records.Len() != recordBlock+3 || a.Records.At(recordBlock+3).ID != "a" || b.Records.At(recordBlock+3).ID != "b":
		t.Errorf("appends leaked: base %v\na %v\nb %v", ids(base.Records), ids(a.Records), ids(b.Records))
	case base.Record("1").VoidedBy != "" || a.Record("1").VoidedBy != "" || b.Record("1").VoidedBy != "b":
		t.Error("a mark in a full block leaked into other copies")
	case base.Record("66").VoidedBy != "" || b.Record("66").VoidedBy != "" || a.Record("66").VoidedBy != "a":
		t.Error("a mark in the last block leaked into other copies")
	}
}

func BenchmarkRemember(b *testing.B) {
	var s State
	for i := range MaxRecords {
		s.Remember(Record{ID: fmt.Sprint(i)})
	}
	for b.Loop() {
		c := s.Clone()
		c.Remember(Record{ID: "x"})
	}
}

// TestRecordsPacked: a record read back is a copy equal to what was remembered; changing the
// copy changes nothing kept; a list with a record that does not decode is refused whole.
func TestRecordsPacked(t *testing.T) {
	var s State
	for _, r := range sampleRecords()[:4] {
		s.Remember(*r)
	}
	for i, want := range sampleRecords()[:4] {
		got := s.Records.At(i)
		if got.String() != want.String() || s.Records.ID(i) != want.ID {
			t.Errorf("record %d: got %s (id %q), want %s", i, got, s.Records.ID(i), want)
		}
		got.VoidedBy = "changed"
		if s.Records.At(i).VoidedBy == "changed" {
			t.Errorf("record %d: a change to the copy reached the state", i)
		}
	}
	var back Records
	if err := json.Unmarshal([]byte(`[{"id":"c/1","name":"settle","at":"2025-10-13T06:00:00Z"},{"id":"c/2","name":"settle","at":"not a time"}]`), &back); err == nil {
		t.Errorf("a record with a bad time was read: %v", back)
	}
}
