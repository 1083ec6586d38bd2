//go:build !(js && wasm)

package client

// memStorage stands in for localStorage on the host (prerender and tests).
type memStorage map[string]string

func BrowserStorage() KV { return memStorage{} }

func (m memStorage) Get(key string) string { return m[key] }

func (m memStorage) Set(key, value string) error { m[key] = value; return nil }
