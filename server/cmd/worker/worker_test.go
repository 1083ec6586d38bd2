//go:build !(js && wasm)

package main

import (
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"gongji/server/workertest"
)

// TestWorkerStorageIsolation runs the worker under wrangler dev (GONGJI_WORKER_TEST=1, set by
// make test-worker) and checks that each family's Durable Object has its own SQLite storage.
func TestWorkerStorageIsolation(t *testing.T) {
	if os.Getenv("GONGJI_WORKER_TEST") == "" {
		t.Skip("set GONGJI_WORKER_TEST=1 (make test-worker) to run against wrangler dev")
	}
	base := workertest.Start(t)
	probe := func(family string) string {
		resp, err := http.Post(base+"/api/v1/families/"+family+"/probe", "text/plain", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("probe %s: %d %s", family, resp.StatusCode, body)
		}
		return strings.TrimSpace(string(body))
	}
	for i, want := range []string{"1", "2", "3"} {
		if got := probe("fam-a"); got != want {
			t.Fatalf("fam-a probe %d = %s, want %s", i, got, want)
		}
	}
	if got := probe("fam-b"); got != "1" {
		t.Fatalf("fam-b sees fam-a's rows: count %s, want 1", got)
	}
}
