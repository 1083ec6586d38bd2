package api_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"gongji/server/api"
	"gongji/shared/engine"
)

// A transfer nobody accepts goes back at 06:00 UTC+8 even with every phone offline.
func TestSweepRefundsAtSix(t *testing.T) {
	h := newHarness(t)
	h.mustDo("POST", "/api/v1/families/{family}/push", "owner",
		push("c1", 1, "wallet_transfer", `{"from":"dad","to":"mom","amount":"30.00","source":"account"}`), 200)
	zone := time.FixedZone("UTC+8", 8*3600)
	sweeper := func(now time.Time) *api.Server {
		return api.New(api.Config{Store: h.db, Engine: engine.Default(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Now: func() time.Time { return now }})
	}
	before := len(h.ledger(h.ids["family"]))
	if n, err := sweeper(time.Date(2026, 3, 3, 5, 59, 59, 0, zone)).SweepRefunds(context.Background(), h.db.Families()); err != nil || n != 0 {
		t.Fatalf("at 05:59:59: %d refunds, %v; want none", n, err)
	}
	if n, err := sweeper(time.Date(2026, 3, 3, 6, 0, 0, 0, zone)).SweepRefunds(context.Background(), h.db.Families()); err != nil || n != 1 {
		t.Fatalf("at 06:00: %d refunds, %v; want 1", n, err)
	}
	got := h.ledger(h.ids["family"])[before:]
	if strings.Join(got, "\n") != "wallet_refund: dad 30.00, pending:c1/1 -30.00" {
		t.Errorf("entries written: %v", got)
	}
	if n, _ := sweeper(time.Date(2026, 3, 3, 7, 0, 0, 0, zone)).SweepRefunds(context.Background(), h.db.Families()); n != 0 {
		t.Errorf("a second sweep refunded %d again", n)
	}
	body := h.mustDo("GET", "/api/v1/families/{family}/pull?cursor=7", "member", "", 200)
	if !strings.Contains(body, `"client_id":"server"`) || !strings.Contains(body, `"name":"wallet_expire"`) {
		t.Errorf("devices do not see the refund: %s", body)
	}
}

// A push after 06:00 meets the refunds due at its moment already made: an accept back-dated
// before 06:00, arriving before the sweep, finds the transfer refunded (issue 18 item 6).
func TestPushMakesDueRefundsFirst(t *testing.T) {
	h := newHarness(t)
	h.mustDo("POST", "/api/v1/families/{family}/push", "owner",
		push("c1", 1, "wallet_transfer", `{"from":"dad","to":"mom","amount":"30.00","source":"account"}`), 200)
	h.now = time.Date(2026, 3, 3, 6, 0, 1, 0, time.FixedZone("UTC+8", 8*3600)) // no sweep ran
	accept := `{"mutations":[{"client_id":"c1","mutation_id":2,"name":"wallet_accept","at":"2026-03-03T05:59:00+08:00","args":{"transfer":"c1/1"}}]}`
	body := h.mustDo("POST", "/api/v1/families/{family}/push", "owner", accept, 200)
	if !strings.Contains(body, `"status":"rejected"`) {
		t.Errorf("the back-dated accept after 06:00: %s, want rejected", body)
	}
	pulled := h.mustDo("GET", "/api/v1/families/{family}/pull?cursor=7", "owner", "", 200)
	refund, acc := strings.Index(pulled, `"name":"wallet_expire"`), strings.Index(pulled, `"name":"wallet_accept"`)
	if refund < 0 || acc < 0 || refund > acc {
		t.Errorf("the refund is not logged before the accept (at %d and %d): %s", refund, acc, pulled)
	}
	if got := h.ledger(h.ids["family"]); !strings.Contains(strings.Join(got, "\n"), "wallet_refund: dad 30.00") {
		t.Errorf("no refund in the ledger: %v", got)
	}
}
