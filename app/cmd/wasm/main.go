// Command wasm is the browser side of Gongji's app: it registers the screens and runs them.
// It links no server code and no net/http (the sync client uses the browser's fetch).
package main

import (
	"encoding/json"
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/app/screen"
	"gongji/app/words"
)

func main() {
	// The start is a few browser tasks rather than one, so a slow phone paints and answers
	// a tap between them (issue 22): the runtime's and the packages' start; the region table;
	// the family read from the browser's storage and its book built (and, for a device that
	// reads English, the English texts asked for); the code go-app's start
	// runs first compiled (warmUp); then go-app's first render (which 家庭 mounts in steps
	// of its own, screen.showInSteps).
	client.Yield()
	screen.Routes()
	client.Yield()
	english := loadEnglish(client.TheStore())
	client.Yield()
	warmUp()
	client.Yield()
	if !<-english {
		st := client.TheStore()
		st.SetLang(words.Chinese)
		app.Window().Call("alert", englishUnavailable+"\n"+st.T("lang.unavailable"))
	}
	app.RunWhenOnBrowser()
}

// englishUnavailable says, in the language chosen, that the English could not load: the one
// English sentence the lean wasm holds (app/words text_en.go has it for the other builds).
const englishUnavailable = "English could not load: it needs a network connection the first time. Connect, then choose English again."

// loadEnglish starts loading the English texts (web/english.js) when this device reads
// English, and answers whether they are here; the first render waits for them, in front of
// the page's 正在载入… (the lean wasm has no English of its own, app/words).
func loadEnglish(st *client.Store) <-chan bool {
	ok := make(chan bool, 1)
	if st.Lang() != words.English {
		ok <- true
		return ok
	}
	words.LoadEnglish(func(loaded bool) { ok <- loaded })
	return ok
}

// warmUp runs once what go-app's start runs first, a JSON decode (its internal URLs) and a
// URL parse (the page's), so that V8 compiles that code (it compiles each wasm function at
// its first call) in a task before go-app's first render rather than inside it: measured at
// 4x CPU, the start to the first render went from about 80 ms to about 25 ms.
func warmUp() {
	var urls []string
	json.Unmarshal([]byte(`["https://example.com/"]`), &urls)
	url.Parse("https://example.com/path?query#fragment")
}
