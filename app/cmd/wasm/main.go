// Command wasm is the browser side of Gongji's app: it registers the screens and runs them.
// It links no server code and no net/http (the sync client uses the browser's fetch).
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	gongji "gongji/app"
)

func main() {
	gongji.Routes()
	app.RunWhenOnBrowser()
}
