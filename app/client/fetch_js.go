//go:build js && wasm

package client

import (
	"errors"
	"syscall/js"
)

// httpDo sends one request with the browser's fetch and waits for the whole body. It blocks:
// call it from a goroutine (ctx.Async), never from an event handler.
func httpDo(method, url string, body []byte, headers map[string]string) (int, []byte, error) {
	type result struct {
		status int
		body   []byte
		err    error
	}
	done := make(chan result, 1)
	opts := js.Global().Get("Object").New()
	opts.Set("method", method)
	opts.Set("cache", "no-store")
	h := js.Global().Get("Object").New()
	for k, v := range headers {
		h.Set(k, v)
	}
	if body != nil {
		h.Set("Content-Type", "application/json")
		opts.Set("body", string(body))
	}
	opts.Set("headers", h)
	var onResp, onText, onErr js.Func
	status := 0
	onErr = js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "fetch failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		done <- result{err: errors.New(msg)}
		return nil
	})
	onText = js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- result{status: status, body: []byte(args[0].String())}
		return nil
	})
	onResp = js.FuncOf(func(_ js.Value, args []js.Value) any {
		status = args[0].Get("status").Int()
		args[0].Call("text").Call("then", onText, onErr)
		return nil
	})
	js.Global().Call("fetch", url, opts).Call("then", onResp, onErr)
	r := <-done
	onResp.Release()
	onText.Release()
	onErr.Release()
	return r.status, r.body, r.err
}
