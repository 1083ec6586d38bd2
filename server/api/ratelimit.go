package api

import (
	"math"
	"net"
	"net/http"
	gosync "sync"
	"time"
)

// Limiter is a token bucket per key (a client address, an invitation code): Burst requests
// at once, then one every Every. It keeps at most maxKeys keys: when full, buckets that
// have refilled are dropped, then (under a flood of distinct keys) all of them, so memory
// stays bounded at the cost of forgiving some addresses early.
type Limiter struct {
	Burst int
	Every time.Duration

	mu      gosync.Mutex
	buckets map[string]*bucket
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

func (l *Limiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()/l.Every.Seconds() >= float64(l.Burst) {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) >= maxKeys {
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
