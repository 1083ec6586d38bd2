// Package words holds the texts a family reads, in Chinese and English: the app's labels,
// sentences and problem wording, looked up by key.
package words

import (
	"strconv"
	"strings"
)

// The texts live in two maps, one per language: ZH (text_zh.go) first, EN (text_en.go)
// second. A test checks both have the same keys.

// Languages.
const (
	Chinese = "zh"
	English = "en"
)

// Table is the map of texts in lang.
func Table(lang string) map[string]string {
	if lang == English {
		return EN
	}
	return ZH
}

// T is the text for key in lang, or the key itself when missing (a test forbids that).
func T(lang, key string) string {
	if s, ok := Table(lang)[key]; ok {
		return s
	}
	return key
}

// Format puts args into text's places {1}, {2}, ...
func Format(text string, args ...string) string {
	for i, a := range args {
		text = strings.ReplaceAll(text, "{"+strconv.Itoa(i+1)+"}", a)
	}
	return text
}
