package screen

import (
	"encoding/json"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/app/words"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// requestsPanel is the consent part of 同步: who this device belongs to (chosen once after
// joining, confirmed by the owner), the requests that wait for this device's approval, each
// with what it would change, who asked and when, 同意 and 拒绝 (with an optional reason), and
// the requests this device's person made or decided, with where they stand (shared/mutation
// consent.go). It is part of the sync page, not a component of its own: go-app does not
// re-render a child component whose fields did not change, so a request that arrived with a
// pull would not show until the page was left.
type requestsPanel struct {
	person, err string
	reasons     map[string]string // a decline's reason as typed, by request
}

func (c *requestsPanel) render() app.UI {
	st := client.TheStore()
	d := st.Local
	s := &st.Book().State
	waiting := waitingFor(s, d.Actor())
	followed := followed(s, d)
	return el("section#consent.card",
		c.whoAmI(s, d),
		eltr("h2", "consent.waiting"),
		paraIf(len(waiting) == 0, "consent-none", "note", st.T("consent.none")),
		list("ul#consent-requests.items", len(waiting), func(i int) app.UI {
			return c.card(&waiting[i], true)
		}),
		when(c.err != "", elt("p#consent-error.error[role=alert]", c.err)),
		when(len(followed) > 0, el("div",
			eltr("h2", "consent.followed"),
			list("ul#consent-followed.items", len(followed), func(i int) app.UI {
				return c.card(&followed[i], false)
			}),
		)),
	)
}

// card is one request: what it is, who asked and when, what it would change for whom, where
// it stands; with decide, the reason field and 同意/拒绝.
func (c *requestsPanel) card(r *family.Request, decide bool) app.UI {
	st := client.TheStore()
	var effects []family.Effect
	if r.Ask != nil {
		effects = r.Ask.Effects
	}
	var why app.UI // the engine's lines, for a request without effects
	if it := st.Book().Item(r.ID); it != nil && len(effects) == 0 {
		why = explanation("", it.Outcome.Explanation)
	}
	anchor := requestAnchor(r.ID)
	var controls app.UI
	if decide {
		controls = c.decideControls(r, anchor)
	}
	return with(elem("li",
		el("p.what", strongText(requestLabel(r.ID))),
		para("", "asked muted", trf("consent.asked", askerName(r), shortTime(r.At))),
		list("ul.effects", len(effects), func(i int) app.UI {
			return with(elemt("li.effect", effectText(effects[i])), "", "account", string(effects[i].Account))
		}),
		el("div", why),
		para("", "verdict "+string(r.State), requestState(r)),
		controls,
	).ID(anchor), "request "+string(r.State), "request", r.ID, "state", string(r.State))
}

// decideControls are a waiting request's reason field, 同意 and 拒绝.
func (c *requestsPanel) decideControls(r *family.Request, anchor string) app.UI {
	st := client.TheStore()
	// the scope makes go-app take the new handler when the list moved under the button (two
	// approvals in a row): the handler's code pointer is the same for every request, so
	// without it the first request's id stays bound
	return el("div.decide",
		field(st.T("consent.reason"), elem("input.decline-reason").ID(anchor+"-reason").Attr("value", c.reasons[r.ID]).
			OnInput(c.reasonTo(r.ID), app.EventScope(r.ID))),
		el("div.actions",
			scopedBtn("button.approve", st.T("consent.approve"), c.decide(mutation.Approve, r.ID), r.ID),
			scopedBtn("button.decline.secondary", st.T("consent.decline"), c.decide(mutation.Decline, r.ID), r.ID),
		),
	)
}

// whoAmI shows whose device this is, or asks once: a link_device request the owner confirms.
func (c *requestsPanel) whoAmI(s *family.State, d *book.Local) app.UI {
	st := client.TheStore()
	if p := s.Person(s.DevicePerson(d.Device)); p != nil {
		return el("p#consent-me", spanText(st.T("consent.me")+"："), strongText(p.Name))
	}
	for _, r := range s.Requests {
		if r.Name == string(mutation.LinkDevice) && r.State == family.Waiting && linksDevice(r, d.Device) {
			return eltr("p#consent-me.note", "consent.me_waiting")
		}
	}
	return formOf("form#consent-me-form", c.claim,
		field(st.T("consent.me"), selectInput("consent-person", &c.person).Body(personOptions(c.person)...)),
		submit("consent-claim", st.T("consent.claim")),
	)
}

func (c *requestsPanel) claim(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st := client.TheStore()
	if c.person == "" {
		return
	}
	o, err := st.Do(mutation.LinkDevice, mutation.LinkDeviceArgs{Device: st.Local.Device, Person: family.PersonID(c.person)})
	c.err = failure(o, err).Text
	if o.Status == mutation.PendingConsent {
		c.err = ""
	}
	client.TheStore().StartSync(ctx)
}

func (c *requestsPanel) reasonTo(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if c.reasons == nil {
			c.reasons = map[string]string{}
		}
		c.reasons[id] = ctx.JSSrc().Get("value").String()
	}
}

func (c *requestsPanel) decide(name mutation.Name, id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		args := mutation.RequestArgs{Request: id}
		if name == mutation.Decline {
			args.Reason = strings.TrimSpace(c.reasons[id])
		}
		o, err := client.TheStore().Do(name, args)
		c.err = failure(o, err).Text
		if c.err == "" {
			delete(c.reasons, id)
		}
		client.TheStore().StartSync(ctx)
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

// maxFollowed bounds the requests 同步 follows.
const maxFollowed = 10

// followed lists, newest first, the requests this device follows but does not decide now:
// those it or its person asked, and those its person (or, on the owner's device, the owner)
// was asked or decided. Both sides so see 已同意 or 已拒绝, who decided and when.
func followed(s *family.State, d *book.Local) []family.Request {
	me := s.DevicePerson(d.Device)
	who := d.Actor()
	var out []family.Request
	for i := len(s.Requests) - 1; i >= 0 && len(out) < maxFollowed; i-- {
		r := &s.Requests[i]
		if mutation.CanDecide(s, who, r) || r.Name == string(mutation.LinkDevice) {
			continue
		}
		mine := strings.HasPrefix(r.ID, d.Device+".") || strings.HasPrefix(r.ID, d.ClientID+"/")
		if r.Ask != nil {
			mine = mine || (me != "" && r.Ask.From == me)
			for _, p := range r.Ask.Persons {
				mine = mine || (me != "" && p == me)
			}
		}
		if r.Decided != nil {
			mine = mine || (me != "" && r.Decided.By == me) || (r.Decided.Owner && d.Owner)
		}
		if mine {
			out = append(out, *r)
		}
	}
	return out
}

// requestState is where a request stands: 等待李明同意, 已同意（李明，2026年3月3日 06:00）,
// 已拒绝（李明，…）：reason.
func requestState(r *family.Request) string {
	st := client.TheStore()
	if r.State == family.Approved || r.State == family.Declined {
		// consent.approved or consent.declined, with who and when once decided:
		// consent.approved.by, consent.declined.by (and the reason given)
		key := "consent." + string(r.State)
		if r.Decided == nil {
			return st.T(key)
		}
		out := trf(key+".by", deciderName(r.Decided), shortTime(r.Decided.At))
		if r.State == family.Declined && r.Decided.Reason != "" {
			out += trf("consent.declined.reason", r.Decided.Reason)
		}
		return out
	}
	var names []string
	for _, p := range r.WaitingFor() {
		names = append(names, personName(p))
	}
	if len(names) == 0 {
		return st.T("consent.waits.owner")
	}
	return trf("consent.waits", strings.Join(names, st.T("consent.or")))
}

// requestStateText is the state a sync item that became a request shows: the request's own
// (等待同意, 已同意, 已拒绝), read from the family's log.
func requestStateText(b *book.Book, it *book.Item) (string, string) {
	if it.State == book.Waiting {
		if r := b.State.Request(it.Key()); r != nil {
			switch r.State {
			case family.Approved:
				return client.TheStore().T("consent.approved"), "approved"
			case family.Declined:
				return client.TheStore().T("consent.declined"), "declined"
			}
		}
	}
	return stateText(it.State), string(it.State)
}

// itemText names a sync item; one that became a request names what it corrects too.
func itemText(b *book.Book, it *book.Item) string {
	if it.State == book.Waiting || it.Outcome.Status == mutation.PendingConsent {
		return requestLabel(it.Key())
	}
	return itemLabel(b, it)
}

// requestReason is the reason a declined request's item shows under it ("" otherwise).
func requestReason(b *book.Book, it *book.Item) string {
	if it.State != book.Waiting {
		return ""
	}
	if r := b.State.Request(it.Key()); r != nil && r.State != family.Waiting {
		return requestState(r)
	}
	return ""
}

// deciderName is who decided: their person's name, or 家庭管理员 for an owner's device that
// is nobody's.
func deciderName(d *family.Decision) string {
	if d.By != "" {
		return personName(d.By)
	}
	return client.TheStore().T("consent.owner")
}

// askerName is who asked: the asking person's name, else the asking device's name.
func askerName(r *family.Request) string {
	st := client.TheStore()
	if r == nil {
		return ""
	}
	if r.Ask != nil && r.Ask.From != "" {
		return personName(r.Ask.From)
	}
	for _, dev := range st.Local.Devices {
		if strings.HasPrefix(r.ID, dev.ID+".") {
			return dev.Name
		}
	}
	return st.T("consent.someone")
}

// requestLabel names a request as the sync items do: 记账 · 李明 · 80.00 元; a correction
// names what it corrects: 作废（记账 · 李明 · 80.00 元）.
func requestLabel(key string) string {
	st := client.TheStore()
	b := st.Book()
	it := b.Item(key)
	if it == nil {
		if r := b.State.Request(key); r != nil {
			return st.T(mutKey(mutation.Name(r.Name)))
		}
		return ""
	}
	var a struct {
		Target string `json:"target"`
	}
	if json.Unmarshal(it.Mutation.Args, &a) == nil && a.Target != "" && a.Target != key {
		if t := b.Item(a.Target); t != nil {
			return trf("consent.of", st.T(mutKey(it.Mutation.Name)), itemLabel(b, t))
		}
	}
	return itemLabel(b, it)
}

// requestAnchor is the id of a request's card on 同步 (the reminders link to it).
func requestAnchor(key string) string {
	return "request-" + strings.ReplaceAll(strings.ReplaceAll(key, "/", "-"), ".", "-")
}

// effectText is one change a request would make: 李明的医保个人账户：2,920.00 元 → 2,870.00 元.
func effectText(e family.Effect) string {
	key := "consent.effect.profile"
	switch {
	case e.Account == family.FromAccount:
		key = "consent.effect.account"
	case e.Account == family.FromWallet:
		key = "consent.effect.wallet"
	case e.What == family.EffectBindings:
		key = "consent.effect.bindings"
	case e.What == family.EffectSchedule:
		key = "consent.effect.schedule"
	}
	// the texts without an amount have no {2} or {3}
	return trf(key, personName(e.Person), grouped(e.Before), grouped(e.After))
}

// grouped is an amount with thousands separated: 2,920.00 元.
func grouped(a money.Amount) string {
	s := a.String()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	out := sign + whole + "." + frac
	if client.TheStore().Lang() == words.English {
		return out + " yuan"
	}
	return out + " 元"
}

func linksDevice(r family.Request, device string) bool {
	a, err := mutation.Decode(mutation.LinkDevice, r.Args)
	return err == nil && a.(*mutation.LinkDeviceArgs).Device == device
}
