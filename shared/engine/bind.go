package engine

import (
	"strings"
	"time"

	"gongji/shared/civil"

	"gongji/shared/family"
	"gongji/shared/policy"
	"gongji/shared/region"
	"gongji/shared/source"
)

// BindRequest asks to let Authorizer's account pay for Beneficiary within Scopes.
type BindRequest struct {
	Authorizer  family.PersonID
	Beneficiary family.PersonID
	Scopes      []family.Scope
}

// BindResult says whether the binding may be made.
type BindResult struct {
	Allowed bool
	// Routes, when the bind is refused, is who can pay for the beneficiary today and how
	// (rules.md section 10): the app shows it under the refusal.
	Routes *RoutesResult
	Decision
}

// Bind checks a binding request under the authorizer's region on the request date
// (rules.md section 3; section 8: bind uses the authorizer's region throughout).
func (e *Engine) Bind(s *family.State, at time.Time, r BindRequest) (BindResult, error) {
	a, err := person(s, "action.authorizer", r.Authorizer)
	if err != nil {
		return BindResult{}, err
	}
	b, err := person(s, "action.beneficiary", r.Beneficiary)
	if err != nil {
		return BindResult{}, err
	}
	d := e.decider(at)
	res := BindResult{Allowed: d.bind(s, r, a, b)}
	if res.Allowed {
		d.say("B1-B8", "", nil, msgBindAllowed, a.ID, b.ID, r.Scopes)
	} else if b.ID != a.ID {
		// RT1: rules.md section 10 (a refused bind shows who can pay for the beneficiary)
		routes, err := e.Routes(s, at, b.ID)
		if err != nil {
			return BindResult{}, err
		}
		// the other way for the same person: the wallet, and why not when it is refused
		if rt, ok := routes.Route(a.ID); ok && !rt.Wallet.Possible {
			d.explainOther(msgRouteNoWallet, a.ID, b.ID, rt.Wallet.Lines)
		}
		d.suggestRoutes(routes)
		d.suggestLater(routes)
		res.Routes = &routes
	}
	res.Decision = d.finish(emptyEntry("bind"))
	return res, nil
}

// bind applies every rule of section 3 and says whether none refused.
func (d *decider) bind(s *family.State, r BindRequest, a, b *family.Person) bool {
	// rules.md section 8: bind uses the authorizer's region throughout
	d.at(a.Region)
	d.checkSelfAndScopes(r, a.Region)
	authorizerOK := d.checkAuthorizer(a)
	beneficiaryOK := d.checkBeneficiary(b)
	d.checkRelation(s, a, b)
	if beneficiaryOK {
		d.checkGeography(a, b)
	}
	if authorizerOK {
		d.checkTier(a)
	}
	d.checkDuplicate(s, r)
	return len(d.codes) == 0
}

func (d *decider) checkSelfAndScopes(r BindRequest, where region.Code) {
	// B5: rules.md section 3 (authorizer and beneficiary must differ)
	if r.Authorizer == r.Beneficiary {
		d.deny("B5", SelfBinding, nil, msgSelfBinding, r.Authorizer)
	}
	// B8: rules.md section 3 (at least one scope)
	if len(r.Scopes) == 0 {
		d.deny("B8", NoScope, nil, msgNoScope)
	}
	for _, sc := range r.Scopes {
		row := d.lookup(policy.ScopeParam(sc), where)
		// B7: section 7 scopes per region (国办发〔2021〕14号; regional documents)
		if !row.Value.Bool {
			d.deny("B7", ScopeNotAllowedInRegion, &row, msgScopeNotOffered, sc, where, d.day)
		}
	}
}

// checkAuthorizer applies B1 and reports whether it holds.
func (d *decider) checkAuthorizer(a *family.Person) bool {
	suspended := d.lookup(policy.AuthorizerSuspendedAllowed, a.Region)
	statusOK := a.Status == family.Active || (a.Status == family.Suspended && suspended.Value.Bool)
	// B1: 国办发〔2021〕14号; NHSA Q&A 2024; seed 003 (employee, active, with a personal account);
	// Xi'an allows a suspended authorizer (research R-AUTH-06)
	// The suspended-authorizer row decides only for a suspended authorizer; otherwise the
	// line cites B1's own sources (issue 20: a row cited only where it decided).
	row := &suspended
	if a.Status != family.Suspended {
		row = nil
	}
	if a.Insurance != family.Employee || !statusOK || !a.HasAccount {
		d.deny("B1", AuthorizerNotEmployee, row, msgAuthorizerNotEmployee, a.ID, a.Insurance, a.Status, word(yesNo(a.HasAccount)))
		return false
	}
	if !d.held("B1") {
		d.say("B1", "", row, msgAuthorizerOK, a.ID, a.Status)
	}
	return true
}

// checkBeneficiary applies B2 and reports whether it holds.
func (d *decider) checkBeneficiary(b *family.Person) bool {
	// B2: 国办发〔2021〕14号; Sichuan FAQ 2025-07-04 (beneficiary insured, not stopped)
	if !b.Insured() {
		d.deny("B2", BeneficiaryNotInsured, nil, msgBeneficiaryNotInsured, b.ID, b.Insurance, b.Status)
		return false
	}
	if !d.held("B2") {
		d.say("B2", "", nil, msgBeneficiaryOK, b.ID, b.Insurance)
	}
	return true
}

func (d *decider) checkRelation(s *family.State, a, b *family.Person) {
	rel, linked := s.RelationOf(b.ID, a.ID)
	row := d.lookup(policy.AllowedRelations, a.Region)
	// B3: 国办发〔2021〕14号; State Council opinion of July 2024; Xinhua 2024-11-26
	// SZ4: seed 004 (Shenzhen: spouse, parent, child only)
	if !hasRelation(row.Value.Relations, rel) {
		d.deny(row.Rules, RelationNotAllowed, &row, msgRelationNotAllowed, b.ID, a.ID, rel, row.Value, d.day)
		d.checkReported(a, rel)
	} else if !d.held(row.Rules) {
		d.say(row.Rules, "", &row, msgRelationOK, b.ID, a.ID, rel, row.Value, d.day)
	}
	card := d.lookup(policy.CardLinkRequired, a.Region)
	// SZ3: seed 004 (Shenzhen: family link on the social-security card)
	if card.Value.Bool && !linked {
		d.deny("SZ3", CardNotLinked, &card, msgCardNotLinked, a.ID, b.ID)
	}
}

// checkReported: where the province's own sources report the close-relatives list in force
// on the day although the rules decide by a later date, the refusal says both and is graded
// by the weaker of the two (issue 20: Shanxi from 2024-09-01 against a refusal of a Taiyuan
// sibling on 2024-10-08).
func (d *decider) checkReported(a *family.Person, rel family.Relation) {
	if !hasRelation(family.CloseRelatives(), rel) {
		return
	}
	reported := d.lookup(policy.ReportedCloseRelatives, a.Region)
	if d.day < reported.Value.Date {
		return
	}
	refusal := &d.lines[len(d.lines)-1]
	d.say("B3", "", &reported, msgRelationReported, provinceOf(a.Region), reported.Value.Date, rel)
	conflict := d.lines[len(d.lines)-1]
	// the refusal is graded by the weaker of the two: no part stronger than the conflict's
	weakest := "A"
	for _, g := range strings.Split(conflict.Grade, "/") {
		if source.Rank(g) > source.Rank(weakest) {
			weakest = g
		}
	}
	refusal.Grade = source.Cap(refusal.Grade, weakest)
}

func (d *decider) checkGeography(a, b *family.Person) {
	row := d.lookup(policy.BindingGeography, a.Region)
	same := region.SameProvince(a.Region, b.Region)
	if row.Value.Word == policy.SameCity {
		same = region.SamePool(a.Region, b.Region)
	}
	// B4: 国办发〔2021〕14号; NHSA 2024-11-26 (same pooling region (统筹区, region.Pool), then
	// the same province from the province-wide date)
	// SZ2: seed 004 (Shenzhen: beneficiary insured in Shenzhen until 2024-11-01)
	if !same {
		d.deny(row.Rules, BeneficiaryOutOfArea, &row, msgOutOfArea, b.ID, b.Region, a.ID, a.Region, word(row.Value.Word), d.day)
		return
	}
	if !d.held(row.Rules) && b.Region == a.Region {
		// one place named once: 「两人都在湖南省衡阳市衡东县参保」, not the county twice
		d.say(row.Rules, "", &row, msgAreaSame, b.ID, a.ID, a.Region, word(row.Value.Word), d.day)
	} else if !d.held(row.Rules) {
		d.say(row.Rules, "", &row, msgAreaOK, b.ID, b.Region, a.ID, a.Region, word(row.Value.Word), d.day)
	}
}

func (d *decider) checkTier(a *family.Person) {
	row := d.lookup(policy.AuthorizerTierRequired, a.Region)
	// SZ1: seed 004; bendibao 639880 (Shenzhen authorizers must be tier 1)
	if row.Value.Int != 0 && a.Tier != row.Value.Int {
		d.deny("SZ1", AuthorizerNotTier1, &row, msgNotTier1, a.ID, a.Tier)
	}
}

func (d *decider) checkDuplicate(s *family.State, r BindRequest) {
	for i := range s.Bindings {
		b := &s.Bindings[i]
		if b.Authorizer != r.Authorizer || b.Beneficiary != r.Beneficiary {
			continue
		}
		if d.invalidated(s, b) {
			continue
		}
		// B6: rules.md section 3 (one binding per pair in force or made later)
		if b.InForce(d.day) || b.Created > d.day {
			d.deny("B6", DuplicateBinding, nil, msgDuplicate, bindingRef(b.ID), b.Created)
			return
		}
	}
}

// invalidated applies SZ5 on the decision's day.
func (d *decider) invalidated(s *family.State, b *family.Binding) bool {
	_, ok := d.e.Invalidated(s, b, d.day)
	return ok
}

// Invalidated applies SZ5: under the authorizer's region cut-off, a binding created before it
// whose only scope is resident_premium pays nothing from the cut-off on. It returns the
// cut-off date when the binding is invalidated on day, so the app can say what to do.
func (e *Engine) Invalidated(s *family.State, b *family.Binding, day civil.Date) (civil.Date, bool) {
	a := s.Person(b.Authorizer)
	if a == nil {
		return 0, false
	}
	cutoff := e.table.Lookup(policy.LegacyBindingCutoff, a.Region, day).Value.Date
	// SZ5: seed 004 (Shenzhen bindings of option 2 only, made before 2023-10-01, lapse then)
	ok := day >= cutoff && b.Created < cutoff && len(b.Scopes) > 0 && onlyScope(b.Scopes, family.ResidentPremium)
	return cutoff, ok
}

func onlyScope(scopes []family.Scope, s family.Scope) bool {
	for _, k := range scopes {
		if k != s {
			return false
		}
	}
	return true
}

func hasRelation(list []family.Relation, r family.Relation) bool {
	for _, k := range list {
		if k == r {
			return true
		}
	}
	return false
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
