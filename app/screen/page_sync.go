package screen

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/app/words"
	"gongji/shared/engine"
	"gongji/shared/mutation"
)

// syncPage (同步) creates the family on the server or joins one with an invitation code, and
// shows the devices, the last sync and the state of every item.
type syncPage struct {
	pageBase
	name, device, code, invite string
	prob                       problem // why the last create, join, invite or removal failed
	busy                       bool
	requests                   requestsPanel // page_requests.go
}

// OnMount marks the refused and adjusted items as seen: the sync status stops asking for
// attention once the family has looked at them here.
func (c *syncPage) OnMount(ctx app.Context) {
	c.pageBase.OnMount(ctx)
	client.LoadQR(func() { ctx.Dispatch(func(app.Context) {}) }) // the invitation's QR code (files_js.go)
	st := client.TheStore()
	if st.Local.Seen < st.Local.Cursor {
		st.Local.Seen = st.Local.Cursor
		st.Save()
		client.TheStore().Redraw(ctx)
	}
}

func (c *syncPage) Render() app.UI {
	st := client.TheStore()
	d := st.Local
	var top, trouble app.UI
	switch {
	case client.SyncOff():
		top = eltr("p#sync-off.note", "sync.off")
	case d.Family == "":
		top = c.joinForms()
	default:
		top = c.status()
	}
	if err := st.SyncErr(); err != nil && d.Family != "" {
		trouble = para("sync-trouble", "note", explain(st.Lang(), err).Text)
	}
	return page(PathSync, "sync.title",
		top,
		note("sync-error", c.prob.besides("name", "device", "code")),
		trouble,
		eltr("h2", "sync.items"),
		itemList(st.Book()),
	)
}

// joinForms are the two ways onto a server: create a family (its name) or join one (the
// invitation code), each with this device's name.
func (c *syncPage) joinForms() app.UI {
	first := [2]*string{&c.name, &c.code}
	send := [2]app.EventHandler{c.create, c.join}
	return list("div", len(joinForms), func(i int) app.UI {
		f := joinForms[i]
		return formOf("form#"+f.form+"-form.card", send[i],
			eltr("h2", "sync."+f.form),
			fieldErr(tr(f.label), textInput(f.input, first[i]), f.input+"-error", c.prob.on(f.field)),
			fieldErr(tr("sync.device"), textInput(f.device, &c.device).Placeholder(defaultDevice()),
				f.device+"-error", c.prob.on("device")),
			elemt("button#"+f.form+"-family[type=submit]", tr("sync."+f.form)).Attr("disabled", c.busy),
		)
	})
}

// joinForms are what differs between the create and join forms: the form's name (its id,
// its button's id, its title's and button's text keys sync.create and sync.join), the first
// field's label, input and problem field, and the device name's input.
var joinForms = [2]struct{ form, label, input, field, device string }{
	{"create", "family.name", "family-name", "name", "device-name"},
	{"join", "sync.code", "join-code", "code", "join-device"},
}

func (c *syncPage) status() app.UI {
	st := client.TheStore()
	d := st.Local
	last := st.T("sync.never")
	if !d.LastSync.IsZero() {
		last = shortTime(d.LastSync)
	}
	var invite app.UI
	if c.invite != "" {
		invite = inviteView(c.invite)
	}
	return el("section#sync-status.card",
		// the family's id stays out of sight (data-family): the family reads its name
		with(elem("p#sync-family",
			spanText(st.T("family.name")+colon()), elt("strong#sync-family-name", d.FamilyName)), "", "family", d.Family),
		el("p", spanText(st.T("sync.last")+colon()), elt("span#sync-last", last)),
		c.devices(),
		c.requests.render(), // page_requests.go
		btn("button#sync-now", st.T("sync.now"), func(ctx app.Context, e app.Event) { client.TheStore().StartSync(ctx) }),
		when(d.Owner, elemt("button#new-invite.secondary", st.T("sync.invite")).Attr("disabled", c.busy).OnClick(c.newInvite)),
		invite,
	)
}

// inviteView shows an invitation code as text, as a QR code (drawn by web/qrcode.js, outside
// the wasm) and, where the browser has the Web Share API, with a share button.
func inviteView(code string) app.UI {
	st := client.TheStore()
	var qr app.UI // none until web/qrcode.js has loaded
	if svg := client.QRSVG(code); svg != "" {
		qr = el("div#invite-qr.qr", app.Raw(svg), eltr("p", "sync.invite.qr"))
	}
	return el("div#invite.invite",
		el("p", spanText(st.T("sync.code")+colon()), elt("code#invite-code.code", code)),
		qr,
		when(client.CanShare(), button("invite-share", "secondary", st.T("sync.invite.share"), func(ctx app.Context, e app.Event) {
			client.Share(st.T("app.name"), trf("sync.invite.text", code))
		})),
	)
}

// devices lists the family's devices; the owner can remove any other one (its token stops
// working at once).
func (c *syncPage) devices() app.UI {
	st := client.TheStore()
	d := st.Local
	return list("ul#sync-devices.devices", len(d.Devices), func(i int) app.UI {
		dev := d.Devices[i]
		label := dev.Name
		if dev.ID == d.Device {
			label += " (" + st.T("sync.this") + ")"
		}
		if dev.Owner {
			label += " · " + st.T("sync.owner")
		}
		if dev.Revoked {
			label += " · " + st.T("sync.revoked")
		}
		return with(elem("li",
			spanText(label),
			when(d.Owner && dev.ID != d.Device && !dev.Revoked, scopedBtn("button.secondary.small.revoke-device", st.T("sync.remove"), func(ctx app.Context, e app.Event) {
				c.removeDevice(ctx, dev.ID)
			}, dev.ID)),
		), "", "device", dev.ID)
	})
}

func (c *syncPage) removeDevice(ctx app.Context, id string) {
	st := client.TheStore()
	c.busy, c.prob = true, problem{}
	ctx.Async(func() {
		err := st.Remote().RevokeDevice(st.Session(), id)
		ctx.Dispatch(func(ctx app.Context) { c.done(ctx, err) })
	})
}

func itemList(b *book.Book) app.UI {
	st := client.TheStore()
	items := b.Items
	return list("ul#sync-items.items", len(items), func(i int) app.UI {
		it := items[len(items)-1-i]
		o := it.Outcome
		state, cls := requestStateText(b, &it) // page_requests.go: a request's own state
		var adjusted, refused app.UI
		if it.State == book.Adjusted && o.Split != nil && o.Expected != nil {
			adjusted = para("", "reason adjusted", st.T("sync.adjusted")+" "+splitText(o.Expected)+" → "+splitText(o.Split))
		}
		if it.State == book.Rejected {
			refused = el("div.reason",
				para("", "summary", outcomeProblem(st.Lang(), o).Text),
				explanation("", refusedLines(o.Explanation)),
			)
		}
		return entryItem("", "mutation", it.Key(), cls,
			stateSpan(state, cls),
			spanOf("what", " "+itemText(b, &it)),
			spanOf("muted", " · "+shortTime(it.Mutation.At)),
			adjusted,
			paraIf(requestReason(b, &it) != "", "", "reason request", requestReason(b, &it)),
			refused,
		)
	})
}

// mutKey is the text key of a mutation's name: mut.settle, mut.wallet_transfer, ...; a name
// this build does not know (a newer device's) reads as mut.unknown.
func mutKey(n mutation.Name) string {
	if _, ok := words.ZH["mut."+string(n)]; ok {
		return "mut." + string(n)
	}
	return "mut.unknown"
}

// splitText is a split on one line: "张三 共济 ¥80.00 · 现金 ¥0.00".
func splitText(s *mutation.Split) string {
	st := client.TheStore()
	out := ""
	for _, l := range s.Lines {
		out += personName(l.Payer) + " " + st.T("src."+string(l.Source)) + " " + yuan(l.Amount) + " · "
	}
	return out + st.T("bill.cash") + " " + yuan(s.Cash)
}

// refusedLines keeps the lines that carry a reason code.
func refusedLines(ls []engine.Line) []engine.Line {
	var out []engine.Line
	for _, l := range ls {
		if l.Code != "" {
			out = append(out, l)
		}
	}
	return out
}

func (c *syncPage) create(ctx app.Context, e app.Event) {
	e.PreventDefault()
	name, device := c.name, c.deviceName()
	st := client.TheStore()
	c.busy, c.prob = true, problem{}
	ctx.Async(func() {
		s, err := st.CreateFamily(name, device)
		c.adopt(ctx, s, name, err)
	})
}

func (c *syncPage) join(ctx app.Context, e app.Event) {
	e.PreventDefault()
	code, device := c.code, c.deviceName()
	st := client.TheStore()
	c.busy, c.prob = true, problem{}
	ctx.Async(func() {
		s, err := st.Remote().Join(code, device)
		c.adopt(ctx, s, "", err)
	})
}

func (c *syncPage) newInvite(ctx app.Context, e app.Event) {
	st := client.TheStore()
	c.busy, c.prob = true, problem{}
	ctx.Async(func() {
		code, err := st.Remote().Invite(st.Session())
		ctx.Dispatch(func(ctx app.Context) {
			c.invite = code
			c.done(ctx, err)
		})
	})
}

// adopt saves the session the server gave (when err is nil) on the UI goroutine, even when
// this screen was left meanwhile, then shows how it went on this screen.
func (c *syncPage) adopt(ctx app.Context, s client.Session, name string, err error) {
	client.TheStore().OnUI(func(app.Context) {
		if err == nil {
			err = client.TheStore().Adopt(s, name)
		}
		ctx.Dispatch(func(ctx app.Context) { c.done(ctx, err) })
	})
}

func (c *syncPage) deviceName() string {
	if c.device != "" {
		return c.device
	}
	return defaultDevice()
}

// defaultDevice names this browser when the person gives no name.
func defaultDevice() string {
	return client.TheStore().T("sync.browser") + " " + client.TheStore().Local.ClientID[2:6]
}

func (c *syncPage) done(ctx app.Context, err error) {
	c.busy = false
	if err != nil {
		c.prob = explain(client.TheStore().Lang(), err)
		return
	}
	client.TheStore().StartSync(ctx)
}
