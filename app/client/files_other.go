//go:build !(js && wasm)

package client

func Download(name, mime string, data []byte) {}

func ReadFile(inputID string, done func([]byte)) { done(nil) }

func CanShare() bool { return false }

func Share(title, text string) {}

func QRSVG(text string) string { return "" }

func LoadQR(done func()) {}
