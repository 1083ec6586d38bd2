//go:build !(js && wasm)

package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"gongji/server/apitest"
	"gongji/server/workertest"
	"gongji/shared/civil"
	"gongji/shared/engine"
)

// The worker tests run against `wrangler dev` (GONGJI_WORKER_TEST=1, set by make
// test-worker, which builds the worker first); plain `go test ./...` skips them.
func startWorker(t *testing.T, vars map[string]string) *workertest.Worker {
	if url := os.Getenv("GONGJI_WORKER_URL"); url != "" && vars == nil {
		return &workertest.Worker{Base: url} // a worker already running, e.g. make worker-dev
	}
	if os.Getenv("GONGJI_WORKER_TEST") == "" {
		t.Skip("set GONGJI_WORKER_TEST=1 (make test-worker) to run against wrangler dev")
	}
	return workertest.StartWith(t, vars)
}

// TestWorker runs the API conformance suite and the convergence run on the worker, with
// one fresh wrangler dev (fresh --persist-to) for all of them, then the checks of one router
// for both servers (issue 18 item 6).
func TestWorker(t *testing.T) {
	w := startWorker(t, nil)
	base := w.Base
	t.Run("storage isolation", func(t *testing.T) { testStorageIsolation(t, base) })
	t.Run("conformance", func(t *testing.T) { apitest.Suite(t, base) })
	t.Run("convergence", func(t *testing.T) { apitest.Convergence(t, base, 5, 7) })
	t.Run("canonical paths", func(t *testing.T) { apitest.CheckPaths(t, base, true) })
	t.Run("escaped paths reach nothing", func(t *testing.T) { testEscapedPaths(t, w) })
	t.Run("refunds before a push", func(t *testing.T) { testRefundsBeforePush(t, base) })
	t.Run("unknown families make no object", func(t *testing.T) { testNoObjectForUnknown(t, w) })
	t.Run("bodies bounded before they are read", func(t *testing.T) { testBodyBound(t, base) })
	t.Run("no door to the directory", func(t *testing.T) { testDirectoryClosed(t, base) })
}

// testStorageIsolation checks that each family's Durable Object has its own SQLite storage.
func testStorageIsolation(t *testing.T, base string) {
	a, b := newFamily(t, base, "", ""), newFamily(t, base, "", "")
	probe := func(f fam) string {
		resp, err := http.Post(base+f.path("/probe"), "text/plain", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("probe %s: %d %s", f.id, resp.StatusCode, body)
		}
		return strings.TrimSpace(string(body))
	}
	for i, want := range []string{"1", "2", "3"} {
		if got := probe(a); got != want {
			t.Fatalf("family a probe %d = %s, want %s", i, got, want)
		}
	}
	if got := probe(b); got != "1" {
		t.Fatalf("family b sees family a's rows: count %s, want 1", got)
	}
}

// testEscapedPaths sends the probe's two requests: a family creation at an escaped path that
// names the directory as its new id, and a push at an escaped path. Both are 404 and change
// nothing: no family, no object, no log entry.
func testEscapedPaths(t *testing.T, w *workertest.Worker) {
	f := newFamily(t, w.Base, "", "")
	objects := w.Objects(t, "FamilyDO")
	status, body, err := apitest.RawRequest(w.Base, "POST", "/api/v1/famil%69es",
		map[string]string{"X-Gongji-New-Family": "directory", "Content-Type": "application/json"}, []byte(`{"name":"x","device":"y"}`))
	if err != nil || status != http.StatusNotFound {
		t.Errorf("POST /api/v1/famil%%69es: %d %s %v, want 404", status, body, err)
	}
	push := `{"mutations":[{"client_id":"e","mutation_id":1,"name":"add_person","at":"2025-06-01T10:00:00+08:00","args":{"id":"A","name":"甲","region":"130100","insurance":"employee","status":"active"}}]}`
	status, body, err = apitest.RawRequest(w.Base, "POST", f.path("/pu%73h"),
		map[string]string{"Authorization": "Bearer " + f.token, "Content-Type": "application/json"}, []byte(push))
	if err != nil || status != http.StatusNotFound {
		t.Errorf("POST %s: %d %s %v, want 404", f.path("/pu%73h"), status, body, err)
	}
	if a := call(t, w.Base, "GET", f.path("/pull"), f.token, nil, nil); !strings.Contains(string(a.body), `"head":0`) {
		t.Errorf("the escaped push was processed: %s", a)
	}
	if got := w.Objects(t, "FamilyDO"); w.Persist != "" && got != objects {
		t.Errorf("family objects %d after the escaped requests, want %d", got, objects)
	}
}

// testRefundsBeforePush: a family's clock moved past 06:00 (the alarm, set for the real
// 06:00, has not run): a wallet_accept back-dated before 06:00 finds the transfer already
// refunded, because the push makes the refunds due at its moment first.
func testRefundsBeforePush(t *testing.T, base string) {
	f := newFamily(t, base, "", "")
	// the family's day: now, or 10:00 (UTC+8) when now is inside the wallet's quiet hours
	// (22:00-06:00, W7, which would refuse the transfer), the family's clock moved there first
	real := time.Now()
	now := real
	if h := civil.SecondOfDay(real) / 3600; h >= 22 || h < 6 {
		now = civil.At(civil.DateOf(real.Add(6*time.Hour)), 10*3600) // from 22:00 the next morning
		if a := call(t, base, "POST", f.path("/clock"), "", fmt.Sprint(int64(now.Sub(real).Seconds())), nil); a.status != http.StatusOK {
			t.Fatalf("move the family's clock to the morning: %s", a)
		}
	}
	for i, p := range []string{"dad", "mom"} {
		f.pushAt(t, int64(i+1), "add_person", now, fmt.Sprintf(`{"id":%q,"name":%q,"region":"330100","insurance":"employee","status":"active","account":"100.00","wallet_open":true}`, p, p))
	}
	f.pushAt(t, 3, "link", now, `{"person":"dad","of":"mom","relation":"spouse"}`)
	if r := f.pushAt(t, 4, "wallet_transfer", now, `{"from":"dad","to":"mom","amount":"30.00","source":"account"}`); r.Results[0].Outcome.Status != "confirmed" {
		t.Fatalf("the transfer: %+v", r.Results[0].Outcome)
	}
	refundAt := engine.RefundAt(now)
	var alarm struct{ Alarm int64 }
	if a := call(t, base, "GET", f.path("/alarm"), "", nil, nil); json.Unmarshal(a.body, &alarm) != nil || alarm.Alarm != refundAt.UnixMilli() {
		t.Errorf("the family's alarm after the transfer: %s, want %d (06:00 UTC+8)", a, refundAt.UnixMilli())
	}
	skew := int64(refundAt.Sub(real).Seconds()) + 60 // one minute past 06:00 on this family's clock
	if a := call(t, base, "POST", f.path("/clock"), "", fmt.Sprint(skew), nil); a.status != http.StatusOK {
		t.Fatalf("move the family's clock: %s", a)
	}
	r := f.pushAt(t, 5, "wallet_accept", refundAt.Add(-time.Minute), `{"transfer":"w/4"}`)
	if got := r.Results[0].Outcome.Status; got != "rejected" {
		t.Errorf("a back-dated accept after 06:00: %s, want rejected (the refund first)", got)
	}
	pulled := call(t, base, "GET", f.path("/pull?cursor=4"), f.token, nil, nil)
	refund, accept := strings.Index(string(pulled.body), `"wallet_expire"`), strings.Index(string(pulled.body), `"wallet_accept"`)
	if refund < 0 || accept < 0 || refund > accept {
		t.Errorf("the refund is not logged before the accept: %s", pulled)
	}
}

func randomID(prefix string) string {
	b := make([]byte, 8)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// testNoObjectForUnknown: requests naming families that do not exist, and a family creation
// whose body Go refuses, leave no object behind.
func testNoObjectForUnknown(t *testing.T, w *workertest.Worker) {
	if w.Persist == "" {
		t.Skip("counts objects on disk: needs the test's own wrangler dev")
	}
	before := w.Objects(t, "FamilyDO")
	for i := 0; i < 10; i++ {
		id := randomID("f")
		for _, c := range []struct {
			method, path, token string
			want                int
		}{
			{"GET", "/pull", id + ".secret", 401},
			{"POST", "/push", id + ".secret", 401},
			{"GET", "", "nodot", 401},
			{"POST", "/invites", id + ".secret", 401},
			{"POST", "/probe", "", 404},
			{"GET", "/pull", "", 401},
		} {
			if a := call(t, w.Base, c.method, "/api/v1/families/"+id+c.path, c.token, "{}", nil); a.status != c.want {
				t.Errorf("%s %s of an unknown family: %s, want %d", c.method, c.path, a, c.want)
			}
		}
	}
	if a := call(t, w.Base, "POST", "/api/v1/families", "", `{"name":"","device":"x"}`, nil); a.status != http.StatusBadRequest {
		t.Errorf("a creation without a name: %s, want 400", a)
	}
	if got := w.Objects(t, "FamilyDO"); got != before {
		t.Errorf("family objects: %d, was %d: unknown ids or a refused creation left objects", got, before)
	}
}

// testBodyBound: a body over 1 MiB is refused before it is read, declared or streamed, on
// every route that takes one; a declared 100 MB body that never comes is answered at once.
func testBodyBound(t *testing.T, base string) {
	f := newFamily(t, base, "", "")
	for _, path := range []string{"/api/v1/families", "/api/v1/join", f.path("/push"), f.path("/invites")} {
		start := time.Now()
		status, body, err := apitest.RawRequest(base, "POST", path,
			map[string]string{"Authorization": "Bearer " + f.token, "Content-Length": fmt.Sprint(100 << 20)}, []byte(`{"mutations":[`))
		if err != nil || status != http.StatusRequestEntityTooLarge {
			t.Errorf("POST %s declaring 100 MB: %d %s %v, want 413", path, status, body, err)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("POST %s declaring 100 MB: answered after %s", path, d)
		}
		big := io.MultiReader(strings.NewReader(`{"name":"`), io.LimitReader(zeros{}, 2<<20), strings.NewReader(`"}`))
		req, _ := http.NewRequest("POST", base+path, big) // no length: sent chunked
		req.Header.Set("Authorization", "Bearer "+f.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("POST %s streaming 2 MiB: %v", path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("POST %s streaming 2 MiB: %d, want 413", path, resp.StatusCode)
		}
		// a 2 MiB body with its length, on a kept-alive connection the next request reuses
		if a := call(t, base, "POST", path, f.token, bytes.Repeat([]byte("0"), 2<<20), nil); a.status != http.StatusRequestEntityTooLarge {
			t.Errorf("POST %s with 2 MiB: %s, want 413", path, a)
		}
		if a := call(t, base, "GET", f.path("/pull"), f.token, nil, nil); a.status != http.StatusOK {
			t.Errorf("a pull after the 413 of %s: %s", path, a)
		}
	}
}

// zeros reads as an endless run of '0'.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '0'
	}
	return len(p), nil
}

// testDirectoryClosed: the directory's old internal URLs, with or without its Host header,
// reach nothing.
func testDirectoryClosed(t *testing.T, base string) {
	for _, c := range []struct{ method, path string }{
		{"POST", "/put"}, {"GET", "/get?hash=" + strings.Repeat("0", 64)}, {"POST", "/delete?hash=" + strings.Repeat("0", 64)},
		{"GET", "/api/v1/families/directory"}, {"POST", "/api/v1/families/directory/invites"},
	} {
		for _, host := range []string{"directory", ""} {
			headers := map[string]string{"Authorization": "Bearer directory.x"}
			if host != "" {
				headers["Host"] = host
			}
			status, body, err := apitest.RawRequest(base, c.method, c.path, headers, []byte(`{"hash":"x","family":"y","expires":"2099-01-01T00:00:00Z"}`))
			if err != nil || status != http.StatusNotFound && status != http.StatusUnauthorized {
				t.Errorf("%s %s (Host %q): %d %s %v, want 404 or 401", c.method, c.path, host, status, body, err)
			}
		}
	}
}
