package screen

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// familyPage (家庭) lists the people with their insurance, city, tier and balances, and the
// relations between them; it adds both.
type familyPage struct {
	pageBase
	shown  int // how much of the screen is in (familySteps): it mounts in steps, firstload.go
	person personForm
	edit   personEdit // person_edit.go
	rel    relationForm
}

// The steps 家庭 mounts in at its first render, each in a browser task of its own (showInSteps,
// firstload.go): what the first screen shows (the title, the intro or the people), then the
// person form's first fields down to the region picker with its current choice only, then
// the form's other fields, then the picker's lists, then the relations. Each step adds below
// what is there or fills a list, so nothing on the screen moves.
const (
	familyTop = iota
	familyPersonForm
	familyPersonRest
	familyRegionLists
	familyRelations
	familySteps = familyRelations
)

func (c *familyPage) OnMount(ctx app.Context) {
	// go-app runs the OnMounts (this one first, then the shell's) and the update after them
	// right after the first mount, in the same browser task when its frame timer is due;
	// yielding here puts them in a task of their own.
	client.Yield()
	c.pageBase.OnMount(ctx)
	showInSteps(ctx, &c.shown, familySteps)
}

func (c *familyPage) Render() app.UI {
	st := client.TheStore()
	b := st.Book()
	c.person.picker.short = c.shown < familyRegionLists
	var people app.UI
	if len(b.State.People) == 0 {
		people = eltr("p.empty", "family.none")
	} else {
		people = peopleTable(b)
	}
	body := []app.UI{
		maybe(len(b.State.People) == 0, intro), // firstload.go: what Gongji is and how to start
		people,
	}
	if c.shown >= familyPersonForm {
		body = append(body, c.edit.render(), personRoutes(family.PersonID(c.edit.id)), c.person.render(c.shown >= familyPersonRest))
	}
	if c.shown >= familyRelations {
		var rel app.UI
		if len(b.State.People) >= 2 {
			rel = c.rel.render()
		}
		body = append(body, eltr("h2", "relations.title"), c.relationList(), rel) // relationList: relations.go
	}
	return page(PathFamily, "family.title", body...)
}

// peopleColumns are the people table's columns after the name: the header's text key and the
// cell's spec. Each cell carries its column's name too (data-label), which a narrow screen
// shows in place of the header.
var peopleColumns = []struct{ label, cell string }{
	{"person.insurance", "td"}, {"col.city", "td"}, {"person.tier", "td"}, {"col.account", "td.num"}, {"col.wallet", "td.num"},
}

func peopleTable(b *book.Book) app.UI {
	st := client.TheStore()
	tiers := familyUses(usesTier) // 档次 only where a member's rules read it
	shown := func(col int) bool { return tiers || peopleColumns[col].label != "person.tier" }
	labels := make([]string, len(peopleColumns))
	head := []app.UI{headerCell(st.T("person.name"))}
	for i, c := range peopleColumns {
		labels[i] = st.T(c.label)
		if shown(i) {
			head = append(head, headerCell(labels[i]))
		}
	}
	return el("div.table-wrap", el("table#people",
		el("thead", el("tr", head...)),
		list("tbody", len(b.State.People), func(i int) app.UI {
			p := b.State.People[i]
			wallet := "—"
			if p.Wallet.Opened {
				wallet = yuan(p.Wallet.Balance)
			}
			account := "—"
			if p.HasAccount {
				account = yuan(p.Balance())
			}
			if p.HasAccount && p.HasHistory { // the part given (其中历年账户)
				account += " · " + st.T("person.historyof") + " " + yuan(p.AccountHistory)
			}
			if t := b.InTransit(p.ID); t > 0 {
				account += " · " + st.T("transfer.intransit") + " " + yuan(t)
			}
			// in peopleColumns' order
			texts := []string{insuranceText(p), cityName(st.Lang(), p.Region), st.T(tierKey(p.Tier)), account, wallet}
			cells := []app.UI{elt("td.name", p.Name)}
			for j, text := range texts {
				if shown(j) {
					cells = append(cells, with(elemt(peopleColumns[j].cell, text), "", "label", labels[j]))
				}
			}
			return with(elem("tr", cells...), "", "person", string(p.ID))
		}),
	))
}

func tierKey(t int) string {
	switch t {
	case 1:
		return "tier.1"
	case 2:
		return "tier.2"
	}
	return "tier.0"
}

// personForm adds a member.
type personForm struct {
	name, region, insurance, status, tier, account, wallet string
	sex                                                    string
	history                                                string // 其中历年账户 ("" not given)
	retired, walletOpen                                    bool
	prob                                                   problem // why the last save failed
	picker                                                 regionPicker
}

func (f *personForm) defaults() {
	if f.region == "" {
		f.region = familyRegion() // the family's own, not Shenzhen; the first member is asked
	}
	if f.insurance == "" {
		f.insurance = string(family.Employee)
	}
	if f.status == "" {
		f.status = string(family.Active)
	}
	if f.tier == "" {
		f.tier = "0"
	}
}

// render shows the form; its fields after the region only when whole (家庭's first render
// adds them in a step of their own).
func (f *personForm) render(whole bool) app.UI {
	st := client.TheStore()
	f.defaults()
	f.picker.id = "person-region"
	probs := []problem{moved(f.prob, "id", "name")}
	fields := append([]app.UI{eltr("h2", "person.add")}, inputs([]input{
		{id: "person-name", label: "person.name", v: &f.name, err: "name", required: true},
		{id: "person-sex", label: "person.sex", v: &f.sex, keys: sexChoices, prefix: "sex."},
	}, probs...)...)
	fields = append(fields, f.picker.render(st.T("person.region"), &f.region), note("person-region-error", f.prob.on("region")))
	if !whole {
		return formOf("form#person-form.card", f.submit, fields...)
	}
	employee := f.insurance == string(family.Employee)
	fields = append(fields, inputs([]input{
		{id: "person-insurance", label: "person.insurance", v: &f.insurance, keys: insuranceKinds, prefix: "ins."},
		{id: "person-status", label: "person.status", v: &f.status, keys: personStatuses, prefix: "status."},
		{id: "person-tier", label: "person.tier", v: &f.tier, keys: tierLevels, prefix: "tier.",
			hide: !usesTier(f.region)}, // Shenzhen's 档次 only where the rules read it
		{id: "person-retired", label: "person.retired", on: &f.retired},
		{id: "person-account", label: "person.account", v: &f.account, mode: "decimal", err: "account", hide: !employee},
		{id: "person-history", label: "person.history", v: &f.history, mode: "decimal", err: "account_history",
			about: historyAbout(f.region), hide: !f.asksHistory()},
		{id: "person-wallet-open", label: "person.wallet", on: &f.walletOpen},
		{id: "person-wallet", label: "person.walletbal", v: &f.wallet, mode: "decimal", err: "wallet", hide: !f.walletOpen},
	}, probs...)...)
	return formOf("form#person-form.card", f.submit, append(fields,
		note("person-error", f.prob.besides("id", "name", "region", "account", "account_history", "wallet")),
		submit("person-save", st.T("person.save")),
	)...)
}

func (f *personForm) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st := client.TheStore()
	args, p := f.args()
	if !p.none() {
		f.prob = p
		return
	}
	o, err := st.Do(mutation.AddPerson, args)
	if p := failure(o, err); !p.none() {
		f.prob = p
		return
	}
	*f = personForm{region: f.region}
	clearInput("person-name")
	clearInput("person-account")
	clearInput("person-history")
}

// asksHistory says whether the form asks the prior-years balance: an employee's account in a
// region that splits it.
func (f *personForm) asksHistory() bool {
	return f.insurance == string(family.Employee) && splitsAccount(f.region)
}

func (f *personForm) args() (mutation.PersonArgs, problem) {
	st := client.TheStore()
	f.name = strings.TrimSpace(f.name)
	if s := nameProblem(f.name, ""); s != "" {
		return mutation.PersonArgs{}, problem{"name", s}
	}
	if f.region == "" {
		return mutation.PersonArgs{}, problem{"region", st.T("person.regionask")}
	}
	if f.insurance == string(family.Employee) && strings.TrimSpace(f.account) == "" {
		return mutation.PersonArgs{}, problem{"account", st.T("person.balanceask")} // never 0.00 元 unasked
	}
	if k := moneyKey(f.account); k != "" && f.insurance == string(family.Employee) {
		return mutation.PersonArgs{}, problem{"account", st.T(k)}
	}
	if k := moneyKey(f.wallet); k != "" && f.walletOpen {
		return mutation.PersonArgs{}, problem{"wallet", st.T(k)}
	}
	var history *money.Amount // 其中历年账户: not given when blank
	if f.asksHistory() && strings.TrimSpace(f.history) != "" {
		if k := moneyKey(f.history); k != "" {
			return mutation.PersonArgs{}, problem{"account_history", st.T(k)}
		}
		h, _ := parseYuan(strings.TrimSpace(f.history))
		history = &h
	}
	acct, _ := parseYuan(strings.TrimSpace(f.account))
	wallet, _ := parseYuan(strings.TrimSpace(f.wallet))
	tier := 0
	switch f.tier {
	case "1":
		tier = 1
	case "2":
		tier = 2
	}
	if f.insurance != string(family.Employee) {
		acct = 0
	}
	return mutation.PersonArgs{ID: family.PersonID(f.name), Name: f.name, Region: regionCode(f.region), Insurance: family.Insurance(f.insurance),
		Status: family.Status(f.status), Retired: f.retired, Tier: tier, Account: acct, AccountHistory: history,
		WalletOpen: f.walletOpen, Wallet: wallet, Sex: sexValue(f.sex)}, problem{}
}

// relationForm records that one person is another's relative.
type relationForm struct {
	_                    incomparable
	person, of, relation string
	card                 bool
	fixing               bool    // the form corrects the relation recorded between the two (fix_link)
	sex                  string  // the person's sex when the family had not given it (asked here)
	prob                 problem // why the last save failed
}

var relations = []family.Relation{family.Spouse, family.Parent, family.Child, family.Sibling,
	family.Grandparent, family.Grandchild, family.ParentInLaw, family.Other}

func (f *relationForm) render() app.UI {
	st := client.TheStore()
	if f.relation == "" && !f.fixing {
		f.relation = string(family.Parent)
	}
	relOpts := make([]app.UI, len(relations))
	for i, r := range relations {
		relOpts[i] = option(string(r), kinWord(st.Lang(), r, f.personSex(), sexOf(family.PersonID(f.of))), f.relation)
	}
	title, save := st.T("relation.add"), st.T("relation.save")
	if f.fixing { // the relation can be removed here too: fix_link without a relation
		title, save = trf("relation.fixing", personName(family.PersonID(f.person)), personName(family.PersonID(f.of))), st.T("relation.fixsave")
		relOpts = append(relOpts, option(removeRelation, st.T("relation.remove"), f.relation))
	}
	askSex := f.person != "" && sexOf(family.PersonID(f.person)) == ""
	sexAsk := ""
	if askSex {
		sexAsk = trf("relation.sexask", personName(family.PersonID(f.person)))
	}
	return formOf("form#relation-form.card", f.submit, append(append([]app.UI{heading(title)}, inputs([]input{
		{id: "relation-person", label: "relation.person", v: &f.person, people: true, err: "person", row: 1},
		{id: "relation-of", label: "relation.is", v: &f.of, people: true, err: "of", row: 1},
		{id: "relation-kind", label: "relation.of", v: &f.relation, options: relOpts, row: 1},
		{id: "relation-sex", text: sexAsk, v: &f.sex, keys: sexChoices, prefix: "sex.", hide: !askSex},
		{id: "relation-card", label: "relation.card", on: &f.card,
			hide: !usesCardLink(personRegion(f.person)) && !usesCardLink(personRegion(f.of))},
	}, f.prob)...),
		note("relation-error", f.prob.besides("person", "of")),
		submit("relation-save", save),
	)...)
}

func (f *relationForm) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st := client.TheStore()
	person := family.PersonID(f.person)
	if sexValue(f.sex) != "" && sexOf(person) == "" && st.Book().State.Person(person) != nil {
		sex := sexValue(f.sex)
		if p := failure(st.Do(mutation.EditPerson, mutation.EditPersonArgs{Person: person, Sex: &sex})); !p.none() {
			f.prob = p
			return
		}
	}
	var o mutation.Outcome
	var err error
	if f.fixing {
		rel := family.Relation(f.relation)
		if f.relation == removeRelation {
			rel = "" // fix_link without a relation removes it
		}
		o, err = st.Do(mutation.FixLink, mutation.FixLinkArgs{Person: person, Of: family.PersonID(f.of),
			Relation: rel, CardLinked: f.card})
	} else {
		o, err = st.Do(mutation.Link, mutation.LinkArgs{Person: person, Of: family.PersonID(f.of),
			Relation: family.Relation(f.relation), CardLinked: f.card})
	}
	if p := failure(o, err); !p.none() {
		f.prob = p
		return
	}
	*f = relationForm{}
}
