//go:build js && wasm

// Command worker is Gongji's sync API built for Cloudflare Workers: build/worker/entry.mjs
// runs one instance of it inside each family's Durable Object.
package main

import (
	"fmt"
	"net/http"
	"runtime"

	"github.com/syumai/workers"

	"gongji/server/dosql"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("POST /api/v1/probe", probe)
	mux.HandleFunc("POST /api/v1/families/{family}/probe", probe)
	mux.HandleFunc("GET /api/v1/families/{family}/memory", memory)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// syumai/workers v0.33.0 leaves Body nil on GET (stack-notes 4)
		if r.Body == nil {
			r.Body = http.NoBody
		}
		mux.ServeHTTP(w, r)
	})
	workers.ServeNonBlock(handler)
	workers.Ready()
	select {}
}

// probe writes one row inside a transaction and returns the count: the storage path the real
// store uses.
func probe(w http.ResponseWriter, r *http.Request) {
	db, err := dosql.Open()
	if err == nil {
		err = db.Tx(func() error {
			if _, err := db.Exec("CREATE TABLE IF NOT EXISTS probe (n INTEGER)"); err != nil {
				return err
			}
			_, err := db.Exec("INSERT INTO probe (n) VALUES (?)", 1)
			return err
		})
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rows, err := db.Exec("SELECT COUNT(*) AS n FROM probe")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, "%v\n", rows[0]["n"])
}

// memory reports this object's Go heap, for measuring the memory a family object holds.
func memory(w http.ResponseWriter, r *http.Request) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintf(w, "{\"heap_alloc\":%d,\"sys\":%d}\n", m.HeapAlloc, m.Sys)
}
