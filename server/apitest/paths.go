package apitest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// PathRow is one row of server/api/testdata/canonical_paths.json: the table of canonical and
// non-canonical API paths that `gongji serve`, the Workers rule and wrangler dev share.
type PathRow struct {
	Name          string `json:"name"`
	Method        string `json:"method"`
	Path          string `json:"path"`
	Canonical     bool   `json:"canonical"`
	Status        int    `json:"status"`
	WorkersStatus int    `json:"workers_status"`
}

// PathTable reads the shared table.
func PathTable(tb testing.TB) []PathRow {
	tb.Helper()
	_, here, _, _ := runtime.Caller(0)
	file := filepath.Join(filepath.Dir(here), "..", "api", "testdata", "canonical_paths.json")
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	var table struct{ Rows []PathRow }
	if err := json.Unmarshal(data, &table); err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	return table.Rows
}

// CheckPaths sends every row of the table to base exactly as written (no client cleans or
// re-escapes it), with no token and an empty body, and checks the status: Status, or
// WorkersStatus when workers is set and the row has one.
func CheckPaths(t *testing.T, base string, workers bool) {
	for _, row := range PathTable(t) {
		t.Run(row.Name, func(t *testing.T) {
			want := row.Status
			if workers && row.WorkersStatus != 0 {
				want = row.WorkersStatus
			}
			status, body, err := RawRequest(base, row.Method, row.Path, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if status != want {
				t.Errorf("%s %.80q: %d %.200s, want %d", row.Method, row.Path, status, body, want)
			}
		})
	}
}

// RawRequest sends one HTTP/1.1 request whose target is target byte for byte (Go's client
// would clean or re-escape some), with headers and body, and returns the status and body.
// headers may set Host, and Content-Length to declare a length other than the body's.
func RawRequest(base, method, target string, headers map[string]string, body []byte) (int, []byte, error) {
	u, err := url.Parse(base)
	if err != nil {
		return 0, nil, err
	}
	conn, err := net.DialTimeout("tcp", u.Host, 10*time.Second)
	if err != nil {
		return 0, nil, fmt.Errorf("dial %s: %w", u.Host, err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(60 * time.Second))
	host := u.Host
	if h, ok := headers["Host"]; ok {
		host = h
	}
	length := fmt.Sprint(len(body))
	if l, ok := headers["Content-Length"]; ok {
		length = l // a declared length the body does not have: what a server reads before it answers
	}
	w := bufio.NewWriter(conn)
	fmt.Fprintf(w, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\nContent-Length: %s\r\n", method, target, host, length)
	for k, v := range headers {
		if k != "Host" && k != "Content-Length" {
			fmt.Fprintf(w, "%s: %s\r\n", k, v)
		}
	}
	w.WriteString("\r\n")
	w.Write(body)
	if err := w.Flush(); err != nil {
		return 0, nil, fmt.Errorf("%s %.80q: write: %w", method, target, err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, nil, fmt.Errorf("%s %.80q: read answer: %w", method, target, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, data, nil
}
