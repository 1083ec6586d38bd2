package client

import (
	"syscall/js"

	"gongji/shared/region"
)

// InstallDivisions gives the lean build (tag gongji_lean) its region table, which the page
// loads as web/divisions.js before the wasm; a build with the table compiled in ignores it.
func InstallDivisions() {
	if table := js.Global().Get("gongjiDivisions"); table.Type() == js.TypeString {
		region.Install(table.String())
	}
}
