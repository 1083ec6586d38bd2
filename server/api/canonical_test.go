package api_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"gongji/server/api"
	"gongji/server/apitest"
	"gongji/server/buntstore"
	"gongji/shared/engine"
)

// TestCanonicalPath checks the rule itself against the table every server is tested with
// (testdata/canonical_paths.json; build/worker/paths.test.mjs checks the Workers copy).
func TestCanonicalPath(t *testing.T) {
	for _, row := range apitest.PathTable(t) {
		t.Run(row.Name, func(t *testing.T) {
			if got := api.CanonicalPath(row.Path); got != row.Canonical {
				t.Errorf("CanonicalPath(%.80q) = %v, want %v", row.Path, got, row.Canonical)
			}
		})
	}
}

// TestHandlerCanonicalPaths sends the table's API rows to Handler alone (what tests and
// embedders mount): the same answers as the whole `gongji serve` mux (cmd/gongji).
func TestHandlerCanonicalPaths(t *testing.T) {
	db, err := buntstore.Open(t.TempDir(), buntstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a := api.New(api.Config{Store: db, Engine: engine.Default(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(a.Handler())
	defer srv.Close()
	for _, row := range apitest.PathTable(t) {
		if !strings.HasPrefix(row.Path, "/api") {
			continue // Handler serves /api/ only
		}
		t.Run(row.Name, func(t *testing.T) {
			status, body, err := apitest.RawRequest(srv.URL, row.Method, row.Path, nil, nil)
			if err != nil || status != row.Status {
				t.Errorf("%s %.80q: %d %.200s %v, want %d", row.Method, row.Path, status, body, err, row.Status)
			}
		})
	}
}
