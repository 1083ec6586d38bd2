package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gongji/shared/scenario"
)

// scenarioDir is the project's copy of the public scenarios (shared/scenario/testdata).
const scenarioDir = "../../../shared/scenario/testdata/scenarios"

// TestEvalPublicScenarios runs `gongji eval FILE` in process for every public scenario and
// compares the printed JSON with the file's expect member.
func TestEvalPublicScenarios(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(scenarioDir, "*.json"))
	if len(files) == 0 {
		t.Fatal("no scenarios found")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"eval", f}, nil, &stdout, &stderr)
			data, _ := os.ReadFile(f)
			var file struct{ Expect json.RawMessage }
			if err := json.Unmarshal(data, &file); err != nil {
				t.Fatal(err)
			}
			// a scenario whose expect is {"error": true} is an input error: exit 2 with the error JSON
			var wantErr struct{ Error bool }
			_ = json.Unmarshal(file.Expect, &wantErr)
			if wantErr.Error {
				if code != 2 || !strings.Contains(stdout.String(), `"error"`) {
					t.Fatalf("exit %d, want 2 with an error: %s %s", code, stdout.String(), stderr.String())
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s %s", code, stdout.String(), stderr.String())
			}
			for _, d := range scenario.Compare(file.Expect, stdout.Bytes()) {
				t.Error(d)
			}
		})
	}
}

// TestEvalBinary builds the real command and runs it on standard input, on a file that does
// not exist and on malformed input, checking exit codes and output.
func TestEvalBinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "gongji")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	good, _ := os.ReadFile(filepath.Join(scenarioDir, "T01.json"))
	cases := []struct {
		name     string
		args     []string
		stdin    string
		wantCode int
		wantOut  string
	}{
		{"stdin", []string{"eval", "-"}, string(good), 0, `"claimable_elsewhere": false`},
		{"missing file", []string{"eval", "/nonexistent/x.json"}, "", 2, `"error"`},
		{"malformed", []string{"eval", "-"}, `{"at":`, 2, `"BAD_JSON"`},
		{"three decimals", []string{"eval", "-"}, strings.Replace(string(good), `"800.00"`, `"800.001"`, 1), 2, `people[0].account`},
		{"no file argument", []string{"eval"}, "", 2, ""},
		{"unknown command", []string{"frobnicate"}, "", 2, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(bin, c.args...)
			cmd.Stdin = strings.NewReader(c.stdin)
			out, _ := cmd.Output()
			if code := cmd.ProcessState.ExitCode(); code != c.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, c.wantCode, out)
			}
			if !strings.Contains(string(out), c.wantOut) {
				t.Fatalf("output lacks %q:\n%s", c.wantOut, out)
			}
		})
	}
}
