package screen

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
)

// pageBase makes a screen re-render when the store changes outside its own handlers.
type pageBase struct {
	app.Compo
	rev int
}

func (p *pageBase) OnMount(ctx app.Context) { ctx.ObserveState(client.StateRev, &p.rev) }
