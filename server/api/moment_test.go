package api_test

import (
	"fmt"
	"strings"
	"testing"

	"gongji/server/buntstore"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// The afternoon correction through the real handler on BuntDB, with the family gone
// cold (its log in the archive) before the correction: the 10:30 bill is
// decided again against the accounts of 10:30 (read from the archived log), not re-paid from
// wallet money that came at 13:02, and the 11:00 bill after it is restated before and after.
// A device that pulls the whole log redoes it to the server's balances.
func TestAfternoonCorrectionFromTheArchive(t *testing.T) {
	h := newHarnessWith(t, buntstore.Options{MaxWarm: 2})
	push := func(id int, name mutation.Name, at, args string) syncwire.PushResponse {
		t.Helper()
		body := fmt.Sprintf(`{"mutations":[{"client_id":"p","mutation_id":%d,"name":%q,"at":"2026-03-02T%s:00+08:00","args":%s}]}`, id, name, at, args)
		var resp syncwire.PushResponse
		h.decode(h.mustDo("POST", "/api/v1/families/{family}/push", "owner", body, 200), &resp)
		if len(resp.Results) != 1 || resp.Results[0].Outcome == nil {
			t.Fatalf("push %d: %+v", id, resp)
		}
		return resp
	}
	kidBill := func(total, visit string) string {
		return fmt.Sprintf(`{"patient":"kid","visit":"2026-03-02T%s:00+08:00","institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":%q,"policy_self_pay":%[2]q,"category":"drug"}}`, visit, total)
	}
	push(1, mutation.Settle, "10:30", kidBill("300.00", "10:30"))
	push(2, mutation.Settle, "11:00", kidBill("300.00", "11:00"))
	for i := 3; i < 110; i++ {
		push(i, mutation.Credit, "12:00", `{"person":"dad","account":"wallet","amount":"1.00"}`)
	}
	push(110, mutation.Credit, "13:02", `{"person":"kid","account":"wallet","amount":"250.00"}`)
	// every family goes cold: its whole log is in the archive, none of it in BuntDB
	if err := h.db.CoolAll(); err != nil || h.db.WarmCount() != 0 {
		t.Fatalf("cool: %v, %d warm", err, h.db.WarmCount())
	}
	// the member's phone (nobody's) asks; the owner's approval runs the correction, and the
	// approval is decided as of 10:30 too (the push of an approval reads the log)
	ask := fmt.Sprintf(`{"mutations":[{"client_id":"m","mutation_id":1,"name":"amend_bill","at":"2026-03-02T15:00:00+08:00","args":{"target":"p/1","settle":%s,"reason":"收据看错了"}}]}`, kidBill("100.00", "10:30"))
	var asked syncwire.PushResponse
	h.decode(h.mustDo("POST", "/api/v1/families/{family}/push", "member", ask, 200), &asked)
	if o := asked.Results[0].Outcome; o.Status != mutation.PendingConsent {
		t.Fatalf("the member's correction: %+v", o)
	}
	resp := push(111, mutation.Approve, "15:05", `{"request":"m/1"}`)
	o := resp.Results[0].Outcome
	if !o.Status.Applied() || len(o.Split.Lines) != 1 || o.Split.Lines[0].Source != engine.MutualAid || o.Split.Lines[0].Payer != "mom" {
		t.Fatalf("corrected bill: %s %+v (%v)", o.Status, o.Split, o.Error)
	}
	if len(o.Restated) != 1 || o.Restated[0].Record != "p/2" || o.Restated[0].Before.Cash != money.MustParse("100.00") || o.Restated[0].After.Cash != 0 {
		t.Fatalf("restated: %+v", o.Restated)
	}
	// a new device's full pull redoes the server's balances
	var page syncwire.PullResponse
	h.decode(h.mustDo("GET", "/api/v1/families/{family}/pull?cursor=0&limit=1000", "member", "", 200), &page)
	st, err := syncwire.Replay(family.State{}, page.Changes)
	if err != nil {
		t.Fatal(err)
	}
	if mom, kid := st.Person("mom").Balance(), st.Person("kid").Wallet.Balance; mom != money.MustParse("100.00") || kid != money.MustParse("250.00") {
		t.Errorf("replayed: mom %s, kid's wallet %s; want 100.00 and 250.00", mom, kid)
	}
	if !strings.Contains(h.mustDo("GET", "/api/v1/families/{family}/pull?cursor=111", "member", "", 200), `"restated"`) {
		t.Error("the correction's change does not carry its restated bill")
	}
}

// BenchmarkCorrectionPush: a push that corrects the family's first bill (the log read from the
// store, every later bill decided again) against a push of a new bill, by the log's length,
// through the real handler on BuntDB (each push durable).
func BenchmarkCorrectionPush(b *testing.B) {
	for _, n := range []int{100, 1000} {
		h := newHarnessWith(b, buntstore.Options{})
		id := 0
		push := func(name mutation.Name, args string) *mutation.Outcome {
			id++
			body := fmt.Sprintf(`{"mutations":[{"client_id":"p","mutation_id":%d,"name":%q,"at":"2026-03-02T12:00:00+08:00","args":%s}]}`, id, name, args)
			var resp syncwire.PushResponse
			h.decode(h.mustDo("POST", "/api/v1/families/{family}/push", "owner", body, 200), &resp)
			return resp.Results[0].Outcome
		}
		kid := `{"patient":"kid","visit":"2026-03-02T10:30:00+08:00","institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"1.00","policy_self_pay":"1.00","category":"drug"}}`
		for range n {
			push(mutation.Settle, kid)
		}
		target := "p/1"
		b.Run(fmt.Sprintf("log=%d/correct first bill", n), func(b *testing.B) {
			for b.Loop() {
				o := push(mutation.AmendBill, `{"target":"`+target+`","settle":`+kid+`}`)
				if !o.Status.Applied() {
					b.Fatalf("%+v", o)
				}
				target = fmt.Sprintf("p/%d", id)
			}
		})
		b.Run(fmt.Sprintf("log=%d/new bill", n), func(b *testing.B) {
			for b.Loop() {
				push(mutation.Settle, kid)
			}
		})
	}
}
