package api

import (
	"flag"
	"os"
	"strings"
	"testing"

	"gongji/shared/mutation"
)

var updateDoc = flag.Bool("update-doc", false, "rewrite server/API.md's consent table from shared/mutation")

// API.md's consent table is the declarations' (mutation.ConsentTable): a kind added, or its
// consent changed, changes the document, or this test fails (go test ./server/api -run
// TestConsentTableInAPI -update-doc rewrites it).
func TestConsentTableInAPI(t *testing.T) {
	const path = "../API.md"
	const open, end = "<!-- consent table: generated from shared/mutation (mutation.ConsentTable) -->\n", "<!-- end of consent table -->"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	i, j := strings.Index(doc, open), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s: the consent table's markers are missing", path)
	}
	got, want := doc[i+len(open):j], mutation.ConsentTable()
	if got == want {
		return
	}
	if *updateDoc {
		if err := os.WriteFile(path, []byte(doc[:i+len(open)]+want+doc[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s's consent table differs from the declarations (run with -update-doc):\n got:\n%s\nwant:\n%s", path, got, want)
}
