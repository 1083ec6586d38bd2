// Package app is Gongji's progressive web app (go-app v10): one component per screen, the
// device's store in browser storage, and the sync client. The server prerenders the same
// routes (server/pwa) and the wasm main (app/cmd/wasm) runs them in the browser.
package screen

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
)

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

// screen is one entry of the navigation: its path, its label's text key, whether a phone's
// bottom bar shows it (the others are under 更多), its title's text key (the first screen
// shows it before the screen is ready) and the screen's component.
type screen struct {
	Path, Label string
	Primary     bool
	Title       string
	New         func() app.Composer
}

// screens lists every screen in the order of the navigation.
var screens = []screen{
	{PathFamily, "nav.family", true, "family.title", app.NewZeroComponentFactory(&familyPage{})},
	{PathBindings, "nav.bindings", false, "nav.bindings", app.NewZeroComponentFactory(&bindingsPage{})},
	{PathBill, "nav.bill", true, "bill.title", app.NewZeroComponentFactory(&billPage{})},
	{PathWallet, "nav.wallet", false, "wallet.title", app.NewZeroComponentFactory(&walletPage{})},
	{PathLedger, "nav.ledger", true, "ledger.title", app.NewZeroComponentFactory(&ledgerPage{})},
	{PathReminders, "nav.reminders", false, "remind.title", app.NewZeroComponentFactory(&remindersPage{})},
	{PathWithdraw, "nav.withdraw", false, "withdraw.title", app.NewZeroComponentFactory(&withdrawPage{})},
	{PathSync, "nav.sync", false, "sync.title", app.NewZeroComponentFactory(&syncPage{})},
	{PathData, "nav.data", false, "data.title", app.NewZeroComponentFactory(&dataPage{})},
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

// Routes registers every screen with go-app: the server prerenders each route's first screen
// (firstload.go), the wasm renders the screen. Both mains call it.
func Routes() {
	if app.IsServer {
		for _, s := range screens {
			app.Route(s.Path, func() app.Composer { return &firstScreen{Screen: s} })
		}
		return
	}
	client.InstallDivisions() // before any screen reads a region
	for _, s := range screens {
		app.Route(s.Path, s.New)
	}
}
