package region

import "testing"

// BenchmarkFirstLocate is what a start pays for the first region a screen names: building the
// division index (issue 22: the first screen's region picker) and one Locate.
func BenchmarkFirstLocate(b *testing.B) {
	for i := 0; i < b.N; i++ {
		ix := buildIndex()
		if _, ok := ix.get("430424"); !ok {
			b.Fatal("430424 not found")
		}
	}
}
