// Package app is Gongji's progressive web app (go-app v10): one component per screen, the
// device's store in browser storage, and the sync client. The server prerenders the same
// routes (server/pwa) and the wasm main (app/cmd/wasm) runs them in the browser.
package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Paths of the screens, in the order of the navigation bar.
const (
	PathFamily   = "/"
	PathBindings = "/bindings"
	PathBill     = "/bill"
	PathWallet   = "/wallet"
	PathLedger   = "/ledger"
	PathWithdraw = "/withdraw"
	PathSync     = "/sync"
)

// screens pairs each path with its navigation label key.
var screens = []struct{ Path, Label string }{
	{PathFamily, "nav.family"},
	{PathBindings, "nav.bindings"},
	{PathBill, "nav.bill"},
	{PathWallet, "nav.wallet"},
	{PathLedger, "nav.ledger"},
	{PathWithdraw, "nav.withdraw"},
	{PathSync, "nav.sync"},
}

// Paths lists every screen's path (the server prerenders them; the service worker serves
// the app shell for each offline).
func Paths() []string {
	out := make([]string, len(screens))
	for i, s := range screens {
		out[i] = s.Path
	}
	return out
}

// Routes registers every screen with go-app. Both mains call it.
func Routes() {
	app.Route(PathFamily, app.NewZeroComponentFactory(&familyPage{}))
	app.Route(PathBindings, app.NewZeroComponentFactory(&bindingsPage{}))
	app.Route(PathBill, app.NewZeroComponentFactory(&billPage{}))
	app.Route(PathWallet, app.NewZeroComponentFactory(&walletPage{}))
	app.Route(PathLedger, app.NewZeroComponentFactory(&ledgerPage{}))
	app.Route(PathWithdraw, app.NewZeroComponentFactory(&withdrawPage{}))
	app.Route(PathSync, app.NewZeroComponentFactory(&syncPage{}))
}
