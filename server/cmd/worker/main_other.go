//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains how to build the worker: it only runs as wasm inside Cloudflare Workers.
func main() {
	fmt.Fprintln(os.Stderr, "worker: build with GOOS=js GOARCH=wasm (make worker); it runs inside build/worker/entry.mjs")
	os.Exit(2)
}
