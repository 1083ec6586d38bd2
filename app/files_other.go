//go:build !(js && wasm)

package app

func download(name, mime string, data []byte) {}

func readFile(inputID string, done func([]byte)) { done(nil) }

func canShare() bool { return false }

func share(title, text string) {}

func qrSVG(text string) string { return "" }

func loadQR(done func()) {}
