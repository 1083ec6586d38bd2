package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// firstScreen is what a route shows before its screen is ready: the shell, the screen's
// title and 「正在载入…」, and on 家庭 what Gongji is and how to start (issue 22). The server
// prerenders it, so a phone on a weak signal reads it before the wasm has arrived; the wasm's
// first render is the same tree (the takeover changes nothing on screen), and the screen
// itself follows in the next task, so the start runs as shorter tasks. Once a screen has
// shown, later navigations show theirs at once.
type firstScreen struct {
	app.Compo
	Screen screen
	page   app.Composer
	of     string // the path page was made for: go-app reuses this component on navigation
}

// shown is true once a screen has replaced its first screen in this page's life.
var shown bool

func (c *firstScreen) OnMount(ctx app.Context) {
	if shown {
		return
	}
	ctx.Async(func() {
		Yield() // yield_js.go: the browser paints and handles input before the screen renders
		ctx.Dispatch(func(app.Context) { shown = true })
	})
}

func (c *firstScreen) Render() app.UI {
	if app.IsClient && shown {
		if c.page == nil || c.of != c.Screen.Path {
			c.page, c.of = c.Screen.New(), c.Screen.Path
		}
		return c.page
	}
	st := theStore()
	return app.Div().Class("page").Body(
		&shell{Active: c.Screen.Path, Loading: true},
		app.Main().Body(
			app.H1().Text(st.T(c.Screen.Title)),
			maybe(c.Screen.Path == PathFamily, intro),
			app.P().ID("first-loading").Class("loading").Role("status").Text(st.T("load.loading")),
		),
	)
}

// intro tells a new visitor what Gongji is and how to start; 家庭 shows it while the family
// has no one.
func intro() app.UI {
	st := theStore()
	return app.Section().ID("intro").Class("intro card").Body(
		app.P().Class("lead").Text(st.T("intro.what")),
		app.H2().Text(st.T("intro.start")),
		app.Ol().Body(
			app.Li().Text(st.T("intro.step1")),
			app.Li().Text(st.T("intro.step2")),
			app.Li().Text(st.T("intro.step3")),
		),
		app.P().Class("muted").Text(st.T("intro.offline")),
	)
}
