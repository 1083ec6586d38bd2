//go:build js && wasm

package client

import "syscall/js"

// Yield ends the browser task Go is running in and returns in a later one (a setTimeout of
// 0): the browser paints and handles input in between. A Go sleep would not do: when the
// timer is due before the scheduler looks, Go goes on in the same task.
func Yield() {
	done := make(chan struct{})
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		f.Release()
		close(done)
		return nil
	})
	js.Global().Call("setTimeout", f, 0)
	<-done
}
