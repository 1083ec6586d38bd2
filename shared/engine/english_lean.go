//go:build gongji_lean

package engine

// The lean build (the PWA's wasm, tag gongji_lean) leaves the English sentences (text_en.go)
// out of the binary: the page loads them with the app's English (web/english.js) when a
// person chooses English, and installs them here before anything is explained in English.
var installedEN map[string]string

// InstallEnglish gives a lean build the English sentences by message id.
func InstallEnglish(sentences map[string]string) { installedEN = sentences }

// sentenceEN is the line's English sentence once installed, else the Chinese one: a line is
// never blank.
func sentenceEN(m Msg) string {
	if s, ok := installedEN[string(m)]; ok {
		return s
	}
	return zhText(m)
}
