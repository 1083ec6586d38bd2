package engine

import (
	"slices"
	"time"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/policy"
)

// RouteState is what a binding from one relative to the beneficiary is on the day (rules.md
// section 10).
type RouteState string

// Binding route states.
const (
	RouteInForce  RouteState = "in_force" // a binding that pays medical bills is in force
	RoutePossible RouteState = "possible" // a bind with scope medical would be allowed
	RouteRefused  RouteState = "refused"  // that bind would be refused, for Reasons
)

// Way is the one way a relative can pay for the beneficiary today, best first: what the app
// shows beside each relative (已绑定 / 可以绑定 / 可以用医保钱包转账 / 不能).
type Way string

// Ways, in the order the app prefers them.
const (
	WayBound  Way = "bound"    // a binding is in force: nothing to do
	WayBind   Way = "can_bind" // a binding can be made today (the bind form)
	WayWallet Way = "wallet"   // a 医保钱包 transfer can be sent (the wallet form)
	WayNone   Way = "none"     // neither: Binding.Reasons and Wallet.Reasons say why
)

// BindingRoute is the binding half of a route.
type BindingRoute struct {
	State RouteState
	// Binding is the id of the binding in force (the first in binding order), when State is
	// RouteInForce.
	Binding string
	// Reasons are exactly the codes of the bind that was tried (RouteRefused), else empty.
	Reasons []Code
	// Lines explain a refusal, one line per reason, with their sources (the bind's own lines).
	Lines []Line
}

// WalletRoute is the wallet half of a route: a transfer from the relative to the beneficiary,
// apart from the moment's limits (W5-W9 are not checked).
type WalletRoute struct {
	Possible bool
	Source   family.Source // account when the relative has a personal account, else wallet
	Reasons  []Code        // the codes of W1-W4 that hold
	Lines    []Line        // one line per reason, with their sources
}

// Route is what one relative can do for the beneficiary.
type Route struct {
	Person  family.PersonID
	Binding BindingRoute
	Wallet  WalletRoute
	// Opens, when nobody can pay today, is the first later day on which this relative's way
	// OpensWay would work if only the date changed (Later); zero when no such day is known.
	Opens    civil.Date
	OpensWay Way
}

// Way is the best way that works today.
func (r Route) Way() Way {
	switch {
	case r.Binding.State == RouteInForce:
		return WayBound
	case r.Binding.State == RoutePossible:
		return WayBind
	case r.Wallet.Possible:
		return WayWallet
	}
	return WayNone
}

// RoutesResult answers "who can pay for her, and how" for one beneficiary on one day. It never
// refuses: Reasons is always empty.
type RoutesResult struct {
	Beneficiary family.PersonID
	Day         civil.Date
	Routes      []Route // one per other person, in byte order of ids
	Decision
}

// Nobody says that no relative can pay for the beneficiary today, by any way.
func (r RoutesResult) Nobody() bool {
	for _, rt := range r.Routes {
		if rt.Way() != WayNone {
			return false
		}
	}
	return true
}

// Route finds the route of one relative, or false.
func (r RoutesResult) Route(p family.PersonID) (Route, bool) {
	for _, rt := range r.Routes {
		if rt.Person == p {
			return rt, true
		}
	}
	return Route{}, false
}

// Routes answers rules.md section 10 (action routes) for beneficiary on the date of at: for
// every other person, whether a binding is in force, possible or refused, and whether a wallet
// transfer is possible. It changes nothing and is the same computation offline in the app.
func (e *Engine) Routes(s *family.State, at time.Time, beneficiary family.PersonID) (RoutesResult, error) {
	ben, err := person(s, "action.beneficiary", beneficiary)
	if err != nil {
		return RoutesResult{}, err
	}
	d := e.decider(at)
	d.at(ben.Region)
	res := RoutesResult{Beneficiary: beneficiary, Day: d.day, Routes: make([]Route, 0, len(s.People))}
	// one inner decider for the binds and one for the wallet, cleared for each relative
	bd, wd := e.decider(at), e.decider(at)
	bd.quiet, wd.quiet = true, true
	for _, id := range s.SortedPersonIDs() {
		if id == beneficiary {
			continue
		}
		res.Routes = append(res.Routes, e.route(s, d, bd, wd, s.Person(id), ben))
	}
	if res.Nobody() {
		// RT1: rules.md section 10 (nobody can pay: say so plainly, and which day would change it)
		d.say("RT1", "", nil, msgRouteNobody, ben.ID)
		for i := range res.Routes {
			rt := &res.Routes[i]
			if day, way, ok := e.Later(s, at, beneficiary, rt.Person); ok {
				rt.Opens, rt.OpensWay = day, way
				d.sayLater(*rt, beneficiary)
			}
		}
	}
	res.Decision = d.finish(ledger.Entry{Postings: []ledger.Posting{}}) // routes moves no money
	return res, nil
}

// reset clears an inner decider for the next relative.
func (d *decider) reset() {
	clear(d.codes)
	clear(d.rules)
	d.lines = d.lines[:0]
}

// sortedCodes is the decider's codes, sorted; nil when none.
func (d *decider) sortedCodes() []Code {
	if len(d.codes) == 0 {
		return nil
	}
	out := make([]Code, 0, len(d.codes))
	for c := range d.codes {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// route is one relative's entry; the summary lines go to the routes decision d, the binding's
// and the wallet's reasons are decided on the inner deciders bd and wd.
func (e *Engine) route(s *family.State, d, bd, wd *decider, p, ben *family.Person) Route {
	rt := Route{Person: p.ID}
	// RT1: rules.md section 10 (a binding in force that pays medical bills)
	if b := e.bindingInForce(s, d, p, ben); b != nil {
		rt.Binding = BindingRoute{State: RouteInForce, Binding: b.ID}
		d.sayRoute(msgRouteBound, p.ID, ben.ID, Arg{KindBinding, b.ID})
	} else {
		// RT1: rules.md section 10 (else exactly the bind of scope medical, B1-B8 and SZ1-SZ4)
		bd.reset()
		allowed := bd.bind(s, BindRequest{Authorizer: p.ID, Beneficiary: ben.ID, Scopes: []family.Scope{family.Medical}}, p, ben)
		d.addRules(bd.rules)
		rt.Binding = BindingRoute{State: RoutePossible, Reasons: bd.sortedCodes()}
		if allowed {
			d.sayRoute(msgRouteCanBind, p.ID, ben.ID)
		} else {
			rt.Binding.State = RouteRefused
			rt.Binding.Lines = append([]Line(nil), bd.lines...)
			d.sayRoute(msgRouteCannotBind, p.ID, ben.ID)
			d.lines = append(d.lines, rt.Binding.Lines...)
		}
	}
	// RT1: rules.md section 10 (the wallet: W1-W4 only, source account when there is one)
	wd.reset()
	src := family.FromWallet
	if p.HasAccount {
		src = family.FromAccount
	}
	wd.checkWalletRegions(p, ben)
	wd.checkRecipient(s, p, ben)
	wd.checkSender(p, src)
	d.addRules(wd.rules)
	for _, r := range [...]string{"W1", "W2", "W3", "W4"} {
		d.rules[r] = true
	}
	rt.Wallet = WalletRoute{Possible: len(wd.codes) == 0, Source: src, Reasons: wd.sortedCodes()}
	if rt.Wallet.Possible {
		d.sayRoute(msgRouteWallet, p.ID, ben.ID, Arg{KindWord, "source." + string(src)})
		d.citeAs("W2")
	} else {
		rt.Wallet.Lines = append([]Line(nil), wd.lines...)
		d.sayRoute(msgRouteNoWallet, p.ID, ben.ID)
		d.citeAs("W2")
		d.lines = append(d.lines, rt.Wallet.Lines...)
	}
	return rt
}

// bindingInForce is the first binding, in binding order, from p to ben that is in force on the
// day, not invalidated by SZ5, covers medical bills and whose authorizer is not stopped.
func (e *Engine) bindingInForce(s *family.State, d *decider, p, ben *family.Person) *family.Binding {
	if p.Status == family.Stopped {
		return nil
	}
	var found []*family.Binding
	for i := range s.Bindings {
		b := &s.Bindings[i]
		if b.Authorizer != p.ID || b.Beneficiary != ben.ID || !b.InForce(d.day) {
			continue
		}
		// SZ5: seed 004 (an invalidated binding does not count); S7: it must cover medical
		if d.invalidated(s, b) || !d.covers(p, b, family.Medical) {
			continue
		}
		found = append(found, b)
	}
	if len(found) == 0 {
		return nil
	}
	first := found[0] // the earliest made (then the smallest id)
	for _, b := range found[1:] {
		if b.Created < first.Created || b.Created == first.Created && b.ID < first.ID {
			first = b
		}
	}
	return first
}

// citeAs gives the last line the sources of another rule: a routes line about the wallet rests
// on the wallet's sources, one about a binding on the binding's.
func (d *decider) citeAs(rule string) {
	if d.quiet || len(d.lines) == 0 {
		return // a quiet decider kept no line for it
	}
	l := &d.lines[len(d.lines)-1]
	src, grade := ruleSources(rule)
	l.Unverified = false
	d.cite(l, src, grade)
}

// suggestRoutes adds the "what you can do instead" lines of a refusal: every way that works
// today for the beneficiary, from routes, so that a refusal never suggests what the rules
// refuse; or, when there is none, that nobody can pay today.
func (d *decider) suggestRoutes(r RoutesResult) {
	if d.quiet {
		return
	}
	for _, rt := range r.Routes {
		switch rt.Way() {
		case WayBound:
			d.suggest("RT1", msgNextRouteBound, rt.Person, r.Beneficiary)
		case WayBind:
			d.suggest("RT1", msgNextRouteBind, rt.Person, r.Beneficiary)
		}
		// the wallet is a way of its own, also beside a binding
		if rt.Wallet.Possible {
			d.suggest("RT1", msgNextRouteWallet, rt.Person, r.Beneficiary, rt.Wallet.Source)
			d.citeAs("W2")
		}
	}
	if r.Nobody() {
		d.suggest("RT1", msgNextRouteNobody, r.Beneficiary)
	}
}

// suggestLater adds, when nobody can pay today, the first later day on which each relative's
// way would work if only the date changed (a province opening the wallet, a national date).
func (d *decider) suggestLater(r RoutesResult) {
	if d.quiet || !r.Nobody() {
		return
	}
	for _, rt := range r.Routes {
		if rt.OpensWay != "" && rt.OpensWay != WayNone {
			d.sayLater(rt, r.Beneficiary)
		}
	}
}

// sayLater is the line of a day that opens a relative's way.
func (d *decider) sayLater(rt Route, ben family.PersonID) {
	if rt.OpensWay == WayWallet {
		d.suggest("RT1", msgNextLaterWallet, rt.Person, ben, rt.Opens)
		d.citeAs("W1")
		return
	}
	d.suggest("RT1", msgNextLaterBind, rt.Person, ben, rt.Opens)
}

// Later says when a relative's way to pay for the beneficiary would start to work if nothing
// but the date changed: the first later day on which the rule set's own dates (a province
// opening the wallet, the close-relatives and province-wide dates) or the pair's bindings make
// the route better than none. ok is false when no such day is known: something other than the
// date must change (insurance, a wallet to open, a province that has no date yet).
func (e *Engine) Later(s *family.State, at time.Time, beneficiary, relative family.PersonID) (day civil.Date, way Way, ok bool) {
	ben, err := person(s, "action.beneficiary", beneficiary)
	if err != nil {
		return 0, WayNone, false
	}
	p, err := person(s, "relative", relative)
	if err != nil || p.ID == ben.ID {
		return 0, WayNone, false
	}
	today := civil.DateOf(at)
	// the parameters a route reads (bind with scope medical, W1-W4), for the pair's regions
	days := e.table.Dates([]policy.Param{policy.AllowedRelations, policy.BindingGeography, policy.ScopeMedical,
		policy.AuthorizerSuspendedAllowed, policy.AuthorizerTierRequired, policy.CardLinkRequired,
		policy.LegacyBindingCutoff, policy.WalletEnabled}, p.Region, ben.Region)
	for _, b := range s.Bindings {
		if b.Authorizer == p.ID && b.Beneficiary == ben.ID {
			days = append(days, b.Created)
		}
	}
	slices.Sort(days)
	dd, bd, wd := e.decider(at), e.decider(at), e.decider(at)
	bd.quiet, wd.quiet, dd.quiet = true, true, true
	for _, d := range days {
		if d <= today {
			continue
		}
		dd.day, bd.day, wd.day = d, d, d
		dd.reset()
		if w := e.route(s, dd, bd, wd, p, ben).Way(); w != WayNone {
			return d, w, true
		}
	}
	return 0, WayNone, false
}

// sayRoute adds a routes summary line: rule RT1, no code, the relative p and the beneficiary
// ben, then the values given as they are (the many lines of a routes decision are made without
// boxing each value).
func (d *decider) sayRoute(m Msg, p, ben family.PersonID, more ...Arg) {
	d.rules["RT1"] = true
	if d.quiet {
		return
	}
	l := Line{Rule: "RT1", Msg: m, Args: append([]Arg{personArg(p), personArg(ben)}, more...)}
	src, grade := ruleSources("RT1")
	d.cite(&l, src, grade)
	d.lines = append(d.lines, l)
}

// addRules adds the rules another decision applied to d's.
func (d *decider) addRules(rules map[string]bool) {
	for r := range rules {
		d.rules[r] = true
	}
}

func personArg(id family.PersonID) Arg { return Arg{KindPerson, string(id)} }

// explainOther adds, under a refusal, why the same person's other way is refused too: a
// summary line and the other decision's reasons in words. Those lines carry no code: the
// codes of this decision are its own.
func (d *decider) explainOther(m Msg, p, ben family.PersonID, lines []Line) {
	if d.quiet {
		return
	}
	d.sayRoute(m, p, ben)
	if m == msgRouteNoWallet {
		d.citeAs("W2")
	}
	for _, l := range lines {
		l.Code = ""
		d.lines = append(d.lines, l)
	}
}
