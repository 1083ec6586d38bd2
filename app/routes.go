// Package app is Gongji's progressive web app (go-app v10): one component per screen, the
// device's store in browser storage, and the sync client. The server prerenders the same
// routes (server/pwa) and the wasm main (app/cmd/wasm) runs them in the browser.
package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Paths of the screens, in the order of the navigation bar.
const (
	PathFamily    = "/"
	PathBindings  = "/bindings"
	PathBill      = "/bill"
	PathWallet    = "/wallet"
	PathLedger    = "/ledger"
	PathWithdraw  = "/withdraw"
	PathSync      = "/sync"
	PathReminders = "/reminders"
	PathData      = "/data"
)

// screen is one entry of the navigation: its path, its label's text key, and whether a
// phone's bottom bar shows it (the others are under 更多).
type screen struct {
	Path, Label string
	Primary     bool
}

// screens lists every screen in the order of the navigation.
var screens = []screen{
	{PathFamily, "nav.family", true},
	{PathBindings, "nav.bindings", false},
	{PathBill, "nav.bill", true},
	{PathWallet, "nav.wallet", false},
	{PathLedger, "nav.ledger", true},
	{PathReminders, "nav.reminders", false},
	{PathWithdraw, "nav.withdraw", false},
	{PathSync, "nav.sync", false},
	{PathData, "nav.data", false},
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
	if app.IsClient {
		installDivisions() // before any screen reads a region
	}
	app.Route(PathFamily, app.NewZeroComponentFactory(&familyPage{}))
	app.Route(PathBindings, app.NewZeroComponentFactory(&bindingsPage{}))
	app.Route(PathBill, app.NewZeroComponentFactory(&billPage{}))
	app.Route(PathWallet, app.NewZeroComponentFactory(&walletPage{}))
	app.Route(PathLedger, app.NewZeroComponentFactory(&ledgerPage{}))
	app.Route(PathWithdraw, app.NewZeroComponentFactory(&withdrawPage{}))
	app.Route(PathSync, app.NewZeroComponentFactory(&syncPage{}))
	app.Route(PathReminders, app.NewZeroComponentFactory(&remindersPage{}))
	app.Route(PathData, app.NewZeroComponentFactory(&dataPage{}))
}
