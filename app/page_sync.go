package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/shared/civil"
)

// syncPage (同步) creates the family on the server or joins one with an invitation code, and
// shows the devices, the last sync and the state of every item.
type syncPage struct {
	pageBase
	name, code, invite, err string
	busy                    bool
}

func (c *syncPage) Render() app.UI {
	st := theStore()
	d := st.Doc
	return app.Div().Class("page").Body(
		&shell{Active: PathSync},
		app.Main().Body(
			app.H1().Text(st.T("sync.title")),
			app.If(d.Family == "", func() app.UI { return c.joinForms() }).Else(func() app.UI { return c.status() }),
			app.If(c.err != "", func() app.UI { return app.P().ID("sync-error").Class("error").Text(c.err) }),
			app.If(syncErr != "" && d.Family != "", func() app.UI {
				return app.P().Class("note").Text(st.T("sync.unavailable") + " (" + syncErr + ")")
			}),
			app.H2().Text(st.T("sync.items")),
			itemList(d),
		),
	)
}

func (c *syncPage) joinForms() app.UI {
	st := theStore()
	return app.Div().Body(
		app.Form().ID("create-form").Class("card").OnSubmit(c.create).Body(
			app.H2().Text(st.T("sync.create")),
			field(st.T("family.name"), app.Input().ID("family-name").Value(c.name).OnInput(valueTo(&c.name))),
			app.Button().Type("submit").ID("create-family").Disabled(c.busy).Text(st.T("sync.create")),
		),
		app.Form().ID("join-form").Class("card").OnSubmit(c.join).Body(
			app.H2().Text(st.T("sync.join")),
			field(st.T("sync.code"), app.Input().ID("join-code").Value(c.code).OnInput(valueTo(&c.code))),
			app.Button().Type("submit").ID("join-family").Disabled(c.busy).Text(st.T("sync.join")),
		),
	)
}

func (c *syncPage) status() app.UI {
	st := theStore()
	d := st.Doc
	last := st.T("sync.never")
	if !d.LastSync.IsZero() {
		last = civil.FormatTime(d.LastSync)
	}
	return app.Section().ID("sync-status").Class("card").Body(
		app.P().Body(app.Span().Text(st.T("family.name")+"："), app.Strong().ID("sync-family-name").Text(d.FamilyName)),
		app.P().Body(app.Span().Text(st.T("sync.family")+"："), app.Code().ID("sync-family").Text(d.Family)),
		app.P().Body(app.Span().Text(st.T("sync.last")+"："), app.Span().ID("sync-last").Text(last)),
		app.If(len(d.Devices) > 0, func() app.UI {
			return app.P().Body(app.Span().Text(st.T("sync.devices")+"："), app.Span().ID("sync-devices").Text(joinStrings(d.Devices)))
		}),
		app.Button().ID("sync-now").Text(st.T("sync.now")).OnClick(func(ctx app.Context, e app.Event) { startSync(ctx) }),
		app.If(d.Owner, func() app.UI {
			return app.Button().ID("new-invite").Class("secondary").Disabled(c.busy).Text(st.T("sync.invite")).OnClick(c.newInvite)
		}),
		app.If(c.invite != "", func() app.UI {
			return app.P().Body(app.Span().Text(st.T("sync.code")+"："), app.Code().ID("invite-code").Class("code").Text(c.invite))
		}),
	)
}

func itemList(d *book.Local) app.UI {
	st := theStore()
	all := d.All()
	return app.Ul().ID("sync-items").Class("items").Body(app.Range(all).Slice(func(i int) app.UI {
		m := all[len(all)-1-i]
		s := d.StateOf(m.ID)
		r := d.Receipts[m.ID]
		return app.Li().DataSet("mutation", m.ID).DataSet("state", string(s)).Body(
			app.Span().Class("state "+string(s)).Text(st.T("state."+string(s))),
			app.Span().Text(" "+st.T("mut."+m.Name)+" · "+civil.FormatTime(m.At)[:16]),
			app.If(r.Reason != "", func() app.UI { return app.Small().Class("reason").Text(" " + r.Reason) }),
			app.If(r.Before != "" || r.After != "", func() app.UI {
				return app.Small().Class("reason").Text(" " + r.Before + " → " + r.After)
			}),
		)
	}))
}

func joinStrings(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += "、"
		}
		out += s
	}
	return out
}

func (c *syncPage) create(ctx app.Context, e app.Event) {
	e.PreventDefault()
	name := c.name
	c.busy, c.err = true, ""
	ctx.Async(func() {
		err := createFamily(name)
		ctx.Dispatch(func(ctx app.Context) { c.done(ctx, err) })
	})
}

func (c *syncPage) join(ctx app.Context, e app.Event) {
	e.PreventDefault()
	code := c.code
	c.busy, c.err = true, ""
	ctx.Async(func() {
		err := joinFamily(code)
		ctx.Dispatch(func(ctx app.Context) { c.done(ctx, err) })
	})
}

func (c *syncPage) newInvite(ctx app.Context, e app.Event) {
	c.busy, c.err = true, ""
	ctx.Async(func() {
		code, err := newInvite()
		ctx.Dispatch(func(ctx app.Context) {
			c.invite = code
			c.done(ctx, err)
		})
	})
}

func (c *syncPage) done(ctx app.Context, err error) {
	c.busy = false
	if err != nil {
		c.err = theStore().T("sync.error") + ": " + err.Error()
		return
	}
	startSync(ctx)
}
