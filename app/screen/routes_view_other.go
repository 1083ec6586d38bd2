//go:build !(js && wasm)

package screen

func scrollToID(id string) {}
