package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/shared/family"
	"gongji/shared/mutation"
)

// requestsPanel is the consent part of 同步: who this device belongs to (chosen once after
// joining, confirmed by the owner), and the requests that wait for this device's approval,
// each with 同意 and 拒绝 (shared/mutation consent.go). It is part of the sync page, not a
// component of its own: go-app does not re-render a child component whose fields did not
// change, so a request that arrived with a pull would not show until the page was left.
type requestsPanel struct {
	person, err string
}

func (c *requestsPanel) render() app.UI {
	st := theStore()
	d := st.Doc
	s := &st.Book().State
	waiting := waitingFor(s, d.Actor())
	return app.Section().ID("consent").Class("card").Body(
		c.whoAmI(s, d),
		app.H2().Text(st.T("consent.waiting")),
		app.If(len(waiting) == 0, func() app.UI { return app.P().ID("consent-none").Class("note").Text(st.T("consent.none")) }),
		app.Ul().ID("consent-requests").Class("items").Body(app.Range(waiting).Slice(func(i int) app.UI {
			r := waiting[i]
			var lines = st.Book().Item(r.ID)
			return app.Li().DataSet("request", r.ID).Body(
				app.Span().Text(st.T("mut."+r.Name)+" · "+shortTime(r.At)),
				app.If(lines != nil, func() app.UI { return explanation("", lines.Outcome.Explanation) }),
				app.Button().Class("approve").Text(st.T("consent.approve")).OnClick(c.decide(mutation.Approve, r.ID)),
				app.Button().Class("decline secondary").Text(st.T("consent.decline")).OnClick(c.decide(mutation.Decline, r.ID)),
			)
		})),
		app.If(c.err != "", func() app.UI { return app.P().ID("consent-error").Class("error").Text(c.err) }),
	)
}

// whoAmI shows whose device this is, or asks once: a link_device request the owner confirms.
func (c *requestsPanel) whoAmI(s *family.State, d *book.Local) app.UI {
	st := theStore()
	if p := s.Person(s.DevicePerson(d.Device)); p != nil {
		return app.P().ID("consent-me").Body(app.Span().Text(st.T("consent.me")+"："), app.Strong().Text(p.Name))
	}
	for _, r := range s.Requests {
		if r.Name == string(mutation.LinkDevice) && r.State == family.Waiting && linksDevice(r, d.Device) {
			return app.P().ID("consent-me").Class("note").Text(st.T("consent.me_waiting"))
		}
	}
	return app.Form().ID("consent-me-form").OnSubmit(c.claim).Body(
		field(st.T("consent.me"), app.Select().ID("consent-person").OnChange(valueTo(&c.person)).Body(personOptions(c.person)...)),
		app.Button().Type("submit").ID("consent-claim").Text(st.T("consent.claim")),
	)
}

func (c *requestsPanel) claim(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st := theStore()
	if c.person == "" {
		return
	}
	o, err := st.Do(mutation.LinkDevice, mutation.LinkDeviceArgs{Device: st.Doc.Device, Person: family.PersonID(c.person)})
	c.err = failure(o, err).Text
	if o.Status == mutation.PendingConsent {
		c.err = ""
	}
	startSync(ctx)
}

func (c *requestsPanel) decide(name mutation.Name, id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		o, err := theStore().Do(name, mutation.RequestArgs{Request: id})
		c.err = failure(o, err).Text
		startSync(ctx)
	}
}

// waitingFor lists the requests this device may approve or decline, oldest first.
func waitingFor(s *family.State, who mutation.Actor) []family.Request {
	var out []family.Request
	for i := range s.Requests {
		if mutation.CanDecide(s, who, &s.Requests[i]) {
			out = append(out, s.Requests[i])
		}
	}
	return out
}

func linksDevice(r family.Request, device string) bool {
	a, err := mutation.Decode(mutation.LinkDevice, r.Args)
	return err == nil && a.(*mutation.LinkDeviceArgs).Device == device
}
