package screen

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/app/words"
)

// shell is the frame around every screen: the title, the sync status, the navigation (a
// bottom bar on phones with 更多 for the screens it has no room for), the language switch,
// the network state, the update banner and the install button. Its OnMount runs only in the
// browser and sets #wasm-status to ready, the marker tests wait for.
type shell struct {
	app.Compo
	Active      string
	Loading     bool // the server's first screen (firstload.go): no sync status or badge yet
	ready       bool
	offline     bool
	update      bool
	installable bool
	menu        bool   // the 更多 sheet is open
	rev         int    // observed StateRev: the sync status and badges follow the store
	unwatch     func() // stops watching the network (OnDismount)
}

func (c *shell) OnMount(ctx app.Context) {
	st := client.TheStore()
	st.Attach(ctx) // the sync round's changes reach the UI goroutine through this shell
	c.ready = true
	c.offline = !client.Online()
	c.update = ctx.AppUpdateAvailable()
	// false on the first mount (go-app #868; OnAppInstallChange follows), right after a
	// navigation, when this shell replaces the one that heard the event
	c.installable = ctx.IsAppInstallable()
	ctx.ObserveState(client.StateRev, &c.rev).OnChange(remindNow)
	remindNow()
	c.unwatch = client.WatchOnline(func(on bool) {
		ctx.Dispatch(func(ctx app.Context) {
			c.offline = !on
			if on {
				client.TheStore().StartSync(ctx)
			}
		})
	})
	st.OnChange(func() {
		client.TheStore().StartSync(ctx)
		ctx.Dispatch(func(app.Context) {}) // the status and the badge follow this device's own changes
	})
	client.WatchUpdates(app.TryUpdate)
	st.ClaimTabOnce(func(writer bool) {
		ctx.Dispatch(func(ctx app.Context) {
			st := client.TheStore()
			st.Elsewhere = !writer
			st.StartSync(ctx)
		})
	})
}

// OnDismount releases the window listeners OnMount added (a navigation mounts a new shell).
func (c *shell) OnDismount() {
	if c.unwatch != nil {
		c.unwatch()
		c.unwatch = nil
	}
}

func (c *shell) OnAppUpdate(ctx app.Context) { c.update = ctx.AppUpdateAvailable() }

func (c *shell) OnAppInstallChange(ctx app.Context) { c.installable = ctx.IsAppInstallable() }

func (c *shell) Render() app.UI {
	st := client.TheStore()
	status := "loading"
	if c.ready {
		status = "ready"
	}
	return el("header.shell",
		with(elem("span#wasm-status[hidden=true]"), "", "status", status),
		el("div.brand",
			app.Img().Src("/web/icon.svg").Alt(st.T("app.logo")).Class("logo").Width(28).Height(28),
			eltr("strong", "app.name"),
			spanOf("tagline", st.T("app.tagline")),
			c.syncPill(),
			// the language by its name, on a narrow screen by its short name (web/style.css)
			elem("button#lang-switch.lang",
				eltr("span.long", "lang.switch"), eltr("span.short", "lang.short")).Attr("lang", otherLang(st.Lang())).Attr("title", st.T("lang.switch")).OnClick(c.switchLang),
		),
		c.nav(),
		when(c.offline, eltr("p#offline-note.note.offline", "net.offline")),
		when(c.update, el("div#update-banner.banner",
			eltr("span", "update.available"),
			btn("button#update-reload", st.T("update.reload"), func(ctx app.Context, e app.Event) { ctx.Reload() }),
		)),
		when(c.installable, btn("button#install.secondary", st.T("install.button"), c.install)),
		// the load or save error itself stays in st.Err; the family reads what it means
		paraIf(st.Err != "", "storage-error", "error", st.T("err.storage")),
		when(st.Elsewhere, eltr("p#tab-elsewhere.banner[role=alert]", "tab.elsewhere")),
	)
}

// nav lists every screen. On a phone the primary ones stay in the bottom bar and 更多 opens
// the others above it (web/style.css); on a wide screen all are in one row.
func (c *shell) nav() app.UI {
	st := client.TheStore()
	due := 0
	if !c.Loading {
		due = len(reminders()) // page_reminders.go: with the requests waiting for this device
	}
	cls := "nav"
	if c.menu {
		cls = "nav open"
	}
	links := make([]app.UI, len(screens)+1)
	for i, s := range screens {
		k, current := "extra", "" // aria-current: none when ""
		if s.Primary {
			k = "primary"
		}
		if s.Path == c.Active {
			k, current = k+" active", "page"
		}
		var count app.UI
		if s.Path == PathReminders && due > 0 {
			count = badge("nav-reminders-badge", due)
		}
		links[i] = with(elem("a", spanText(st.T(s.Label)), count).ID("nav"+pathID(s.Path)).Attr("href", s.Path).Attr("aria-current", current), k)
	}
	links[len(screens)] = elem("button#nav-more.more[aria-controls=nav]", eltr("span", "nav.more"), when(due > 0, badge("nav-more-badge", due))).Attr("aria-expanded", strconv.FormatBool(c.menu)).OnClick(c.toggleMenu)
	return with(elem("nav#nav", links...).Attr("aria-label", st.T("nav.label")), cls)
}

// toggleMenu opens or closes the 更多 sheet.
func (c *shell) toggleMenu(ctx app.Context, e app.Event) { c.menu = !c.menu }

func badge(id string, n int) app.UI {
	s := strconv.Itoa(n)
	return elemt("span.badge", s).ID(id).Attr("aria-label", s)
}

// syncPill is the sync status every screen shows: 离线, 需要处理 N (refused or adjusted
// items not yet looked at, or a failed round), 待同步 N, 已同步, or 仅本机 before the family
// is on a server. It links to the sync screen.
func (c *shell) syncPill() app.UI {
	st := client.TheStore()
	if c.Loading {
		return eltr("a#sync-pill.pill.local[data-status=loading][href="+PathSync+"]", "pill.loading")
	}
	kind, n := syncStatus(st, c.offline)
	text := st.T("pill." + kind)
	if n > 0 {
		text += " " + strconv.Itoa(n)
	}
	return with(elemt("a#sync-pill[href="+PathSync+"]", text), "pill "+kind, "status", kind, "count", strconv.Itoa(n))
}

// syncStatus is the pill's kind and count.
func syncStatus(st *client.Store, offline bool) (string, int) {
	d := st.Local
	pending := len(d.Pending)
	switch {
	case d.Family == "":
		return "local", 0
	case offline:
		return "offline", pending
	}
	if n := attention(st); n > 0 || st.SyncErr() != nil {
		return "attention", n
	}
	if pending > 0 || st.Syncing() {
		return "pending", pending
	}
	return "synced", 0
}

// attention counts this device's items the server refused or adjusted after the last visit
// to the sync screen (book.Local.Seen).
func attention(st *client.Store) int {
	n := 0
	for _, it := range st.Book().Items {
		if it.Seq > st.Local.Seen && it.Mutation.ClientID == st.Local.ClientID &&
			(it.State == book.Rejected || it.State == book.Adjusted) {
			n++
		}
	}
	return n
}

// remindNow shows a notification for new reminders (when the family asked for them).
func remindNow() {
	notifyNew(reminders())
}

func otherLang(l string) string {
	if l == words.English {
		return "zh-CN"
	}
	return "en"
}

func (c *shell) switchLang(ctx app.Context, e app.Event) {
	st := client.TheStore()
	if st.Lang() == words.Chinese {
		st.SetLang(words.English)
	} else {
		st.SetLang(words.Chinese)
	}
	ctx.Reload()
}

func (c *shell) install(ctx app.Context, e app.Event) {
	if ctx.IsAppleBrowser() {
		app.Window().Call("alert", client.TheStore().T("install.apple"))
		return
	}
	ctx.ShowAppInstallPrompt()
}

// pathID is a path as an element id suffix: "/" is "-family", "/bill" is "-bill".
func pathID(p string) string {
	if p == "/" {
		return "-family"
	}
	return "-" + p[1:]
}
