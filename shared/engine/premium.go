package engine

import (
	"time"

	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/policy"
)

// Premium is a contribution paid for an insured person.
type Premium string

// Premiums (rules.md section 4, premiums).
const (
	ResidentContribution   Premium = "resident"
	LTCContribution        Premium = "ltc"
	CommercialContribution Premium = "commercial"
)

// ParsePremium accepts only the three known premiums.
func ParsePremium(s string) (Premium, bool) {
	switch p := Premium(s); p {
	case ResidentContribution, LTCContribution, CommercialContribution:
		return p, true
	}
	return "", false
}

// Scope is the binding scope that pays this premium.
func (p Premium) Scope() family.Scope {
	switch p {
	case LTCContribution:
		return family.LTCPremium
	case CommercialContribution:
		return family.CommercialPremium
	}
	return family.ResidentPremium
}

// PremiumRequest pays Amount of Premium for Insured.
type PremiumRequest struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Insured family.PersonID `json:"insured"`
	Premium Premium         `json:"premium"`
	Amount  money.Amount    `json:"amount"`
}

// PayPremium splits a premium: the insured's own account, then (resident premium) the
// insured's wallet, then usable bindings with the premium's scope, then cash.
func (e *Engine) PayPremium(s *family.State, at time.Time, r PremiumRequest) (SplitResult, error) {
	insured, err := person(s, "action.insured", r.Insured)
	if err != nil {
		return SplitResult{}, err
	}
	if r.Amount > money.Max {
		return SplitResult{}, inputErr("action.amount", "%s is more than %s", r.Amount, money.Max)
	}
	if r.Amount <= 0 {
		return SplitResult{}, inputErr("action.amount", "a premium must be more than 0.00, got %s", r.Amount)
	}
	d := e.decider(at)
	d.at(insured.Region)
	scope := r.Premium.Scope()
	offered := d.lookup(policy.ScopeParam(scope), insured.Region)
	// B7 for premiums: the scope must be offered by the insured person's region (rules.md §4)
	if !offered.Value.Bool {
		d.deny("B7", ScopeNotAllowedInRegion, &offered, msgPremiumNotOffered, scope, insured.Region, d.day)
		return SplitResult{Payments: []Payment{}, Cash: r.Amount, Balances: []Balance{},
			Decision: d.finish(emptyEntry("premium"))}, nil
	}
	sp := splitter{d: d, s: s, work: s.Clone(), remaining: r.Amount, holder: r.Insured, need: scope}
	sp.payOwn()
	ltc := d.lookup(policy.WalletPaysLTC, insured.Region)
	// W12: rules.md 5 and 11.2; the holder's wallet pays the holder's resident premium, and
	// from 2026-01-09 the ltc premium (NHSA and MoF notice, Xinhua and 新浪财经 2026-01-09)
	if r.Premium == ResidentContribution || (r.Premium == LTCContribution && ltc.Value.Bool) {
		sp.walletRow = nil
		if r.Premium == LTCContribution {
			sp.walletRow = &ltc
		}
		sp.payWallet(true)
	}
	sp.payAuthorizers()
	return sp.result("premium", r.Amount)
}
