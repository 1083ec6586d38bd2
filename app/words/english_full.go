//go:build !gongji_lean

package words

// english is the English table, compiled into every build but the PWA's lean one.
func english() map[string]string { return EN }

// HasEnglish says whether the English texts are here: always, but in the lean build only once
// web/english.js has run.
func HasEnglish() bool { return true }

// LoadEnglish calls done(true) at once: the English are compiled in (the lean build's are
// loaded by the page, english_lean.go).
func LoadEnglish(done func(ok bool)) { done(true) }
