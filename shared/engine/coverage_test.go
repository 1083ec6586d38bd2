package engine_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEveryRuleHasCases makes sure each rule id of rules.md has at least one row in the rule
// tables of this package, so that a rule cannot be added without a test.
func TestEveryRuleHasCases(t *testing.T) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(data)
	}
	var ids []string
	add := func(prefix string, from, to int) {
		for i := from; i <= to; i++ {
			ids = append(ids, prefix+strconv.Itoa(i))
		}
	}
	add("B", 1, 8)
	add("SZ", 1, 8)
	add("S", 0, 8)
	add("W", 1, 12)
	add("D", 1, 4)
	add("T", 1, 4)
	ids = append(ids, "SH1", "SH2", "BJ1", "RT1")
	for _, id := range ids {
		if !strings.Contains(all.String(), `{"`+id+`", "`) {
			t.Errorf("rule %s has no case in the rule tables", id)
		}
	}
}
