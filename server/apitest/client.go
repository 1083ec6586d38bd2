// Package apitest is the black-box conformance suite of the sync API (server/API.md): the
// same HTTP scenarios run against `gongji serve` and against the Cloudflare Worker under
// `wrangler dev`, so both deployments keep one contract.
package apitest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// httpTimeout bounds one request; a long poll asks for less than this.
const httpTimeout = 60 * time.Second

// device is one signed-in device of a family.
type device struct {
	base, family, id, token string
	owner                   bool
}

// answer is a response: status and body, decoded as JSON where it is JSON.
type answer struct {
	status int
	body   []byte
}

func (a answer) json(tb testing.TB, into any) {
	tb.Helper()
	if err := json.Unmarshal(a.body, into); err != nil {
		tb.Fatalf("answer %d is not the JSON expected: %v\n%s", a.status, err, a.body)
	}
}

// errorCode is the error.code of an error answer ("" if none).
func (a answer) errorCode() string {
	var e struct {
		Error struct {
			Code  string `json:"code"`
			Field string `json:"field"`
		} `json:"error"`
	}
	_ = json.Unmarshal(a.body, &e)
	return e.Error.Code
}

func (a answer) errorField() string {
	var e struct {
		Error struct {
			Field string `json:"field"`
		} `json:"error"`
	}
	_ = json.Unmarshal(a.body, &e)
	return e.Error.Field
}

// call sends one request; body is marshalled unless it is already []byte or a string.
func call(tb testing.TB, base, method, path, token string, body any) answer {
	tb.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		reader = bytes.NewReader(b)
	case string:
		reader = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			tb.Fatal(err)
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, base+path, reader)
	if err != nil {
		tb.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := (&http.Client{Timeout: httpTimeout}).Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("%s %s: read: %v", method, path, err)
	}
	return answer{status: resp.StatusCode, body: data}
}

// newFamily creates a family and returns its owner device.
func newFamily(tb testing.TB, base, name string) *device {
	tb.Helper()
	a := call(tb, base, "POST", "/api/v1/families", "", map[string]string{"name": name, "device": name + "-owner"})
	if a.status != http.StatusCreated {
		tb.Fatalf("create family: %d %s", a.status, a.body)
	}
	var c struct {
		Family, Device, Token string
		Owner                 bool
	}
	a.json(tb, &c)
	if c.Family == "" || c.Token == "" || !c.Owner {
		tb.Fatalf("create family: incomplete credentials %s", a.body)
	}
	return &device{base: base, family: c.Family, id: c.Device, token: c.Token, owner: true}
}

func (d *device) path(suffix string) string { return "/api/v1/families/" + d.family + suffix }

func (d *device) do(tb testing.TB, method, suffix string, body any) answer {
	tb.Helper()
	return call(tb, d.base, method, d.path(suffix), d.token, body)
}

// invite makes an invitation code (owner only).
func (d *device) invite(tb testing.TB) string {
	tb.Helper()
	a := d.do(tb, "POST", "/invites", map[string]int{"ttl_minutes": 60})
	if a.status != http.StatusCreated {
		tb.Fatalf("invite: %d %s", a.status, a.body)
	}
	var inv struct{ Code string }
	a.json(tb, &inv)
	return inv.Code
}

// join signs a new device into the code's family.
func join(tb testing.TB, base, code, name string) (*device, answer) {
	tb.Helper()
	a := call(tb, base, "POST", "/api/v1/join", "", map[string]string{"code": code, "device": name})
	if a.status != http.StatusCreated {
		return nil, a
	}
	var c struct{ Family, Device, Token string }
	a.json(tb, &c)
	return &device{base: base, family: c.Family, id: c.Device, token: c.Token}, a
}

// mut builds one mutation with its arguments marshalled.
func mut(client string, id int64, name mutation.Name, at string, args any) syncwire.Mutation {
	data, err := json.Marshal(args)
	if err != nil {
		panic(err)
	}
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		panic(err)
	}
	return syncwire.Mutation{ClientID: client, MutationID: id, Name: name, At: t, Args: data}
}

// push sends mutations and decodes the answer; it fails the test on a non-200.
func (d *device) push(tb testing.TB, ms ...syncwire.Mutation) syncwire.PushResponse {
	tb.Helper()
	a := d.do(tb, "POST", "/push", syncwire.PushRequest{Mutations: ms})
	if a.status != http.StatusOK {
		tb.Fatalf("push: %d %s", a.status, a.body)
	}
	var r syncwire.PushResponse
	a.json(tb, &r)
	return r
}

// pull reads every change after cursor, page by page.
func (d *device) pull(tb testing.TB, cursor int64, limit int) []syncwire.PullResponse {
	tb.Helper()
	var pages []syncwire.PullResponse
	for {
		a := d.do(tb, "GET", fmt.Sprintf("/pull?cursor=%d&limit=%d", cursor, limit), nil)
		if a.status != http.StatusOK {
			tb.Fatalf("pull: %d %s", a.status, a.body)
		}
		var p syncwire.PullResponse
		a.json(tb, &p)
		pages = append(pages, p)
		if !p.More {
			return pages
		}
		cursor = p.Cursor
	}
}

// changes is every change after cursor, all pages together.
func (d *device) changes(tb testing.TB, cursor int64) ([]syncwire.Change, syncwire.PullResponse) {
	tb.Helper()
	pages := d.pull(tb, cursor, syncwire.MaxPullLimit)
	var all []syncwire.Change
	for _, p := range pages {
		all = append(all, p.Changes...)
	}
	return all, pages[len(pages)-1]
}
