package api

import (
	"math"
	"net"
	"net/http"
	"slices"
	gosync "sync"
	"time"
)

// Limiter is a token bucket per key (a client address, an invitation code): Burst requests
// at once, then one every Every. It keeps at most maxKeys keys: when full, buckets that
// have refilled are dropped, then (under a flood of distinct keys) the ones used longest ago,
// down to three quarters of maxKeys, so memory stays bounded at the cost of forgiving some
// addresses early.
type Limiter struct {
	Burst int
	Every time.Duration

	mu      gosync.Mutex
	buckets map[string]*bucket
	prunes  int // how many times the buckets were gone through (tests)
}

type bucket struct {
	tokens float64
	at     time.Time
}

// maxKeys bounds a limiter's memory (about 100 bytes per key).
const maxKeys = 100_000

// NewLimiter allows burst requests per key, refilled one per every; burst 0 allows everything.
func NewLimiter(burst int, every time.Duration) *Limiter {
	return &Limiter{Burst: burst, Every: every, buckets: map[string]*bucket{}}
}

// Allow takes one token of key at now, or says how long until one is there.
func (l *Limiter) Allow(key string, now time.Time) (ok bool, retryAfter time.Duration) {
	if l == nil || l.Burst <= 0 || l.Every <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, found := l.buckets[key]
	if !found {
		if len(l.buckets) >= maxKeys {
			l.prune(now)
		}
		b = &bucket{tokens: float64(l.Burst), at: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(float64(l.Burst), b.tokens+now.Sub(b.at).Seconds()/l.Every.Seconds())
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) * float64(l.Every))
}

// prune makes room for at least a quarter of maxKeys new keys: a prune that freed only the
// few buckets refilled since the last one made every new key of a steady flood go through
// all of them again (quadratic, like the day quota was, issue 23).
func (l *Limiter) prune(now time.Time) {
	l.prunes++
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()/l.Every.Seconds() >= float64(l.Burst) {
			delete(l.buckets, k)
		}
	}
	keep := maxKeys * 3 / 4
	if len(l.buckets) <= keep {
		return
	}
	ats := make([]time.Time, 0, len(l.buckets))
	for _, b := range l.buckets {
		ats = append(ats, b.at)
	}
	slices.SortFunc(ats, time.Time.Compare)
	cut := ats[len(ats)-keep] // keep the newest: those used at cut or later
	for k, b := range l.buckets {
		if b.at.Before(cut) {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) > keep { // many used at the same instant
		clear(l.buckets)
	}
}

// clientAddr is who is asking, for the per-address limits: the header named by
// Limits.ClientIPHeader when a trusted proxy sets it (Cloudflare: CF-Connecting-IP), else
// the connection's address. IPv6 addresses count by their /64, what one household gets.
func (s *Server) clientAddr(r *http.Request) string {
	addr := ""
	if h := s.limits.ClientIPHeader; h != "" {
		addr = r.Header.Get(h)
	}
	if addr == "" {
		addr = r.RemoteAddr
		if host, _, err := net.SplitHostPort(addr); err == nil {
			addr = host
		}
	}
	if ip := net.ParseIP(addr); ip != nil && ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return addr
}

// tooMany answers 429 with Retry-After in whole seconds (at least 1).
func tooMany(w http.ResponseWriter, code, msg string, retry time.Duration) {
	secs := int64(math.Ceil(retry.Seconds()))
	if secs < 1 {
		secs = 1
	}
	w.Header().Set("Retry-After", itoa(secs))
	writeError(w, http.StatusTooManyRequests, code, "", msg)
}
