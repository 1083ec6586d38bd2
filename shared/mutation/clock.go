package mutation

import (
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
)

// The family's clock: time events (the 06:00 refunds of wallet transfers) are made by whoever
// keeps the family's clock, once. When the family syncs, that is the server (an Actor with
// Server); when it is kept only on a device (never shared, or imported from a backup), that
// device (an Actor with Clock). Monthly credits need no clock: every device accrues them from
// the schedule and the date (credit.go).

// DueRefund is a wallet transfer whose refund has come: its id and the moment it fell due.
type DueRefund struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Transfer string
	At       time.Time
}

// DueRefunds lists the pending wallet transfers of s whose refund moment (W11: the first
// 06:00 UTC+8 after the transfer) is not after now, in the order of the transfers, and the
// next refund moment still to come (zero when no transfer waits).
func DueRefunds(s *family.State, now time.Time) (due []DueRefund, next time.Time) {
	for _, t := range s.Transfers {
		if t.State != family.Pending {
			continue
		}
		// W11: rules.md section 5 (unaccepted at the first 06:00 after the transfer: refunded)
		at := engine.RefundAt(t.At)
		if !at.After(now) {
			due = append(due, DueRefund{Transfer: t.ID, At: at})
		} else if next.IsZero() || at.Before(next) {
			next = at
		}
	}
	return due, next
}
