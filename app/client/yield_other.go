//go:build !(js && wasm)

package client

// Yield does nothing outside the browser (yield_js.go).
func Yield() {}
