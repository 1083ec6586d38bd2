// Command wasm is the browser side of Gongji's app: it registers the screens and runs them.
// It links no server code and no net/http (the sync client uses the browser's fetch).
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/app/screen"
)

func main() {
	// The runtime's and the packages' start is one browser task; ending it there, and again
	// after the region table is in, keeps each task shorter (issue 22).
	client.Yield()
	screen.Routes()
	client.Yield()
	app.RunWhenOnBrowser()
}
