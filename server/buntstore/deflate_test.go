package buntstore

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"

	"gongji/shared/syncwire"
)

// TestFormat3RoundTrip: a record deflated against the dictionary reads back as the same
// changes, and a damaged payload is refused, never misread.
func TestFormat3RoundTrip(t *testing.T) {
	var changes []syncwire.Change
	if err := json.Unmarshal([]byte(`[{"seq":2,"device":"d","mutation":{"client_id":"c","mutation_id":2,"name":"settle","at":"2026-03-02T10:00:02+08:00","args":{"patient":"mom","card_holder":"mom","institution":{"region":"430424","kind":"pharmacy","designated":true},"bill":{"total":"56.78","fund":"0.00","policy_self_pay":"56.78","full_self_pay":"0.00","category":"drug"}}},"outcome":{"status":"confirmed","rules":["S1","S4"]}}]`), &changes); err != nil {
		t.Fatal(err)
	}
	v := encodeRecord(changes)
	if !strings.HasPrefix(v, `{"v":3,`) {
		t.Fatalf("record %s is not format 3", v)
	}
	back, err := decodeRecord(2, v)
	if err != nil || !reflect.DeepEqual(back, changes) {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
	if plain := len(mustJSON(changes)); len(v) >= plain/2 {
		t.Errorf("format 3 record is %d bytes, the JSON %d: the dictionary does not help", len(v), plain)
	}
	if _, err := decodeV3(`"AAAA"`); err == nil {
		t.Error("a payload that is not deflate data was read")
	}
}

// BenchmarkEncodeRecord measures what format 3 adds to a push: deflating one settled bill's
// change (compare the two sub-benchmarks in one run).
func BenchmarkEncodeRecord(b *testing.B) {
	var changes []syncwire.Change
	data := `[{"seq":2,"device":"dpajcrpkgptv4k3kj","mutation":{"client_id":"load","mutation_id":4,"name":"settle","at":"2026-03-02T10:00:04Z","args":{"patient":"mom","institution":{"region":"330100","kind":"pharmacy","designated":true},"bill":{"total":"12.34","policy_self_pay":"12.34","category":"drug"}}},"outcome":{"status":"confirmed","rules":["S1","S4","S5"],"ruleset":"v2-c15dd0d135c1","split":{"lines":[{"payer":"mom","source":"own","amount":"12.34"}],"cash":"0.00"},"entries":[{"kind":"settle","postings":[{"account":{"kind":"account","owner":"mom"},"amount":"-12.34"},{"account":{"kind":"external","owner":"settle"},"amount":"12.34"}]}],"explanation":[{"rule":"S1","msg":"settle.eligible","args":[{"k":"amount","v":"12.34"},{"k":"word","v":"policy_self_pay"}],"src":["gbf-2021-14"],"grade":"U","unverified":true},{"rule":"S4","msg":"pay.own","args":[{"k":"person","v":"mom"},{"k":"amount","v":"99999975.32"},{"k":"amount","v":"12.34"}],"src":["nhsa-qa-2024","sz-bendibao-163","sz-bendibao-635961"],"grade":"B"}]}}]`
	if err := json.Unmarshal([]byte(data), &changes); err != nil {
		b.Fatal(err)
	}
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			_ = mustJSON(changes)
		}
	})
	b.Run("json+deflate", func(b *testing.B) {
		for b.Loop() {
			_ = encodeRecord(changes)
		}
	})
	b.Run("inflate+decode", func(b *testing.B) {
		v := encodeRecord(changes)
		for b.Loop() {
			if _, err := decodeRecord(2, v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestSnapshotStoredBlock: a small snapshot is one stored DEFLATE block that any inflater
// reads back; a large one is compressed.
func TestSnapshotStoredBlock(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
	}{
		{"empty", ""},
		{"a new family", `{"v":4,"seq":0,"last_mutation_ids":{},"state":{"people":[]}}`},
		{"just under the bound", strings.Repeat("x", storedBelow-1)},
		{"at the bound", strings.Repeat(`{"a":1}`, storedBelow/7+1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			z := deflateSnapshot([]byte(tc.text))
			got, err := inflateSnapshot(z)
			if err != nil || got != tc.text {
				t.Fatalf("inflate: %q, %v", got, err)
			}
			raw, _ := base64.RawStdEncoding.DecodeString(strings.Trim(z, `"`))
			stored := len(raw) == len(tc.text)+5
			if stored != (len(tc.text) < storedBelow) {
				t.Errorf("%d bytes: stored %v (%d bytes deflated)", len(tc.text), stored, len(raw))
			}
			fr := flate.NewReader(bytes.NewReader(raw)) // what any reader of the format uses
			if b, err := io.ReadAll(fr); err != nil || string(b) != tc.text {
				t.Errorf("compress/flate reads %q, %v", b, err)
			}
		})
	}
}
