// Package words holds the texts a family reads, in Chinese and English: the app's labels,
// sentences and problem wording, looked up by key.
package words

import (
	"strconv"
	"strings"

	"gongji/shared/vocab"
)

// The texts live in two maps, one per language: ZH (text_zh.go) first, EN (text_en.go)
// second. A test checks both have the same keys. The PWA's lean build (tag gongji_lean) holds
// only ZH: the English arrive as web/english.js when a person chooses English (english_lean.go).

// Languages.
const (
	Chinese = "zh"
	English = "en"
)

// Table is the map of texts in lang; Chinese while a lean build has no English yet.
func Table(lang string) map[string]string {
	if lang != English {
		return ZH
	}
	if en := english(); en != nil {
		return en
	}
	return ZH
}

// T is the text for key in lang, or the key itself when missing (a test forbids that). The
// names of domain values (rel.*, scope.*, ins.*, status.*, wstate.*, col.account and
// col.wallet) come from the one vocabulary the engine's explanations read too (shared/vocab).
func T(lang, key string) string {
	if kind, t, ok := Domain(key); ok {
		return vocab.Label(kind, t, lang != English)
	}
	if s, ok := Table(lang)[key]; ok {
		return s
	}
	return key
}

// Domain is the vocabulary's kind and term for a key naming a domain value: rel.parent is
// the relation parent, col.wallet the account wallet; false for any other key.
func Domain(key string) (kind string, t vocab.Term, ok bool) {
	prefix, value, _ := strings.Cut(key, ".")
	switch prefix {
	case "rel":
		kind = vocab.Relation
	case "scope":
		kind = vocab.Scope
	case "ins":
		kind = vocab.Insurance
	case "status":
		kind = vocab.Status
	case "wstate":
		kind = vocab.Transfer
	case "col":
		kind = vocab.Source
	default:
		return "", vocab.Term{}, false
	}
	t, ok = vocab.Word(kind, value)
	return kind, t, ok
}

// Format puts args into text's places {1}, {2}, ...
func Format(text string, args ...string) string {
	for i, a := range args {
		text = strings.ReplaceAll(text, "{"+strconv.Itoa(i+1)+"}", a)
	}
	return text
}
