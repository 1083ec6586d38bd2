//go:build js && wasm

package client

import "syscall/js"

// localStorage keeps the document across reloads and closed tabs.
type localStorage struct{ v js.Value }

func BrowserStorage() KV { return &localStorage{js.Global().Get("localStorage")} }

func (l *localStorage) Get(key string) string {
	v := l.v.Call("getItem", key)
	if v.IsNull() || v.IsUndefined() {
		return ""
	}
	return v.String()
}

func (l *localStorage) Set(key, value string) (err error) {
	defer func() {
		if r := recover(); r != nil { // QuotaExceededError and the like
			err = jsError(r)
		}
	}()
	l.v.Call("setItem", key, value)
	return nil
}
