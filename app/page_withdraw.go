package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/shared/engine"
	"gongji/shared/family"
)

// withdrawPage (提取与转移) asks the questions of rules.md section 6 one by one and shows the
// engine's answer: a one-off withdrawal on a ground, or a transfer to another city.
type withdrawPage struct {
	pageBase
	person, ground, to, gap string
	stopped, enrolled       bool
}

var grounds = []string{"", "death", "voluntary_exit", "lump_sum_pension_clearing", "emigration",
	"move_no_transfer", "retiree_nonlocal", "retiree_resettled", "to_resident_elsewhere"}

func (c *withdrawPage) Render() app.UI {
	st := theStore()
	groundOpts := make([]app.UI, len(grounds))
	for i, g := range grounds {
		groundOpts[i] = option(g, st.T("ground."+g), c.ground)
	}
	cityOpts := []app.UI{option("", "—", c.to)}
	for _, x := range cities {
		cityOpts = append(cityOpts, option(string(x.Code), cityName(st.Lang(), x.Code), c.to))
	}
	return app.Div().Class("page").Body(
		&shell{Active: PathWithdraw},
		app.Main().Body(
			app.H1().Text(st.T("withdraw.title")),
			app.Form().ID("withdraw-form").Class("card").OnSubmit(func(ctx app.Context, e app.Event) { e.PreventDefault() }).Body(
				field(st.T("withdraw.person"), app.Select().ID("withdraw-person").OnChange(valueTo(&c.person)).Body(personOptions(c.person)...)),
				field(st.T("withdraw.ground"), app.Select().ID("withdraw-ground").OnChange(valueTo(&c.ground)).Body(groundOpts...)),
				c.withdrawCheck(),
			),
			app.Form().ID("transfer-form").Class("card").OnSubmit(func(ctx app.Context, e app.Event) { e.PreventDefault() }).Body(
				app.H2().Text(st.T("transfer.title")),
				field(st.T("transfer.to"), app.Select().ID("transfer-to").OnChange(valueTo(&c.to)).Body(cityOpts...)),
				check("transfer-stopped", st.T("transfer.stopped"), &c.stopped),
				check("transfer-enrolled", st.T("transfer.enrolled"), &c.enrolled),
				field(st.T("transfer.gap"), app.Input().ID("transfer-gap").Attr("inputmode", "numeric").Value(c.gap).OnInput(valueTo(&c.gap))),
				c.transferCheck(),
			),
		),
	)
}

func (c *withdrawPage) withdrawCheck() app.UI {
	st := theStore()
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
	st := theStore()
	if c.person == "" || c.to == "" {
		return app.Text("")
	}
	gap, _ := strconv.Atoi(c.gap)
	s := st.Book().State
	res, err := st.Engine().Transfer(&s, st.Now(), engine.TransferRequest{Person: family.PersonID(c.person),
		ToRegion: regionCode(c.to), OriginStopped: c.stopped, DestEnrolled: c.enrolled, GapMonths: gap})
	if err != nil {
		return note("transfer-error", explain(st.Lang(), err).Text)
	}
	return verdictView("transfer-check", res.Allowed, res.Explanation)
}

func verdictView(id string, allowed bool, lines []engine.Line) app.UI {
	st := theStore()
	verdict, cls := st.T("verdict.no"), "verdict refused"
	if allowed {
		verdict, cls = st.T("verdict.yes"), "verdict allowed"
	}
	return app.Section().ID(id).Class("check-result").Body(
		app.P().Class(cls).Text(verdict),
		explanation(id+"-explain", lines),
	)
}
