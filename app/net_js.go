//go:build js && wasm

package app

import "syscall/js"

// online reads navigator.onLine: false means surely offline, true says nothing about the
// sync server (fetch errors are handled too).
func online() bool { return js.Global().Get("navigator").Get("onLine").Bool() }

// watchOnline calls f with the new state on the window's online and offline events.
func watchOnline(f func(bool)) {
	on := js.FuncOf(func(js.Value, []js.Value) any { f(true); return nil })
	off := js.FuncOf(func(js.Value, []js.Value) any { f(false); return nil })
	js.Global().Call("addEventListener", "online", on)
	js.Global().Call("addEventListener", "offline", off)
}
