package main

import "testing"

func TestGCPercentFor(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct {
		name        string
		live, floor int64
		want        int
	}{
		{"small heap: the goal is live + floor", 20 * mb, 128 * mb, 640},
		{"live equals the floor: Go's default", 128 * mb, 128 * mb, 100},
		{"a city's heap: Go's default", 734 * mb, 128 * mb, 100},
		{"an almost empty heap: capped", 1, 128 * mb, 10000},
		{"nothing live yet: capped", 0, 128 * mb, 10000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := gcPercentFor(tc.live, tc.floor); got != tc.want {
				t.Errorf("gcPercentFor(%d, %d) = %d, want %d", tc.live, tc.floor, got, tc.want)
			}
		})
	}
}
