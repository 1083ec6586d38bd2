package buntstore

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"gongji/shared/sync"
)

// TestFormat3RoundTrip: a record deflated against the dictionary reads back as the same
// changes, and a damaged payload is refused, never misread.
func TestFormat3RoundTrip(t *testing.T) {
	var changes []sync.Change
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
