//go:build js && wasm

package main

import (
	"context"
	"syscall/js"

	"gongji/server/api"
	"gongji/server/dostore"
)

// exposeRefundAlarm gives the object's JS class binding.refundAlarm(): a promise of the time
// (ms since the epoch) the family's next wallet refund falls due, 0 when none is pending,
// after making the refunds that are due now. entry.mjs calls it from the object's alarm and
// after each push, and sets the alarm to that time: the 06:00 refunds `gongji serve` makes
// with its ticker (issue 10: server-owned events stay server-owned).
func exposeRefundAlarm(srv *api.Server, st *dostore.Store) {
	binding := js.Global().Get("context").Get("binding")
	binding.Set("refundAlarm", js.FuncOf(func(js.Value, []js.Value) any {
		return js.Global().Get("Promise").New(js.FuncOf(func(_ js.Value, args []js.Value) any {
			resolve, reject := args[0], args[1]
			go func() {
				fam := st.FamilyID()
				if fam == "" {
					resolve.Invoke(0)
					return
				}
				next, err := srv.RefundAlarm(context.Background(), fam)
				switch {
				case err != nil:
					reject.Invoke(js.Global().Get("Error").New("refund alarm: " + err.Error()))
				case next.IsZero():
					resolve.Invoke(0)
				default:
					resolve.Invoke(next.UnixMilli())
				}
			}()
			return nil
		}))
	}))
}

// exposeFamilyID gives the object's JS class binding.familyID(): a promise of the id of the
// family this object holds ("" for none). entry.mjs asks it to adopt, into the directory, a
// family made before the directory listed families (GONGJI_ADOPT_LEGACY).
func exposeFamilyID(st *dostore.Store) {
	binding := js.Global().Get("context").Get("binding")
	binding.Set("familyID", js.FuncOf(func(js.Value, []js.Value) any {
		return js.Global().Get("Promise").New(js.FuncOf(func(_ js.Value, args []js.Value) any {
			resolve := args[0]
			go func() { resolve.Invoke(st.FamilyID()) }()
			return nil
		}))
	}))
}
