//go:build !(js && wasm)

package client

func Online() bool { return false }

func WatchOnline(func(bool)) {}

func WatchUpdates(func()) {}
