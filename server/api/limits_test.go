package api_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"gongji/server/api"
	"gongji/server/buntstore"
)

// limitsServer is an API over a fresh store with these limits.
func limitsServer(t *testing.T, l api.Limits) (*api.Server, string) {
	t.Helper()
	hub := api.NewHub()
	db, err := buntstore.Open(t.TempDir(), buntstore.Options{OnCommit: hub.Notify})
	if err != nil {
		t.Fatal(err)
	}
	a := api.New(api.Config{Store: db, Hub: hub, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: &l})
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(func() { a.Stop(); srv.Close(); db.Close() })
	return a, srv.URL
}

type reply struct {
	status int
	retry  string
	body   map[string]any
}

func send(t *testing.T, method, url, token, body string) reply {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	return reply{resp.StatusCode, resp.Header.Get("Retry-After"), m}
}

func TestSignupLimits(t *testing.T) {
	const admin = "admin-secret-0123456789"
	_, open := limitsServer(t, api.Limits{FamiliesBurst: 2, FamiliesEvery: time.Hour})
	_, closed := limitsServer(t, api.Limits{ClosedSignup: true, AdminToken: admin})
	fam := `{"name":"张家","device":"手机"}`
	code := send(t, "POST", closed+"/api/v1/signup-codes", admin, `{"ttl_minutes":60}`)
	signup, _ := code.body["code"].(string)
	cases := []struct {
		name, url, token, body string
		status                 int
		retry                  bool
	}{
		{"first family from an address", open, "", fam, 201, false},
		{"second", open, "", fam, 201, false},
		{"third within the hour", open, "", fam, 429, true},
		{"closed: no token", closed, "", fam, 403, false},
		{"closed: a wrong admin token", closed, "nope-nope-nope-nope", fam, 403, false},
		{"closed: the admin token", closed, admin, fam, 201, false},
		{"closed: a signup code", closed, "", `{"name":"李家","device":"手机","signup_code":"` + strings.ToLower(signup) + `"}`, 201, false},
		{"closed: the code again", closed, "", `{"name":"王家","device":"手机","signup_code":"` + signup + `"}`, 403, false},
		{"signup codes need the admin", closed + "/api/v1/signup-codes", "", `{}`, 401, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			url := c.url
			if !strings.Contains(url, "/api/") {
				url += "/api/v1/families"
			}
			r := send(t, "POST", url, c.token, c.body)
			if r.status != c.status || (r.retry != "") != c.retry {
				t.Fatalf("%d (Retry-After %q) %v, want %d", r.status, r.retry, r.body, c.status)
			}
		})
	}
}

func TestJoinGuessesAreLimited(t *testing.T) {
	_, base := limitsServer(t, api.Limits{JoinBurst: 3, JoinEvery: time.Hour})
	for i, want := range []int{404, 404, 404, 429, 429} {
		r := send(t, "POST", base+"/api/v1/join", "", `{"code":"ABCD-EFGH-JKM`+string(rune('A'+i))+`","device":"x"}`)
		if r.status != want || (want == 429 && r.retry == "") {
			t.Fatalf("guess %d: %d %q, want %d", i, r.status, r.retry, want)
		}
	}
}

func TestStreamCaps(t *testing.T) {
	a, base := limitsServer(t, api.Limits{StreamsPerDevice: 1, StreamsTotal: 2})
	newFam := func() (string, string) {
		r := send(t, "POST", base+"/api/v1/families", "", `{"name":"家","device":"手机"}`)
		return r.body["family"].(string), r.body["token"].(string)
	}
	f1, t1 := newFam()
	f2, t2 := newFam()
	f3, t3 := newFam()
	hold := func(fam, token string) { // a long poll held open; its answer comes at Stop
		req, _ := http.NewRequest("GET", base+"/api/v1/families/"+fam+"/pull?cursor=0&wait=30", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		go func() {
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
		}()
	}
	waitStreams := func(n int) {
		for a.OpenStreams() != n {
			time.Sleep(time.Millisecond)
		}
	}
	hold(f1, t1)
	waitStreams(1)
	if r := send(t, "GET", base+"/api/v1/families/"+f1+"/events", t1, ""); r.status != 429 || r.retry == "" {
		t.Fatalf("a second stream of one device: %d %q, want 429 with Retry-After", r.status, r.retry)
	}
	hold(f2, t2)
	waitStreams(2)
	if r := send(t, "GET", base+"/api/v1/families/"+f3+"/pull?cursor=0&wait=30", t3, ""); r.status != 503 {
		t.Fatalf("a stream over the total: %d, want 503", r.status)
	}
	if r := send(t, "GET", base+"/api/v1/families/"+f3+"/pull?cursor=0", t3, ""); r.status != 200 {
		t.Fatalf("a pull without wait holds nothing: %d, want 200", r.status)
	}
	a.Stop() // ends the held polls
	waitStreams(0)
}
