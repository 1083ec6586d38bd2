package screen

import (
	"net/url"
	"regexp"
	"testing"

	"gongji/shared/engine"
	"gongji/shared/family"
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

// routeURL writes its query as url.Values.Encode would, and queryValue reads any query as
// url.ParseQuery does (the client carries neither; issue 22).
func TestRouteURLEncodesAsURLValues(t *testing.T) {
	for _, tc := range []struct {
		name  string
		route engine.Route
		ben   family.PersonID
		path  string
		want  url.Values
	}{
		{"a binding", engine.Route{Person: "李建国", Binding: engine.BindingRoute{State: engine.RoutePossible}}, "王秀英",
			PathBindings, url.Values{"authorizer": {"李建国"}, "beneficiary": {"王秀英"}}},
		{"a wallet transfer", engine.Route{Person: "Li & Co=1", Wallet: engine.WalletRoute{Possible: true, Source: family.FromWallet}},
			"王 秀+英?", PathWallet, url.Values{"from": {"Li & Co=1"}, "to": {"王 秀+英?"}, "source": {"wallet"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := routeURL(tc.route, tc.ben), tc.path+"?"+tc.want.Encode(); got != want {
				t.Errorf("routeURL = %q, want %q", got, want)
			}
		})
	}
}

func TestQueryValue(t *testing.T) {
	for _, tc := range []struct{ name, q, key, want string }{
		{"a value", "from=%E6%9D%8E&to=b", "from", "李"},
		{"the first of two", "a=1&a=2", "a", "1"},
		{"a plus is a space", "a=x+y", "a", "x y"},
		{"a pair with ; skipped", "a=1;b&a=2", "a", "2"},
		{"a bad escape skipped", "a=%zz&a=3", "a", "3"},
		{"an escaped key", "f%72om=x", "from", "x"},
		{"no value", "a", "a", ""},
		{"absent", "b=1", "a", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := queryValue(tc.q, tc.key); got != tc.want {
				t.Errorf("queryValue(%q, %q) = %q, want %q", tc.q, tc.key, got, tc.want)
			}
			parsed, _ := url.ParseQuery(tc.q)
			if parsed.Get(tc.key) != tc.want {
				t.Errorf("url.ParseQuery(%q).Get(%q) = %q, the table says %q", tc.q, tc.key, parsed.Get(tc.key), tc.want)
			}
		})
	}
}

func FuzzQueryValue(f *testing.F) {
	for _, s := range []string{"from=%E6%9D%8E&to=b", "a=1;b&a=2", "a=%zz&a=3", "&&a=&a"} {
		f.Add(s, "a")
	}
	f.Fuzz(func(t *testing.T, q, key string) {
		parsed, _ := url.ParseQuery(q)
		if got, want := queryValue(q, key), parsed.Get(key); got != want {
			t.Errorf("queryValue(%q, %q) = %q, url.ParseQuery %q", q, key, got, want)
		}
	})
}
