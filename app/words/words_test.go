package words

import (
	"strings"
	"testing"

	"gongji/shared/vocab"
)

// appKeys are the text keys that name a domain value, by the vocabulary's kind.
var appKeys = map[string]string{
	vocab.Relation: "rel.", vocab.Scope: "scope.", vocab.Insurance: "ins.", vocab.Status: "status.",
	vocab.Transfer: "wstate.", vocab.Source: "col.",
}

// TestDomainWordsComeFromTheVocabulary: the app's label of every relation, scope, scheme,
// status, transfer state and account is the word of shared/vocab, the table the engine's
// explanations read, and the text tables hold no second word for any of them.
func TestDomainWordsComeFromTheVocabulary(t *testing.T) {
	for _, key := range vocab.Keys() {
		kind, value, _ := strings.Cut(key, ".")
		term, _ := vocab.Of(key)
		appKey := appKeys[kind] + value
		for _, lang := range []string{Chinese, English} {
			want := vocab.Label(kind, term, lang == Chinese)
			if got := T(lang, appKey); got != want {
				t.Errorf("%s %s: the app says %q, the vocabulary %q", lang, appKey, got, want)
			}
			if s, ok := Table(lang)[appKey]; ok {
				t.Errorf("%s %s: a second word %q in the text table", lang, appKey, s)
			}
		}
	}
}

func TestFormat(t *testing.T) {
	if got := Format("{1}为{2}", "李明", "王秀英"); got != "李明为王秀英" {
		t.Errorf("Format = %q", got)
	}
}
