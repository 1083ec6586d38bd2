package region

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// searchStable is Search as it was written before hitOrder: a stable sort of the hits by
// where the needle was found and by level. Search must list the same codes in the same order.
func searchStable(q string, limit int) []Code {
	limit = min(max(limit, 1), MaxSearch)
	hits, all := findHits(q)
	slices.SortStableFunc(hits, func(a, b searchHit) int {
		if a.prefix != b.prefix {
			if a.prefix {
				return -1
			}
			return 1
		}
		return int(all[a.i].Level) - int(all[b.i].Level)
	})
	out := make([]Code, 0, min(len(hits), limit))
	for _, h := range hits[:min(len(hits), limit)] {
		out = append(out, all[h.i].Code)
	}
	return out
}

func TestSearchOrderIsTheStableOrder(t *testing.T) {
	queries := map[string]bool{"dong": true, "hang": true, "zhou": true, "s": true, "xi": true, "nan": true}
	for _, d := range theIndex().all { // every character of every name: hits at the start and inside
		for _, r := range d.Name {
			queries[string(r)] = true
		}
		if r, _ := utf8.DecodeRuneInString(d.Name); r != utf8.RuneError {
			queries[d.Name[:utf8.RuneLen(r)]] = true
		}
	}
	if len(queries) < 100 {
		t.Fatalf("only %d queries: the division table is missing", len(queries))
	}
	compared := 0
	for q := range queries {
		got, want := Search(q, MaxSearch), searchStable(q, MaxSearch)
		if !slices.Equal(got, want) {
			t.Fatalf("Search(%q) = %v, want %v", q, got, want)
		}
		if len(got) > 1 {
			compared++
		}
	}
	if compared == 0 {
		t.Fatal("no query found two divisions: nothing was compared")
	}
}
