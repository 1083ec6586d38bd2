//go:build gongji_lean

package words

import (
	"encoding/json"
	"sync"
	"syscall/js"

	"gongji/shared/engine"
	"gongji/shared/source"
)

// The lean build (the PWA's wasm, tag gongji_lean) leaves the English texts out of the binary:
// most families read Chinese, and the English of the app and of the engine's explanations
// cost 9.2 KB of the wasm's gzip. The page loads them as web/english.js (made by
// build/tools/englishjs) for a device that reads English (LoadEnglish), and the service
// worker keeps them for offline use from then on.

// englishFile is web/english.js's texts, read from the page at the first call after it has
// run (hasEnglish). A pointer, so the binary's one OnceValue for pointers serves it.
var englishFile = sync.OnceValue(func() *EnglishFile {
	f := new(EnglishFile)
	json.Unmarshal([]byte(pageEnglish().String()), f)
	return f
})

// pageEnglish is what web/english.js set: the file's JSON as a string, else undefined.
func pageEnglish() js.Value { return js.Global().Get("gongjiEnglish") }

// english is the English table once web/english.js has run, else nil (Table then answers in
// Chinese).
func english() map[string]string {
	if !hasEnglish() {
		return nil
	}
	return englishFile().App
}

// hasEnglish says whether web/english.js has run.
func hasEnglish() bool { return pageEnglish().Type() == js.TypeString }

// LoadEnglish has the page load web/english.js (gongjiLoadEnglish, which server/pwa adds to
// go-app's app.js), gives the engine its sentences and the catalogue its English words, and
// calls done with true; with false when it could not load (offline before this device ever
// loaded English). The wasm calls it once, at start, on a device that reads English.
func LoadEnglish(done func(ok bool)) {
	var loaded js.Func
	loaded = js.FuncOf(func(js.Value, []js.Value) any {
		loaded.Release()
		ok := hasEnglish() && len(englishFile().App) > 0
		if ok {
			engine.InstallEnglish(englishFile().Engine)
			source.InstallEnglish(englishFile().Sources)
		}
		done(ok)
		return nil
	})
	js.Global().Call("gongjiLoadEnglish", loaded)
}
