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
