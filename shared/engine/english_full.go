//go:build !gongji_lean

package engine

// sentenceEN is the line's English sentence (text_en.go).
func sentenceEN(m Msg) string { return enText(m) }

// EnglishSentences are the English sentences by message id, for build/tools/englishjs,
// which writes them where the lean client build (gongji_lean) loads them from.
func EnglishSentences() map[string]string {
	out := make(map[string]string, len(enTexts))
	for m, s := range enTexts {
		out[string(m)] = s
	}
	return out
}

// InstallEnglish is for lean client builds, which are given the English sentences when a
// person chooses English; a build with them compiled in ignores it.
func InstallEnglish(map[string]string) {}
