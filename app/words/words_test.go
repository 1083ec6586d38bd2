package words

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
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

// TestEveryTextIsUsed: each text's key is named somewhere in the app or shared code (as the
// key itself, or by a prefix ending in "." that code completes, such as "code." or "sex."),
// so that the wasm carries no text nobody shows.
func TestEveryTextIsUsed(t *testing.T) {
	var src strings.Builder
	for _, dir := range []string{"..", "../../shared"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.Contains(path, "/words/text_") {
				return err
			}
			b, err := os.ReadFile(path)
			src.Write(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	code := src.String()
	prefixes := regexp.MustCompile(`"([a-z_.]+\.)"`).FindAllStringSubmatch(code, -1)
	for key := range ZH {
		if strings.Contains(code, `"`+key+`"`) {
			continue
		}
		used := false
		for _, p := range prefixes {
			used = used || strings.HasPrefix(key, p[1])
		}
		if !used {
			t.Errorf("text %q: no code names it", key)
		}
	}
}
