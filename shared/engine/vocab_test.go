package engine

import (
	"strings"
	"testing"

	"gongji/shared/vocab"
)

// TestDomainWordsComeFromTheVocabulary: the explanations name every relation, scope, scheme,
// status, transfer state and account with the words of shared/vocab, the table the app's
// labels read (app/words), in both languages.
func TestDomainWordsComeFromTheVocabulary(t *testing.T) {
	for _, key := range vocab.Keys() {
		term, _ := vocab.Of(key)
		v := key[strings.IndexByte(key, '.')+1:]
		if strings.HasPrefix(key, vocab.Source+".") {
			v = key // the explanations name an account as source.account
		}
		for _, zh := range []bool{true, false} {
			if got := label(v, zh); got != term.In(zh) {
				t.Errorf("%s (zh %v): the explanations say %q, the vocabulary %q", key, zh, got, term.In(zh))
			}
		}
	}
}
