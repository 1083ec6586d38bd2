//go:build !(js && wasm)

package app

// Yield does nothing outside the browser (yield_js.go).
func Yield() {}
