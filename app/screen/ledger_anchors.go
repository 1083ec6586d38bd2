package screen

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// The ledger's anchors to the real account: each person's monthly credit (个人账户划入) and
// balance checkpoints (the balance the national app shows on a day).

// creditForm sets a person's monthly credit: the amount and the day of the month.
type creditForm struct {
	_                   incomparable
	person, amount, day string
	prob                problem
	saved               string
}

func (c *creditForm) render() app.UI {
	st := client.TheStore()
	s := &st.Book().State
	return el("section#credits.card",
		eltr("h2", "credit.title"),
		eltr("p.muted", "credit.help"),
		list("ul#credit-list", len(s.Schedules), func(i int) app.UI {
			sch := s.Schedules[i]
			return with(elemt("li", personName(sch.Person)+colon()+
				trf("credit.line", strconv.Itoa(sch.Day), yuan(sch.Amount), day(sch.Next))), "", "person", string(sch.Person))
		}),
		formOf("form#credit-form", c.submit, append(inputs([]input{
			{id: "credit-person", label: "credit.person", v: &c.person, people: true, err: "person", row: 1},
			{id: "credit-amount", label: "credit.amount", v: &c.amount, mode: "decimal", err: "amount", row: 1},
			{id: "credit-day", label: "credit.day", v: &c.day, mode: "numeric", err: "day", row: 1},
		}, c.prob),
			note("credit-error", c.prob.besides("person", "amount", "day")),
			paraIf(c.saved != "", "credit-saved", "ok", c.saved),
			submit("credit-save", st.T("credit.save")),
		)...),
	)
}

func (c *creditForm) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st := client.TheStore()
	c.saved = ""
	if c.person == "" {
		c.prob = problem{"person", st.T("field.patient")}
		return
	}
	if k := moneyKey(c.amount); k != "" || strings.TrimSpace(c.amount) == "" {
		if k == "" {
			k = "money.letters"
		}
		c.prob = problem{"amount", st.T(k)}
		return
	}
	d, err := strconv.Atoi(strings.TrimSpace(c.day))
	if err != nil || d < 1 || d > 31 {
		c.prob = problem{"day", st.T("field.day")}
		return
	}
	amount, _ := parseYuan(c.amount)
	o, err := st.Do(mutation.SetCreditSchedule, mutation.CreditScheduleArgs{Person: family.PersonID(c.person), Amount: amount, Day: d})
	if p := failure(o, err); !p.none() {
		c.prob = p
		return
	}
	c.prob, c.saved, c.amount, c.day = problem{}, st.T("credit.saved"), "", ""
	clearInput("credit-amount")
	clearInput("credit-day")
}

// checkpointForm records the balance the national app shows; the list shows each
// checkpoint's difference from the ledger and the postings in between.
type checkpointForm struct {
	_                   incomparable
	person, balance, on string
	prob                problem
	saved               string
}

func (c *checkpointForm) render() app.UI {
	st := client.TheStore()
	views := st.Book().Checkpoints()
	return el("section#checkpoints.card",
		eltr("h2", "checkpoint.title"),
		eltr("p.muted", "checkpoint.help"),
		formOf("form#checkpoint-form", c.submit, append(inputs([]input{
			{id: "checkpoint-person", label: "checkpoint.person", v: &c.person, people: true, err: "person", row: 1},
			{id: "checkpoint-balance", label: "checkpoint.balance", v: &c.balance, mode: "decimal", err: "balance", row: 1},
			{id: "checkpoint-on", label: "checkpoint.on", v: &c.on, typ: "date", err: "on", row: 1},
		}, c.prob),
			note("checkpoint-error", c.prob.besides("person", "balance", "on")),
			paraIf(c.saved != "", "checkpoint-saved", "ok", c.saved),
			submit("checkpoint-save", st.T("checkpoint.save")),
		)...),
		list("ul#checkpoint-list.cards", len(views), func(i int) app.UI {
			return checkpointCard(&views[i])
		}),
	)
}

func checkpointCard(v *book.CheckpointView) app.UI {
	st := client.TheStore()
	head := personName(v.Person) + " · " + day(v.On) + colon() + trf("checkpoint.line", yuan(v.Balance),
		yuan(v.Ledger), signedYuan(v.Differs()))
	since := st.T("checkpoint.start")
	if v.Prev != nil {
		since = trf("checkpoint.since", day(v.Prev.On))
	}
	rows := func(id string, rs []book.Row) app.UI {
		return with(listElem("ul.postings", len(rs), func(j int) app.UI {
			r := rs[j]
			return listItem(shortTime(r.At) + " · " + st.T("entry."+r.Kind) + " " + signedYuan(r.Amount))
		}), "", "rows", id)
	}
	var after app.UI
	if len(v.Since) > 0 {
		var sum money.Amount
		for _, r := range v.Since {
			sum += r.Amount
		}
		after = el("div",
			para("", "muted", trf("checkpoint.after", signedYuan(sum))),
			rows("since", v.Since))
	}
	return with(elem("li.card.checkpoint",
		el("p", strongText(head)),
		para("", "muted", since),
		rows("between", v.Rows),
		after,
	), "", "person", string(v.Person))
}

func (c *checkpointForm) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st := client.TheStore()
	c.saved = ""
	if c.person == "" {
		c.prob = problem{"person", st.T("field.patient")}
		return
	}
	bal, err := money.ParseSigned(typedYuan(c.balance))
	if err != nil {
		c.prob = problem{"balance", st.T("field.balance")}
		return
	}
	var on civil.Date
	if c.on != "" {
		if on, err = civil.ParseDate(c.on); err != nil || on > civil.DateOf(st.Now()) {
			c.prob = problem{"on", st.T("field.on")}
			return
		}
	}
	o, err := st.Do(mutation.Checkpoint, mutation.CheckpointArgs{Person: family.PersonID(c.person), Balance: bal, On: on})
	if p := failure(o, err); !p.none() {
		c.prob = p
		return
	}
	c.prob, c.saved, c.balance, c.on = problem{}, st.T("checkpoint.saved"), "", ""
	clearInput("checkpoint-balance")
	clearInput("checkpoint-on")
}
