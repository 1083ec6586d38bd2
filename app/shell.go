package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// shell is the frame around every screen: the title, the navigation, the language switch,
// the network state, the update banner and the install button. Its OnMount runs only in the
// browser and sets #wasm-status to ready, the marker tests wait for.
type shell struct {
	app.Compo
	Active      string
	ready       bool
	offline     bool
	update      bool
	installable bool
}

func (c *shell) OnMount(ctx app.Context) {
	c.ready = true
	c.offline = !online()
	c.update = ctx.AppUpdateAvailable()
	// false on the first mount (go-app #868; OnAppInstallChange follows), right after a
	// navigation, when this shell replaces the one that heard the event
	c.installable = ctx.IsAppInstallable()
	watchOnline(func(on bool) {
		ctx.Dispatch(func(ctx app.Context) { c.offline = !on })
		if on {
			startSync(ctx)
		}
	})
	theStore().OnChange(func() { startSync(ctx) })
	watchUpdates(app.TryUpdate)
	startSync(ctx)
}

func (c *shell) OnAppUpdate(ctx app.Context) { c.update = ctx.AppUpdateAvailable() }

func (c *shell) OnAppInstallChange(ctx app.Context) { c.installable = ctx.IsAppInstallable() }

func (c *shell) Render() app.UI {
	st := theStore()
	status := "loading"
	if c.ready {
		status = "ready"
	}
	return app.Header().Class("shell").Body(
		app.Span().ID("wasm-status").DataSet("status", status).Hidden(true),
		app.Div().Class("brand").Body(
			app.Img().Src("/web/icon.svg").Alt("").Class("logo"),
			app.Strong().Text(st.T("app.name")),
			app.Span().Class("tagline").Text(st.T("app.tagline")),
			app.Button().ID("lang-switch").Class("lang").Text(st.T("lang.switch")).OnClick(c.switchLang),
		),
		app.Nav().Body(app.Range(screens).Slice(func(i int) app.UI {
			s := screens[i]
			a := app.A().Href(s.Path).Text(st.T(s.Label)).ID("nav" + pathID(s.Path))
			if s.Path == c.Active {
				a = a.Class("active").Aria("current", "page")
			}
			return a
		})),
		app.If(c.offline, func() app.UI {
			return app.P().ID("offline-note").Class("note offline").Text(st.T("net.offline"))
		}),
		app.If(c.update, func() app.UI {
			return app.Div().ID("update-banner").Class("banner").Body(
				app.Span().Text(st.T("update.available")),
				app.Button().ID("update-reload").Text(st.T("update.reload")).OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
			)
		}),
		app.If(c.installable, func() app.UI {
			return app.Button().ID("install").Class("secondary").Text(st.T("install.button")).OnClick(c.install)
		}),
		// the load or save error itself stays in st.Err; the family reads what it means
		app.If(st.Err != "", func() app.UI { return app.P().ID("storage-error").Class("error").Text(st.T("err.storage")) }),
	)
}

func (c *shell) switchLang(ctx app.Context, e app.Event) {
	st := theStore()
	if st.Lang() == Chinese {
		st.SetLang(English)
	} else {
		st.SetLang(Chinese)
	}
	ctx.Reload()
}

func (c *shell) install(ctx app.Context, e app.Event) {
	if ctx.IsAppleBrowser() {
		app.Window().Call("alert", theStore().T("install.apple"))
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
