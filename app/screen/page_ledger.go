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
	b := client.TheStore().Book()
	return page(PathLedger, "ledger.title",
		c.bar.render(b),
		eltr("h2", "ledger.balances"),
		peopleTable(b),
		eltr("h2", "ledger.year"),
		c.year.render(),
		eltr("h2", "ledger.bills"),
		c.billList(b),
		eltr("h2", "ledger.payments"),
		c.bar.paymentList(b),
		eltr("h2", "ledger.corrections"),
		correctionList(b),
		eltr("h2", "ledger.accounts"),
		statements(b),
		c.checkpoints.render(),
		c.credits.render(),
	)
}

func (c *ledgerPage) billList(b *book.Book) app.UI {
	st := client.TheStore()
	bills := b.Bills()
	if len(bills) == 0 {
		return eltr("p.empty", "ledger.none")
	}
	return list("ul#bills.cards", len(bills), func(i int) app.UI {
		bill := bills[len(bills)-1-i]
		class := "card bill"
		if bill.VoidedBy != "" {
			class = "card bill voided"
		}
		return entryItem(class, "mutation", bill.Key, string(bill.State),
			entryHead(personName(bill.Patient)+" "+yuan(bill.Total), " · "+shortTime(bill.At), bill.State),
			when(bill.Place != "" || bill.Note != "", para("", "muted place", strings.Trim(bill.Place+" · "+bill.Note, " ·"))),
			when(bill.Fund > 0, para("", "muted", st.T("ledger.fund")+" "+yuan(bill.Fund))),
			billMark(b, bill),
			el("ul.postings.split", append(each(len(bill.Split.Lines), func(j int) app.UI {
				p := bill.Split.Lines[j]
				return listItem(personName(p.Payer) + " · " + st.T("src."+string(p.Source)) + " " + yuan(p.Amount))
			}), listItem(st.T("bill.cash")+" "+yuan(bill.Split.Cash)))...),
			c.billControls(bill),
		)
	})
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
		return eltr("p.empty", "ledger.none")
	}
	return list("div#statements", len(accts), func(i int) app.UI {
		a := accts[i]
		title := personName(a.Person) + " · " + st.T("col."+string(a.Account.Kind))
		return with(elem("details.card.statement",
			el("summary",
				strongText(title),
				spanOf("num", " "+yuan(a.Rows[len(a.Rows)-1].Balance)),
			),
			el("div.table-wrap", el("table",
				el("thead", el("tr", append(eachText("th", statementCols[:2]...), eachText("th.num", statementCols[2:]...)...)...)),
				list("tbody", len(a.Rows), func(j int) app.UI {
					r := a.Rows[len(a.Rows)-1-j]
					cells := [...]string{shortTime(r.At), st.T("entry."+r.Kind) + forWhom(r), signedYuan(r.Amount), yuan(r.Balance)}
					return with(elem("tr", each(len(cells), func(k int) app.UI {
						spec := "td"
						if k >= 2 {
							spec = "td.num"
						}
						return with(elemt(spec, cells[k]), "", "label", st.T(statementCols[k]))
					})...), "", "state", string(r.State))
				}),
			)),
		), "", "account", a.Account.Key())
	})
}

// statementCols are the text keys of a statement's columns: when and what, then the amount
// and the balance after it (numbers).
var statementCols = []string{"ledger.when", "ledger.what", "ledger.amount", "ledger.balance"}

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
