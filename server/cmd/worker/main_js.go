//go:build js && wasm

// Command worker is Gongji's sync API built for Cloudflare Workers: build/worker/entry.mjs
// runs one instance of it inside each family's Durable Object, with that object's SQLite
// storage behind the same API handler `gongji serve` uses.
package main

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"

	"gongji/server/api"
	"gongji/server/dosql"
	"gongji/server/dostore"
	"gongji/shared/syncwire"
)

// newFamilyHeader carries the family id the JS router chose for a new family, so that the
// family lives in the object its id names.
const newFamilyHeader = "X-Gongji-New-Family"

func main() {
	handler, err := newHandler()
	if err != nil {
		// Answer every request with the reason rather than leave the object without Go.
		handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "worker: "+err.Error(), http.StatusServiceUnavailable)
		})
	}
	workers.ServeNonBlock(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// syumai/workers v0.33.0 leaves Body nil on GET (stack-notes 4)
		if r.Body == nil {
			r.Body = http.NoBody
		}
		if err := bufferBody(r); err != nil {
			http.Error(w, "worker: read body: "+err.Error(), http.StatusBadRequest)
			return
		}
		handler.ServeHTTP(w, r)
	}))
	workers.Ready()
	select {}
}

// bufferBody reads the whole request body before the handler runs. workerd throws
// "Can't read from request stream after response has been sent" (and restarts the object)
// when a handler answers early, say 404 for another family's token, while syumai's bridge is
// still reading the body. The API refuses bodies over syncwire.MaxBodyBytes; one byte more is
// kept so it still sees the excess, and the rest is drained.
func bufferBody(r *http.Request) error {
	data, err := io.ReadAll(io.LimitReader(r.Body, syncwire.MaxBodyBytes+1))
	if err != nil {
		return err
	}
	if _, err := io.Copy(io.Discard, r.Body); err != nil {
		return err
	}
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(data))
	return nil
}

func newHandler() (http.Handler, error) {
	db, err := dosql.Open()
	if err != nil {
		return nil, err
	}
	st, err := dostore.Open(db)
	if err != nil {
		return nil, err
	}
	hub := api.NewHub()
	st.Commits = func(family string, _ int64) { hub.Notify([]string{family}) }
	debug := cloudflare.Getenv("GONGJI_DEBUG_ROUTES") == "1"
	srv := api.New(api.Config{
		Store: st,
		Hub:   hub,
		Now:   clock.now,
		Log:   slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		NewFamilyID: func(r *http.Request) string {
			return r.Header.Get(newFamilyHeader)
		},
		Limits: workerLimits(),
	})
	exposeRefundAlarm(srv, st)
	exposeFamilyID(st)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	// Debug routes exist only where GONGJI_DEBUG_ROUTES=1 (the tests' wrangler dev sets it
	// with --var; wrangler.toml does not): they are unauthenticated (issue 10).
	if debug {
		mux.HandleFunc("GET /api/v1/families/{family}/memory", memory)
		mux.HandleFunc("POST /api/v1/families/{family}/probe", probe(db))
		mux.HandleFunc("POST /api/v1/families/{family}/clock", setClock)
	}
	mux.Handle("/", srv.Handler())
	return mux, nil
}

// probe writes one row inside a transaction and returns the count: a check of the storage
// path itself, kept for the isolation test.
func probe(db *dosql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := db.Tx(func() error {
			if _, err := db.Exec("CREATE TABLE IF NOT EXISTS probe (n INTEGER)"); err != nil {
				return err
			}
			_, err := db.Exec("INSERT INTO probe (n) VALUES (?)", 1)
			return err
		})
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
}

// clock is this object's time: the real time plus an offset only the debug route sets (the
// tests move one family past 06:00 without waiting for it).
type offsetClock struct{ offset atomic.Int64 }

var clock offsetClock

func (c *offsetClock) now() time.Time {
	return time.Now().Add(time.Duration(c.offset.Load()))
}

// setClock sets the offset of this object's clock to the body's whole seconds.
func setClock(w http.ResponseWriter, r *http.Request) {
	data, _ := io.ReadAll(io.LimitReader(r.Body, 32))
	secs, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	if err != nil || secs < 0 || secs > 366*24*3600 {
		http.Error(w, fmt.Sprintf("clock: %q: want whole seconds, 0 to a year", data), http.StatusBadRequest)
		return
	}
	clock.offset.Store(int64(time.Duration(secs) * time.Second))
	fmt.Fprintln(w, clock.now().UTC().Format(time.RFC3339))
}

// memory reports this object's Go memory, for measuring what one family object holds.
func memory(w http.ResponseWriter, r *http.Request) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintf(w, "{\"heap_alloc\":%d,\"heap_inuse\":%d,\"sys\":%d}\n", m.HeapAlloc, m.HeapInuse, m.Sys)
}

// workerLimits are api.DefaultLimits with the quotas of the worker's variables
// (GONGJI_QUOTA_CHANGES, GONGJI_QUOTA_MB, GONGJI_STREAMS_PER_DEVICE, GONGJI_STREAMS, as
// `gongji serve` reads them). Each object is one family, so StreamsTotal bounds one family's
// streams; Cloudflare's CF-Connecting-IP is the client's address.
func workerLimits() *api.Limits {
	l := api.DefaultLimits()
	l.ClientIPHeader = "CF-Connecting-IP"
	// Family creations and joins are counted by entry.mjs (LimiterDO) for the whole
	// deployment before an object is reached; a count inside one object would only add a
	// second, smaller limit per family.
	l.FamiliesBurst, l.JoinBurst = 0, 0
	env := func(name string, into *int) {
		if n, err := strconv.Atoi(cloudflare.Getenv(name)); err == nil {
			*into = n
		}
	}
	env("GONGJI_QUOTA_CHANGES", &l.ChangesPerDay)
	env("GONGJI_STREAMS_PER_DEVICE", &l.StreamsPerDevice)
	env("GONGJI_STREAMS", &l.StreamsTotal)
	mb := int(l.BytesPerDay >> 20)
	env("GONGJI_QUOTA_MB", &mb)
	l.BytesPerDay = int64(mb) << 20
	return &l
}
