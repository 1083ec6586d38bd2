//go:build js && wasm

package client

import (
	"sync"
	"syscall/js"
	"time"
)

// Online reads navigator.onLine: false means surely offline, true says nothing about the
// sync server (fetch errors are handled too).
func Online() bool { return js.Global().Get("navigator").Get("onLine").Bool() }

// WatchOnline calls f with the new state on the window's online and offline events until
// the returned release is called (a screen's OnDismount).
func WatchOnline(f func(bool)) (release func()) {
	on := js.FuncOf(func(js.Value, []js.Value) any { f(true); return nil })
	off := js.FuncOf(func(js.Value, []js.Value) any { f(false); return nil })
	win := js.Global()
	win.Call("addEventListener", "online", on)
	win.Call("addEventListener", "offline", off)
	return func() {
		win.Call("removeEventListener", "online", on)
		win.Call("removeEventListener", "offline", off)
		on.Release()
		off.Release()
	}
}

// WatchUpdates asks the browser to look for a new service worker whenever the page becomes
// visible again and every updateEvery, so a long-open app learns of a new version.
func WatchUpdates(check func()) {
	updatesOnce.Do(func() {
		doc := js.Global().Get("document")
		doc.Call("addEventListener", "visibilitychange", js.FuncOf(func(js.Value, []js.Value) any {
			if doc.Get("visibilityState").String() == "visible" {
				check()
			}
			return nil
		}))
		go func() {
			for {
				time.Sleep(updateEvery)
				check()
			}
		}()
	})
}

var updatesOnce sync.Once

// updateEvery is how often an open app looks for a new version.
const updateEvery = 15 * time.Minute
