//go:build js && wasm

package client

import "syscall/js"

// AskNotify asks the browser for permission to show notifications (only ever from a press
// of the button) and calls done with the answer; no Notification API is a no.
func AskNotify(done func(granted bool)) {
	n := js.Global().Get("Notification")
	if !n.Truthy() {
		done(false)
		return
	}
	var then js.Func
	then = js.FuncOf(func(_ js.Value, args []js.Value) any {
		then.Release()
		done(len(args) > 0 && args[0].String() == "granted")
		return nil
	})
	n.Call("requestPermission").Call("then", then)
}

// ShowNotification shows one notification when permission was granted.
func ShowNotification(title, body string) {
	n := js.Global().Get("Notification")
	if !n.Truthy() || n.Get("permission").String() != "granted" {
		return
	}
	n.New(title, map[string]any{"body": body, "icon": "/web/icon-192.png", "tag": "gongji-reminders"})
}
