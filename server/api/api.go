// Package api is the sync server's HTTP API under /api/v1/ (server/API.md): families,
// devices and invitations, push, pull (with long poll) and server-sent change notices. The
// handlers are thin: the rules are in shared/mutation, the storage behind store.Store.
package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	gosync "sync"
	"time"

	"gongji/server/store"
	"gongji/shared/engine"
)

// Server serves the API of one store.
type Server struct {
	store       store.Store
	engine      *engine.Engine
	log         *slog.Logger
	now         func() time.Time
	hub         *Hub
	newFamilyID func(r *http.Request) string

	stopOnce gosync.Once
	stopped  chan struct{}

	// issue 10: quotas, stream caps, rate limits, closed signup (limits.go, ratelimit.go)
	limits                                  Limits
	quotas                                  quotas
	streams                                 streams
	familyLimiter, joinLimiter, codeLimiter *Limiter
	signup                                  signupCodes
}

// Config is what a Server needs; Now defaults to time.Now, Log to slog.Default.
type Config struct {
	Store  store.Store
	Engine *engine.Engine
	Log    *slog.Logger
	Now    func() time.Time
	Hub    *Hub
	// NewFamilyID names a family being created; nil means a random "f..." id. The Worker
	// build takes the id its JS router chose, so the family lives in the object it names.
	NewFamilyID func(r *http.Request) string
	// Limits: nil means DefaultLimits (limits.go).
	Limits *Limits
}

// New makes a server. Wire cfg.Hub.Notify to the store's commits so waiters wake up.
func New(cfg Config) *Server {
	s := &Server{store: cfg.Store, engine: cfg.Engine, log: cfg.Log, now: cfg.Now, hub: cfg.Hub,
		newFamilyID: cfg.NewFamilyID, stopped: make(chan struct{})}
	if s.newFamilyID == nil {
		s.newFamilyID = func(*http.Request) string { return newID("f") }
	}
	if s.engine == nil {
		s.engine = engine.Default()
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.hub == nil {
		s.hub = NewHub()
	}
	s.setLimits(cfg.Limits)
	return s
}

// Stop ends long polls and event streams (call it when the HTTP server shuts down).
func (s *Server) Stop() { s.stopOnce.Do(func() { close(s.stopped) }) }

// Handler is the /api/ tree.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v1/families", s.createFamily)
	mux.HandleFunc("POST /api/v1/join", s.join)
	mux.HandleFunc("POST /api/v1/signup-codes", s.signupCode)
	mux.HandleFunc("GET /api/v1/families/{family}", s.inFamily(s.familyInfo))
	mux.HandleFunc("POST /api/v1/families/{family}/invites", s.inFamily(s.invite))
	mux.HandleFunc("GET /api/v1/families/{family}/devices", s.inFamily(s.devices))
	mux.HandleFunc("DELETE /api/v1/families/{family}/devices/{device}", s.inFamily(s.revokeDevice))
	mux.HandleFunc("POST /api/v1/families/{family}/push", s.inFamily(s.push))
	mux.HandleFunc("GET /api/v1/families/{family}/pull", s.inFamily(s.pull))
	mux.HandleFunc("GET /api/v1/families/{family}/events", s.inFamily(s.events))
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "", fmt.Sprintf("no endpoint %s %s", r.Method, r.URL.Path))
	})
	return s.logged(secureHeaders(Canonical(mux))) // canonical.go: one spelling of each path
}

// apiError is the body of every error answer.
type apiError struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code    string `json:"code"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	jsonHeaders(w, status)
	json.NewEncoder(w).Encode(v)
}

// jsonHeaders starts an answer of JSON that no cache keeps.
func jsonHeaders(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
}

func writeError(w http.ResponseWriter, status int, code, field, msg string) {
	writeJSON(w, status, apiError{errorBody{Code: code, Field: field, Message: msg}})
}

// storeError answers a store failure: not found is 404, the rest 503 (nothing acknowledged).
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "not_found", "", "not found")
	case errors.Is(err, store.ErrExists):
		writeError(w, http.StatusConflict, "conflict", "", err.Error())
	default:
		s.log.Error("store", "path", r.URL.Path, "err", err)
		writeError(w, http.StatusServiceUnavailable, "unavailable", "", "storage unavailable, nothing was saved; retry later")
	}
}

// statusWriter remembers the status for the access log; Unwrap lets
// http.ResponseController reach Flush for event streams.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		level := slog.LevelDebug
		if sw.status >= 500 {
			level = slog.LevelError
		} else if sw.status >= 400 {
			level = slog.LevelInfo
		}
		if s.log.Enabled(r.Context(), level) { // successful requests log at debug, usually off
			s.log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path,
				"status", sw.status, "ms", time.Since(start).Milliseconds())
		}
	})
}
