package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"gongji/server/api"
	"gongji/server/buntstore"
	"gongji/shared/engine"
	"gongji/shared/syncwire"
)

// harness is the real API handler over HTTP on a BuntDB store in a temporary directory,
// with family A (owner and member devices, a household pushed) and family B.
type harness struct {
	t      testing.TB
	srv    *httptest.Server
	db     *buntstore.Store
	tokens map[string]string // owner, member, other, revoked, none
	ids    map[string]string // family, other, member, revoked, otherDevice
	now    time.Time
}

func newHarness(t *testing.T) *harness { t.Helper(); return newHarnessWith(t, buntstore.Options{}) }

// newHarnessWith is newHarness on a store opened with opt (its OnCommit is the hub's).
func newHarnessWith(t testing.TB, opt buntstore.Options) *harness {
	t.Helper()
	hub := api.NewHub()
	opt.OnCommit = hub.Notify
	db, err := buntstore.Open(t.TempDir(), opt)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, db: db, tokens: map[string]string{"none": ""}, ids: map[string]string{},
		now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	a := api.New(api.Config{Store: db, Engine: engine.Default(), Hub: hub, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return h.now }})
	h.srv = httptest.NewServer(a.Handler())
	t.Cleanup(func() { a.Stop(); h.srv.Close(); db.Close() })
	h.tokens["owner"], h.ids["family"], _ = h.newFamily("张家")
	h.tokens["other"], h.ids["other"], h.ids["otherDevice"] = h.newFamily("李家")
	h.tokens["member"], h.ids["member"] = h.join("owner", "爸爸的手机")
	h.tokens["revoked"], h.ids["revoked"] = h.join("owner", "旧手机")
	h.mustDo("DELETE", "/api/v1/families/{family}/devices/"+h.ids["revoked"], "owner", "", 204)
	h.mustDo("POST", "/api/v1/families/{family}/push", "owner", householdPush, 200)
	return h
}

// householdPush: mom (employee, 500.00), dad (employee, 80.00), kid (resident), Hangzhou;
// kid is bound to mom for medical bills.
var householdPush = `{"mutations":[
 {"client_id":"setup","mutation_id":1,"name":"add_person","at":"2026-03-01T09:00:00+08:00","args":{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"500.00","wallet_open":true}},
 {"client_id":"setup","mutation_id":2,"name":"add_person","at":"2026-03-01T09:00:00+08:00","args":{"id":"dad","name":"爸爸","region":"330100","insurance":"employee","status":"active","account":"80.00","wallet_open":true}},
 {"client_id":"setup","mutation_id":3,"name":"add_person","at":"2026-03-01T09:00:00+08:00","args":{"id":"kid","name":"孩子","region":"330100","insurance":"resident","status":"active","wallet_open":true}},
 {"client_id":"setup","mutation_id":4,"name":"link","at":"2026-03-01T09:00:00+08:00","args":{"person":"kid","of":"mom","relation":"child"}},
 {"client_id":"setup","mutation_id":5,"name":"link","at":"2026-03-01T09:00:00+08:00","args":{"person":"dad","of":"mom","relation":"spouse"}},
 {"client_id":"setup","mutation_id":6,"name":"bind","at":"2026-03-01T09:00:00+08:00","args":{"authorizer":"mom","beneficiary":"kid","scopes":["medical"],"created":"2026-01-05"}}]}`

func (h *harness) newFamily(name string) (token, family, device string) {
	var c struct{ Family, Device, Token string }
	h.decode(h.mustDo("POST", "/api/v1/families", "none", fmt.Sprintf(`{"name":%q,"device":"妈妈的手机"}`, name), 201), &c)
	return c.Token, c.Family, c.Device
}

func (h *harness) join(inviter, device string) (token, id string) {
	var inv struct{ Code string }
	h.decode(h.mustDo("POST", "/api/v1/families/{family}/invites", inviter, `{}`, 201), &inv)
	var c struct{ Device, Token string }
	h.decode(h.mustDo("POST", "/api/v1/join", "none", fmt.Sprintf(`{"code":%q,"device":%q}`, inv.Code, device), 201), &c)
	return c.Token, c.Device
}

func (h *harness) url(path string) string {
	for k, v := range h.ids {
		path = strings.ReplaceAll(path, "{"+k+"}", v)
	}
	return h.srv.URL + path
}

func (h *harness) do(method, path, token, body string) (int, string) {
	h.t.Helper()
	req, err := http.NewRequest(method, h.url(path), strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	if token != "none" {
		tok, ok := h.tokens[token]
		if !ok {
			tok = token // a literal, e.g. a forged token
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

func (h *harness) mustDo(method, path, token, body string, status int) string {
	h.t.Helper()
	got, data := h.do(method, path, token, body)
	if got != status {
		h.t.Fatalf("%s %s: status %d, want %d: %s", method, path, got, status, data)
	}
	return data
}

func (h *harness) decode(data string, v any) {
	h.t.Helper()
	if err := json.Unmarshal([]byte(data), v); err != nil {
		h.t.Fatalf("decode %s: %v", data, err)
	}
}

// ledger is the family's log as ledger lines "seq kind account amount", sorted per entry.
func (h *harness) ledger(family string) []string {
	h.t.Helper()
	page, err := h.db.Pull(context.Background(), family, 0, syncwire.MaxPullLimit)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, c := range page.Changes {
		for _, e := range c.Outcome.Entries {
			var lines []string
			for _, p := range e.Postings {
				lines = append(lines, fmt.Sprintf("%s %s", p.Account.Key(), p.Amount))
			}
			sort.Strings(lines)
			out = append(out, e.Kind+": "+strings.Join(lines, ", "))
		}
	}
	return out
}

// scenario is one request and everything it must do: status, body, and the ledger entries
// it writes in the token's family (none when nil).
type scenario struct {
	name, method, path, token, body string
	status                          int
	contains                        []string
	entries                         []string
}

func runScenarios(t *testing.T, h *harness, scenarios []scenario) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			h.t = t
			before := h.ledger(h.ids["family"])
			otherBefore := h.ledger(h.ids["other"])
			status, body := h.do(sc.method, sc.path, sc.token, sc.body)
			if status != sc.status {
				t.Fatalf("status %d, want %d: %s", status, sc.status, body)
			}
			for _, want := range sc.contains {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q: %s", want, body)
				}
			}
			family := h.ids["family"]
			if sc.token == "other" {
				family = h.ids["other"]
			}
			written := h.ledger(family)
			if family == h.ids["family"] {
				written = written[len(before):]
				if n := len(h.ledger(h.ids["other"])); n != len(otherBefore) {
					t.Errorf("a request of family A wrote %d entries in family B", n-len(otherBefore))
				}
			} else {
				written = written[len(otherBefore):]
			}
			if strings.Join(written, "\n") != strings.Join(sc.entries, "\n") {
				t.Errorf("ledger entries written:\n%s\nwant:\n%s", strings.Join(written, "\n"), strings.Join(sc.entries, "\n"))
			}
		})
	}
}
