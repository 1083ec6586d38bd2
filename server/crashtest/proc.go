// Package crashtest drives the real `gongji serve` process for the crash test and the load
// benchmark: build it, start it on a free loopback port over a data directory, talk to it,
// and kill it.
package crashtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// Build compiles gongji into dir and returns the binary's path.
func Build(dir string) (string, error) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	bin := filepath.Join(dir, "gongji")
	cmd := exec.Command("go", "build", "-o", bin, "./server/cmd/gongji")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// Server is a running gongji serve.
type Server struct {
	Cmd    *exec.Cmd
	URL    string
	stderr *bytes.Buffer
}

// Start runs `bin serve` on 127.0.0.1 with a free port over dataDir and waits for its
// "Gongji is running at" line.
func Start(bin, dataDir string) (*Server, error) {
	bin, err := filepath.Abs(bin) // the process runs in dataDir
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-data", dataDir, "-log", "warn")
	cmd.Dir = dataDir
	// Every test client is 127.0.0.1: no per-address limit on families and joins (issue 10);
	// an environment that sets these keeps its values.
	cmd.Env = append([]string{"GONGJI_FAMILIES_PER_HOUR=0", "GONGJI_JOINS_PER_HOUR=0"}, os.Environ()...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if path := os.Getenv("GONGJI_SERVER_STDERR"); path != "" { // measuring: e.g. GODEBUG=gctrace=1
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return nil, err
		}
		defer f.Close() // the child has its own copy once started
		cmd.Stderr = f
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("no start line (%v): %s", err, stderr.String())
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "Gongji is running at ")
	if !ok {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("unexpected start line %q", line)
	}
	go io.Copy(io.Discard, stdout)
	return &Server{Cmd: cmd, URL: strings.TrimSuffix(url, "/"), stderr: &stderr}, nil
}

// Kill sends SIGKILL and reaps the process.
func (s *Server) Kill() {
	s.Cmd.Process.Kill()
	s.Cmd.Wait()
}

// Stderr is what the server logged.
func (s *Server) Stderr() string { return s.stderr.String() }

// Client calls one server with one token.
type Client struct {
	HTTP  *http.Client
	Base  string
	Token string
}

// NewClient has a client with its own connection pool and a timeout.
func NewClient(base, token string) *Client {
	return &Client{HTTP: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}},
		Base: base, Token: token}
}

// Do sends a JSON body (nil for none) and decodes a 2xx answer into out.
func (c *Client) Do(method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.Base+path, body)
	if err != nil {
		return err
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

// Family is a created family's credentials.
type Family struct {
	Family, Device, Token string
}

// CreateFamily makes a family and returns its owner's credentials.
func CreateFamily(base, name string) (Family, error) {
	var f Family
	err := NewClient(base, "").Do("POST", "/api/v1/families", map[string]string{"name": name, "device": "test"}, &f)
	return f, err
}

// TempDir is os.MkdirTemp for callers without a testing.T.
func TempDir() (string, error) { return os.MkdirTemp("", "gongji-") }

// Stop sends SIGTERM and waits for a clean exit.
func (s *Server) Stop() error {
	if err := s.Cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	if err := s.Cmd.Wait(); err != nil {
		return fmt.Errorf("gongji serve after SIGTERM: %w\n%s", err, s.Stderr())
	}
	return nil
}

// RSSBytes is the process's resident set (VmRSS of /proc/PID/status; Linux only).
func (s *Server) RSSBytes() (int64, error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.Cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err != nil {
				return 0, fmt.Errorf("VmRSS %q: %w", rest, err)
			}
			return kb * 1024, nil
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", s.Cmd.Process.Pid)
}
