package screen

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// Corrections on the ledger: void a bill (after a confirmation), undo this device's last
// action, and the list of corrections with what was before and after (「已更正」).

// LargeBill is the total above which a bill asks "are you sure" before it is saved: no
// outpatient receipt comes near it, and a slip of the decimal point does.
var largeBill = money.MustParse("1000000.00")

// moneyKey is the text key for what is wrong with an amount a person typed ("" when it reads):
// letters, more than two decimals, a minus sign, or beyond money.Max.
func moneyKey(s string) string {
	s = typedYuan(s) // 3,000.00, full-width digits and 元 read as people mean them
	if s == "" {
		return ""
	}
	if _, err := money.Parse(s); err == nil {
		if strings.HasPrefix(s, "-") {
			return "money.negative"
		}
		return ""
	}
	body := strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(body, ".")
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return "money.letters"
		}
	}
	switch {
	case whole == "" && !dot:
		return "money.letters"
	case strings.HasPrefix(s, "-"):
		return "money.negative"
	case len(frac) > 2:
		return "money.decimals"
	}
	return "money.max"
}

// nameProblem is what is wrong with a name for person self ("" for a new person): blank,
// longer than mutation.MaxTextLen, or already someone else's in the family.
func nameProblem(name string, self family.PersonID) string {
	st := client.TheStore()
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return st.T("person.nameblank")
	case utf8.RuneCountInString(name) > mutation.MaxTextLen:
		return st.T("person.namelong")
	}
	for _, p := range st.Book().State.People {
		if p.ID != self && (p.Name == name || string(p.ID) == name) {
			return st.T("person.nametaken")
		}
	}
	return ""
}

// correctionBar is the ledger's undo button and the bill a person is about to void.
type correctionBar struct {
	_          incomparable
	confirming string  // the bill waiting for "确认作废"
	prob       problem // why the last correction was refused
}

func (c *correctionBar) undo(ctx app.Context, e app.Event) {
	st := client.TheStore()
	last := mutation.LastAction(&st.Book().State, st.Local.ClientID)
	if last == nil {
		return
	}
	o, err := st.Do(mutation.Undo, mutation.UndoArgs{Target: last.ID})
	c.prob, c.confirming = failure(o, err), ""
}

func (c *correctionBar) void(key string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		st := client.TheStore()
		o, err := st.Do(mutation.Void, mutation.VoidArgs{Target: key})
		c.prob, c.confirming = failure(o, err), ""
	}
}

// render is the undo button (with what it takes back) and the last refusal.
func (c *correctionBar) render(b *book.Book) app.UI {
	st := client.TheStore()
	var undo app.UI
	if last := mutation.LastAction(&b.State, st.Local.ClientID); last != nil {
		undo = btn("button#undo.secondary", st.T("ledger.undo")+describe(b, last.ID), c.undo)
	}
	return el("div#corrections-bar",
		undo,
		note("correction-error", c.prob.Text),
	)
}

// voidControls is a bill's 作废 and 更正 buttons, and the void's confirmation once pressed.
func (c *correctionBar) voidControls(bill book.Bill, amend app.EventHandler) app.UI {
	if bill.VoidedBy != "" {
		return app.Text("")
	}
	st := client.TheStore()
	return c.confirmVoid(bill.Key, "ledger.voidconfirm",
		scopedBtn("button.secondary.amend", st.T("ledger.amend"), amend, bill.Key, "amend", bill.Key))
}

// confirmVoid is the 作废 button of the action key (with the others beside it), or the
// question confirmKey and its 确定作废 / 取消 once pressed.
func (c *correctionBar) confirmVoid(key, confirmKey string, others ...app.UI) app.UI {
	st := client.TheStore()
	if c.confirming != key {
		return el("div.actions", append([]app.UI{
			scopedBtn("button.secondary.void", st.T("ledger.void"), func(ctx app.Context, e app.Event) { c.confirming, c.prob = key, problem{} }, key, "void", key),
		}, others...)...)
	}
	return el("div.confirm",
		spanText(st.T(confirmKey)),
		scopedBtn("button#void-yes.danger", st.T("ledger.voidyes"), c.void(key), key),
		btn("button#void-no.secondary", st.T("ledger.cancel"), func(ctx app.Context, e app.Event) { c.confirming = "" }),
	)
}

// paymentList is every premium, credit and correcting entry with its 作废 (after a
// confirmation) while it stands, or 「已作废」 once taken back.
func (c *correctionBar) paymentList(b *book.Book) app.UI {
	pays := b.Payments()
	if len(pays) == 0 {
		return eltr("p.empty", "ledger.nopayments")
	}
	return list("ul#payments.cards", len(pays), func(i int) app.UI {
		p := pays[len(pays)-1-i]
		class, mark := "card payment", app.UI(c.confirmVoid(p.Key, "ledger.voidpayconfirm"))
		if p.VoidedBy != "" {
			class = "card payment voided"
			mark = voidedMark(b, p.VoidedBy)
		}
		return entryItem(class, "mutation", p.Key, string(p.State),
			entryHead(describe(b, p.Key), " · "+shortTime(p.At), p.State),
			mark,
		)
	})
}

// billMark is a bill's 「已作废」 or 「已更正」 line with the total before and after and the
// reason typed, and, for a bill a correction of an earlier one decided again as of its moment,
// 「已重算」 with its split before and after.
func billMark(b *book.Book, bill book.Bill) app.UI {
	st := client.TheStore()
	switch {
	case bill.VoidedBy != "":
		return voidedMark(b, bill.VoidedBy)
	case bill.Amends != "":
		change := st.T("ledger.recomputed")
		if was := billTotal(b, bill.Amends); was != yuan(bill.Total) {
			change = wasNow(was, yuan(bill.Total))
		}
		return para("", "mark corrected", st.T("ledger.corrected")+colon()+change+memo(bill.Reason))
	case len(bill.RestatedBy) > 0:
		by := bill.RestatedBy[len(bill.RestatedBy)-1]
		for _, r := range b.Resplits(by) {
			if r.Bill.Key == bill.Key {
				return para("", "mark restated", st.T("ledger.restated")+colon()+
					wasNow(splitText(r.Before), splitText(r.After))+"（"+describe(b, by)+"）")
			}
		}
	}
	return app.Text("")
}

// voidedMark is an entry's 「已作废」 line, with the void that took it back.
func voidedMark(b *book.Book, by string) app.UI {
	return para("", "mark voided", client.TheStore().T("ledger.voided")+" · "+describe(b, by))
}

// wasNow is a change before and after: "原为 120.00 元 → 现为 100.00 元".
func wasNow(before, after string) string {
	st := client.TheStore()
	return st.T("ledger.was") + " " + before + " → " + st.T("ledger.now") + " " + after
}

// restatedList is what a correction decided again after its bill: each later bill, when,
// for whom and where, its split before and after.
func restatedList(b *book.Book, key string) app.UI {
	return resplitList(b.Resplits(key), client.TheStore().T("ledger.restated"))
}

// resplitList lists later bills decided again, each led by what happened to it (已重算, or
// 将重算 in a correction's preview).
func resplitList(rs []book.Resplit, lead string) app.UI {
	if len(rs) == 0 {
		return app.Text("")
	}
	st := client.TheStore()
	return list("ul.restated", len(rs), func(i int) app.UI {
		r := rs[i]
		return with(elemt("li", lead+colon()+shortTime(r.Bill.At)+" "+
			personName(r.Bill.Person)+st.T("ledger.billof")+strings.TrimSpace(" "+r.Bill.Place)+colon()+
			splitText(r.Before)+" → "+splitText(r.After)), "", "mutation", r.Bill.Key)
	})
}

func billTotal(b *book.Book, key string) string {
	for _, bill := range b.Bills() {
		if bill.Key == key {
			return yuan(bill.Total)
		}
	}
	return "—"
}

// correctionList lists every applied correction and life event, newest first: 「已更正」 (or
// 「已记录」 for a life event or an arrival), what it changed, before → after.
func correctionList(b *book.Book) app.UI {
	st := client.TheStore()
	var rows []app.UI
	lines := b.Lines()
	for i := len(lines) - 1; i >= 0; i-- {
		l := &lines[i]
		k, _ := mutation.KindOf(l.Name)
		recorded := k.Class == mutation.ClassEvent
		if l.Item < 0 || !b.Items[l.Item].Outcome.Status.Applied() ||
			!(recorded || k.Class == mutation.ClassCorrection || k.Class == mutation.ClassAdjustment) {
			continue
		}
		// a life event or an arrival records what happened; the others correct an earlier entry
		mark := st.T("ledger.corrected")
		if recorded {
			mark = st.T("ledger.recorded")
		}
		rows = append(rows, entryItem("card corrected", "mutation", l.Key, string(l.State),
			strongText(mark),
			spanText(" · "+describe(b, l.Key)),
			spanOf("muted", " · "+shortTime(l.Made)),
			stateSpan(stateText(l.State), string(l.State)),
			restatedList(b, l.Key),
		))
	}
	if len(rows) == 0 {
		return eltr("p.empty", "ledger.nocorrections")
	}
	return el("ul#corrections.cards", rows...)
}

// describe says in words what the action key was: "王芳 的账单 120.00 元", "作废：…", "王芳：姓名
// 王方 → 王芳".
func describe(b *book.Book, key string) string {
	st := client.TheStore()
	it := b.Item(key)
	if it == nil {
		return st.T("mut.unknown")
	}
	name := st.T("mut." + string(it.Mutation.Name))
	what := "" // after the name and a colon
	switch it.Mutation.Name {
	case mutation.Settle:
		var a mutation.SettleArgs
		json.Unmarshal(it.Mutation.Args, &a)
		return billWords(a.Patient, a.Bill.Total)
	case mutation.AmendBill:
		var a mutation.AmendArgs
		json.Unmarshal(it.Mutation.Args, &a)
		what = billWords(a.Settle.Patient, a.Settle.Bill.Total)
		if was := billTotal(b, a.Target); was != yuan(a.Settle.Bill.Total) {
			what = was + " → " + yuan(a.Settle.Bill.Total)
		}
		what += memo(a.Reason)
	case mutation.PayPremium:
		var a mutation.PremiumArgs
		json.Unmarshal(it.Mutation.Args, &a)
		what = personName(a.Insured) + " " + yuan(a.Amount)
	case mutation.Credit, mutation.Correct:
		var a mutation.CorrectArgs
		json.Unmarshal(it.Mutation.Args, &a)
		what = personName(a.Person) + " · " + st.T("col."+string(a.Account)) + " " + signedYuan(a.Amount) + memo(a.Memo)
	case mutation.Void, mutation.Undo:
		var a mutation.VoidArgs
		json.Unmarshal(it.Mutation.Args, &a)
		if t := b.Item(a.Target); t != nil && (t.Mutation.Name == mutation.Void || t.Mutation.Name == mutation.Undo) {
			return st.T("ledger.restore") + colon() + subject(b, targetOf(t))
		}
		what = subject(b, a.Target) + memo(a.Reason)
	case mutation.EditPerson, mutation.LifeEvent:
		what = profileChange(b, key)
	default:
		return name
	}
	return name + colon() + what
}

// billWords is a bill in words: "王芳的账单 120.00 元".
func billWords(patient family.PersonID, total money.Amount) string {
	return personName(patient) + client.TheStore().T("ledger.billof") + " " + yuan(total)
}

// subject is what a correction is about, in one level of words (never a correction of a
// correction of ...): a bill as it stands ("王芳的账单 120.00 元"), else the action itself.
func subject(b *book.Book, key string) string {
	st := client.TheStore()
	for _, bill := range b.Bills() {
		if bill.Key == key {
			return billWords(bill.Patient, bill.Total)
		}
	}
	if it := b.Item(key); it != nil && (it.Mutation.Name == mutation.Void || it.Mutation.Name == mutation.Undo) {
		return st.T("mut." + string(it.Mutation.Name))
	}
	return describe(b, key)
}

func targetOf(it *book.Item) string {
	var a mutation.VoidArgs
	json.Unmarshal(it.Mutation.Args, &a)
	return a.Target
}

func memo(s string) string {
	if s == "" {
		return ""
	}
	return "（" + s + "）"
}

// profileChange is a person's edit as "王芳：姓名 王方 → 王芳; 退休 否 → 是".
func profileChange(b *book.Book, key string) string {
	st := client.TheStore()
	r := b.State.Record(key)
	if r == nil || r.Before == nil || r.After == nil {
		return personName(recordPerson(b, key))
	}
	x, y := r.Before, r.After
	var parts []string
	add := func(label, before, after string) {
		if before != after {
			parts = append(parts, st.T(label)+" "+before+" → "+after)
		}
	}
	add("person.name", x.Name, y.Name)
	add("person.region", cityName(st.Lang(), x.Region), cityName(st.Lang(), y.Region))
	add("person.insurance", st.T("ins."+string(x.Insurance)), st.T("ins."+string(y.Insurance)))
	add("person.status", st.T("status."+string(x.Status)), st.T("status."+string(y.Status)))
	add("person.tier", st.T(tierKey(x.Tier)), st.T(tierKey(y.Tier)))
	add("person.retired", yesNo(x.Retired), yesNo(y.Retired))
	add("person.deceased", yesNo(x.Deceased), yesNo(y.Deceased))
	return personName(r.Person) + colon() + strings.Join(parts, "；")
}

func recordPerson(b *book.Book, key string) family.PersonID {
	if r := b.State.Record(key); r != nil {
		return r.Person
	}
	return ""
}

func yesNo(v bool) string {
	if v {
		return client.TheStore().T("word.yes")
	}
	return client.TheStore().T("word.no")
}
