package screen

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
)

// bindingsPage (共济绑定) creates bindings with a live eligibility check from the engine,
// lists them with revoke, and warns about bindings a rule invalidated.
type bindingsPage struct {
	pageBase
	authorizer, beneficiary, created string
	scopes                           map[family.Scope]bool
	prob                             problem // why the last save or revoke failed
	revoking                         string  // the binding waiting for "确定解除"
	revokeProb                       problem // why the last revoke was refused
}

func (c *bindingsPage) Render() app.UI {
	st := client.TheStore()
	b := st.Book()
	if c.scopes == nil {
		c.scopes = map[family.Scope]bool{family.Medical: true}
	}
	form := para("", "empty", st.T("bind.need2"))
	if len(b.State.People) >= 2 {
		form = c.form()
	}
	return el("div.page",
		&shell{Active: PathBindings},
		el("main",
			pageTitle(st.T("nav.bindings")),
			form,
			eltr("h2", "bind.list"),
			note("revoke-error", c.revokeProb.Text),
			c.list(b),
		),
	)
}

// request is the form as a bind request; ok is false until both people are chosen.
func (c *bindingsPage) request() (mutation.BindArgs, bool) {
	var scopes []family.Scope
	for _, s := range family.AllScopes() {
		if c.scopes[s] {
			scopes = append(scopes, s)
		}
	}
	a := mutation.BindArgs{Authorizer: family.PersonID(c.authorizer), Beneficiary: family.PersonID(c.beneficiary), Scopes: scopes}
	if d, err := civil.ParseDate(c.created); err == nil {
		a.Created = d
	}
	return a, c.authorizer != "" && c.beneficiary != ""
}

// check runs the engine on the form as it stands.
func (c *bindingsPage) check() (engine.BindResult, bool) {
	st := client.TheStore()
	a, ok := c.request()
	if !ok {
		return engine.BindResult{}, false
	}
	at := st.Now()
	if a.Created != 0 && a.Created < civil.DateOf(at) {
		at = civil.At(a.Created, 12*3600)
	}
	s := st.Book().State
	res, err := st.Engine().Bind(&s, at, engine.BindRequest{Authorizer: a.Authorizer, Beneficiary: a.Beneficiary, Scopes: a.Scopes})
	return res, err == nil
}

func (c *bindingsPage) form() app.UI {
	st := client.TheStore()
	res, checked := c.check()
	scopeBoxes := []app.UI{eltr("legend", "bind.scopes")}
	tick := c.tickScope
	for _, s := range family.AllScopes() {
		scopeBoxes = append(scopeBoxes, checkbox("scope-"+string(s), st.T("scope."+string(s)), c.scopes[s], tick))
	}
	var verdict app.UI
	if checked {
		text, cls := st.T("bind.refused"), "verdict refused"
		if res.Allowed {
			text, cls = st.T("bind.allowed"), "verdict allowed"
		}
		var routes app.UI
		if res.Routes != nil {
			routes = routesView("bind-routes", *res.Routes, false, c.startRoute)
		}
		verdict = el("section#bind-check.check-result",
			eltr("h3", "bind.check"),
			with(elemt("p#bind-verdict", text), cls, "allowed", strconv.FormatBool(res.Allowed)),
			explanation("bind-explain", res.Explanation),
			routes,
		)
	}
	probs := []problem{c.prob}
	body := append([]app.UI{eltr("h2", "bind.title")}, inputs([]input{
		{id: "bind-authorizer", label: "bind.authorizer", v: &c.authorizer, people: true, err: "authorizer", row: 1},
		{id: "bind-beneficiary", label: "bind.beneficiary", v: &c.beneficiary, people: true, err: "beneficiary", row: 1},
	}, probs...)...)
	return formOf("form#bind-form.card", c.submit, append(body,
		el("fieldset", append(scopeBoxes, note("bind-scopes-error", c.prob.on("scopes")))...),
		(&input{id: "bind-created", label: "bind.created", v: &c.created, typ: "date", err: "created"}).ui(probs),
		verdict,
		note("bind-error", c.prob.besides("authorizer", "beneficiary", "scopes", "created")),
		elemt("button#bind-save[type=submit]", st.T("bind.save")).Attr("disabled", !checked || !res.Allowed),
	)...)
}

// tickScope records a scope's box (id "scope-"+scope) ticked or not.
func (c *bindingsPage) tickScope(ctx app.Context, e app.Event) {
	box := ctx.JSSrc()
	c.scopes[family.Scope(strings.TrimPrefix(box.Get("id").String(), "scope-"))] = box.Get("checked").Bool()
}

// OnNav fills the form from the address a routes view opened (routeURL): the relative's
// binding for the beneficiary, scope medical.
func (c *bindingsPage) OnNav(ctx app.Context) {
	q := ctx.Page().URL().RawQuery
	if a, b := queryValue(q, "authorizer"), queryValue(q, "beneficiary"); a != "" && b != "" {
		c.fill(a, b)
	}
}

// fill puts a binding of scope medical from authorizer to beneficiary in the form, today.
func (c *bindingsPage) fill(authorizer, beneficiary string) {
	c.authorizer, c.beneficiary, c.created, c.prob = authorizer, beneficiary, "", problem{}
	c.scopes = map[family.Scope]bool{family.Medical: true}
	clearInput("bind-created")
}

// startRoute starts the way a routes view shows under a refusal: a binding here, in the form
// (scrolled to), or a wallet transfer on its screen.
func (c *bindingsPage) startRoute(ctx app.Context, rt engine.Route, beneficiary family.PersonID) {
	if rt.Way() != engine.WayBind {
		startElsewhere(ctx, rt, beneficiary)
		return
	}
	c.fill(string(rt.Person), string(beneficiary))
	ctx.Defer(func(app.Context) { scrollToID("bind-form") })
}

func (c *bindingsPage) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st := client.TheStore()
	a, ok := c.request()
	if !ok {
		c.prob = problem{"authorizer", st.T("field.authorizer")}
		if c.authorizer != "" {
			c.prob = problem{"beneficiary", st.T("field.beneficiary")}
		}
		return
	}
	o, err := st.Do(mutation.Bind, a)
	if p := failure(o, err); !p.none() {
		c.prob = p
		return
	}
	c.authorizer, c.beneficiary, c.created, c.prob = "", "", "", problem{}
	c.scopes = nil
	clearInput("bind-created")
}

func (c *bindingsPage) list(b *book.Book) app.UI {
	st := client.TheStore()
	if len(b.State.Bindings) == 0 {
		return eltr("p.empty", "bind.none")
	}
	today := civil.DateOf(st.Now())
	return list("ul#bindings.cards", len(b.State.Bindings), func(i int) app.UI {
		bd := b.State.Bindings[i]
		scopes := ""
		for j, s := range bd.Scopes {
			if j > 0 {
				scopes += "、"
			}
			scopes += st.T("scope." + string(s))
		}
		revoked := bd.Revoked != civil.Never
		state := st.T("bind.inforce")
		if revoked {
			state = st.T("bind.revoked") + " " + day(bd.Revoked)
		}
		_, invalid := book.Invalidated(st.Engine(), &b.State, &bd, today)
		return with(elem("li.card.binding",
			el("p",
				strongText(personName(bd.Authorizer)+" → "+personName(bd.Beneficiary)),
				spanOf("muted", " · "+scopes+" · "+day(bd.Created)+" · "+state),
				stateSpan(stateText(st.StateOf(bd.ID)), string(st.StateOf(bd.ID))),
			),
			paraIf(invalid && !revoked, "", "warning binding-invalid", st.T("bind.invalid")),
			when(!revoked, c.revokeControls(bd)),
		), "", "binding", bd.ID)
	})
}

// revokeControls is a binding's 解除 button, and once pressed the question naming whose
// account stops paying for whom, with 确定解除 and 取消.
func (c *bindingsPage) revokeControls(bd family.Binding) app.UI {
	st := client.TheStore()
	id := bd.ID
	if c.revoking != id {
		return scopedBtn("button.secondary.revoke", st.T("bind.revoke"), func(ctx app.Context, e app.Event) {
			c.revoking, c.revokeProb = id, problem{}
		}, id)
	}
	return el("div#revoke-confirm.confirm",
		spanText(trf("bind.revokeconfirm", personName(bd.Authorizer), personName(bd.Beneficiary))),
		scopedBtn("button#revoke-yes.danger", st.T("bind.revokeyes"), func(ctx app.Context, e app.Event) {
			c.revoking, c.revokeProb = "", failure(st.Do(mutation.Revoke, mutation.RevokeArgs{Binding: id}))
		}, id),
		btn("button#revoke-no.secondary", st.T("ledger.cancel"), func(ctx app.Context, e app.Event) {
			c.revoking = ""
		}),
	)
}
