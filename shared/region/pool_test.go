package region

import (
	"regexp"
	"testing"
)

func TestPoolExceptions(t *testing.T) {
	cases := []struct {
		name string
		a, b Code
		same bool
	}{
		{"Chongqing district and county", "500101", "500230", true},
		{"Chongqing: one pool with the city code", "500230", "500000", true},
		{"Haikou and Sanya", "460100", "460200", true},
		{"Haikou and a 省直辖 county", "460105", "469027", true},
		{"Xiantao and Qianjiang", "429004", "429005", false},
		{"Tianmen and Wuhan", "429006", "420102", false},
		{"Jiyuan and Zhengzhou", "419001", "410102", false},
		{"Shihezi and Wujiaqu", "659001", "659004", false},
		{"Guangzhou districts", "440106", "440103", true},
		{"Guangzhou and Shenzhen", "440106", "440303", false},
		{"Shenzhen's old city code", "440300", "440305", true},
		{"Beijing districts", "110105", "110116", true},
		{"Shanghai districts", "310101", "310151", true},
		{"Tianjin districts", "120101", "120225", true},
		{"Hengdong and Hengyang", "430424", "430400", true},
		{"retired Hangzhou district", "330103", "330106", true},
		{"empty", "", "", false},
		{"malformed", "4401", "4401", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := SamePool(c.a, c.b); got != c.same {
				t.Errorf("SamePool(%s, %s) = %t (pools %q, %q)", c.a, c.b, got, Pool(c.a), Pool(c.b))
			}
		})
	}
}

func TestPoolRow(t *testing.T) {
	cases := []struct {
		code  Code
		id    PoolID
		scope string
		rule  PoolRule
		grade string
	}{
		{"430424", "430400", "", EachCity, "A"},
		{"500230", "500000", "50", Whole, "A/B"},
		{"469027", "460000", "46", Whole, "A"},
		{"110105", "110000", "11", Whole, "C"},
		{"429021", "429021", "4290", EachCounty, "C"},
		{"419001", "419001", "4190", EachCounty, "C"},
		{"659001", "659001", "6590", EachCounty, "C"},
	}
	for _, c := range cases {
		t.Run(string(c.code), func(t *testing.T) {
			id, r := PoolOf(c.code)
			if id != c.id || r.Scope != c.scope || r.Rule != c.rule || r.Grade != c.grade {
				t.Errorf("PoolOf(%s) = %q, %+v", c.code, id, r)
			}
		})
	}
	if FullName(Pool("469027").Code(), true) != "海南省" {
		t.Error("the Hainan pool is not named 海南省")
	}
}

// TestPoolRowsAreWellFormed: scopes are distinct digit prefixes, every row has a source and a
// grade, and every group of counties under a province directly has a row of its own or its
// province's.
func TestPoolRowsAreWellFormed(t *testing.T) {
	grade := regexp.MustCompile(`^[ABCU](/[ABCU])?$`)
	scope := regexp.MustCompile(`^(\d\d|\d{4}|\d{6})?$`)
	seen := map[string]bool{}
	for _, r := range PoolRows() {
		if seen[r.Scope] || !scope.MatchString(r.Scope) || !grade.MatchString(r.Grade) || r.Title == "" || r.Note == "" {
			t.Errorf("row %+v", r)
		}
		seen[r.Scope] = true
		if (r.Grade == "C") != r.Unofficial() {
			t.Errorf("%q: unofficial %t", r.Scope, r.Unofficial())
		}
	}
	if !seen[""] {
		t.Error("no default row")
	}
	for _, g := range direct {
		if !seen[g] && !seen[g[:2]] {
			t.Errorf("%s: counties under their province directly, no pooling row", g)
		}
	}
}
