package apitest

import (
	"bufio"
	"net/http"
	"strings"
	"testing"

	"gongji/shared/syncwire"
)

// testLongPoll: a pull that waits returns the change another device pushes meanwhile (a
// wait that ran out would return no change, so no clock is read here).
func testLongPoll(t *testing.T, base string) {
	owner := newFamily(t, base, "longpoll")
	got := make(chan answer, 1)
	go func() { got <- owner.do(t, "GET", "/pull?cursor=0&wait=30", nil) }()
	owner.push(t, familyMutations("c1")[:1]...)
	a := <-got
	var p syncwire.PullResponse
	a.json(t, &p)
	if a.status != http.StatusOK || len(p.Changes) == 0 || p.Changes[0].Seq != 1 {
		t.Fatalf("long poll: %d %s, want the pushed change", a.status, a.body)
	}
}

// testEvents: the change-notice stream starts with the family's head.
func testEvents(t *testing.T, base string) {
	owner := newFamily(t, base, "events")
	owner.push(t, familyMutations("c1")[:2]...)
	req, _ := http.NewRequest("GET", base+owner.path("/events"), nil)
	req.Header.Set("Authorization", "Bearer "+owner.token)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := (&http.Client{Timeout: httpTimeout}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: %d %s", resp.StatusCode, ct)
	}
	lines := bufio.NewScanner(resp.Body)
	var event []string
	for lines.Scan() && len(event) < 2 {
		if l := lines.Text(); l != "" && !strings.HasPrefix(l, ":") {
			event = append(event, l)
		}
	}
	if len(event) < 2 || event[0] != "event: head" || !strings.Contains(event[1], `"head": 2`) && !strings.Contains(event[1], `"head":2`) {
		t.Fatalf("first event %q, want head 2", event)
	}
}
