//go:build !(js && wasm)

package client

func AskNotify(done func(granted bool)) { done(false) }

func ShowNotification(title, body string) {}
