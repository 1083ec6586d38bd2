package api

import (
	"fmt"
	"testing"
	"time"
)

// TestLimiterPruneIsAmortized: a steady flood of new addresses, one bucket refilling for each
// new one, must not make every new address go through every bucket (quadratic: 100,000
// buckets scanned per request). Each prune must make room for many new keys.
func TestLimiterPruneIsAmortized(t *testing.T) {
	l := NewLimiter(2, time.Second)
	now := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	step := time.Second / maxKeys // over maxKeys keys, the first buckets refill: one per new key
	inserts := 2 * maxKeys
	for i := range inserts {
		l.Allow(fmt.Sprintf("10.%d.%d.%d", i>>16, i>>8&255, i&255), now)
		now = now.Add(step)
		if l.prunes > 10 {
			t.Fatalf("%d prunes after %d new keys (each goes through every bucket): quadratic", l.prunes, i+1)
		}
	}
	if len(l.buckets) > maxKeys {
		t.Fatalf("%d buckets, bound %d", len(l.buckets), maxKeys)
	}
	// An address just limited is still limited after the prunes: the newest buckets stay.
	l.Allow("limited", now)
	l.Allow("limited", now)
	if ok, _ := l.Allow("limited", now); ok {
		t.Fatal("a third request at once was allowed (burst 2)")
	}
}
