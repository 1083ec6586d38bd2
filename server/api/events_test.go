package api_test

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
)

// A device listening on the event stream hears of another device's push.
func TestEventsTellOfAPush(t *testing.T) {
	h := newHarness(t)
	req, _ := http.NewRequest("GET", h.url("/api/v1/families/{family}/events?token=")+h.tokens["member"], nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	lines := bufio.NewScanner(resp.Body)
	next := func() string {
		for lines.Scan() {
			if strings.HasPrefix(lines.Text(), "data:") {
				return lines.Text()
			}
		}
		t.Fatalf("stream ended: %v", lines.Err())
		return ""
	}
	if got := next(); got != `data: {"head": 6}` {
		t.Fatalf("first event %q, want head 6", got)
	}
	h.mustDo("POST", "/api/v1/families/{family}/push", "owner", push("c1", 1, "settle", bill("mom", 100)), 200)
	if got := next(); got != `data: {"head": 7}` {
		t.Fatalf("after a push %q, want head 7", got)
	}
}

// A long poll waiting after the head answers with the change another device pushes.
func TestLongPollWakesOnPush(t *testing.T) {
	h := newHarness(t)
	done := make(chan string)
	go func() {
		_, body := h.do("GET", "/api/v1/families/{family}/pull?cursor=6&wait=30", "member", "")
		done <- body
	}()
	// the push may land before or after the poll starts waiting: either way the poll sees it
	h.mustDo("POST", "/api/v1/families/{family}/push", "owner", push("c1", 1, "settle", bill("mom", 100)), 200)
	if body := <-done; !strings.Contains(body, `"seq":7`) {
		t.Fatalf("long poll answered %s, want seq 7", body)
	}
}
