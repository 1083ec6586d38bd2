package family

import (
	"strings"
	"unicode"
)

// NameKey is the form in which two names of a family are compared (R4: no two members share
// a name): spaces trimmed and runs of spaces made one, format characters (zero-width spaces
// and joiners, the byte-order mark) dropped, and the compatibility forms a Chinese phone
// keyboard types folded as Unicode NFKC folds them: full-width letters, digits and signs to
// their ASCII forms, the ideographic space to a space. Letters keep their case.
//
// It is NFKC for the characters names are typed with, not the whole of NFKC: the full tables
// would add about 100 kB to the app for characters no family name holds.
func NameKey(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	space := false
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Cf, r):
			continue
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII forms (NFKC: their ASCII letters)
			r -= 0xFEE0
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
