//go:build gongji_lean

package source

// The lean build (the PWA's wasm, tag gongji_lean) leaves the catalogue's English words
// (catalogue_en.go) out of the binary: the page loads them with the other English texts
// (web/english.js) when a person chooses English, and installs them here before anything is
// cited in English.
var installedEN map[ID]English

// InstallEnglish gives a lean build the catalogue's English words.
func InstallEnglish(words map[ID]English) { installedEN = words }

// englishOf is a source's English words once installed (the app asks for English citations
// only after it has installed them).
func englishOf(id ID) English { return installedEN[id] }
