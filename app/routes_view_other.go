//go:build !(js && wasm)

package app

func scrollToID(id string) {}
