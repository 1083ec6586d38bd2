//go:build !(js && wasm)

package app

func watchChanges(family, token string, onHead func(head int64)) {}
