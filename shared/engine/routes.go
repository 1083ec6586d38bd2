package engine

import (
	"sort"
	"time"

	"gongji/shared/civil"
	"gongji/shared/family"
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
	res := RoutesResult{Beneficiary: beneficiary, Day: d.day}
	for _, id := range s.SortedPersonIDs() {
		if id == beneficiary {
			continue
		}
		rt := e.route(s, at, d, s.Person(id), ben)
		res.Routes = append(res.Routes, rt)
	}
	if res.Routes == nil {
		res.Routes = []Route{}
	}
	if res.Nobody() {
		d.say("RT", "", nil, msgRouteNobody, ben.ID)
	}
	res.Decision = d.finish(emptyEntry("routes"))
	return res, nil
}

// route is one relative's entry; the summary lines go to the routes decision d.
func (e *Engine) route(s *family.State, at time.Time, d *decider, p, ben *family.Person) Route {
	rt := Route{Person: p.ID}
	// RT: rules.md section 10 (a binding in force that pays medical bills)
	if b := e.bindingInForce(s, d, p, ben); b != nil {
		rt.Binding = BindingRoute{State: RouteInForce, Binding: b.ID, Reasons: []Code{}}
		d.say("RT", "", nil, msgRouteBound, p.ID, ben.ID, bindingRef(b.ID))
	} else {
		// RT: rules.md section 10 (else exactly the bind of scope medical, B1-B8 and SZ1-SZ4)
		bd := e.decider(at)
		bd.quiet = true
		allowed := bd.bind(s, BindRequest{Authorizer: p.ID, Beneficiary: ben.ID, Scopes: []family.Scope{family.Medical}}, p, ben)
		for r := range bd.rules {
			d.rules[r] = true
		}
		out := bd.finish(emptyEntry("bind"))
		rt.Binding = BindingRoute{State: RoutePossible, Reasons: out.Reasons}
		if allowed {
			d.say("RT", "", nil, msgRouteCanBind, p.ID, ben.ID)
		} else {
			rt.Binding.State = RouteRefused
			rt.Binding.Lines = refusalLines(out.Explanation)
			d.say("RT", "", nil, msgRouteCannotBind, p.ID, ben.ID)
			d.lines = append(d.lines, rt.Binding.Lines...)
		}
	}
	// RT: rules.md section 10 (the wallet: W1-W4 only, source account when there is one)
	wd := e.decider(at)
	wd.quiet = true
	src := family.FromWallet
	if p.HasAccount {
		src = family.FromAccount
	}
	wd.checkWalletRegions(p, ben)
	wd.checkRecipient(s, p, ben)
	wd.checkSender(p, src)
	for r := range wd.rules {
		d.rules[r] = true
	}
	wout := wd.finish(emptyEntry("wallet_transfer"))
	rt.Wallet = WalletRoute{Possible: len(wout.Reasons) == 0, Source: src, Reasons: wout.Reasons}
	if rt.Wallet.Possible {
		d.say("RT", "", nil, msgRouteWallet, p.ID, ben.ID, src)
		d.citeAs("W2")
	} else {
		rt.Wallet.Lines = refusalLines(wout.Explanation)
		d.say("RT", "", nil, msgRouteNoWallet, p.ID, ben.ID)
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
	sort.Slice(found, func(i, j int) bool {
		if found[i].Created != found[j].Created {
			return found[i].Created < found[j].Created
		}
		return found[i].ID < found[j].ID
	})
	return found[0]
}

// refusalLines keeps the lines of a decision that carry a code: one per reason.
func refusalLines(lines []Line) []Line {
	var out []Line
	for _, l := range lines {
		if l.Code != "" {
			out = append(out, l)
		}
	}
	return out
}

// citeAs gives the last line the sources of another rule: a routes line about the wallet rests
// on the wallet's sources, one about a binding on the binding's.
func (d *decider) citeAs(rule string) {
	l := &d.lines[len(d.lines)-1]
	l.Sources, l.Grade = ruleSources(rule)
}
