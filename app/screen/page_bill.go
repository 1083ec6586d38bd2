package screen

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// billPage (记一笔) enters a bill and shows at once, with the engine, who pays what in order
// and why; saving puts it in the ledger.
type billPage struct {
	pageBase
	patient, kind, category      string
	total, fund, policy, full    string
	date, clock, place, memo     string // the receipt's visit (UTC+8), institution and note
	large                        bool   // the person confirmed a bill over largeBill
	designated, wallet, notFirst bool
	saved                        string
	prob                         problem // why the last save failed
	premium                      premiumForm
	slip                         slipPanel // 结算单: the slip of a saved bill
	amend                        amendment // set while the form corrects a saved bill
	partsSum                     string    // the parts' sum at the last render (followParts)
	probKey                      string    // the form as it stood when prob was set
}

// amendment is what the bill form needs to correct a saved bill (amend_bill): the bill, the
// reason, and its visit as it was, kept when the date and time are left as they were.
type amendment struct {
	target, reason string
	date, clock    string    // the visit as the form first showed it
	visit          time.Time // the original's visit (zero: it had none)
	done           func()    // called once the correction is saved or cancelled
}

// amending fills the form with the saved bill b so that saving corrects it.
func amending(b book.Bill, done func()) *billPage {
	a := b.Settle
	c := &billPage{notFirst: true, patient: string(a.Patient), kind: a.Institution.Kind, category: string(a.Bill.Category),
		designated: a.Institution.Designated, wallet: a.Institution.Wallet,
		total: a.Bill.Total.String(), fund: amountText(a.Bill.Fund), policy: amountText(a.Bill.PolicySelfPay),
		full: amountText(a.Bill.FullSelfPay), place: a.Place, memo: a.Note, large: a.Bill.Total > largeBill}
	t := b.At.In(civil.Zone())
	c.date, c.clock = civil.DateOf(t).String(), t.Format("15:04")
	c.amend = amendment{target: b.Key, date: c.date, clock: c.clock, visit: a.Visit, done: done}
	return c
}

// amountText is an amount for an input: "" for zero, so the field shows its placeholder.
func amountText(a money.Amount) string {
	if a == 0 {
		return ""
	}
	return a.String()
}

// categories are the bill's categories (engine.Category) in the form's order.
var categories = []string{string(engine.Drug), string(engine.Device), string(engine.Consumable), string(engine.Treatment),
	string(engine.Exam), string(engine.Inpatient), string(engine.HealthFood), string(engine.Cosmetics), string(engine.Fitness),
	string(engine.Wellness), string(engine.PublicHealth), string(engine.DailyGoods)}

func (c *billPage) defaults() {
	if !c.notFirst {
		c.notFirst, c.designated, c.wallet = true, true, true
		c.kind, c.category = "pharmacy", string(engine.Drug)
	}
}

// billFields are the amount inputs in order (total, fund, policy, full) with the field
// names the engine's input errors use.
var billFields = [4]string{"bill.total", "bill.fund", "bill.policy_self_pay", "bill.full_self_pay"}

// args reads the form; ok is false while a patient is missing or an amount is unreadable (the
// problem then names the amount).
func (c *billPage) args() (mutation.SettleArgs, bool, problem) {
	var amounts [4]money.Amount
	st := client.TheStore()
	for i, s := range []string{c.total, c.fund, c.policy, c.full} {
		if k := moneyKey(s); k != "" {
			return mutation.SettleArgs{}, false, problem{billFields[i], st.T(k)}
		}
		amounts[i], _ = parseYuan(strings.TrimSpace(s))
	}
	visit, vp := c.visit()
	if !vp.none() {
		return mutation.SettleArgs{}, false, vp
	}
	p := st.Book().State.Person(family.PersonID(c.patient))
	if p == nil {
		return mutation.SettleArgs{}, false, problem{}
	}
	total := amounts[0]
	if c.total == "" {
		total = amounts[1] + amounts[2] + amounts[3]
	}
	return mutation.SettleArgs{
		Patient:     p.ID,
		Institution: engine.Institution{Region: p.Region, Kind: c.kind, Designated: c.designated, Wallet: c.wallet},
		Bill: engine.Bill{Total: total, Fund: amounts[1], PolicySelfPay: amounts[2], FullSelfPay: amounts[3],
			Category: engine.Category(c.category)},
		Visit: visit, Place: strings.TrimSpace(c.place), Note: strings.TrimSpace(c.memo),
	}, true, problem{}
}

// visit reads the visit's date and time (UTC+8); zero when no date is given (the bill is
// for now). A visit after now, or one the rules cannot reach back to, is a problem on the date.
func (c *billPage) visit() (time.Time, problem) {
	st := client.TheStore()
	if c.date == "" {
		return time.Time{}, problem{}
	}
	if c.amend.target != "" && c.date == c.amend.date && c.clock == c.amend.clock {
		return c.amend.visit, problem{} // as it was: amend_bill keeps the original's visit
	}
	d, err := civil.ParseDate(c.date)
	if err != nil {
		return time.Time{}, problem{"visit", st.T("field.visit")}
	}
	secs := 12 * 3600
	if h, m, ok := strings.Cut(c.clock, ":"); ok {
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(m)
		if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
			return time.Time{}, problem{"visit", st.T("field.visit")}
		}
		secs = hh*3600 + mm*60
	}
	v := civil.At(d, secs)
	if v.After(st.Now()) && d == civil.DateOf(st.Now()) {
		v = st.Now() // later today (the receipt's clock or the phone's is ahead): today, as entered now
	}
	if v.After(st.Now()) || v.Before(st.Now().Add(-mutation.MaxVisitBack)) {
		return time.Time{}, problem{"visit", st.T("field.visit")}
	}
	return v, problem{}
}

func (c *billPage) Render() app.UI {
	return page(PathBill, "bill.title", c.form(), c.slip.render(), c.premium.render())
}

// form is the bill's inputs, the live split and the save button; while correcting a saved
// bill also the reason and a cancel button.
func (c *billPage) form() app.UI {
	st := client.TheStore()
	c.defaults()
	c.followParts()
	if c.key() != c.probKey {
		c.prob = problem{} // the last save's refusal was about another form
	}
	preview, pp := c.preview()
	// a sentence about one input goes under it: the live check's first, else the last save's;
	// the card holder's under the patient, whose card pays
	probs := []problem{moved(pp, "card_holder", "patient"), moved(c.prob, "card_holder", "patient")}
	amend := c.amend.target != ""
	save := st.T("bill.save")
	if amend {
		save = st.T("amend.save")
	}
	body := append([]app.UI{when(amend, eltr("h3", "amend.title"))}, inputs([]input{
		{id: "bill-patient", label: "bill.patient", v: &c.patient, people: true, err: "patient"},
		{id: "bill-kind", label: "bill.kind", v: &c.kind, keys: institutionKinds, prefix: "kind.", row: 1},
		{id: "bill-category", label: "bill.category", v: &c.category, keys: categories, prefix: "cat.", row: 1},
		{id: "bill-date", label: "bill.date", v: &c.date, typ: "date", err: "visit", row: 2},
		{id: "bill-time", label: "bill.time", v: &c.clock, typ: "time", row: 2},
		{id: "bill-place", label: "bill.place", v: &c.place, err: "place"},
		{id: "bill-designated", label: "bill.designated", on: &c.designated},
		{id: "bill-wallet", label: "bill.acceptwallet", on: &c.wallet},
		{id: "bill-fund", label: "bill.fund", v: &c.fund, mode: "decimal", err: "bill.fund", row: 3},
		{id: "bill-policy", label: "bill.policy", v: &c.policy, mode: "decimal", err: "bill.policy_self_pay", row: 3},
		{id: "bill-full", label: "bill.full", v: &c.full, mode: "decimal", err: "bill.full_self_pay", row: 3},
		{id: "bill-total", label: "bill.total", v: &c.total, hint: c.sumText(), mode: "decimal", err: "bill.total", row: 3},
		{id: "bill-note", label: "bill.note", v: &c.memo, err: "note"},
		{id: "bill-large", label: "bill.large", on: &c.large, err: "large", hide: !c.isLarge()},
	}, probs...)...)
	body = append(body,
		preview,
		note("bill-preview-error", pp.besides(billPlaced...)),
		note("bill-error", c.prob.besides(billPlaced...)),
		paraIf(c.saved != "" && c.blank(), "bill-saved", "ok", c.saved),
		(&input{id: "bill-reason", label: "amend.reason", v: &c.amend.reason, err: "reason", hide: !amend}).ui(probs),
		el("div.actions",
			submit("bill-save", save),
			when(amend, btn("button#amend-cancel.secondary[type=button]", st.T("ledger.cancel"), func(ctx app.Context, e app.Event) { c.amend.done() })),
		),
	)
	return formOf("form#bill-form.card", c.submit, body...)
}

// billPlaced are the fields whose problems the bill form shows under their inputs.
var billPlaced = []string{"patient", "card_holder", "bill.total", "bill.fund", "bill.policy_self_pay", "bill.full_self_pay",
	"visit", "place", "note", "large", "reason"}

// institutionKinds are where a bill is paid, for the bill form's select.
var institutionKinds = []string{"pharmacy", "clinic", "hospital"}

// isLarge says whether the bill's total (or its parts' sum) is over largeBill.
func (c *billPage) isLarge() bool {
	sum, ok := c.sumOfParts()
	if !ok {
		return false
	}
	if t, err := parseYuan(c.total); err == nil && t > sum {
		sum = t
	}
	return sum > largeBill
}

// sumText is the total the parts add up to, shown while the total is empty.
func (c *billPage) sumText() string {
	if sum, ok := c.sumOfParts(); ok {
		return sum.String()
	}
	return ""
}

// sumOfParts is what the parts (fund, policy, full) add up to; ok is false while one is
// unreadable.
func (c *billPage) sumOfParts() (money.Amount, bool) {
	var sum money.Amount
	for _, s := range []string{c.fund, c.policy, c.full} {
		a, err := parseYuan(s)
		if err != nil {
			return 0, false
		}
		sum += a
	}
	return sum, true
}

// preview is the bill decided as saving it would decide it now: a dry run of the same
// mutation layer (mutation.ApplyAs with this device's actor, through Local.Try), the result
// discarded. A bill that will wait for a person's consent says so, with the split it gets
// once approved; a problem when the form cannot be settled (an unreadable amount, parts that
// do not add up to the total).
func (c *billPage) preview() (app.UI, problem) {
	st := client.TheStore()
	if c.blank() {
		return app.Text(""), problem{} // nothing typed (or just saved): no split of 0.00 元
	}
	a, ok, p := c.args()
	if !ok {
		return app.Text(""), p
	}
	if c.amend.target != "" {
		return c.amendPreview(a)
	}
	m, o, err := st.Local.Try(st.Engine(), st.Book(), mutation.Settle, a, st.Now())
	if err != nil {
		return app.Text(""), explain(st.Lang(), err)
	}
	var needs app.UI
	if o.Status == mutation.PendingConsent {
		// what the approval would run: the same mutation, applied as it stands now
		needs = para("bill-needs", "verdict consent", trf("bill.needs", askedNames(o.Ask)))
		s := st.Book().State
		o, _ = mutation.Apply(st.Engine(), &s, m.Intent(), m.At)
	}
	if o.Error != nil {
		return app.Text(""), failure(o, nil)
	}
	res := engine.SplitResult{Refused: !o.Status.Applied(), Cash: a.Bill.Total}
	res.Explanation = o.Explanation
	if o.Split != nil {
		res.Payments, res.Cash = o.Split.Lines, o.Split.Cash
	}
	return el("div", needs, splitView("bill", res)), problem{}
}

// askedNames are the persons a request asks, by name: 李明 (or 李明、陈静).
func askedNames(a *family.Ask) string {
	if a == nil || len(a.Persons) == 0 {
		return client.TheStore().T("consent.owner")
	}
	names := make([]string, len(a.Persons))
	for i, p := range a.Persons {
		names[i] = personName(p)
	}
	return strings.Join(names, client.TheStore().T("consent.or"))
}

// splitView shows who pays what in order, the cash, and the explanation; ids start with
// prefix ("bill-split", "bill-explain", "bill-cash").
func splitView(prefix string, res engine.SplitResult) app.UI {
	st := client.TheStore()
	return elem("section.check-result",
		eltr("h3", "bill.split"),
		paraIf(res.Refused, "", "verdict refused", st.T("bill.refused")),
		elem("ol.split", append(each(len(res.Payments), func(i int) app.UI {
			p := res.Payments[i]
			return with(elem("li",
				spanText(personName(p.Payer)+" · "+st.T("src."+string(p.Source))),
				spanOf("num", yuan(p.Amount)),
			), "", "source", string(p.Source), "payer", string(p.Payer))
		}),
			when(res.Cash > 0, el("li.cash[data-source=cash]", // no 「现金 0.00 元」 row
				eltr("span", "bill.cash"), elemt("span.num", yuan(res.Cash)).ID(prefix+"-cash"))),
		)...).ID(prefix+"-lines"),
		explanation(prefix+"-explain", res.Explanation),
	).ID(prefix + "-split")
}

func (c *billPage) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st := client.TheStore()
	a, ok, p := c.args()
	if !ok {
		if p.none() {
			p = problem{"patient", st.T("field.patient")}
		}
		c.prob, c.saved, c.probKey = p, "", c.key()
		return
	}
	if c.isLarge() && !c.large {
		c.prob, c.saved, c.probKey = problem{"large", st.T("bill.largeconfirm")}, "", c.key()
		return
	}
	if c.amend.target != "" {
		c.saveAmendment(a)
		return
	}
	o, err := st.Do(mutation.Settle, a)
	waiting := err == nil && o.Status == mutation.PendingConsent
	if p := failure(o, err); !p.none() && !waiting {
		c.prob, c.saved, c.probKey = p, "", c.key()
		return
	}
	c.prob = problem{}
	c.saved = st.T("bill.saved")
	if waiting { // saved as a request: say whom it waits for, not an error
		c.saved = trf("bill.savedwaiting", askedNames(o.Ask))
	}
	c.total, c.fund, c.policy, c.full, c.place, c.memo, c.large = "", "", "", "", "", "", false
	for _, id := range []string{"bill-total", "bill-fund", "bill-policy", "bill-full", "bill-place", "bill-note"} {
		clearInput(id)
	}
}

// amendArgs is the correction of the saved bill as the form stands.
func (c *billPage) amendArgs(a mutation.SettleArgs) mutation.AmendArgs {
	return mutation.AmendArgs{Target: c.amend.target, Settle: a, Reason: strings.TrimSpace(c.amend.reason)}
}

// amendPreview is the corrected bill decided as amend_bill would decide it now: the saved
// bill's own postings reversed first, so its money counts again.
func (c *billPage) amendPreview(a mutation.SettleArgs) (app.UI, problem) {
	st := client.TheStore()
	_, o, err := st.Local.Try(st.Engine(), st.Book(), mutation.AmendBill, c.amendArgs(a), st.Now())
	if p := amendProblem(o, err); !p.none() || o.Split == nil {
		return app.Text(""), p
	}
	res := engine.SplitResult{Payments: o.Split.Lines, Cash: o.Split.Cash}
	res.Explanation = o.Explanation
	// the later bills it decides again, before it is saved (the ledger lists them after)
	later := resplitList(st.Book().ResplitsOf(o.Restated), st.T("amend.restates"))
	return el("div", splitView("bill", res), elem("div", later).ID("bill-restated")), problem{}
}

// saveAmendment sends amend_bill with the reason the person gave (one is asked for: the
// ledger keeps why a bill was changed).
func (c *billPage) saveAmendment(a mutation.SettleArgs) {
	st := client.TheStore()
	if strings.TrimSpace(c.amend.reason) == "" {
		c.prob, c.probKey = problem{"reason", st.T("amend.reasonneeded")}, c.key()
		return
	}
	if p := amendProblem(st.Do(mutation.AmendBill, c.amendArgs(a))); !p.none() {
		c.prob, c.probKey = p, c.key()
		return
	}
	c.prob = problem{}
	c.amend.done()
}

// amendProblem is failure with the bill's fields named as the form names them
// ("settle.bill.total" is the total).
func amendProblem(o mutation.Outcome, err error) problem {
	p := failure(o, err)
	if f, ok := strings.CutPrefix(p.Field, "settle."); ok {
		p.Field = f
		if o.Error != nil {
			p.Text = fieldText(client.TheStore().Lang(), f)
		}
	}
	return p
}
