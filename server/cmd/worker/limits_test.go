//go:build !(js && wasm)

package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"gongji/server/workertest"
)

// testAdminToken is the administrator's token of the closed worker (16 characters or more).
const testAdminToken = "test-admin-token-4f9c2a"

// TestWorkerLimits runs a worker as a closed server would run (GONGJI_OPEN_SIGNUP=false, an
// admin token, 5 families and 10 joins per hour per address; GONGJI_ADOPT_LEGACY as an
// upgraded deployment) and checks that the limits of
// `gongji serve` hold there: they are counted by objects of their own, so a burst of
// creations, each landing in a fresh family object, is still one address's burst.
func TestWorkerLimits(t *testing.T) {
	w := startWorker(t, map[string]string{
		"GONGJI_OPEN_SIGNUP":       "false",
		"GONGJI_ADMIN_TOKEN":       testAdminToken,
		"GONGJI_FAMILIES_PER_HOUR": "5",
		"GONGJI_JOINS_PER_HOUR":    "10",
		"GONGJI_ADOPT_LEGACY":      "1",
	})
	// Codes of one minute, made first: their expiry is checked last (expired rows deleted).
	owner := newFamily(t, w.Base, "192.0.2.1", testAdminToken)
	short := call(t, w.Base, "POST", "/api/v1/signup-codes", testAdminToken, `{"ttl_minutes":1}`, nil)
	invite := call(t, w.Base, "POST", owner.path("/invites"), owner.token, `{"ttl_minutes":1}`, nil)
	if short.status != http.StatusCreated || invite.status != http.StatusCreated {
		t.Fatalf("one-minute codes: %s; %s", short, invite)
	}
	made := time.Now()
	t.Run("closed signup", func(t *testing.T) { testClosedSignup(t, w) })
	t.Run("families per hour per address", func(t *testing.T) { testFamiliesPerHour(t, w) })
	t.Run("joins per hour per address and per code", func(t *testing.T) { testJoinsPerHour(t, w) })
	t.Run("families from before the directory adopted", func(t *testing.T) { testAdoptLegacy(t, w) })
	t.Run("expired directory rows deleted", func(t *testing.T) { testExpiredRows(t, w, made) })
}

func testClosedSignup(t *testing.T, w *workertest.Worker) {
	before := w.Objects(t, "FamilyDO")
	ip := ipHeader("192.0.2.10")
	if a := call(t, w.Base, "POST", "/api/v1/families", "", `{"name":"x","device":"y"}`, ip); a.status != http.StatusForbidden || a.errorCode() != "signup_closed" {
		t.Errorf("a creation without a code: %s, want 403 signup_closed", a)
	}
	if a := call(t, w.Base, "POST", "/api/v1/families", "", `{"name":"x","device":"y","signup_code":"AAAA-BBBB-CCCC"}`, ip); a.status != http.StatusForbidden {
		t.Errorf("a creation with an unknown code: %s, want 403", a)
	}
	if a := call(t, w.Base, "POST", "/api/v1/families", "not-the-admin-token-at-all", `{"name":"x","device":"y"}`, ip); a.status != http.StatusForbidden {
		t.Errorf("a creation with a wrong admin token: %s, want 403", a)
	}
	if a := call(t, w.Base, "POST", "/api/v1/signup-codes", "not-the-admin-token-at-all", "", nil); a.status != http.StatusUnauthorized {
		t.Errorf("a signup code without the admin token: %s, want 401", a)
	}
	if got := w.Objects(t, "FamilyDO"); got != before {
		t.Errorf("refused creations left %d family objects", got-before)
	}
	a := call(t, w.Base, "POST", "/api/v1/signup-codes", testAdminToken, "", nil)
	var code struct {
		Code    string
		Expires time.Time `json:"expires_at"`
	}
	if json.Unmarshal(a.body, &code); a.status != http.StatusCreated || code.Code == "" || time.Until(code.Expires) < 23*time.Hour {
		t.Fatalf("the admin's signup code: %s, want 201 with a code for a day", a)
	}
	body := fmt.Sprintf(`{"name":"x","device":"y","signup_code":%q}`, code.Code)
	if a := call(t, w.Base, "POST", "/api/v1/families", "", body, ip); a.status != http.StatusCreated {
		t.Errorf("a creation with the signup code: %s, want 201", a)
	}
	if a := call(t, w.Base, "POST", "/api/v1/families", "", body, ip); a.status != http.StatusForbidden {
		t.Errorf("the signup code a second time: %s, want 403", a)
	}
}

// testFamiliesPerHour sends a burst of creations from one address, concurrently: exactly 5
// are created, the others are 429 with Retry-After and leave no object; another address, or
// another /64, is not affected.
func testFamiliesPerHour(t *testing.T, w *workertest.Worker) {
	for _, c := range []struct{ name, first, sameNet, other string }{
		{"IPv4", "198.51.100.1", "198.51.100.1", "198.51.100.2"},
		{"IPv6 by /64", "2001:db8:1:1::1", "2001:db8:1:1:ffff::2", "2001:db8:1:2::1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := w.Objects(t, "FamilyDO")
			const burst = 12
			answers := make(chan answer, burst)
			for i := 0; i < burst; i++ {
				addr := c.first
				if i%2 == 1 {
					addr = c.sameNet
				}
				go func() {
					answers <- call(t, w.Base, "POST", "/api/v1/families", testAdminToken, `{"name":"x","device":"y"}`, ipHeader(addr))
				}()
			}
			created, limited := 0, 0
			for i := 0; i < burst; i++ {
				a := <-answers
				switch {
				case a.status == http.StatusCreated:
					created++
				case a.status == http.StatusTooManyRequests && a.errorCode() == "rate_limited":
					limited++
					if secs, err := strconv.Atoi(a.header.Get("Retry-After")); err != nil || secs < 1 {
						t.Errorf("429 without a Retry-After in seconds: %q", a.header.Get("Retry-After"))
					}
				default:
					t.Errorf("a creation in the burst: %s", a)
				}
			}
			if created != 5 || limited != burst-5 {
				t.Errorf("a burst of %d from one address: %d created, %d limited; want 5 and %d", burst, created, limited, burst-5)
			}
			if got := w.Objects(t, "FamilyDO"); got != before+created {
				t.Errorf("family objects grew by %d for %d families", got-before, created)
			}
			newFamily(t, w.Base, c.other, testAdminToken)
		})
	}
}

// testJoinsPerHour: wrong codes from one address are 404 ten times, then 429; one code tried
// from many addresses is 429 after ten tries too.
func testJoinsPerHour(t *testing.T, w *workertest.Worker) {
	statuses := func(n int, addr func(int) string, code func(int) string) []int {
		var out []int
		for i := 0; i < n; i++ {
			a := call(t, w.Base, "POST", "/api/v1/join", "", fmt.Sprintf(`{"code":%q,"device":"guess"}`, code(i)), ipHeader(addr(i)))
			out = append(out, a.status)
		}
		return out
	}
	want := []int{404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 429, 429}
	guesses := statuses(12, func(int) string { return "203.0.113.5" }, func(i int) string { return fmt.Sprintf("ZZZZ-ZZZZ-%04d", i) })
	if fmt.Sprint(guesses) != fmt.Sprint(want) {
		t.Errorf("12 wrong codes from one address: %v, want %v", guesses, want)
	}
	oneCode := statuses(12, func(i int) string { return fmt.Sprintf("203.0.113.%d", 100+i) }, func(int) string { return "YYYY-YYYY-YYYY" })
	if fmt.Sprint(oneCode) != fmt.Sprint(want) {
		t.Errorf("one code from 12 addresses: %v, want %v", oneCode, want)
	}
}

// testExpiredRows waits for the one-minute codes made at the start to expire: the directory
// deletes them itself (an alarm at the next expiry), with no request to ask for them.
func testExpiredRows(t *testing.T, w *workertest.Worker, made time.Time) {
	counts := func() map[string]int {
		a := call(t, w.Base, "GET", "/api/v1/debug/directory", "", nil, nil)
		var c map[string]int
		if err := json.Unmarshal(a.body, &c); err != nil || a.status != http.StatusOK {
			t.Fatalf("directory counts: %s", a)
		}
		return c
	}
	if c := counts(); c["invite_codes"] < 1 || c["signup_codes"] < 1 {
		t.Fatalf("before expiry: %v, want the one-minute codes there", c)
	}
	time.Sleep(time.Until(made.Add(time.Minute + 5*time.Second)))
	deadline := time.Now().Add(30 * time.Second)
	for {
		c := counts()
		// the closed-signup case left one day-long signup code (used) and no invitation
		if c["invite_codes"] == 0 && c["expired_invite_codes"] == 0 && c["signup_codes"] == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("30 s after expiry the directory still holds %v", c)
		}
		time.Sleep(time.Second)
	}
}

// testAdoptLegacy: a family the directory does not list (as every family of a deployment from
// before it did) is listed again at its first request with a token naming it, where
// GONGJI_ADOPT_LEGACY=1; an id no object holds is not, and stays 401.
func testAdoptLegacy(t *testing.T, w *workertest.Worker) {
	f := newFamily(t, w.Base, "192.0.2.30", testAdminToken)
	if a := call(t, w.Base, "POST", f.path("/forget"), "", nil, nil); a.status != http.StatusNoContent {
		t.Fatalf("forget the family: %s", a)
	}
	before := call(t, w.Base, "GET", "/api/v1/debug/directory", "", nil, nil)
	if a := call(t, w.Base, "GET", f.path(""), f.token, nil, nil); a.status != http.StatusOK {
		t.Errorf("the unlisted family with its own token: %s, want 200 (adopted)", a)
	}
	after := call(t, w.Base, "GET", "/api/v1/debug/directory", "", nil, nil)
	var b, c struct{ Families int }
	json.Unmarshal(before.body, &b)
	json.Unmarshal(after.body, &c)
	if c.Families != b.Families+1 {
		t.Errorf("directory families %d after the adoption, was %d", c.Families, b.Families)
	}
	id := "fnotafamily0000000"
	for _, token := range []string{id + ".secret", "nodot"} {
		if a := call(t, w.Base, "GET", "/api/v1/families/"+id+"/pull", token, nil, nil); a.status != http.StatusUnauthorized {
			t.Errorf("an id no object holds, token %q: %s, want 401", token, a)
		}
	}
	if a := call(t, w.Base, "GET", "/api/v1/debug/directory", "", nil, nil); string(a.body) != string(after.body) {
		t.Errorf("the directory after the unknown id: %s, was %s", a.body, after.body)
	}
}
