//go:build !(js && wasm)

package app

func online() bool { return false }

func watchOnline(func(bool)) {}

func watchUpdates(func()) {}
