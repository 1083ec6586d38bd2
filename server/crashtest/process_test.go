package crashtest

import (
	"io"
	"net/http"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// The real process: health check, a second server on the same data refused with a clear
// message, and SIGTERM ending it cleanly with what it acknowledged kept.
func TestServeProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real server")
	}
	bin, err := Build(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	srv, err := Start(bin, data)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Kill() }() // the last server started
	resp, err := http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != "ok" {
		t.Fatalf("healthz: %d %q", resp.StatusCode, body)
	}
	fam, err := CreateFamily(srv.URL, "张家")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-data", data).CombinedOutput()
	if code := exitCode(err); code != 1 || !strings.Contains(string(out), "database in use") {
		t.Fatalf("second server: exit %d, %q; want 1 and 'database in use'", code, out)
	}
	srv.Cmd.Process.Signal(syscall.SIGTERM)
	if err := srv.Cmd.Wait(); err != nil {
		t.Fatalf("after SIGTERM: %v\n%s", err, srv.Stderr())
	}
	srv, err = Start(bin, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := NewClient(srv.URL, fam.Token).Do("GET", "/api/v1/families/"+fam.Family, nil, nil); err != nil {
		t.Fatalf("the family after a clean restart: %v", err)
	}
}

func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}
