// Package workertest starts the Cloudflare Worker build of the sync API under `wrangler dev`
// for tests: a free loopback port, a fresh --persist-to directory, and a stop at cleanup.
package workertest

import (
	"context"
	"fmt"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestQuotaChanges is the day quota of changes per family the tests run with.
const TestQuotaChanges = 300

// startTimeout bounds how long wrangler may take to answer its first request: it builds
// nothing (make worker did), but a cold workerd start on a loaded 2-core machine is slow.
const startTimeout = 120 * time.Second

// Dir is the Workers project, found from the module root.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "build", "worker")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("workertest: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Worker is one `wrangler dev` of the worker: its base URL and the directory that holds its
// Durable Objects' storage.
type Worker struct {
	Base    string
	Persist string
}

// Start runs `wrangler dev` with the tests' variables (Vars) and returns its base URL. It
// needs `make worker` to have built build/worker/build/app.wasm and installed wrangler;
// without them it fails and says so.
func Start(tb testing.TB) string {
	tb.Helper()
	return StartWith(tb, nil).Base
}

// Vars are the variables every test worker gets: the debug routes, a small quota for the
// attack suite (apitest, attack_limits.go), and no per-address limits (the conformance suite
// creates many families from one address, as crashtest runs `gongji serve`).
func Vars() map[string]string {
	return map[string]string{
		"GONGJI_DEBUG_ROUTES":      "1",
		"GONGJI_QUOTA_CHANGES":     fmt.Sprint(TestQuotaChanges),
		"GONGJI_FAMILIES_PER_HOUR": "0",
		"GONGJI_JOINS_PER_HOUR":    "0",
	}
}

// StartWith runs `wrangler dev` with Vars overridden by vars, on a free loopback port with a
// fresh --persist-to directory, stopped at cleanup.
func StartWith(tb testing.TB, vars map[string]string) *Worker {
	tb.Helper()
	dir := Dir(tb)
	for _, need := range []string{"build/app.wasm", "build/wasm_exec.js", "node_modules/.bin/wrangler"} {
		if _, err := os.Stat(filepath.Join(dir, need)); err != nil {
			tb.Fatalf("workertest: %s missing: run `make worker` first", need)
		}
	}
	port := freePort(tb)
	persist := tb.TempDir()
	args := []string{"dev", "--local", "--ip", "127.0.0.1", "--port", fmt.Sprint(port), "--persist-to", persist,
		"--show-interactive-dev-session=false"}
	all := Vars()
	maps.Copy(all, vars)
	for _, k := range slices.Sorted(maps.Keys(all)) {
		args = append(args, "--var", k+":"+all[k])
	}
	cmd := exec.Command(filepath.Join(dir, "node_modules/.bin/wrangler"), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "CLOUDFLARE_CF_FETCH_ENABLED=false", "CI=true")
	logPath := filepath.Join(tb.TempDir(), "wrangler.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		tb.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		tb.Fatalf("workertest: start wrangler: %v", err)
	}
	tb.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		logFile.Close()
		if tb.Failed() {
			log, _ := os.ReadFile(logPath)
			tb.Logf("wrangler log (last 40 lines):\n%s", tail(string(log), 40))
		}
	})
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	if err := waitHealthy(base); err != nil {
		log, _ := os.ReadFile(logPath)
		tb.Fatalf("workertest: %v\nwrangler log:\n%s", err, tail(string(log), 40))
	}
	return &Worker{Base: base, Persist: persist}
}

// Objects counts the Durable Objects of class (FamilyDO, DirectoryDO, LimiterDO) that have
// storage on disk: wrangler keeps one SQLite file per object under the persist directory.
func (w *Worker) Objects(tb testing.TB, class string) int {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(w.Persist, "v3", "do", "gongji-sync-"+class, "*.sqlite"))
	if err != nil {
		tb.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if filepath.Base(f) != "metadata.sqlite" { // wrangler's own index of the objects
			n++
		}
	}
	return n
}

func waitHealthy(base string) error {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wrangler dev did not answer /healthz within %s", startTimeout)
		case <-time.After(300 * time.Millisecond):
		}
	}
}

func freePort(tb testing.TB) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func tail(s string, lines int) string {
	parts := strings.Split(s, "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}
