package order

import (
	"slices"
	"testing"
)

func TestSort(t *testing.T) {
	tests := []struct {
		name string
		in   []int
	}{
		{"empty", nil},
		{"one", []int{7}},
		{"reversed", []int{5, 4, 3, 2, 1}},
		{"with equals", []int{3, 1, 3, 2, 1, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := slices.Clone(tc.in)
			Sort(len(got), func(i, j int) bool { return got[i] < got[j] }, func(i, j int) { got[i], got[j] = got[j], got[i] })
			want := slices.Clone(tc.in)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("Sort(%v) = %v, want %v", tc.in, got, want)
			}
		})
	}
}
