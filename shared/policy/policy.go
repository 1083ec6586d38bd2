// Package policy is the dated region policy table of rules.md section 7, as data.
//
// Every parameter row has a region scope (national, province or city), a [from, to) date
// range, a value, the rule ids it feeds, a source and a confidence grade. A city row overrides
// a province row, which overrides the national default. Two rows at the same level for the same
// parameter, region and day are a configuration error that Check reports. The rule-set version
// is a hash of the whole table, so any change to a row changes the version every decision
// records.
package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/region"
	"gongji/shared/source"
)

// Param names one policy parameter.
type Param string

// The parameters of version 1. Each comment says what the value means and which rule reads it.
const (
	// AllowedRelations: the relations a binding may join (B3, SZ4).
	AllowedRelations Param = "allowed_relations"
	// BindingGeography: "same_city" or "same_province" (B4, SZ2).
	BindingGeography Param = "binding_geography"
	// ScopeMedical and the three premium scopes: whether the region offers the scope (B7).
	ScopeMedical           Param = "scope.medical"
	ScopeResidentPremium   Param = "scope.resident_premium"
	ScopeLTCPremium        Param = "scope.ltc_premium"
	ScopeCommercialPremium Param = "scope.commercial_premium"
	// EligibleBase: "policy_self_pay" or "all_personal_burden" (S1).
	EligibleBase Param = "eligible_base"
	// AuthorizerOrder: "binding_order" or "balance_desc" (S6).
	AuthorizerOrder Param = "authorizer_order"
	// WithdrawalGrounds: the grounds on which a personal account may be paid out (D1).
	WithdrawalGrounds Param = "withdrawal_grounds"
	// WalletEnabled: whether the province has the 医保钱包 (W1); read at province level.
	WalletEnabled Param = "wallet_enabled"
	// AuthorizerSuspendedAllowed: a suspended authorizer may still bind (B1, Xi'an R-AUTH-06).
	AuthorizerSuspendedAllowed Param = "authorizer_suspended_allowed"
	// AuthorizerTierRequired: the tier an authorizer must have, 0 for none (SZ1).
	AuthorizerTierRequired Param = "authorizer_tier_required"
	// CardLinkRequired: the pair must be linked on the social-security card (SZ3).
	CardLinkRequired Param = "card_link_required"
	// AuthorizerThreshold: the part of an authorizer's balance that cannot be shared (SZ6).
	AuthorizerThreshold Param = "authorizer_threshold"
	// LegacyBindingCutoff: bindings created before this date keep their ticked scopes and are
	// invalidated from it when their only scope is resident_premium; bindings created on or
	// after it cover medical and resident_premium (SZ5). civil.Never means no cut-off.
	LegacyBindingCutoff Param = "legacy_binding_cutoff"
	// MedicalPayArea: where a medical binding pays: "anywhere", or only at institutions in the
	// authorizer's "same_city" or "same_province" (SZ7).
	MedicalPayArea Param = "medical_pay_area"
	// TransferKeepsBalanceInProvince: a move between two pooling regions of the province leaves
	// the personal-account balance with the person instead of moving it (T5, Guangdong).
	TransferKeepsBalanceInProvince Param = "transfer_keeps_balance_in_province"
	// ClaimableElsewhere: mutual-aid payments may be claimed from medical assistance or
	// commercial insurance (SZ8 sets false).
	ClaimableElsewhere Param = "claimable_elsewhere"
	// WalletPaysLTC: the holder's wallet pays the holder's own ltc premium (W12, version 4).
	WalletPaysLTC Param = "wallet_pays_ltc"
	// MutualAidFromHistory: a binding pays only from the authorizer's prior-years balance
	// (历年账户, SH1, version 4); read in the authorizer's region.
	MutualAidFromHistory Param = "mutual_aid_from_history"
	// AccountSplit: the personal account is kept in a current-year part (当年账户) and a
	// prior-years part (历年账户) (rules.md section 8, split balances; 11.3); read in the
	// person's region. It decides no rule: it says where a family may give the prior-years
	// part (add_person, edit_person), which SH1 and D4 then read.
	AccountSplit Param = "account_split"
	// ReportedCloseRelatives: the day from which the province's own sources report the
	// close-relatives list in force, when earlier than the date the rules decide by; civil.Never
	// when none does. It decides nothing: a refusal of a close relative between that day and
	// the rules' date says both and is graded by the weaker (issue 20).
	ReportedCloseRelatives Param = "reported_close_relatives"
)

// Params lists every parameter; each must have a national default for every day.
func Params() []Param {
	return []Param{AllowedRelations, BindingGeography, ScopeMedical, ScopeResidentPremium,
		ScopeLTCPremium, ScopeCommercialPremium, EligibleBase, AuthorizerOrder, WithdrawalGrounds,
		WalletEnabled, AuthorizerSuspendedAllowed, AuthorizerTierRequired, CardLinkRequired,
		AuthorizerThreshold, LegacyBindingCutoff, MedicalPayArea, TransferKeepsBalanceInProvince, ClaimableElsewhere,
		WalletPaysLTC, MutualAidFromHistory, AccountSplit, ReportedCloseRelatives}
}

// Words used as values.
const (
	SameCity          = "same_city"
	SameProvince      = "same_province"
	Anywhere          = "anywhere"
	PolicySelfPay     = "policy_self_pay"
	AllPersonalBurden = "all_personal_burden"
	BindingOrder      = "binding_order"
	BalanceDesc       = "balance_desc"
)

// Value is a parameter's value. Each parameter uses exactly one field.
type Value struct {
	Bool      bool
	Int       int
	Amount    money.Amount
	Date      civil.Date
	Word      string
	Relations []family.Relation
	Words     []string
}

// String renders the value for explanations and the version hash.
func (v Value) String() string {
	switch {
	case v.Relations != nil:
		parts := make([]string, len(v.Relations))
		for i, r := range v.Relations {
			parts[i] = string(r)
		}
		return strings.Join(parts, ",")
	case v.Words != nil:
		return strings.Join(v.Words, ",")
	case v.Word != "":
		return v.Word
	}
	return fmt.Sprintf("%t/%d/%s/%s", v.Bool, v.Int, v.Amount, v.Date)
}

// Row is one dated parameter value for one region scope.
type Row struct {
	Param   Param
	Where   region.Scope
	During  civil.Range
	Value   Value
	Rules   string // the rule ids this row feeds, e.g. "B3"
	Grade   string // A, B, C, U or a pair such as "B/C"
	Sources []source.ID
	// LocalDefault marks a national row that stands in for regions whose own rule is not
	// known (withdrawal grounds, eligible base, ...): for a region without a row of its own the
	// decision is not verified there, and its explanation says so.
	LocalDefault bool
}

// Unofficial says whether the row rests on a C or U source only (the grades of rules.md), so
// the UI shows 此规则来源未经官方确认.
func (r Row) Unofficial() bool {
	g := strings.Split(r.Grade, "/")
	last := g[len(g)-1]
	return last == "C" || last == "U"
}

// UnverifiedFor says whether the row decided for a region it was not verified for: a national
// stand-in, used because the region has no row of its own.
func (r Row) UnverifiedFor() bool { return r.LocalDefault && r.Where.Level == region.National }

// Table is the whole rule set: the rows and the version derived from them.
type Table struct {
	rows    []Row
	byParam map[Param][]int
	// byProvince indexes each parameter's rows by where they apply: "" for national rows, the
	// two-digit province for province and city rows, so a lookup reads only its own.
	byProvince map[Param]map[string][]int
	version    string
}

// NewTable indexes the rows, computes the version, and checks the table (see Check).
func NewTable(rows []Row) (*Table, error) {
	t := index(rows)
	if err := t.Check(); err != nil {
		return nil, err
	}
	t.version = version(rows)
	return t, nil
}

// index is the table of rows, indexed, without its version.
func index(rows []Row) *Table {
	t := &Table{rows: rows, byParam: map[Param][]int{}, byProvince: map[Param]map[string][]int{}}
	for i, r := range rows {
		t.byParam[r.Param] = append(t.byParam[r.Param], i)
		key := ""
		if r.Where.Level != region.National && len(r.Where.Prefix) >= 2 {
			key = r.Where.Prefix[:2]
		}
		if t.byProvince[r.Param] == nil {
			t.byProvince[r.Param] = map[string][]int{}
		}
		t.byProvince[r.Param][key] = append(t.byProvince[r.Param][key], i)
	}
	return t
}

// version is v4- (version 4 of the rule set, rules.md) and the first 12 hex digits of the SHA-256
// of every row, in table order.
func version(rows []Row) string {
	h := sha256.New()
	for _, r := range rows {
		fmt.Fprintf(h, "%s|%s|%s|%s|%s|%s|%s|%t\n", r.Param, r.Where, r.During, r.Value, r.Rules, r.Grade, r.Sources, r.LocalDefault)
	}
	return "v4-" + hex.EncodeToString(h.Sum(nil))[:12]
}

// Version is the rule-set version every decision records.
func (t *Table) Version() string { return t.version }

// Rows is a copy of the rows, for display.
func (t *Table) Rows() []Row { return append([]Row(nil), t.rows...) }

// Check reports the configuration errors of rules.md section 1: two rows for the same
// parameter and the same region scope whose date ranges overlap, an empty range, a row
// without source or grade, and a parameter whose national default leaves a day uncovered.
func (t *Table) Check() error {
	sources := source.Default()
	for _, p := range Params() {
		if len(t.byParam[p]) == 0 {
			return fmt.Errorf("policy: parameter %s has no row", p)
		}
	}
	for p, idx := range t.byParam {
		for a, i := range idx {
			ri := t.rows[i]
			if ri.During.From >= ri.During.To {
				return fmt.Errorf("policy: %s %s: empty range %s", p, ri.Where, ri.During)
			}
			if len(ri.Sources) == 0 || ri.Grade == "" {
				return fmt.Errorf("policy: %s %s %s: missing source or grade", p, ri.Where, ri.During)
			}
			// W1: rules.md 11.1 (no province has the wallet before the national launch)
			if p == WalletEnabled && ri.Value.Bool && ri.During.From < civil.MustDate(WalletLaunch) {
				return fmt.Errorf("policy: wallet enabled for %s from %s, before the national launch %s", ri.Where, ri.During.From, WalletLaunch)
			}
			for _, id := range ri.Sources {
				if _, ok := sources.Lookup(id); !ok {
					return fmt.Errorf("policy: %s %s %s: source %q is not in the catalogue", p, ri.Where, ri.During, id)
				}
			}
			for _, j := range idx[a+1:] {
				rj := t.rows[j]
				if ri.Where == rj.Where && ri.During.Overlaps(rj.During) {
					return fmt.Errorf("policy: ambiguous %s for %s: %s and %s overlap", p, ri.Where, ri.During, rj.During)
				}
			}
		}
		if err := t.checkNationalCoverage(p); err != nil {
			return err
		}
	}
	return nil
}

// checkNationalCoverage makes sure the national rows of p cover every day without a gap.
func (t *Table) checkNationalCoverage(p Param) error {
	var ranges []civil.Range
	for _, i := range t.byParam[p] {
		if t.rows[i].Where.Level == region.National {
			ranges = append(ranges, t.rows[i].During)
		}
	}
	sort.Slice(ranges, func(i, j int) bool { return ranges[i].From < ranges[j].From })
	next := civil.Always
	for _, r := range ranges {
		if r.From != next {
			return fmt.Errorf("policy: %s has no national default from %s", p, next)
		}
		next = r.To
	}
	if next != civil.Never {
		return fmt.Errorf("policy: %s has no national default from %s", p, next)
	}
	return nil
}

// Lookup resolves p for a region on a day: the city row if one applies, else the province
// row, else the national default.
func (t *Table) Lookup(p Param, where region.Code, day civil.Date) Row {
	best := -1
	idx := t.byProvince[p]
	prov := ""
	if len(where) >= 2 {
		prov = string(where[:2])
	}
	for _, list := range [2][]int{idx[""], idx[prov]} {
		for _, i := range list {
			r := t.rows[i]
			if !r.Where.Covers(where) || !r.During.Contains(day) {
				continue
			}
			if best < 0 || r.Where.Level > t.rows[best].Where.Level {
				best = i
			}
		}
	}
	if best < 0 {
		// Check guarantees national coverage, so this is a programming error.
		panic(fmt.Sprintf("policy: no row for %s in %s on %s", p, where, day))
	}
	return t.rows[best]
}

// ScopeParam is the parameter that says whether a binding scope is offered.
func ScopeParam(s family.Scope) Param {
	switch s {
	case family.ResidentPremium:
		return ScopeResidentPremium
	case family.LTCPremium:
		return ScopeLTCPremium
	case family.CommercialPremium:
		return ScopeCommercialPremium
	}
	return ScopeMedical
}

// Dates lists every day on which a row of one of the parameters (all when none is given) that
// applies to one of the regions starts or ends, in order: the only days on which a decision
// reading those parameters for those regions can change for reasons of date alone.
func (t *Table) Dates(params []Param, where ...region.Code) []civil.Date {
	seen := map[civil.Date]bool{}
	var out []civil.Date
	for _, r := range t.rows {
		if len(where) > 0 && !coversAny(r.Where, where) {
			continue
		}
		if len(params) > 0 && !slices.Contains(params, r.Param) {
			continue
		}
		for _, d := range []civil.Date{r.During.From, r.During.To} {
			if d != civil.Always && d != civil.Never && !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	slices.Sort(out)
	return out
}

func coversAny(s region.Scope, where []region.Code) bool {
	for _, w := range where {
		if s.Covers(w) {
			return true
		}
	}
	return false
}
