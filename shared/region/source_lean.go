//go:build gongji_lean

package region

// The lean build (the PWA's wasm, tag gongji_lean) leaves the 108 KB division table out of
// the binary, where it cost about 39 KB of the 2.5 MB gzip budget: the page loads it as
// web/divisions.js (made by build/tools/divisionsjs, cached by the service worker) and the
// client installs it before anything reads a region.
var installed string

// Install gives a lean build its division table; call it once, before the first lookup.
func Install(table string) { installed = table }

func divisionSource() string { return installed }
