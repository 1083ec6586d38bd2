package api_test

import (
	"encoding/json"
	"os"
	"testing"

	"gongji/server/api"
)

// PathRow is one row of testdata/canonical_paths.json (apitest.PathTable reads it for the servers).
// Workers rule (build/worker/paths.test.mjs) and wrangler dev are all tested against.
type PathRow struct {
	Name          string `json:"name"`
	Method        string `json:"method"`
	Path          string `json:"path"`
	Canonical     bool   `json:"canonical"`
	Status        int    `json:"status"`
	WorkersStatus int    `json:"workers_status"`
}

func pathRows(t *testing.T) []PathRow {
	t.Helper()
	data, err := os.ReadFile("testdata/canonical_paths.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct{ Rows []PathRow }
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatalf("testdata/canonical_paths.json: %v", err)
	}
	return table.Rows
}

func TestCanonicalPath(t *testing.T) {
	for _, row := range pathRows(t) {
		t.Run(row.Name, func(t *testing.T) {
			if got := api.CanonicalPath(row.Path); got != row.Canonical {
				t.Errorf("CanonicalPath(%.80q) = %v, want %v", row.Path, got, row.Canonical)
			}
		})
	}
}
