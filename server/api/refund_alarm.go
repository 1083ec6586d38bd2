package api

import (
	"context"
	"time"

	"gongji/server/store"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/syncwire"
)

// RefundAlarm makes the family's due refunds now (as SweepRefunds does for every family
// of `gongji serve` each minute) and returns when the next one falls due: the zero time when
// no wallet transfer is pending. It is the work of a Durable Object's alarm on Workers
// (build/worker/entry.mjs), which sets the next alarm to that time.
func (s *Server) RefundAlarm(ctx context.Context, fam string) (time.Time, error) {
	var next time.Time
	now := s.now()
	err := s.store.Push(ctx, fam, func(h *store.Head) ([]syncwire.Change, error) {
		changes := s.refundsDue(h, now)
		next = NextRefund(&h.State)
		return changes, nil
	})
	return next, err
}

// NextRefund is the earliest refund time (W11: the first 06:00 UTC+8 after the transfer) of
// a pending wallet transfer, or the zero time when none is pending.
func NextRefund(s *family.State) time.Time {
	var next time.Time
	for _, t := range s.Transfers {
		if t.State != family.Pending {
			continue
		}
		if at := engine.RefundAt(t.At); next.IsZero() || at.Before(next) {
			next = at
		}
	}
	return next
}
