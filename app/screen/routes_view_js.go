//go:build js && wasm

package screen

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// scrollToID brings the element with this id to the top of the screen (a form a routes view
// just filled in), when there is one.
func scrollToID(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() && el.Get("scrollIntoView").Truthy() {
		el.Call("scrollIntoView")
	}
}
