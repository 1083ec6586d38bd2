package engine

import (
	"regexp"
	"strings"
	"testing"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/region"
)

var verb = regexp.MustCompile(`%\[(\d+)\]s`)

// TestEverySentenceInBothLanguages: each explanation sentence exists in Chinese and English
// and uses the same values, each by its index.
func TestEverySentenceInBothLanguages(t *testing.T) {
	seen := map[Msg]bool{}
	for _, m := range Msgs() {
		if seen[m] {
			t.Errorf("sentence %s listed twice", m)
		}
		seen[m] = true
		zh, en := zhText(m), enText(m)
		if zh == "" || en == "" {
			t.Errorf("sentence %s lacks a text: zh %q en %q", m, zh, en)
			continue
		}
		if a, b := maxVerb(zh), maxVerb(en); a != b {
			t.Errorf("sentence %s: zh uses %d values, en %d:\n%s\n%s", m, a, b, zh, en)
		}
	}
}

func maxVerb(s string) int {
	n := 0
	for _, m := range verb.FindAllStringSubmatch(s, -1) {
		if k := int(m[1][0] - '0'); k > n {
			n = k
		}
	}
	return n
}

// TestStandInsAreNotShownAsVerified: a national stand-in deciding for a region without a
// rule of its own is never shown with the national source's grade (a Shenzhen retiree's
// withdrawal is not refused "per the Jiangsu guide, grade A").
func TestStandInsAreNotShownAsVerified(t *testing.T) {
	cases := []struct {
		name, region   string
		wantUnverified bool
	}{
		{"Shenzhen has no withdrawal list of its own", "440300", true},
		{"Wuhan has one", "420102", false},
		{"Jiangsu has one", "320102", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &family.State{People: []family.Person{{ID: "P", Region: region.Code(c.region), Insurance: family.Employee, HasAccount: true, Account: 100}}}
			res, err := Default().Withdraw(s, civil.At(civil.MustDate("2025-06-01"), 36000), WithdrawRequest{Person: "P", Ground: "retiree_nonlocal"})
			if err != nil {
				t.Fatal(err)
			}
			l := res.Explanation[0]
			if l.Unverified != c.wantUnverified || (l.Unverified && l.Grade != "U") {
				t.Fatalf("line %+v: unverified %t, want %t (grade U when unverified)", l, l.Unverified, c.wantUnverified)
			}
			text := Words{ZH: true}.Text(l)
			if hasNote := strings.Contains(text, "本地规则未核实"); hasNote != c.wantUnverified {
				t.Errorf("text %q: note %t, want %t", text, hasNote, c.wantUnverified)
			}
		})
	}
}

// TestWaysHaveWords: every way a route can take has its short name in both languages.
func TestWaysHaveWords(t *testing.T) {
	for _, way := range []Way{WayBound, WayBind, WayWallet, WayNone} {
		for _, zh := range []bool{true, false} {
			if got := (Words{ZH: zh}).Way(way); got == "way."+string(way) || got == "" {
				t.Errorf("way %s (zh %t) has no words", way, zh)
			}
		}
	}
}
