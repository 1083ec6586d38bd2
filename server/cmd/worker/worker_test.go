//go:build !(js && wasm)

package main

import (
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"gongji/server/apitest"
	"gongji/server/workertest"
)

// The worker tests run against `wrangler dev` (GONGJI_WORKER_TEST=1, set by make
// test-worker, which builds the worker first); plain `go test ./...` skips them.
func workerBase(t *testing.T) string {
	if url := os.Getenv("GONGJI_WORKER_URL"); url != "" {
		return url // a worker already running, e.g. make worker-dev
	}
	if os.Getenv("GONGJI_WORKER_TEST") == "" {
		t.Skip("set GONGJI_WORKER_TEST=1 (make test-worker) to run against wrangler dev")
	}
	return workertest.Start(t)
}

// TestWorker runs the API conformance suite and the convergence run on the worker, with
// one fresh wrangler dev (fresh --persist-to) for all of them.
func TestWorker(t *testing.T) {
	base := workerBase(t)
	t.Run("storage isolation", func(t *testing.T) { testStorageIsolation(t, base) })
	t.Run("conformance", func(t *testing.T) { apitest.Suite(t, base) })
	t.Run("convergence", func(t *testing.T) { apitest.Convergence(t, base, 5, 7) })
}

// testStorageIsolation checks that each family's Durable Object has its own SQLite storage.
func testStorageIsolation(t *testing.T, base string) {
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
