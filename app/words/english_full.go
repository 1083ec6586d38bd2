//go:build !gongji_lean

package words

// english is the English table, compiled into every build but the PWA's lean one.
func english() map[string]string { return EN }

// LoadEnglish calls done(true) at once: the English are compiled in (the lean build's are
// loaded by the page, english_lean.go).
func LoadEnglish(done func(ok bool)) { done(true) }
