//go:build js && wasm

// Command sizefloor is Gongji's client without its screens, built only to be measured
// (`make size-floor`, issue 22): go-app's start with one component, and everything the
// screens call into that must run on a phone with no signal: the store and its sync, every
// mutation kind through the one entry point (the kind's name read at run time, so none is
// left out), the book and its reminders and checkpoints, the CSV and the backup's export and
// import, the texts. The gap between it and app.wasm is what the screens cost; the gap between
// it and the go-app hello is what the offline engine costs before any screen.
package main

import (
	"syscall/js"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/mutation"
)

// floor is the one component: a heading, and at mount the calls that keep the domain reachable.
type floor struct{ app.Compo }

func (f *floor) Render() app.UI { return app.H1().Text(client.TheStore().T("app.name")) }

func (f *floor) OnMount(ctx app.Context) {
	st := client.TheStore()
	st.Attach(ctx)
	st.StartSync(ctx)
	page := js.Global()
	outcome, err := st.Do(mutation.Name(page.Get("kind").String()), page.Get("args").String())
	println(outcome.Status, err)
	b := st.Book()
	csv := book.CSV(b, st.Lang(), func(kind, key string) string { return st.T(key) })
	println(len(csv), len(st.Local.Export(b, st.Now())), len(b.Reminders(st.Engine(), st.Now())),
		len(b.Accounts()), len(b.Checkpoints()))
	imported, err := book.Import([]byte(page.Get("backup").String()), st.Lang(), nil)
	println(imported, err)
	st.CreateFamily("family", "device")
}

func main() {
	app.Route("/", func() app.Composer { return &floor{} })
	app.RunWhenOnBrowser()
}
