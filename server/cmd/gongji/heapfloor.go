package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// keepHeapFloor lets the heap grow at least floor bytes past what the last collection found
// live before the next one starts (Go's default GOGC=100 alone: as much again as is live).
// A server with few families warm has a live heap of about 20 MB and allocates some 15 KB a
// push: at c=100 the collector ran 8 times a second, a tenth of the server's CPU and pauses
// that every push waited behind (issue 23). With a large heap (a city of families) the
// default is already more than the floor and nothing changes. After each collection it sets
// GOGC so that the next goal is max(2 x live, live + floor); it does nothing when GOGC is set
// in the environment or floor is 0. A memory limit (-memory-mb) still wins over it.
func keepHeapFloor(floor int64) {
	if floor <= 0 || os.Getenv("GOGC") != "" {
		return
	}
	t := &heapFloor{floor: floor, set: 100, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.arm()
}

type heapFloor struct {
	floor  int64
	set    int // the GOGC set last
	sample []metrics.Sample
}

// gcSentinel is garbage as soon as it is made: its finalizer runs after the next collection.
// Big enough not to share a tiny allocation block with other objects.
type gcSentinel struct {
	_ [32]byte
	p *int
}

func (t *heapFloor) arm() {
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		t.tune()
		t.arm()
	})
}

// tune runs on the finalizer goroutine after each collection.
func (t *heapFloor) tune() {
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	pct := gcPercentFor(int64(t.sample[0].Value.Uint64()), t.floor)
	// Only a change of more than a tenth: each change recomputes the collector's pacing.
	if d := pct - t.set; d*10 > t.set || -d*10 > t.set {
		debug.SetGCPercent(pct)
		t.set = pct
	}
}

// gcPercentFor is the GOGC that puts the next collection's goal at max(2 x live, live +
// floor), at most 10,000 (an almost empty heap).
func gcPercentFor(live, floor int64) int {
	if live <= 0 || floor*100/live >= 10000 {
		return 10000
	}
	return int(max(100, floor*100/live))
}
