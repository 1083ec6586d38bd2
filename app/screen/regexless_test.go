package screen

import (
	"regexp"
	"testing"
)

// dropIndexes and badLine stand for two regexps the screens used (the client carries no regexp
// matcher of its own; issue 22): they must read every input as the regexps did.
var (
	indexPattern = regexp.MustCompile(`\[\d+\]`)
	linePattern  = regexp.MustCompile(`^line (\d+) \((.*)\)$`)
)

func TestDropIndexes(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"a mutation's field", "mutations[3].args.amount", "mutations.args.amount"},
		{"two indexes", "a[1].b[22].c", "a.b.c"},
		{"no digits", "a[].b", "a[].b"},
		{"not a number", "a[x1].b", "a[x1].b"},
		{"unclosed", "a[12", "a[12"},
		{"bracket before an index", "a[[3]]", "a[]"},
		{"full-width digits stay", "a[３]", "a[３]"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := dropIndexes(tc.in); got != tc.want {
				t.Errorf("dropIndexes(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if re := indexPattern.ReplaceAllString(tc.in, ""); re != tc.want {
				t.Errorf("the regexp gives %q for %q, the table says %q", re, tc.in, tc.want)
			}
		})
	}
}

func TestBadLine(t *testing.T) {
	for _, tc := range []struct {
		name, in     string
		number, held string
		ok           bool
	}{
		{"a line", "line 12 (自付一 30.00)", "12", "自付一 30.00", true},
		{"empty text", "line 3 ()", "3", "", true},
		{"brackets inside", "line 4 (a (b) c)", "4", "a (b) c", true},
		{"no number", "line  (x)", "", "", false},
		{"no bracket", "line 5 x", "", "", false},
		{"unclosed", "line 5 (x", "", "", false},
		{"text after", "line 5 (x) y", "", "", false},
		{"a newline", "line 5 (x\ny)", "", "", false},
		{"not a line", "JSON", "", "", false},
		{"just the opening", "line 5 (", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			number, held, ok := badLine(tc.in)
			if number != tc.number || held != tc.held || ok != tc.ok {
				t.Errorf("badLine(%q) = %q, %q, %v; want %q, %q, %v", tc.in, number, held, ok, tc.number, tc.held, tc.ok)
			}
		})
	}
}

// FuzzRegexless: whatever the input, the hand-written readers agree with the regexps.
func FuzzRegexless(f *testing.F) {
	for _, s := range []string{"mutations[3].args.amount", "a[[3]]", "line 12 (x)", "line 5 (x\ny)", "line 5 (", "line 1 ())"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := dropIndexes(s), indexPattern.ReplaceAllString(s, ""); got != want {
			t.Errorf("dropIndexes(%q) = %q, the regexp %q", s, got, want)
		}
		number, held, ok := badLine(s)
		m := linePattern.FindStringSubmatch(s)
		if ok != (m != nil) || ok && (number != m[1] || held != m[2]) {
			t.Errorf("badLine(%q) = %q, %q, %v; the regexp %q", s, number, held, ok, m)
		}
	})
}
