package screen

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
)

// withdrawPage (提取与转移) asks the questions of rules.md section 6 one by one and shows the
// engine's answer: a one-off withdrawal on a ground, or a transfer to another city.
type withdrawPage struct {
	pageBase
	person, ground, to, gap string
	stopped, enrolled       bool
	saved                   string       // what the last transfer or arrival recorded
	prob                    problem      // why it was refused
	picker                  regionPicker // where the transfer goes: the family page's picker
	probKey                 string       // the form as it stood when prob was set
}

// key is the form as it stands: a refusal of another form is old (formKey).
func (c *withdrawPage) key() string {
	return c.person + "\x00" + c.ground + "\x00" + c.to + "\x00" + c.gap + "\x00" + flags(c.stopped, c.enrolled)
}

var grounds = []string{"", "death", "voluntary_exit", "lump_sum_pension_clearing", "emigration",
	"move_no_transfer", "retiree_nonlocal", "retiree_resettled", "to_resident_elsewhere"}

func (c *withdrawPage) Render() app.UI {
	st := client.TheStore()
	c.picker.id = "transfer-to"
	if c.key() != c.probKey {
		c.prob = problem{} // no old refusal under a new 「可以办理」
	}
	return page(PathWithdraw, "withdraw.title",
		formOf("form#withdraw-form.card", preventDefault, append(inputs([]input{
			{id: "withdraw-person", label: "withdraw.person", v: &c.person, people: true},
			{id: "withdraw-ground", label: "withdraw.ground", v: &c.ground, keys: grounds, prefix: "ground."},
		}), c.withdrawCheck())...),
		formOf("form#transfer-form.card", preventDefault, append(append([]app.UI{
			eltr("h2", "transfer.title"),
			c.picker.render(st.T("transfer.to"), &c.to),
		}, inputs([]input{
			{id: "transfer-stopped", label: "transfer.stopped", on: &c.stopped},
			{id: "transfer-enrolled", label: "transfer.enrolled", on: &c.enrolled},
			{id: "transfer-gap", label: "transfer.gap", v: &c.gap, mode: "numeric"},
		})...),
			c.transferCheck(),
			note("transfer-record-error", c.prob.Text),
			paraIf(c.saved != "", "transfer-saved", "ok", c.saved),
		)...),
		c.transits(),
	)
}

// preventDefault is the handler of a form that saves nothing on submit (its checks run as
// the person types; a button records).
func preventDefault(ctx app.Context, e app.Event) { e.PreventDefault() }

func (c *withdrawPage) withdrawCheck() app.UI {
	st := client.TheStore()
	if c.person == "" {
		return app.Text("")
	}
	s := st.Book().State
	res, err := st.Engine().Withdraw(&s, st.Now(), engine.WithdrawRequest{Person: family.PersonID(c.person), Ground: c.ground})
	if err != nil {
		return note("withdraw-error", explain(st.Lang(), err).Text)
	}
	return verdictView("withdraw-check", res.Allowed, res.Explanation)
}

func (c *withdrawPage) transferCheck() app.UI {
	st := client.TheStore()
	if c.person == "" || c.to == "" {
		return app.Text("")
	}
	s := st.Book().State
	res, err := st.Engine().Transfer(&s, st.Now(), c.transferArgs())
	if err != nil {
		return note("transfer-error", explain(st.Lang(), err).Text)
	}
	return el("div",
		verdictView("transfer-check", res.Allowed, res.Explanation),
		when(res.Allowed, btn("button#transfer-record[type=button]", st.T("transfer.record"), c.record)),
	)
}

// transferArgs is the transfer as the form stands.
func (c *withdrawPage) transferArgs() engine.TransferRequest {
	gap, _ := strconv.Atoi(c.gap)
	return engine.TransferRequest{Person: family.PersonID(c.person), ToRegion: regionCode(c.to),
		OriginStopped: c.stopped, DestEnrolled: c.enrolled, GapMonths: gap}
}

// record saves the transfer the check allowed: the balance leaves the old region's account
// and waits in transit (T3) until 已到账; inside Guangdong (T5) it stays where it is.
func (c *withdrawPage) record(ctx app.Context, e app.Event) {
	st := client.TheStore()
	before := st.Book().InTransit(family.PersonID(c.person))
	o, err := st.Do(mutation.Transfer, c.transferArgs())
	if c.prob = failure(o, err); !c.prob.none() {
		c.saved, c.probKey = "", c.key()
		return
	}
	c.saved = st.T("transfer.stays")
	if moved := st.Book().InTransit(family.PersonID(c.person)) - before; moved > 0 {
		c.saved = trf("transfer.recorded", yuan(moved))
	}
	c.to, c.gap, c.stopped, c.enrolled = "", "", false, false
	clearInput("transfer-gap")
}

// transits lists every balance on its way to a new region's account, each with 已到账.
func (c *withdrawPage) transits() app.UI {
	st := client.TheStore()
	ts := st.Book().Transits()
	if len(ts) == 0 {
		return app.Text("")
	}
	return el("section#transits.card",
		eltr("h2", "transfer.transits"),
		list("ul.cards", len(ts), func(i int) app.UI {
			t := ts[i]
			return with(elem("li.card.transit",
				elt("p", trf("transfer.transit", personName(t.Person), yuan(t.Amount), shortTime(t.At))),
				with(elemt("button.arrive", st.T("transfer.arrived")).OnClick(c.arrive(t)), "", "arrive", t.Key),
			), "", "transfer", t.Key)
		}),
	)
}

// arrive records that the balance of transfer t shows in the new region's account.
func (c *withdrawPage) arrive(t book.Transit) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		st := client.TheStore()
		o, err := st.Do(mutation.TransferArrive, mutation.TransferArriveArgs{Transfer: t.Key})
		if c.prob = failure(o, err); !c.prob.none() {
			c.saved, c.probKey = "", c.key()
			return
		}
		c.saved = trf("transfer.arrivedsaved", personName(t.Person), yuan(t.Amount))
	}
}

func verdictView(id string, allowed bool, lines []engine.Line) app.UI {
	st := client.TheStore()
	verdict, cls := st.T("verdict.no"), "verdict refused"
	if allowed {
		verdict, cls = st.T("verdict.yes"), "verdict allowed"
	}
	return elem("section.check-result",
		para("", cls, verdict),
		explanation(id+"-explain", lines),
	).ID(id)
}
