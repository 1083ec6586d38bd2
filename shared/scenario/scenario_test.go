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

// TestExplanationsGolden keeps each public scenario's explanation in a golden file, so a
// change in what families read is a visible diff. Run with -update to rewrite them.
func TestExplanationsGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/scenarios/*.json")
	e := engine.Default()
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			data, _ := os.ReadFile(f)
			out, _ := scenario.Run(e, data)
			var res struct {
				Explanation []engine.Line `json:"explanation"`
			}
			if err := json.Unmarshal(out, &res); err != nil {
				t.Fatal(err)
			}
			if len(res.Explanation) == 0 {
				t.Fatal("no explanation lines")
			}
			var b strings.Builder
			for _, l := range res.Explanation {
				b.WriteString("[" + l.Rule + "] ")
				if l.Code != "" {
					b.WriteString(string(l.Code) + " ")
				}
				b.WriteString(l.ZH + "\n    " + l.EN + "\n    source: " + l.Source + " (" + l.Grade + ")\n")
			}
			golden := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./shared/scenario -run Golden -update)", err)
			}
			if string(want) != b.String() {
				t.Errorf("explanation differs from %s:\n got:\n%s\nwant:\n%s", golden, b.String(), want)
			}
		})
	}
}
