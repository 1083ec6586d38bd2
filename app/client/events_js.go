//go:build js && wasm

package client

import (
	"encoding/json"
	"syscall/js"
)

// changeFeed is the open change-notice stream (server-sent events) of the family, if any.
type changeFeed struct {
	events js.Value
	family string
	onHead js.Func
}

// watch listens to the family's change notices and calls onHead with each new head;
// EventSource reconnects by itself after the network or the server comes back.
func (c *changeFeed) watch(family, token string, onHead func(head int64)) {
	if family == c.family && c.events.Truthy() {
		return
	}
	if c.events.Truthy() {
		c.events.Call("close")
		c.onHead.Release()
	}
	url := apiBase + "/families/" + family + "/events?token=" + js.Global().Call("encodeURIComponent", token).String()
	c.events = js.Global().Get("EventSource").New(url)
	c.family = family
	c.onHead = js.FuncOf(func(_ js.Value, args []js.Value) any {
		var d struct {
			Head int64 `json:"head"`
		}
		if len(args) > 0 && json.Unmarshal([]byte(args[0].Get("data").String()), &d) == nil {
			onHead(d.Head)
		}
		return nil
	})
	c.events.Call("addEventListener", "head", c.onHead)
}
