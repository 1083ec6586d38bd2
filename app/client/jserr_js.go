//go:build js && wasm

package client

import (
	"errors"
	"fmt"
	"syscall/js"
)

// jsError turns a recovered syscall/js panic into an error.
func jsError(r any) error {
	if e, ok := r.(js.Error); ok {
		return errors.New(e.Error())
	}
	return fmt.Errorf("%v", r)
}
