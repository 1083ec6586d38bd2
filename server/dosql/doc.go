// Package dosql is a small Go face for a Cloudflare Durable Object's SQLite storage. It
// exists only in the js/wasm build (dosql_js.go); see that file.
package dosql
