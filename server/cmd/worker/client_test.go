//go:build !(js && wasm)

package main

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

// answer is one HTTP answer of the worker.
type answer struct {
	status int
	header http.Header
	body   []byte
}

func (a answer) String() string { return fmt.Sprintf("%d %.300s", a.status, a.body) }

// errorCode is the code of a JSON error answer, "" for any other.
func (a answer) errorCode() string {
	var e struct{ Error struct{ Code, Field string } }
	json.Unmarshal(a.body, &e)
	return e.Error.Code
}

// call sends a request with an optional bearer token, JSON body and extra headers.
func call(tb testing.TB, base, method, path, token string, body any, headers map[string]string) answer {
	tb.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			tb.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		tb.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	client := http.Client{Timeout: 60 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return answer{status: resp.StatusCode, header: resp.Header, body: data}
}

// fam is one family's owner device on the worker.
type fam struct {
	base, id, token string
}

func (f fam) path(suffix string) string { return "/api/v1/families/" + f.id + suffix }

// newFamily creates a family from address addr ("" for none), with the admin token when
// admin is set; it fails the test unless the answer is 201.
func newFamily(tb testing.TB, base, addr, admin string) fam {
	tb.Helper()
	a := call(tb, base, "POST", "/api/v1/families", admin, map[string]string{"name": "test", "device": "owner"}, ipHeader(addr))
	if a.status != http.StatusCreated {
		tb.Fatalf("create family from %q: %s", addr, a)
	}
	var c struct{ Family, Token string }
	if err := json.Unmarshal(a.body, &c); err != nil || c.Family == "" {
		tb.Fatalf("create family: %s: %v", a, err)
	}
	return fam{base: base, id: c.Family, token: c.Token}
}

func ipHeader(addr string) map[string]string {
	if addr == "" {
		return nil
	}
	return map[string]string{"CF-Connecting-IP": addr}
}

// pushAt pushes one mutation of client "w" and returns the push answer's results.
func (f fam) pushAt(tb testing.TB, id int64, name string, at time.Time, args string) syncwire.PushResponse {
	tb.Helper()
	body, _ := json.Marshal(syncwire.PushRequest{Mutations: []syncwire.Mutation{{ClientID: "w", MutationID: id, Name: mutation.Name(name),
		At: at, Args: json.RawMessage(args)}}})
	a := call(tb, f.base, "POST", f.path("/push"), f.token, body, nil)
	if a.status != http.StatusOK {
		tb.Fatalf("push %s: %s", name, a)
	}
	var resp syncwire.PushResponse
	if err := json.Unmarshal(a.body, &resp); err != nil || len(resp.Results) != 1 {
		tb.Fatalf("push %s: %s: %v", name, a, err)
	}
	return resp
}
