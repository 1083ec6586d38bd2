// Command wasm is the browser side of Gongji's app: it registers the screens and runs them.
// It links no server code and no net/http (the sync client uses the browser's fetch).
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/app/screen"
)

func main() {
	// The start is a few browser tasks rather than one, so a slow phone paints and answers
	// a tap between them (issue 22): the runtime's and the packages' start; the region table;
	// the family read from the browser's storage and its book built; then go-app's first
	// render (which 家庭 mounts in steps of its own, screen.showInSteps).
	client.Yield()
	screen.Routes()
	client.Yield()
	client.TheStore()
	client.Yield()
	app.RunWhenOnBrowser()
}
