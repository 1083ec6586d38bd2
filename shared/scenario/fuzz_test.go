package scenario_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"gongji/shared/engine"
	"gongji/shared/scenario"
)

// FuzzDecode: eval's decoder never panics on arbitrary bytes, and whatever it prints is one
// JSON object: a result with reasons (exit 0) or an error with code and message (exit 2).
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/scenarios/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"at":"2025-01-01T00:00:00+08:00","action":{"type":"bind"}}`))
	f.Add([]byte(`[1,2`))
	e := engine.Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		out, code := scenario.Run(e, data)
		var res map[string]json.RawMessage
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatalf("output is not a JSON object: %v\n%s", err, out)
		}
		switch code {
		case 0:
			if _, ok := res["reasons"]; !ok {
				t.Fatalf("exit 0 without reasons: %s", out)
			}
		case 2:
			var e struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if json.Unmarshal(out, &e) != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("exit 2 without an error code and message: %s", out)
			}
		default:
			t.Fatalf("exit %d", code)
		}
	})
}
