package screen

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// personEdit (家庭 → 修改成员) fixes what was entered about a member (edit_person), a balance
// with its reason (correct: a correcting entry, never a rewrite), and records life events
// (life_event): 退休, 暂停/停保, 恢复参保, 去世.
type personEdit struct {
	id, loaded                                    string
	name, region, insurance, status, tier, reason string
	sex                                           string
	account, wallet                               string
	history                                       string // 其中历年账户 ("" not given)
	retired, confirmDeath                         bool
	prob                                          problem
	saved                                         string
	picker                                        regionPicker
}

// load fills the form from the person chosen.
func (f *personEdit) load(p *family.Person) {
	f.loaded, f.name, f.region, f.insurance, f.status = string(p.ID), p.Name, string(p.Region), string(p.Insurance), string(p.Status)
	f.tier, f.retired, f.reason, f.confirmDeath, f.sex = strconv.Itoa(p.Tier), p.Retired, "", false, string(p.Sex)
	f.account, f.wallet, f.history = p.Balance().String(), p.Wallet.Balance.String(), ""
	if p.HasHistory {
		f.history = p.AccountHistory.String()
	}
}

// asksHistory says whether the form asks p's prior-years balance: an account in the region
// the form shows, when that region splits it.
func (f *personEdit) asksHistory(p *family.Person) bool {
	return p.HasAccount && splitsAccount(f.region)
}

func (f *personEdit) render() app.UI {
	st := client.TheStore()
	s := &st.Book().State
	if len(s.People) == 0 {
		return app.Text("")
	}
	p := s.Person(family.PersonID(f.id))
	if p != nil && f.loaded != f.id {
		f.load(p)
	}
	f.picker.id = "edit-region"
	var fields app.UI
	if p != nil {
		fields = f.fields(p)
	}
	return formOf("form#edit-form.card", f.submit,
		eltr("h2", "edit.title"),
		field(st.T("edit.who"), elem("select#edit-person", personOptions(f.id)...).OnChange(func(ctx app.Context, e app.Event) {
			f.id, f.saved, f.prob = ctx.JSSrc().Get("value").String(), "", problem{}
		})),
		fields,
		paraIf(f.saved != "", "edit-saved", "ok", f.saved),
	)
}

func (f *personEdit) fields(p *family.Person) app.UI {
	st := client.TheStore()
	body := inputs([]input{
		{id: "edit-name", label: "person.name", v: &f.name, err: "name"},
		{id: "edit-sex", label: "person.sex", v: &f.sex, keys: sexChoices, prefix: "sex."},
	}, f.prob)
	body = append(body, f.picker.render(st.T("person.region"), &f.region))
	body = append(body, inputs([]input{
		{id: "edit-insurance", label: "person.insurance", v: &f.insurance, keys: insuranceKinds, prefix: "ins."},
		{id: "edit-status", label: "person.status", v: &f.status, keys: personStatuses, prefix: "status."},
		{id: "edit-tier", label: "person.tier", v: &f.tier, keys: tierLevels, prefix: "tier.",
			hide: !strings.HasPrefix(f.region, "4403")}, // 档次 is Shenzhen's alone
		{id: "edit-retired", label: "person.retired", on: &f.retired},
		{id: "edit-account", label: "person.account", v: &f.account, mode: "decimal", err: "account", hide: !p.HasAccount},
		{id: "edit-history", label: "person.history", v: &f.history, mode: "decimal", err: "account_history",
			about: historyAbout(f.region), hide: !f.asksHistory(p)},
		{id: "edit-wallet", label: "person.walletbal", v: &f.wallet, mode: "decimal", err: "wallet", hide: !p.Wallet.Opened},
		{id: "edit-reason", label: "edit.reason", v: &f.reason, err: "reason"},
	}, f.prob)...)
	return el("div", append(body,
		note("edit-error", f.prob.besides("name", "account", "account_history", "wallet", "reason")),
		submit("edit-save", st.T("edit.save")),
		eltr("h3", "edit.events"),
		el("div.row.events",
			f.eventButton(p, mutation.EventRetire, !p.Retired),
			f.eventButton(p, mutation.EventSuspend, p.Status == family.Active),
			f.eventButton(p, mutation.EventStop, p.Status != family.Stopped),
			f.eventButton(p, mutation.EventResume, p.Status != family.Active && !p.Deceased),
			when(!p.Deceased && !f.confirmDeath, btn("button#event-death.secondary[type=button]", st.T("event.death"), func(ctx app.Context, e app.Event) { f.confirmDeath = true })),
		),
		when(f.confirmDeath, el("div.confirm",
			eltr("p", "edit.deathconfirm"),
			btn("button#event-death-yes.danger[type=button]", st.T("edit.deathyes"), f.event(p, mutation.EventDeath)),
			btn("button#event-death-no.secondary[type=button]", st.T("ledger.cancel"), func(ctx app.Context, e app.Event) { f.confirmDeath = false }),
		)),
		when(p.Deceased, el("p#edit-after-death.note",
			app.Text(st.T("edit.afterdeath")+" "), elemt("a", st.T("nav.withdraw")).Attr("href", PathWithdraw))),
	)...)
}

func (f *personEdit) eventButton(p *family.Person, ev mutation.Event, show bool) app.UI {
	if !show {
		return app.Text("")
	}
	return elemt("button.secondary[type=button]", client.TheStore().T("event."+string(ev))).ID("event-" + string(ev)).OnClick(f.event(p, ev))
}

func (f *personEdit) event(p *family.Person, ev mutation.Event) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		st := client.TheStore()
		o, err := st.Do(mutation.LifeEvent, mutation.LifeEventArgs{Person: p.ID, Event: ev})
		f.prob, f.saved, f.loaded = failure(o, err), "", ""
		if f.prob.none() {
			f.saved = st.T("edit.eventsaved") + st.T("event."+string(ev))
		}
	}
}

// changes reads the form: the edit of the profile (nil when nothing changed) and the balance
// corrections, or the problem with one field.
func (f *personEdit) changes(p *family.Person) (*mutation.EditPersonArgs, []mutation.CorrectArgs, problem) {
	st := client.TheStore()
	a := &mutation.EditPersonArgs{Person: p.ID, Reason: f.reason}
	changed := false
	if name := strings.TrimSpace(f.name); name != p.Name {
		if s := nameProblem(name, p.ID); s != "" {
			return nil, nil, problem{"name", s}
		}
		a.Name, changed = &name, true
	}
	if rc := regionCode(f.region); rc != p.Region {
		a.Region, changed = &rc, true
	}
	if in := family.Insurance(f.insurance); in != p.Insurance {
		a.Insurance, changed = &in, true
	}
	if s := family.Status(f.status); s != p.Status {
		a.Status, changed = &s, true
	}
	if t, _ := strconv.Atoi(f.tier); t != p.Tier {
		a.Tier, changed = &t, true
	}
	if sx := sexValue(f.sex); sx != p.Sex {
		a.Sex, changed = &sx, true
	}
	if f.retired != p.Retired {
		r := f.retired
		a.Retired, changed = &r, true
	}
	if f.asksHistory(p) && strings.TrimSpace(f.history) != "" { // blank: not given, left as it is
		if k := moneyKey(f.history); k != "" {
			return nil, nil, problem{"account_history", st.T(k)}
		}
		if h, _ := parseYuan(strings.TrimSpace(f.history)); !p.HasHistory || h != p.AccountHistory {
			a.AccountHistory, changed = &h, true
		}
	}
	var fixes []mutation.CorrectArgs
	for _, b := range []struct {
		field, text string
		kind        mutation.AccountKind
		now         money.Amount
		shown       bool
	}{
		{"account", f.account, mutation.PersonalAccount, p.Balance(), p.HasAccount},
		{"wallet", f.wallet, mutation.WalletAccount, p.Wallet.Balance, p.Wallet.Opened},
	} {
		if !b.shown {
			continue
		}
		if strings.TrimSpace(b.text) == "" {
			return nil, nil, problem{b.field, st.T("person.balanceask")} // blank is asked, not 0.00 元
		}
		if k := moneyKey(b.text); k != "" {
			return nil, nil, problem{b.field, st.T(k)}
		}
		v, _ := parseYuan(strings.TrimSpace(b.text))
		if v != b.now {
			fixes = append(fixes, mutation.CorrectArgs{Person: p.ID, Account: b.kind, Amount: v - b.now, Memo: strings.TrimSpace(f.reason)})
		}
	}
	if len(fixes) > 0 && strings.TrimSpace(f.reason) == "" {
		return nil, nil, problem{"reason", st.T("edit.reasonneeded")}
	}
	if !changed {
		a = nil
	}
	if a == nil && len(fixes) == 0 {
		return nil, nil, problem{Text: st.T("code.NO_CHANGE")}
	}
	return a, fixes, problem{}
}

func (f *personEdit) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st := client.TheStore()
	p := st.Book().State.Person(family.PersonID(f.id))
	if p == nil {
		f.prob = problem{Text: st.T("field.person")}
		return
	}
	edit, fixes, prob := f.changes(p)
	if !prob.none() {
		f.prob, f.saved = prob, ""
		return
	}
	if edit != nil {
		o, err := st.Do(mutation.EditPerson, *edit)
		if f.prob = failure(o, err); !f.prob.none() {
			f.saved = ""
			return
		}
	}
	for _, fix := range fixes {
		o, err := st.Do(mutation.Correct, fix)
		if f.prob = failure(o, err); !f.prob.none() {
			f.saved = ""
			return
		}
	}
	f.saved, f.loaded = st.T("edit.saved"), ""
}
