package client

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// StateRev is the go-app state every screen observes: the sync client bumps it after it has
// changed the store, so the screen on display renders the new book.
const StateRev = "gongji.rev"

// Redraw tells every observing screen to render again (on the UI goroutine).
func (s *Store) Redraw(ctx app.Context) {
	s.rev++
	ctx.SetState(StateRev, s.rev)
}
