//go:build !gongji_lean

package region

// divisionSource is the division table compiled into this binary (divisions_gen.go).
func divisionSource() string { return divisionData }

// Data is the division table as generated, for build/tools/divisionsjs, which writes it where
// a lean client build (gongji_lean) loads it from.
func Data() string { return divisionData }

// Install is for lean client builds, which are given the table at start; a binary with the
// table compiled in ignores it.
func Install(string) {}
