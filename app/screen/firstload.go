package screen

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
)

// firstScreen is what the server sends for a route before the wasm has arrived (issue 22):
// the shell, the screen's title and 「正在载入…」, and on 家庭 what Gongji is and how to start,
// so a phone on a weak signal reads it at once. The wasm then renders the screen itself in
// its place in one step: the shell, the title and (for a new family) the intro stay where
// they were, and the loading line gives way to the screen's content.
type firstScreen struct {
	app.Compo
	Screen screen
}

func (c *firstScreen) Render() app.UI {
	st := client.TheStore()
	return el("div.page",
		&shell{Active: c.Screen.Path, Loading: true},
		el("main",
			pageTitle(st.T(c.Screen.Title)),
			maybe(c.Screen.Path == PathFamily, intro),
			eltr("p#first-loading.loading[role=status]", "load.loading"),
		),
	)
}

// intro tells a new visitor what Gongji is and how to start; 家庭 shows it while the family
// has no one.
func intro() app.UI {
	return el("section#intro.intro.card",
		eltr("p.lead", "intro.what"),
		eltr("h2", "intro.start"),
		el("ol",
			eltr("li", "intro.step1"),
			eltr("li", "intro.step2"),
			eltr("li", "intro.step3"),
		),
		eltr("p.muted", "intro.offline"),
	)
}

// showInSteps mounts a screen's first render in steps, each in a browser task of its own,
// so a slow phone paints and answers a tap between them rather than waiting for one long
// task (issue 22): from a component's OnMount, it sets *shown to 1 in a later task and, once
// that update has mounted, to 2 in a task after it, and so on up to steps. The screen's
// Render shows what *shown has reached. The yield is a browser task boundary (client.Yield):
// go-app's next frame is a Go timer, and when the timer is already due (a slow phone's
// OnMounts took longer than a frame) Go runs on in the same task.
func showInSteps(ctx app.Context, shown *int, steps int) {
	if *shown >= steps {
		return
	}
	ctx.Async(func() {
		client.Yield()
		ctx.Dispatch(func(ctx app.Context) {
			*shown++
			ctx.Defer(func(ctx app.Context) { showInSteps(ctx, shown, steps) }) // once it has mounted
		})
	})
}
