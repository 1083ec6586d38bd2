package policy

import (
	"strings"
	"testing"

	"gongji/shared/region"
	"gongji/shared/source"
)

// TestGradesAreTheWeakestLink (issue 20): every row's grade is at most its weakest source's,
// each part of a grade such as "B/U" included.
func TestGradesAreTheWeakestLink(t *testing.T) {
	cat := source.Default()
	for _, r := range DefaultRows() {
		w := cat.Weakest(r.Sources)
		if got := source.Cap(r.Grade, w); got != r.Grade {
			t.Errorf("%s %s %s: grade %s is stronger than its weakest source (%s): want %s", r.Param, r.Where, r.During, r.Grade, w, got)
		}
	}
}

// TestSourcesSpeakToTheirRows (issue 20): every source a row cites speaks to the row's
// regions, or the row is a national stand-in, which every line marks as unconfirmed where it
// decides (and whose regional sources are cited as another region's).
func TestSourcesSpeakToTheirRows(t *testing.T) {
	cat := source.Default()
	for _, r := range DefaultRows() {
		for _, id := range r.Sources {
			s, _ := cat.Lookup(id)
			ok := !s.Regional()
			if r.Where.Level != region.National {
				// a province or city row: the source speaks to the whole scope or to part of it
				for _, p := range s.Scope {
					ok = ok || strings.HasPrefix(r.Where.Prefix, p) || strings.HasPrefix(p, r.Where.Prefix)
				}
			}
			if !ok && !r.LocalDefault {
				t.Errorf("%s %s %s: source %s speaks to %v only, and the row is not marked as a stand-in", r.Param, r.Where, r.During, id, s.Scope)
			}
		}
	}
}
