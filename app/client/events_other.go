//go:build !(js && wasm)

package client

func watchChanges(family, token string, onHead func(head int64)) {}
