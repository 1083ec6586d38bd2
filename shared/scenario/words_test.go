package scenario_test

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"gongji/shared/engine"
	"gongji/shared/scenario"
	"gongji/shared/source"
)

// What a family must never read in an explanation line (issue: words a family reads).
var (
	regionCode  = regexp.MustCompile(`\b\d{6}\b`)
	isoMoment   = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)
	latinWord   = regexp.MustCompile(`[A-Za-z]+`)
	internalRef = regexp.MustCompile(`seed|rules\.md|R-[A-Z]+-\d+|jiusongjiankang|bendibao \d|research|\.txt`)
)

// lineFaults lists what is wrong with one rendered line; names are the family's own words,
// written in whatever script the family uses, so they are taken out before the checks.
func lineFaults(zh, en string, names []string) []string {
	var faults []string
	for _, n := range names {
		zh, en = strings.ReplaceAll(zh, n, "某人"), strings.ReplaceAll(en, n, "someone")
	}
	for _, text := range []string{zh, en} {
		if m := regionCode.FindString(text); m != "" {
			faults = append(faults, "a six-digit code "+m)
		}
		if m := isoMoment.FindString(text); m != "" {
			faults = append(faults, "an ISO date "+m)
		}
		if m := internalRef.FindString(text); m != "" {
			faults = append(faults, "an internal name "+m)
		}
		if strings.Contains(text, "“”") || strings.Contains(text, "「」") || strings.Contains(text, `""`) {
			faults = append(faults, "empty quotes")
		}
		if strings.Contains(text, "%!") {
			faults = append(faults, "a formatting error")
		}
	}
	if m := latinWord.FindString(zh); m != "" {
		faults = append(faults, "a Latin word in the Chinese line: "+m)
	}
	for _, r := range en {
		if unicode.Is(unicode.Han, r) {
			faults = append(faults, "Chinese in the English line")
			break
		}
	}
	return faults
}

// variants are the public scenarios moved to other days and regions, so that every branch
// of the explanation is rendered: county-level codes, other provinces, other eras.
func variants(t *testing.T, rng *rand.Rand, data []byte, n int) [][]byte {
	t.Helper()
	regions := []string{"430424", "440106", "440304", "441900", "320102", "330106", "510104", "110105",
		"500230", "460200", "429004", "652901", "610113", "630102", "350503", "371002", "420106"}
	days := []string{"2021-06-01", "2023-09-30", "2023-10-01", "2024-08-15", "2024-10-31", "2024-11-01",
		"2024-12-09", "2024-12-10", "2025-07-01", "2025-09-18", "2026-03-01"}
	var out [][]byte
	for i := 0; i < n; i++ {
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		doc["at"] = days[rng.Intn(len(days))] + fmt.Sprintf("T%02d:30:00+08:00", 6+rng.Intn(16))
		people, _ := doc["people"].([]any)
		for _, p := range people {
			if m, ok := p.(map[string]any); ok && rng.Intn(2) == 0 {
				m["region"] = regions[rng.Intn(len(regions))]
			}
		}
		b, _ := json.Marshal(doc)
		out = append(out, b)
	}
	return out
}

// TestExplanationWords renders every line of every public scenario, and of random variants
// of them, in both languages, and fails on anything a family could not read.
func TestExplanationWords(t *testing.T) {
	files, _ := filepath.Glob("testdata/scenarios/*.json")
	e := engine.Default()
	rng := rand.New(rand.NewSource(20261201))
	lines, seen := 0, map[engine.Msg]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, doc := range append([][]byte{data}, variants(t, rng, data, 40)...) {
			doc = withNames(t, doc)
			out, code := scenario.Run(e, doc)
			if code != 0 {
				continue
			}
			var res struct {
				Explanation []scenario.ExplainedLine `json:"explanation"`
			}
			if err := json.Unmarshal(out, &res); err != nil {
				t.Fatal(err)
			}
			for _, l := range res.Explanation {
				lines++
				seen[l.Msg] = true
				for _, fault := range lineFaults(l.ZH, l.EN, familyNames) {
					t.Errorf("%s variant %d, line %s %s: %s\n  %s\n  %s", filepath.Base(f), i, l.Rule, l.Msg, fault, l.ZH, l.EN)
				}
				if len(l.SourcesZH) == 0 {
					t.Errorf("%s variant %d, line %s %s cites no source", filepath.Base(f), i, l.Rule, l.Msg)
				}
			}
		}
	}
	t.Logf("%d lines rendered, %d of %d sentences met", lines, len(seen), len(engine.Msgs()))
}

// TestLineFaults: the checks above catch what they are meant to catch.
func TestLineFaults(t *testing.T) {
	cases := []struct {
		name, zh, en string
		want         string
	}{
		{"clean", "李建国的个人账户支付12.34 元，2025年10月13日 06:00。", "李建国's account pays 12.34 yuan.", ""},
		{"region code", "参保地 420100 不符合", "Insured in Wuhan", "six-digit"},
		{"ISO time", "将于 2025-10-13T06:00:00+08:00 退回", "back at 06:00", "ISO date"},
		{"English word in Chinese", "类别 health_food 不能支付", "health food", "Latin word"},
		{"person id in Chinese", "A 的个人账户", "A's account", "Latin word"},
		{"internal source", "来源 seed 004", "source", "internal name"},
		{"Chinese in English", "医保钱包", "the 医保钱包 wallet", "Chinese in the English"},
		{"empty quotes", "类别「」", "category", "empty quotes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := strings.Join(lineFaults(c.zh, c.en, []string{"李建国"}), "; ")
			if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
				t.Errorf("faults %q, want %q", got, c.want)
			}
		})
	}
}

// TestCitationsSpeakToTheFamily (issue 20): every source a line cites speaks to a region of
// the family or the place of the bill, or the line says that the national reading is
// unconfirmed there and marks the source as another region's; and no line is graded stronger
// than the weakest source it cites.
func TestCitationsSpeakToTheFamily(t *testing.T) {
	files, _ := filepath.Glob("testdata/scenarios/*.json")
	e := engine.Default()
	cat := source.Default()
	rng := rand.New(rand.NewSource(20261207))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		for i, doc := range append([][]byte{data}, variants(t, rng, data, 20)...) {
			out, code := scenario.Run(e, doc)
			if code != 0 {
				continue
			}
			var in struct {
				People []struct {
					Region string `json:"region"`
				} `json:"people"`
				Action struct {
					Institution struct {
						Region string `json:"region"`
					} `json:"institution"`
					ToRegion string `json:"to_region"`
				} `json:"action"`
			}
			var res struct {
				Explanation []scenario.ExplainedLine `json:"explanation"`
			}
			if err := json.Unmarshal(doc, &in); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(out, &res); err != nil {
				t.Fatal(err)
			}
			regions := []string{in.Action.Institution.Region, in.Action.ToRegion}
			for _, p := range in.People {
				regions = append(regions, p.Region)
			}
			for _, l := range res.Explanation {
				for j, id := range l.Sources {
					s, _ := cat.Lookup(id)
					speaks := false
					for _, r := range regions {
						speaks = speaks || (r != "" && s.Speaks(r))
					}
					if !speaks && !(l.Unverified && l.SourcesZH[j].Elsewhere) {
						t.Errorf("%s variant %d, line %s %s cites %s (%v) for regions %v, unmarked", filepath.Base(f), i, l.Rule, l.Msg, id, s.Scope, regions)
					}
				}
				if w := cat.Weakest(l.Sources); source.Cap(l.Grade, w) != l.Grade {
					t.Errorf("%s variant %d, line %s %s graded %s above its weakest source %s", filepath.Base(f), i, l.Rule, l.Msg, l.Grade, w)
				}
			}
		}
	}
}
