package main

import (
	"testing"

	"gongji/server/apitest"
	"gongji/server/crashtest"
)

// TestConformance runs the black-box API suite (server/apitest) against the real `gongji
// serve` process on loopback with a fresh data directory; make test-worker runs the same
// suite against the Cloudflare Worker.
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	t.Setenv("GONGJI_QUOTA_CHANGES", "300") // the attack suite's quota case (as workertest.TestQuotaChanges)
	base := startServe(t)
	apitest.Suite(t, base)
}

// startServe builds gongji and starts `gongji serve` on a free port with a fresh data
// directory (the crash test's process helpers).
func startServe(t *testing.T) string {
	t.Helper()
	bin, err := crashtest.Build(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := crashtest.Start(bin, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Kill)
	return srv.URL
}

// TestConvergenceOverHTTP runs random offline interleavings against the real process.
func TestConvergenceOverHTTP(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	apitest.Convergence(t, startServe(t), 20, 7)
}
