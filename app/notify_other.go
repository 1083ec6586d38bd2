//go:build !(js && wasm)

package app

func askNotify(done func(granted bool)) { done(false) }

func showNotification(title, body string) {}
