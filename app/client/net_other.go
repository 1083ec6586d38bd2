//go:build !(js && wasm)

package client

func Online() bool { return false }

func WatchOnline(func(bool)) (release func()) { return func() {} }

func WatchUpdates(func()) {}
