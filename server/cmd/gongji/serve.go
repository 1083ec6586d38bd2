package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"gongji/server/api"
	"gongji/server/buntstore"
	"gongji/server/pwa"
	"gongji/server/store"
	"gongji/shared/engine"
	"gongji/shared/family"
)

// serveCmd is `gongji serve`: the sync API under /api/, /healthz and the PWA, over one
// BuntDB file in the data directory.
func serveCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", envOr("GONGJI_ADDR", "127.0.0.1:8080"), "listen address (GONGJI_ADDR)")
	data := fs.String("data", envOr("GONGJI_DATA", "./data"), "data directory (GONGJI_DATA)")
	level := fs.String("log", envOr("GONGJI_LOG", "info"), "log level: debug, info, warn, error (GONGJI_LOG)")
	readLimits := limitFlags(fs) // limits.go (issue 10)
	memoryMB := fs.Int("memory-mb", envInt("GONGJI_MEMORY_MB", 0), "soft limit of the server's memory in MiB (Go's GOMEMLIMIT): the collector works harder near it and gives memory back to the OS; 0: Go's default (GONGJI_MEMORY_MB)")
	maxWarm := fs.Int("max-warm-families", envInt("GONGJI_MAX_WARM_FAMILIES", 10000), "families kept in memory; the ones used longest ago go cold (to the archive file) past it and come back on their next use, about 45 KB each when warm, a few hundred bytes cold; 0: no bound, every family warm (GONGJI_MAX_WARM_FAMILIES)")
	heapFloorMB := fs.Int("heap-floor-mb", envInt("GONGJI_HEAP_FLOOR_MB", 128), "the heap may grow this many MiB past what is live before Go's collector runs again (Go's default alone: as much again as is live); more memory for fewer collections, which a small server under load spends a tenth of its CPU and its latency on; 0: Go's default (GONGJI_HEAP_FLOOR_MB)")
	debugAddr := fs.String("debug-addr", envOr("GONGJI_DEBUG_ADDR", ""), "address of Go's profiler (/debug/pprof/), for measuring; keep it on loopback; empty: none (GONGJI_DEBUG_ADDR)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	limits, err := readLimits()
	if err != nil {
		fmt.Fprintf(stderr, "gongji serve: %v\n", err)
		return 2
	}
	log, err := newLogger(stderr, *level)
	if err != nil {
		fmt.Fprintf(stderr, "gongji serve: -log: %v\n", err)
		return 2
	}
	if *memoryMB > 0 {
		debug.SetMemoryLimit(int64(*memoryMB) << 20)
	}
	if *debugAddr != "" {
		go serveDebug(*debugAddr, log)
	}
	hub := api.NewHub()
	db, err := buntstore.Open(*data, buntstore.Options{OnCommit: hub.Notify, TornTail: func(n int64) {
		log.Warn("torn tail dropped: the unfinished last write of a crash (never acknowledged) was cut off", "bytes", n)
	}, MoveError: func(err error) {
		log.Warn("old log records could not move to the archive; they stay in the database file", "err", err)
	}, MaxWarm: *maxWarm, Sweep: pendingTransfers})
	if err != nil {
		fmt.Fprintf(stderr, "gongji serve: %v\n", err)
		return 1
	}
	defer db.Close()
	keepHeapFloor(int64(*heapFloorMB) << 20) // heapfloor.go; after the open, which sets its own GOGC
	apiServer := api.New(api.Config{Store: db, Engine: engine.Default(), Log: log, Hub: hub, Limits: limits})
	log.Info("limits", "quota_changes", limits.ChangesPerDay, "quota_bytes", limits.BytesPerDay,
		"streams", limits.StreamsTotal, "streams_per_device", limits.StreamsPerDevice, "open_signup", !limits.ClosedSignup)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "gongji serve: listen on %s: %v\n", *addr, err)
		return 1
	}
	srv := &http.Server{Handler: routes(apiServer), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	srv.RegisterOnShutdown(apiServer.Stop)
	// Signals are caught before the start line: whoever waits for that line may stop us at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Info("serving", "addr", ln.Addr().String(), "data", *data, "version", version)
	fmt.Fprintf(stdout, "Gongji is running at http://%s/\n", ln.Addr())
	// Reading the file leaves garbage about the size of the file; give it back to the OS now
	// instead of whenever the scavenger gets to it (RSS after a start, issue 9), once serving:
	// with a million families the collection takes a good part of a second (issue 23).
	go debug.FreeOSMemory()
	sweepCtx, stopSweep := context.WithCancel(context.Background())
	swept := make(chan struct{})
	go sweepRefunds(sweepCtx, apiServer, db, log, swept)
	code := serveUntilSignal(ctx, srv, ln, log, stderr)
	stopSweep()
	<-swept // before the deferred db.Close
	return code
}

// serveDebug serves Go's profiler on its own address (never on the API's).
func serveDebug(addr string, log *slog.Logger) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	if err := http.ListenAndServe(addr, mux); err != nil {
		log.Warn("debug address", "addr", addr, "err", err)
	}
}

// pendingTransfers says whether a family going cold still needs the refund sweep: it has a
// wallet transfer not yet accepted or refunded (the sweep lists only warm families and these).
func pendingTransfers(h *store.Head) bool {
	for _, t := range h.State.Transfers {
		if t.State == family.Pending {
			return true
		}
	}
	return false
}

// sweepEvery is how often the server looks for wallet transfers due for their 06:00 refund.
const sweepEvery = time.Minute

func sweepRefunds(ctx context.Context, a *api.Server, db *buntstore.Store, log *slog.Logger, done chan<- struct{}) {
	defer close(done)
	tick := time.NewTicker(sweepEvery)
	defer tick.Stop()
	for {
		n, err := a.SweepRefunds(ctx, db.Families())
		if err != nil && ctx.Err() == nil {
			log.Error("refund sweep", "err", err)
		}
		if n > 0 {
			log.Info("wallet transfers refunded at 06:00", "count", n)
		}
		if n, err := db.SweepInvites(time.Now()); err != nil || n > 0 { // issue 10: at start, then every minute
			log.Info("expired invitations swept", "count", n, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// routes: the API, the health check, and the PWA for everything else.
func routes(apiServer *api.Server) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("/api/", apiServer.Handler())
	mux.Handle("/", pwa.Handler(version))
	return api.Canonical(mux) // a non-canonical API path is 404, not the mux's redirect
}

// serveUntilSignal serves until SIGINT or SIGTERM, then stops taking requests, lets running
// ones finish (10 s at most) and returns; the caller closes the store after that.
func serveUntilSignal(ctx context.Context, srv *http.Server, ln net.Listener, log *slog.Logger, stderr io.Writer) int {
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
		log.Info("shutting down")
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "gongji serve: %v\n", err)
		return 1
	}
	<-done
	log.Info("stopped")
	return 0
}

func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(level))); err != nil {
		return nil, err
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
