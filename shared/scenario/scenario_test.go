package scenario_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongji/shared/engine"
	"gongji/shared/scenario"
)

var update = flag.Bool("update", false, "rewrite the golden explanation files")

// TestPublicScenarios runs every public scenario (copied from spec/scenarios/) and compares the
// result with its expect member.
func TestPublicScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/scenarios/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenarios in testdata/scenarios: %v", err)
	}
	e := engine.Default()
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var file struct {
				Expect json.RawMessage `json:"expect"`
			}
			if err := json.Unmarshal(data, &file); err != nil {
				t.Fatal(err)
			}
			out, code := scenario.Run(e, data)
			wantCode := 0
			if strings.Contains(string(file.Expect), `"error"`) {
				wantCode = 2
			}
			if code != wantCode {
				t.Fatalf("exit %d, want %d: %s", code, wantCode, out)
			}
			for _, d := range scenario.Compare(file.Expect, out) {
				t.Error(d)
			}
		})
	}
}

// familyNames are invented names the explanation tests give a scenario's people, so that
// lines name people the way a family's own data does.
var familyNames = []string{"李建国", "王秀英", "张伟", "刘芳", "陈静", "杨洋", "赵磊", "周敏"}

// withNames gives each person of a scenario an invented name.
func withNames(t *testing.T, data []byte) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	people, _ := doc["people"].([]any)
	for i, p := range people {
		if m, ok := p.(map[string]any); ok {
			m["name"] = familyNames[i%len(familyNames)]
		}
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestExplanationsGolden keeps each public scenario's explanation in a golden file, so a
// change in what families read is a visible diff. Run with -update to rewrite them.
func TestExplanationsGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/scenarios/*.json")
	e := engine.Default()
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			data, _ := os.ReadFile(f)
			out, code := scenario.Run(e, withNames(t, data))
			if code != 0 {
				t.Skip("an input error has no explanation")
			}
			var res struct {
				Explanation []scenario.ExplainedLine `json:"explanation"`
			}
			if err := json.Unmarshal(out, &res); err != nil {
				t.Fatal(err)
			}
			if len(res.Explanation) == 0 {
				t.Fatal("no explanation lines")
			}
			got := goldenText(res.Explanation)
			golden := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./shared/scenario -run Golden -update)", err)
			}
			if string(want) != got {
				t.Errorf("explanation differs from %s:\n got:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

// goldenText is what a family reads, line by line: the rule and code, the Chinese and English
// sentences, and the sources with their links.
func goldenText(lines []scenario.ExplainedLine) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("[" + l.Rule + "] ")
		if l.Code != "" {
			b.WriteString(string(l.Code) + " ")
		}
		b.WriteString(l.ZH + "\n    " + l.EN + "\n")
		for _, c := range l.SourcesZH {
			b.WriteString("    来源：" + c.Text + " " + c.URL)
			if c.Link != "" {
				b.WriteString("（" + c.Link + "）")
			}
			b.WriteString("\n")
		}
		for _, c := range l.SourcesEN {
			b.WriteString("    source: " + c.Text + "\n")
		}
		if l.Unofficial {
			b.WriteString("    此规则来源未经官方确认 (grade " + l.Grade + ")\n")
		}
	}
	return b.String()
}
