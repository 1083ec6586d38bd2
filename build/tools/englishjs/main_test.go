package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"gongji/app/words"
	"gongji/shared/engine"
	"gongji/shared/source"
)

// TestScriptHoldsEveryEnglishText: web/english.js gives the lean wasm every English text of
// the app, every English sentence of the engine and the catalogue's English words, as the
// wasm decodes it (app/words).
func TestScriptHoldsEveryEnglishText(t *testing.T) {
	js, err := script()
	if err != nil {
		t.Fatal(err)
	}
	_, value, ok := strings.Cut(js, "self.gongjiEnglish = ")
	if !ok {
		t.Fatalf("no self.gongjiEnglish in %.200s", js)
	}
	var file string
	if err := json.Unmarshal([]byte(strings.TrimSuffix(value, ";\n")), &file); err != nil {
		t.Fatalf("not a JSON string: %v", err)
	}
	var got words.EnglishFile
	if err := json.Unmarshal([]byte(file), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.App, words.EN) {
		t.Errorf("app texts: %d, want the %d of words.EN", len(got.App), len(words.EN))
	}
	if want := source.EnglishTable(); !reflect.DeepEqual(got.Sources, want) || len(want) < 40 {
		t.Errorf("sources: %d, want %d", len(got.Sources), len(want))
	}
	if want := engine.EnglishSentences(); !reflect.DeepEqual(got.Engine, want) || len(want) < 50 {
		t.Errorf("engine sentences: %d, want %d", len(got.Engine), len(want))
	}
}
