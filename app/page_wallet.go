package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/shared/engine"
	"gongji/shared/family"
)

// walletPage (医保钱包) checks a transfer with the engine before it is sent: the count left
// today, the quiet hours and the 06:00 refund time are in the explanation.
type walletPage struct {
	pageBase
	from, to, amount, source string
}

func (c *walletPage) Render() app.UI {
	st := theStore()
	if c.source == "" {
		c.source = string(family.FromAccount)
	}
	return app.Div().Class("page").Body(
		&shell{Active: PathWallet},
		app.Main().Body(
			app.H1().Text(st.T("wallet.title")),
			app.P().Class("note").Text(st.T("wallet.soon")+" "+st.T("wallet.limits")),
			app.Form().ID("wallet-form").Class("card").OnSubmit(func(ctx app.Context, e app.Event) { e.PreventDefault() }).Body(
				app.Div().Class("row").Body(
					field(st.T("relation.person"), app.Select().ID("wallet-from").OnChange(valueTo(&c.from)).Body(personOptions(c.from)...)),
					field("→", app.Select().ID("wallet-to").OnChange(valueTo(&c.to)).Body(personOptions(c.to)...)),
					field(st.T("bill.total"), app.Input().ID("wallet-amount").Attr("inputmode", "decimal").Value(c.amount).OnInput(valueTo(&c.amount))),
					field(st.T("col.account"), app.Select().ID("wallet-source").OnChange(valueTo(&c.source)).Body(
						option("account", st.T("col.account"), c.source), option("wallet", st.T("col.wallet"), c.source))),
				),
				c.check(),
			),
		),
	)
}

func (c *walletPage) check() app.UI {
	st := theStore()
	amt, err := parseYuan(c.amount)
	if err != nil {
		return app.P().Class("error").Text(st.T("bill.badmoney"))
	}
	if c.from == "" || c.to == "" {
		return app.Text("")
	}
	s := st.Book().State
	res, err := st.Engine().WalletTransfer(&s, st.Now(), engine.WalletTransferRequest{ID: "preview",
		From: family.PersonID(c.from), To: family.PersonID(c.to), Amount: amt, Source: family.Source(c.source)})
	if err != nil {
		return app.P().Class("error").Text(st.T("err.prefix") + err.Error())
	}
	return verdictView("wallet-check", res.Allowed, res.Explanation)
}
