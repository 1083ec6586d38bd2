package client

import "syscall/js"

// claimTab asks the browser for the app's one writer lock (the Web Locks API): every tab of
// the app on this device shares one saved document and one queue of mutations, so only the tab
// that holds the lock writes them; another tab would overwrite its queue and reuse its
// mutation ids. done(false) when another tab holds it. Without the API (older browsers, the
// component tests' jsdom) this tab writes.
func claimTab(done func(writer bool)) {
	locks := js.Global().Get("navigator").Get("locks")
	if locks.IsUndefined() || locks.IsNull() {
		done(true)
		return
	}
	hold := js.FuncOf(func(js.Value, []js.Value) any { return nil }) // a promise that never settles
	var got js.Func
	got = js.FuncOf(func(_ js.Value, args []js.Value) any {
		granted := len(args) > 0 && !args[0].IsNull() && !args[0].IsUndefined()
		done(granted)
		if !granted {
			got.Release()
			hold.Release()
			return nil
		}
		// returned to the lock manager: the lock is held while this tab lives
		return js.Global().Get("Promise").New(hold)
	})
	opts := js.Global().Get("Object").New()
	opts.Set("ifAvailable", true)
	locks.Call("request", "gongji-writer", opts, got)
}
