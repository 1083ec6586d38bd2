//go:build js && wasm

package client

import (
	"encoding/json"
	"syscall/js"
)

// events is the open change-notice stream (server-sent events) of the family, if any.
var (
	events       js.Value
	eventsFamily string
	onHeadFunc   js.Func
)

// watchChanges listens to the family's change notices and calls onHead with each new head;
// EventSource reconnects by itself after the network or the server comes back.
func watchChanges(family, token string, onHead func(head int64)) {
	if family == eventsFamily && events.Truthy() {
		return
	}
	if events.Truthy() {
		events.Call("close")
		onHeadFunc.Release()
	}
	url := apiBase + "/families/" + family + "/events?token=" + js.Global().Call("encodeURIComponent", token).String()
	events = js.Global().Get("EventSource").New(url)
	eventsFamily = family
	onHeadFunc = js.FuncOf(func(_ js.Value, args []js.Value) any {
		var d struct {
			Head int64 `json:"head"`
		}
		if len(args) > 0 && json.Unmarshal([]byte(args[0].Get("data").String()), &d) == nil {
			onHead(d.Head)
		}
		return nil
	})
	events.Call("addEventListener", "head", onHeadFunc)
}
