package main

import (
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"gongji/server/apitest"
)

// TestConformance runs the black-box API suite (server/apitest) against the real `gongji
// serve` process on loopback with a fresh data directory; make test-worker runs the same
// suite against the Cloudflare Worker.
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	base := startServe(t)
	apitest.Suite(t, base)
}

// startServe builds gongji, starts `gongji serve` on a free port and waits for /healthz.
func startServe(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gongji")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "-addr", addr, "-data", t.TempDir(), "-log", "warn")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	base := "http://" + addr
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
	}
	t.Fatal(fmt.Errorf("gongji serve did not answer /healthz on %s within 30s", addr))
	return ""
}

// TestConvergenceOverHTTP runs random offline interleavings against the real process.
func TestConvergenceOverHTTP(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	apitest.Convergence(t, startServe(t), 20, 7)
}
