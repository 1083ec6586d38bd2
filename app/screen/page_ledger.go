package screen

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/money"
)

// ledgerPage (账本) lists every bill with its postings, each person's balances, and a year
// summary of whose money paid for whom (共济 and wallet transfers) per person and month.
type ledgerPage struct {
	pageBase
	bar         correctionBar  // undo, void and what they were refused for
	amending    *billPage      // the bill form correcting a saved bill (更正), nil when closed
	credits     creditForm     // 每月划入
	checkpoints checkpointForm // 余额核对
	year        yearView       // the year summary's chosen year
}

func (c *ledgerPage) Render() app.UI {
	st := client.TheStore()
	b := st.Book()
	return app.Div().Class("page").Body(
		&shell{Active: PathLedger},
		app.Main().Body(
			pageTitle(st.T("ledger.title")),
			c.bar.render(b),
			heading(st.T("ledger.balances")),
			peopleTable(b),
			heading(st.T("ledger.year")),
			c.year.render(),
			heading(st.T("ledger.bills")),
			c.billList(b),
			heading(st.T("ledger.payments")),
			c.bar.paymentList(b),
			heading(st.T("ledger.corrections")),
			correctionList(b),
			heading(st.T("ledger.accounts")),
			statements(b),
			c.checkpoints.render(),
			c.credits.render(),
		),
	)
}

func (c *ledgerPage) billList(b *book.Book) app.UI {
	st := client.TheStore()
	bills := b.Bills()
	if len(bills) == 0 {
		return para("", "empty", st.T("ledger.none"))
	}
	return app.Ul().ID("bills").Class("cards").Body(app.Range(bills).Slice(func(i int) app.UI {
		bill := bills[len(bills)-1-i]
		state := bill.State
		class := "card bill"
		if bill.VoidedBy != "" {
			class += " voided"
		}
		return app.Li().Class(class).DataSet("mutation", bill.Key).DataSet("state", string(state)).Body(
			app.P().Body(
				strongText(personName(bill.Patient)+" "+yuan(bill.Total)),
				spanOf("muted", " · "+shortTime(bill.At)),
				app.Span().Class("state "+string(state)).Text(stateText(state)),
			),
			app.If(bill.Place != "" || bill.Note != "", func() app.UI {
				return para("", "muted place", strings.Trim(bill.Place+" · "+bill.Note, " ·"))
			}),
			app.If(bill.Fund > 0, func() app.UI {
				return para("", "muted", st.T("ledger.fund")+" "+yuan(bill.Fund))
			}),
			billMark(b, bill),
			app.Ul().Class("postings split").Body(app.Range(bill.Split.Lines).Slice(func(j int) app.UI {
				p := bill.Split.Lines[j]
				return listItem(personName(p.Payer) + " · " + st.T("src."+string(p.Source)) + " " + yuan(p.Amount))
			}), listItem(st.T("bill.cash")+" "+yuan(bill.Split.Cash))),
			c.billControls(bill),
		)
	}))
}

// billControls is a bill's 作废 and 更正, or the bill form correcting it once 更正 is pressed.
func (c *ledgerPage) billControls(bill book.Bill) app.UI {
	if c.amending != nil && c.amending.amend.target == bill.Key {
		return c.amending.form()
	}
	return c.bar.voidControls(bill, func(ctx app.Context, e app.Event) {
		c.bar.confirming, c.bar.prob = "", problem{}
		c.amending = amending(bill, func() { c.amending = nil })
	})
}

// statements lists every posting per person and account with the balance after it.
func statements(b *book.Book) app.UI {
	st := client.TheStore()
	accts := b.Accounts()
	if len(accts) == 0 {
		return para("", "empty", st.T("ledger.none"))
	}
	return app.Div().ID("statements").Body(app.Range(accts).Slice(func(i int) app.UI {
		a := accts[i]
		title := personName(a.Person) + " · " + st.T("col."+string(a.Account.Kind))
		return app.Details().Class("card statement").DataSet("account", a.Account.Key()).Body(
			app.Summary().Body(
				strongText(title),
				spanOf("num", " "+yuan(a.Rows[len(a.Rows)-1].Balance)),
			),
			app.Div().Class("table-wrap").Body(app.Table().Body(
				app.THead().Body(app.Tr().Body(
					headerCell(st.T("ledger.when")), headerCell(st.T("ledger.what")),
					app.Th().Class("num").Text(st.T("ledger.amount")), app.Th().Class("num").Text(st.T("ledger.balance")),
				)),
				app.TBody().Body(app.Range(a.Rows).Slice(func(j int) app.UI {
					r := a.Rows[len(a.Rows)-1-j]
					return app.Tr().DataSet("state", string(r.State)).Body(
						app.Td().DataSet("label", st.T("ledger.when")).Text(shortTime(r.At)),
						app.Td().DataSet("label", st.T("ledger.what")).Text(st.T("entry."+r.Kind)+forWhom(r)),
						app.Td().Class("num").DataSet("label", st.T("ledger.amount")).Text(signedYuan(r.Amount)),
						app.Td().Class("num").DataSet("label", st.T("ledger.balance")).Text(yuan(r.Balance)),
					)
				})),
			)),
		)
	}))
}

// forWhom names the patient of a row written for someone else: " · 为 王芳".
func forWhom(r book.Row) string {
	if r.For == "" {
		return ""
	}
	return " · " + client.TheStore().T("ledger.forwhom") + " " + personName(r.For)
}

// signedYuan shows a posting with its sign: "+10.00 元", "-5.00 元".
func signedYuan(a money.Amount) string {
	if a < 0 {
		return "-" + yuan(-a)
	}
	return "+" + yuan(a)
}
