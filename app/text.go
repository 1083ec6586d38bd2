package app

// The texts a family reads live in two maps, one per language: zh (text_zh.go) first, en
// (text_en.go) second. A test checks both have the same keys.

// Languages.
const (
	Chinese = "zh"
	English = "en"
)

func texts(lang string) map[string]string {
	if lang == English {
		return en
	}
	return zh
}

// tr is the text for key in lang, or the key itself when missing (a test forbids that).
func tr(lang, key string) string {
	if s, ok := texts(lang)[key]; ok {
		return s
	}
	return key
}
