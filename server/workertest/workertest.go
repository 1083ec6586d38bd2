// Package workertest starts the Cloudflare Worker build of the sync API under `wrangler dev`
// for tests: a free loopback port, a fresh --persist-to directory, and a stop at cleanup.
package workertest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
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

// Start runs `wrangler dev` and returns its base URL. It needs `make worker` to have built
// build/worker/build/app.wasm and installed wrangler; without them it fails and says so.
func Start(tb testing.TB) string {
	tb.Helper()
	dir := Dir(tb)
	for _, need := range []string{"build/app.wasm", "build/wasm_exec.js", "node_modules/.bin/wrangler"} {
		if _, err := os.Stat(filepath.Join(dir, need)); err != nil {
			tb.Fatalf("workertest: %s missing: run `make worker` first", need)
		}
	}
	port := freePort(tb)
	persist := tb.TempDir()
	cmd := exec.Command(filepath.Join(dir, "node_modules/.bin/wrangler"), "dev", "--local",
		"--ip", "127.0.0.1", "--port", fmt.Sprint(port), "--persist-to", persist, "--show-interactive-dev-session=false",
		// the debug routes and a small quota for the attack suite (apitest, attack_limits.go)
		"--var", "GONGJI_DEBUG_ROUTES:1", "--var", "GONGJI_QUOTA_CHANGES:"+fmt.Sprint(TestQuotaChanges))
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
	})
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	if err := waitHealthy(base); err != nil {
		log, _ := os.ReadFile(logPath)
		tb.Fatalf("workertest: %v\nwrangler log:\n%s", err, tail(string(log), 40))
	}
	return base
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
