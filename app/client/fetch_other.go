//go:build !(js && wasm)

package client

import "errors"

// httpDo is browser-only: the client never links net/http.
func httpDo(method, url string, body []byte, headers map[string]string) (int, []byte, error) {
	return 0, nil, errors.New("fetch: only in the browser")
}
