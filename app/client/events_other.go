//go:build !(js && wasm)

package client

// changeFeed: no change notices outside the browser.
type changeFeed struct{}

func (*changeFeed) watch(family, token string, onHead func(head int64)) {}
