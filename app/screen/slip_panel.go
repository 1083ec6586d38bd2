package screen

import (
	"encoding/json"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/engine"
	"gongji/shared/mutation"
	"gongji/shared/slip"
)

// slipPanel (结算单) compares a saved bill with its settlement slip: the person pastes the
// slip's text (or JSON) from the national app, sees how it was read and every difference
// explained, and saves it (record_slip): the slip's amounts replace the predicted ones.
type slipPanel struct {
	_      incomparable
	target string // the bill's key; "" is the newest standing bill
	text   string
	adjust bool // the person confirmed bringing the balance to the slip's balc
	// balcLater: the slip's 余额 was left out, as the account moved after this bill
	balcLater bool
	prob      problem // why the last save failed
	saved     string
}

// standingBills are the bills a slip may be recorded for, newest first.
func standingBills() []book.Bill {
	var out []book.Bill
	bills := client.TheStore().Book().Bills()
	for i := len(bills) - 1; i >= 0; i-- {
		if bills[i].VoidedBy == "" {
			out = append(out, bills[i])
		}
	}
	return out
}

// args builds the record_slip for the chosen bill from the pasted text; a problem names the
// slip's text (a line it could not read, parts that do not add up).
func (c *slipPanel) args() (mutation.RecordSlipArgs, problem) {
	st := client.TheStore()
	bills := standingBills()
	if len(bills) == 0 {
		return mutation.RecordSlipArgs{}, problem{"slip.bill", st.T("slip.nobill")}
	}
	target := c.target
	if target == "" {
		target = bills[0].Key
	}
	it := st.Book().Item(target)
	if it == nil {
		return mutation.RecordSlipArgs{}, problem{"slip.bill", st.T("slip.nobill")}
	}
	bill, _, ok := settleArgs(it)
	if !ok {
		return mutation.RecordSlipArgs{}, problem{"slip.bill", st.T("slip.nobill")}
	}
	if strings.TrimSpace(c.text) == "" {
		return mutation.RecordSlipArgs{}, problem{}
	}
	sl, err := slip.Parse(c.text)
	if err == nil {
		_, err = sl.Read()
	}
	if err != nil {
		return mutation.RecordSlipArgs{}, problem{"slip.text", slipProblem(err)}
	}
	// balc is the balance right after this bill: with later entries on the account it cannot
	// be compared with today's ledger, so it is left out (the ledger's 余额核对 does that)
	c.balcLater = sl.Has(slip.Balc) && st.Book().MovedSince(target, bill.Patient)
	if c.balcLater {
		delete(sl.Amounts, slip.Balc)
	}
	return mutation.RecordSlipArgs{Target: target, Settle: bill, Slip: slipJSON(sl), AdjustBalance: c.adjust}, problem{}
}

// settleArgs is the bill an item settled (settle, amend_bill, record_slip).
func settleArgs(it *book.Item) (mutation.SettleArgs, string, bool) {
	var a mutation.SettleArgs
	switch it.Mutation.Name {
	case mutation.Settle:
		return a, "", json.Unmarshal(it.Mutation.Args, &a) == nil
	case mutation.AmendBill:
		var am mutation.AmendArgs
		ok := json.Unmarshal(it.Mutation.Args, &am) == nil
		return am.Settle, am.Target, ok
	case mutation.RecordSlip:
		var rs mutation.RecordSlipArgs
		ok := json.Unmarshal(it.Mutation.Args, &rs) == nil
		return rs.Settle, rs.Target, ok
	}
	return a, "", false
}

// slipJSON is the slip's fields as the mutation carries them: money strings.
func slipJSON(sl slip.Slip) json.RawMessage {
	m := map[string]string{}
	for f, a := range sl.Amounts {
		m[string(f)] = a.String()
	}
	if sl.Payer != "" {
		m["payer"] = sl.Payer
	}
	b, _ := json.Marshal(m)
	return b
}

// badLine reads where as slip.Error writes a line it could not read, "line 12 (自付一)": the
// line's number and what it held, as the regexp `^line (\d+) \((.*)\)$` would (no regexp: the
// client's other code uses none, and its matcher is kilobytes of wasm; issue 22).
func badLine(where string) (number, held string, ok bool) {
	rest, ok := strings.CutPrefix(where, "line ")
	if !ok {
		return "", "", false
	}
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	number, held = rest[:n], rest[n:]
	if n == 0 || !strings.HasPrefix(held, " (") || !strings.HasSuffix(held, ")") || len(held) < 3 {
		return "", "", false
	}
	held = held[2 : len(held)-1]
	if strings.Contains(held, "\n") {
		return "", "", false
	}
	return number, held, true
}

// slipProblem says in words which line or amount of the slip could not be read.
func slipProblem(err error) string {
	st := client.TheStore()
	se, ok := err.(*slip.Error)
	if !ok {
		return st.T("slip.unreadable")
	}
	if number, held, ok := badLine(se.Where); ok {
		return trf("slip.badline", number, held)
	}
	switch se.Where {
	case "JSON":
		return st.T("slip.badjson")
	case "text":
		return st.T("slip.nothing")
	}
	return fieldText(st.Lang(), "args.slip."+se.Where)
}

// preview applies the record_slip to a copy of the state: the outcome the save would give.
func (c *slipPanel) preview(a mutation.RecordSlipArgs) (mutation.Outcome, error) {
	st := client.TheStore()
	raw, err := json.Marshal(a)
	if err != nil {
		return mutation.Outcome{}, err
	}
	b := st.Book()
	s := b.State
	// decided as saving decides it: as of the bill's moment, from the log (shared/mutation moment.go)
	o, _ := mutation.Apply(st.Engine(), &s, mutation.Mutation{ID: "preview/1", Name: mutation.RecordSlip, Args: raw, History: b.History()}, st.Now())
	return o, nil
}

func (c *slipPanel) render() app.UI {
	st := client.TheStore()
	bills := standingBills()
	a, p := c.args()
	var result app.UI = app.Text("")
	mismatch := false
	if p.none() && a.Target != "" {
		o, err := c.preview(a)
		if err != nil || !o.Status.Applied() {
			p = failure(o, err)
		} else {
			mismatch = hasCode(o.Codes, engine.SlipBalanceMismatch)
			result = slipResult(o)
		}
	}
	if p.none() {
		p = c.prob
	}
	opts := make([]app.UI, 0, len(bills))
	for _, b := range bills {
		opts = append(opts, option(b.Key, personName(b.Patient)+" "+yuan(b.Total)+" · "+shortTime(b.At), c.target))
	}
	chosen := chosenBill(bills, c.target)
	typed, scope := valueTo(&c.text), fieldScope(&c.text) // the slip's text, on input and on change
	return el("section#slip.card",
		eltr("h2", "slip.title"),
		eltr("p.muted", "slip.help"),
		fieldErr(st.T("slip.bill"), selectInput("slip-bill", &c.target).Body(opts...), "slip-bill-error", p.on("slip.bill")),
		paraIf(chosen != "", "slip-bill-chosen", "chosen", chosen),
		fieldErr(st.T("slip.text"), elem("textarea#slip-text[rows=7]").Attr("placeholder", st.T("slip.placeholder")).Attr("value", c.text).
			OnInput(typed, scope).OnChange(typed, scope), "slip-text-error", p.on("slip.text")),
		result,
		when(mismatch, check("slip-adjust", st.T("slip.adjust"), &c.adjust)),
		paraIf(c.balcLater, "slip-balc-later", "note", st.T("slip.balc_later")),
		note("slip-error", p.besides("slip.bill", "slip.text")),
		paraIf(c.saved != "", "slip-saved", "ok", c.saved),
		btn("button#slip-save[type=button]", st.T("slip.save"), c.save),
	)
}

// slipResult is the slip's split and every line of the comparison (the reading first).
func slipResult(o mutation.Outcome) app.UI {
	st := client.TheStore()
	res := engine.SplitResult{}
	if o.Split != nil {
		res.Payments, res.Cash = o.Split.Lines, o.Split.Cash
	}
	return el("div#slip-result",
		eltr("h3", "slip.actual"),
		el("ol#slip-lines.split", append(each(len(res.Payments), func(i int) app.UI {
			l := res.Payments[i]
			return with(elem("li",
				spanText(personName(l.Payer)+" · "+st.T("src."+string(l.Source))),
				spanOf("num", yuan(l.Amount))), "", "source", string(l.Source), "payer", string(l.Payer))
		}),
			el("li.cash", eltr("span", "bill.cash"), elt("span#slip-cash.num", yuan(res.Cash))),
		)...),
		eltr("h3", "slip.differences"),
		explanation("slip-explain", o.Explanation),
	)
}

func hasCode(cs []engine.Code, c engine.Code) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func (c *slipPanel) save(ctx app.Context, e app.Event) {
	st := client.TheStore()
	a, p := c.args()
	if p.none() && a.Target == "" {
		p = problem{"slip.text", st.T("slip.nothing")}
	}
	if !p.none() {
		c.prob, c.saved = p, ""
		return
	}
	o, err := st.Do(mutation.RecordSlip, a)
	if p := failure(o, err); !p.none() {
		c.prob, c.saved = p, ""
		return
	}
	c.prob, c.text, c.target, c.adjust = problem{}, "", "", false
	c.saved = st.T("slip.saved")
	clearInput("slip-text")
}
