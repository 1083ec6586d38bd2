package screen

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/app/words"
	"gongji/shared/engine"
	"gongji/shared/family"
)

// The routes view (issue 20): 「谁能为王秀英付钱」. For one beneficiary on one day, every relative
// with the one way that works (已绑定 / 可以绑定 / 可以用医保钱包转账 / 不能), the reasons in words,
// the rules and their sources folded under 「依据」, and a button that starts the way. Where
// nobody can pay it says so, and what would change it when the reasons show it. It shows the
// engine's answer (Engine.Routes, offline); it decides nothing itself.

// routeStart starts a relative's way for the beneficiary: the screen fills its own form or
// opens the other screen's form filled in (startElsewhere).
type routeStart func(ctx app.Context, rt engine.Route, beneficiary family.PersonID)

// routesNow is the engine's routes for the beneficiary at the device's time; ok is false when
// the person is not in the family.
func routesNow(beneficiary family.PersonID) (engine.RoutesResult, bool) {
	st := client.TheStore()
	s := st.Book().State
	r, err := st.Engine().Routes(&s, st.Now(), beneficiary)
	return r, err == nil
}

// personRoutes is the person's own 谁能为…付钱, under the member chosen in 修改成员; a tap
// opens the bind or wallet form filled in.
func personRoutes(id family.PersonID) app.UI {
	if id == "" {
		return nil
	}
	r, ok := routesNow(id)
	if !ok {
		return nil
	}
	return el("div.card", routesView("person-routes", r, true, startElsewhere))
}

// routesView shows r under the heading 谁能为…付钱 (an h2 on its own, an h3 inside a check).
func routesView(id string, r engine.RoutesResult, h2 bool, start routeStart) app.UI {
	tag := "h3"
	if h2 {
		tag = "h2"
	}
	var nobody app.UI
	if r.Nobody() {
		nobody = nobodyView(id, r)
	}
	return elem("section.routes",
		elemt(tag, trf("routes.title", personName(r.Beneficiary))).ID(id+"-title"),
		nobody,
		listElem("ul.items", len(r.Routes), func(i int) app.UI {
			return routeItem(id, r, r.Routes[i], start)
		}).ID(id+"-list"),
	).ID(id).Attr("aria-labelledby", id+"-title")
}

// wayClass is the verdict's colour: a way that works, or none.
func wayClass(w engine.Way) string {
	if w == engine.WayNone {
		return "verdict refused"
	}
	return "verdict allowed"
}

// routeItem is one relative: the verdict first, the reasons in words, the button that starts
// the way, and 依据.
func routeItem(id string, r engine.RoutesResult, rt engine.Route, start routeStart) app.UI {
	way, who, reasons := rt.Way(), string(rt.Person), routeReasons(r, rt)
	return with(elem("li.route",
		el("p.route-verdict",
			strongText(personName(rt.Person)+colon()),
			with(elemt("span", lineWords().Way(way)), wayClass(way)),
		),
		list("div.route-reasons", len(reasons), func(i int) app.UI { return elt("p", reasons[i]) }),
		routeButton(r, rt, start),
		el("details.route-basis",
			eltr("summary", "routes.basis"),
			basisList(id+"-basis-"+who, routeBasis(r, rt)),
		),
	), "", "person", who, "way", string(way))
}

// routeReasons are the reasons in words: what the way is, or, where there is none, why not
// (the engine's own sentences, without rule ids or sources).
func routeReasons(r engine.RoutesResult, rt engine.Route) []string {
	st, w := client.TheStore(), lineWords()
	key := ""
	switch rt.Way() {
	case engine.WayBound:
		key = "routes.bound"
	case engine.WayBind:
		key = "routes.canbind"
	case engine.WayWallet:
		key = "routes.wallet"
	default:
		return []string{st.T("routes.nobind") + sentences(w, rt.Binding.Lines), st.T("routes.nowallet") + sentences(w, rt.Wallet.Lines)}
	}
	// only the wallet's text has a {3}: the account it sends from
	return []string{trf(key, personName(rt.Person), personName(r.Beneficiary), st.T("routes.src."+string(rt.Wallet.Source)))}
}

// sentences are the lines' sentences in one paragraph.
func sentences(w engine.Words, lines []engine.Line) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = w.Text(l)
	}
	sep := ""
	if !w.ZH {
		sep = " "
	}
	return strings.Join(out, sep)
}

// routeBasis is what 依据 shows for a relative: the engine's lines about the binding and the
// wallet, each with its rule and sources; for a binding that can be made, the whole check
// with the rules that passed.
func routeBasis(r engine.RoutesResult, rt engine.Route) []engine.Line {
	var bind, wallet []engine.Line
	n := 0
	for _, l := range r.Explanation {
		if !strings.HasPrefix(l.Rule, "RT") || len(l.Args) == 0 || l.Args[0] != (engine.Arg{Kind: engine.KindPerson, Value: string(rt.Person)}) {
			continue
		}
		if n == 0 {
			bind = append(bind, l)
		} else {
			wallet = append(wallet, l)
		}
		n++
	}
	bind = append(bind, rt.Binding.Lines...)
	if rt.Binding.State == engine.RoutePossible {
		st := client.TheStore()
		s := st.Book().State
		if res, err := st.Engine().Bind(&s, st.Now(), engine.BindRequest{Authorizer: rt.Person, Beneficiary: r.Beneficiary,
			Scopes: []family.Scope{family.Medical}}); err == nil && res.Allowed {
			bind = res.Explanation
		}
	}
	return append(bind, append(wallet, rt.Wallet.Lines...)...)
}

// routeButton starts the way that works: the bind form or the wallet form, filled in.
func routeButton(r engine.RoutesResult, rt engine.Route, start routeStart) app.UI {
	key := ""
	switch rt.Way() {
	case engine.WayBind:
		key = "routes.dobind"
	case engine.WayWallet:
		key = "routes.dowallet"
	default:
		return nil
	}
	ben := r.Beneficiary
	return el("p", with(elemt("button.route-start[type=button]", trf(key, personName(rt.Person), personName(ben))).OnClick(func(ctx app.Context, e app.Event) { start(ctx, rt, ben) }), "", "person", string(rt.Person)))
}

// startElsewhere opens the form of the way on its own screen, filled in through the address:
// /bindings?authorizer=…&beneficiary=… or /wallet?from=…&to=…&source=….
func startElsewhere(ctx app.Context, rt engine.Route, beneficiary family.PersonID) {
	ctx.Navigate(routeURL(rt, beneficiary))
}

// routeURL is the address of the form that starts the route's way, its query as
// url.Values.Encode writes it (keys in order, values escaped) without url.Values: the client
// reads and writes no other query, and Encode and ParseQuery are kilobytes of wasm (issue 22).
func routeURL(rt engine.Route, beneficiary family.PersonID) string {
	if rt.Way() == engine.WayWallet {
		return PathWallet + "?from=" + url.QueryEscape(string(rt.Person)) +
			"&source=" + url.QueryEscape(string(rt.Wallet.Source)) + "&to=" + url.QueryEscape(string(beneficiary))
	}
	return PathBindings + "?authorizer=" + url.QueryEscape(string(rt.Person)) +
		"&beneficiary=" + url.QueryEscape(string(beneficiary))
}

// queryValue is key's first value in the query string q as url.ParseQuery reads it (pairs
// split at "&", a pair with ";" or one that does not unescape skipped), without building the
// map of every key (see routeURL).
func queryValue(q, key string) string {
	for q != "" {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		if pair == "" || strings.Contains(pair, ";") {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		k, err := url.QueryUnescape(k)
		if err != nil || k != key {
			continue
		}
		if v, err = url.QueryUnescape(v); err == nil {
			return v
		}
	}
	return ""
}

// nobodyView says plainly that nobody can pay today, and what would change it.
func nobodyView(id string, r engine.RoutesResult) app.UI {
	hints := routeHints(r)
	return elem("div.warning",
		elt("p", trf("routes.nobody", personName(r.Beneficiary))),
		when(len(hints) > 0, el("div",
			eltr("p", "routes.change"),
			listElem("ul", len(hints), func(i int) app.UI { return listItem(hints[i]) }).ID(id+"-change"),
		)),
	).ID(id + "-nobody")
}

// routeHints is what would change "nobody", where the reasons show it: a date on which a way
// opens (Route.Opens, from Engine.Later), a province that opens the wallet, a relative's insurance, the
// beneficiary's own insurance, a relation not yet recorded.
func routeHints(r engine.RoutesResult) []string {
	if len(r.Routes) == 0 {
		return []string{tr("routes.alone")}
	}
	s := &client.TheStore().Book().State
	ben := personName(r.Beneficiary)
	var out []string
	// hint adds the text of key about the relative p (the texts' {1}) and the beneficiary ({2}),
	// with the date or the conditions ({3}) where the text has them
	hint := func(key, p, third string) { out = append(out, words.Format(tr(key), p, ben, third)) }
	if anyReason(r, engine.BeneficiaryNotInsured) {
		hint("routes.insured", ben, "") // the beneficiary's own: {1}
	}
	for _, rt := range r.Routes {
		p := personName(rt.Person)
		if rt.OpensWay == engine.WayBind || rt.OpensWay == engine.WayBound || rt.OpensWay == engine.WayWallet {
			hint("routes.later."+string(rt.OpensWay), p, day(rt.Opens))
		} else if c := walletConditions(rt, ben); c != "" {
			hint("routes.opens", p, c)
		}
		if only(rt.Binding.Reasons, engine.AuthorizerNotEmployee) {
			hint("routes.insurance", p, "")
		}
		if only(rt.Binding.Reasons, engine.RelationNotAllowed) && !linked(s, rt.Person, r.Beneficiary) {
			hint("routes.relation", p, "")
		}
	}
	return out
}

// only says whether the codes are exactly c.
func only(codes []engine.Code, c engine.Code) bool { return len(codes) == 1 && codes[0] == c }

// has says whether c is among the codes.
func has(codes []engine.Code, c engine.Code) bool {
	for _, k := range codes {
		if k == c {
			return true
		}
	}
	return false
}

// anyReason says whether any relative's binding or wallet was refused for c.
func anyReason(r engine.RoutesResult, c engine.Code) bool {
	for _, rt := range r.Routes {
		if has(rt.Binding.Reasons, c) || has(rt.Wallet.Reasons, c) {
			return true
		}
	}
	return false
}

// walletConditions is what must change for a relative's wallet transfer when that is only
// the wallet being opened: by a province (W1), by the beneficiary (W3); "" otherwise.
func walletConditions(rt engine.Route, ben string) string {
	st := client.TheStore()
	var conds []string
	for _, c := range rt.Wallet.Reasons {
		if c != engine.WalletRegionNotEnabled && c != engine.WalletRecipientNotOpened {
			return ""
		}
	}
	if has(rt.Wallet.Reasons, engine.WalletRegionNotEnabled) { // the province first, then her
		conds = append(conds, trf("routes.provopens", closedProvinces(rt.Wallet.Lines)))
	}
	if has(rt.Wallet.Reasons, engine.WalletRecipientNotOpened) {
		conds = append(conds, trf("routes.benopens", ben))
	}
	return strings.Join(conds, st.T("routes.and"))
}

// closedProvinces names the provinces the wallet lines say have not opened the wallet.
func closedProvinces(lines []engine.Line) string {
	w := lineWords()
	var names []string
	for _, l := range lines {
		if l.Code != engine.WalletRegionNotEnabled {
			continue
		}
		for _, a := range l.Args {
			if a.Kind != engine.KindProvince {
				continue
			}
			if n := w.Value(a); !contains(names, n) {
				names = append(names, n)
			}
		}
	}
	sep := "、"
	if !w.ZH {
		sep = ", "
	}
	return strings.Join(names, sep)
}

// linked says whether the family recorded any relation between a and b.
func linked(s *family.State, a, b family.PersonID) bool {
	for _, l := range s.Links {
		if (l.Person == a && l.Of == b) || (l.Person == b && l.Of == a) {
			return true
		}
	}
	return false
}
