package engine

import (
	"strings"
	"testing"
)

// TestEverySentenceInBothLanguages: each explanation sentence exists in Chinese and English
// with the same number of values.
func TestEverySentenceInBothLanguages(t *testing.T) {
	for m := msg(0); m < msgCount; m++ {
		zh, en := zhText(m), enText(m)
		if zh == "?" || en == "?" {
			t.Errorf("sentence %d lacks a text: zh %q en %q", m, zh, en)
			continue
		}
		if verbs(zh) != verbs(en) {
			t.Errorf("sentence %d: zh has %d values, en %d:\n%s\n%s", m, verbs(zh), verbs(en), zh, en)
		}
	}
}

func verbs(s string) int {
	return strings.Count(s, "%v") + strings.Count(s, "%q") + strings.Count(s, "%[")
}
