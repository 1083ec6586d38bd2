// Package order sorts a list by index with sort.Sort: the one copy of the sorting algorithm
// the app's wasm has anyway (sort.Slice brings a second one and the reflection that swaps;
// issue 22).
package order

import "sort"

// Sort sorts n elements in place with less and swap (not stable: give less a last key that
// makes the order total where the order of equals matters).
func Sort(n int, less func(i, j int) bool, swap func(i, j int)) {
	sort.Sort(&byLess{n, less, swap})
}

type byLess struct {
	n    int
	less func(i, j int) bool
	swap func(i, j int)
}

func (s *byLess) Len() int           { return s.n }
func (s *byLess) Less(i, j int) bool { return s.less(i, j) }
func (s *byLess) Swap(i, j int)      { s.swap(i, j) }
