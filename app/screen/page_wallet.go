package screen

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
)

// walletPage (医保钱包) sends a transfer after showing its limits and the engine's check,
// and lists transfers to accept or, from 06:00 after the refund time, to refund.
type walletPage struct {
	_ incomparable
	pageBase
	from, to, amount, source, sent string
	prob                           problem // why the last send, accept or refund failed
}

func (c *walletPage) Render() app.UI {
	st := client.TheStore()
	if c.source == "" {
		c.source = string(family.FromAccount)
	}
	check, cp := c.check()
	at := func(f ...string) string {
		if s := cp.on(f...); s != "" {
			return s
		}
		return c.prob.on(f...)
	}
	placed := []string{"from", "to", "amount", "source"}
	return page(PathWallet, "wallet.title",
		formOf("form#wallet-form.card", c.submit,
			row(
				fieldErr(st.T("wallet.from"), elem("select#wallet-from", personOptions(c.from)...).OnChange(c.entry(&c.from)),
					"wallet-from-error", at("from")),
				fieldErr(st.T("wallet.to"), elem("select#wallet-to", personOptions(c.to)...).OnChange(c.entry(&c.to)),
					"wallet-to-error", at("to")),
			),
			row(
				fieldErr(st.T("wallet.amount"), app.Input().ID("wallet-amount").Attr("inputmode", "decimal").Value(c.amount).OnInput(c.entry(&c.amount)),
					"wallet-amount-error", at("amount")),
				fieldErr(st.T("wallet.source"), elem("select#wallet-source",
					option("account", st.T("col.account"), c.source), option("wallet", st.T("col.wallet"), c.source)).OnChange(c.entry(&c.source)),
					"wallet-source-error", at("source")),
			),
			c.limits(),
			check,
			note("wallet-check-error", cp.besides(placed...)),
			note("wallet-error", c.prob.besides(placed...)),
			paraIf(c.sent != "", "wallet-sent", "ok", c.sent),
			submit("wallet-send", st.T("wallet.send")),
		),
		eltr("h2", "wallet.list"),
		c.transfers(),
	)
}

// entry is valueTo for the form's inputs: the next entry starts, so the last one's success
// message goes.
func (c *walletPage) entry(v *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*v = ctx.JSSrc().Get("value").String()
		c.sent, c.prob = "", problem{} // a new entry: the last send's answer is old
	}
}

// limits shows, before anything is sent, the count left today, the quiet hours and when an
// unaccepted transfer would come back.
func (c *walletPage) limits() app.UI {
	st := client.TheStore()
	now := st.Now()
	used := 0
	for _, t := range st.Book().State.Transfers {
		if string(t.From) == c.from && civil.DateOf(t.At) == civil.DateOf(now) {
			used++
		}
	}
	left := max(engine.WalletDailyCount-used, 0)
	sec := civil.SecondOfDay(now)
	quiet := "" // the quiet hours' line is a warning while they last
	if sec >= engine.WalletQuietFromSec || sec < engine.WalletQuietUntilSec {
		quiet = "warning"
	}
	return el("ul#wallet-limits.limits",
		when(c.from != "", elt("li#wallet-left", st.T("wallet.left")+strconv.Itoa(left)+" / "+strconv.Itoa(engine.WalletDailyCount))),
		elemt("li", st.T("wallet.quiet")).Class(quiet),
		elt("li#wallet-refund-at", st.T("wallet.refund")+shortTime(engine.RefundAt(now))),
	)
}

// request reads the form; ok is false until both people and an amount are there, and the
// problem names an unreadable amount or, with missing, the first empty input.
func (c *walletPage) request() (a mutation.WalletTransferArgs, ok bool, p problem, missing problem) {
	st := client.TheStore()
	amt, err := parseYuan(c.amount)
	if err != nil {
		return a, false, problem{"amount", st.T("bill.badmoney")}, problem{}
	}
	a = mutation.WalletTransferArgs{From: family.PersonID(c.from), To: family.PersonID(c.to), Amount: amt,
		Source: family.Source(c.source)}
	switch {
	case c.from == "":
		missing = problem{"from", st.T("field.from")}
	case c.to == "":
		missing = problem{"to", st.T("field.to")}
	case c.amount == "":
		missing = problem{"amount", st.T("field.amount")}
	}
	return a, missing.none(), problem{}, missing
}

func (c *walletPage) check() (app.UI, problem) {
	st := client.TheStore()
	a, ok, p, _ := c.request()
	if !ok {
		return app.Text(""), p
	}
	s := st.Book().State
	res, err := st.Engine().WalletTransfer(&s, st.Now(), engine.WalletTransferRequest{ID: "preview",
		From: a.From, To: a.To, Amount: a.Amount, Source: a.Source})
	if err != nil {
		return app.Text(""), explain(st.Lang(), err)
	}
	if res.Routes != nil {
		return el("div", verdictView("wallet-check", res.Allowed, engine.Preview(res.Explanation)),
			routesView("wallet-routes", *res.Routes, false, c.startRoute)), problem{}
	}
	return verdictView("wallet-check", res.Allowed, engine.Preview(res.Explanation)), problem{}
}

// OnNav fills the form from the address a routes view opened (routeURL): from the relative
// to the beneficiary, from the source the route says.
func (c *walletPage) OnNav(ctx app.Context) {
	q := ctx.Page().URL().RawQuery
	if from, to := queryValue(q, "from"), queryValue(q, "to"); from != "" && to != "" {
		c.fill(from, to, queryValue(q, "source"))
	}
}

// fill puts a transfer from one person to another in the form; the amount stays as typed.
func (c *walletPage) fill(from, to, source string) {
	c.from, c.to, c.sent, c.prob = from, to, "", problem{}
	if source == string(family.FromAccount) || source == string(family.FromWallet) {
		c.source = source
	}
}

// startRoute starts the way a routes view shows under a refused transfer: a transfer here, in
// the form (scrolled to), or a binding on its screen.
func (c *walletPage) startRoute(ctx app.Context, rt engine.Route, beneficiary family.PersonID) {
	if rt.Way() != engine.WayWallet {
		startElsewhere(ctx, rt, beneficiary)
		return
	}
	c.fill(string(rt.Person), string(beneficiary), string(rt.Wallet.Source))
	ctx.Defer(func(app.Context) { scrollToID("wallet-form") })
}

func (c *walletPage) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st := client.TheStore()
	a, ok, p, missing := c.request()
	if !ok {
		if p.none() {
			p = missing
		}
		c.prob, c.sent = p, ""
		return
	}
	o, err := st.Do(mutation.WalletTransfer, a)
	if p := failure(o, err); !p.none() {
		c.prob, c.sent = p, ""
		return
	}
	c.prob, c.sent, c.amount = problem{}, st.T("wallet.sent"), ""
	clearInput("wallet-amount")
}

// transfers lists the family's wallet transfers, newest first, with accept and refund.
func (c *walletPage) transfers() app.UI {
	st := client.TheStore()
	ts := st.Book().State.Transfers
	if len(ts) == 0 {
		return eltr("p.empty", "wallet.none")
	}
	now := st.Now()
	return list("ul#transfers.cards", len(ts), func(i int) app.UI {
		t := ts[len(ts)-1-i]
		refundAt := engine.RefundAt(t.At)
		id := t.ID
		return entryItem("card transfer", "transfer", t.ID, string(t.State),
			entryHead(personName(t.From)+" → "+personName(t.To)+" "+yuan(t.Amount),
				" · "+shortTime(t.At)+" · "+st.T("wstate."+string(t.State)), st.StateOf(t.ID)),
			when(t.State == family.Pending && now.Before(refundAt), el("div.actions",
				para("", "muted", st.T("wallet.refund")+shortTime(refundAt)),
				scopedBtn("button.accept", st.T("wallet.accept"), func(ctx app.Context, e app.Event) {
					c.act(mutation.WalletAccept, id)
				}, id),
			)),
			// W11: after 06:00 the refund is the family clock's (the server's, or this device's
			// for a family kept only here): never a button, the same words as the reminder
			when(t.State == family.Pending && !now.Before(refundAt), para("", "note refund-due", trf("wallet.refunding", personName(t.From)))),
		)
	})
}

func (c *walletPage) act(name mutation.Name, transfer string) {
	o, err := client.TheStore().Do(name, mutation.WalletRefArgs{Transfer: transfer})
	c.prob, c.sent = failure(o, err), ""
}
