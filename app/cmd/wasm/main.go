// Command wasm is the browser side of Gongji's app: it registers the screens and runs them.
// It links no server code and no net/http (the sync client uses the browser's fetch).
package main

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	gongji "gongji/app"
)

func main() {
	// The runtime's and the packages' start is one task; sleeping ends it, so the page stays
	// responsive between it and the first render (issue 22: shorter tasks at first load).
	time.Sleep(time.Millisecond)
	gongji.Routes()
	app.RunWhenOnBrowser()
}
