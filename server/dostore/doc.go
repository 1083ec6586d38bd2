// Package dostore implements store.Store on one Cloudflare Durable Object's SQLite storage:
// the object holds exactly one family (the JS shim routes each family to its own object), so
// every method serves that family and answers store.ErrNotFound for any other. It exists only
// in the js/wasm build of the worker (server/cmd/worker).
package dostore
