package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// stateRev is the go-app state every screen observes: the sync client bumps it after it has
// changed the store, so the screen on display renders the new book.
const stateRev = "gongji.rev"

// pageBase makes a screen re-render when the store changes outside its own handlers.
type pageBase struct {
	app.Compo
	rev int
}

func (p *pageBase) OnMount(ctx app.Context) { ctx.ObserveState(stateRev, &p.rev) }

// storeChanged tells every observing screen to render again.
func storeChanged(ctx app.Context) {
	rev++
	ctx.SetState(stateRev, rev)
}

var rev int
