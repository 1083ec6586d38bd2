package main

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"gongji/server/api"
	"gongji/server/apitest"
	"gongji/server/buntstore"
	"gongji/shared/engine"
)

// TestCanonicalPaths sends the shared path table (server/api/testdata/canonical_paths.json)
// to the handler `gongji serve` runs: every non-canonical API path is 404, never the mux's
// redirect or another route; build/worker answers the same table (server/cmd/worker).
func TestCanonicalPaths(t *testing.T) {
	db, err := buntstore.Open(t.TempDir(), buntstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a := api.New(api.Config{Store: db, Engine: engine.Default(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(routes(a))
	defer srv.Close()
	apitest.CheckPaths(t, srv.URL, false)
}
