// Package engine decides every family mutual-aid question of rules.md: bind, settle,
// pay_premium, wallet_transfer, wallet_accept, wallet_expire, withdraw and transfer, and
// routes: who can pay for a person, and how (section 10).
//
// Each decision returns the reason codes, the rule ids that decided, the rule-set version, an
// explanation a family can read (one line per decision, Chinese and English, naming the rule,
// the values used and the source) and the ledger entry it produces. The engine is pure: the
// state and the moment are arguments, the state passed in is never modified, and the same
// input always gives the same output, natively and in wasm.
package engine

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/order"
	"gongji/shared/policy"
	"gongji/shared/region"
	"gongji/shared/source"
)

// Code is a reason code of rules.md.
type Code string

// The reason codes of rules.md.
const (
	AuthorizerNotEmployee      Code = "AUTHORIZER_NOT_EMPLOYEE"
	BeneficiaryNotInsured      Code = "BENEFICIARY_NOT_INSURED"
	RelationNotAllowed         Code = "RELATION_NOT_ALLOWED"
	BeneficiaryOutOfArea       Code = "BENEFICIARY_OUT_OF_AREA"
	SelfBinding                Code = "SELF_BINDING"
	DuplicateBinding           Code = "DUPLICATE_BINDING"
	ScopeNotAllowedInRegion    Code = "SCOPE_NOT_ALLOWED_IN_REGION"
	NoScope                    Code = "NO_SCOPE"
	AuthorizerNotTier1         Code = "AUTHORIZER_NOT_TIER1"
	CardNotLinked              Code = "CARD_NOT_LINKED"
	Impersonation              Code = "IMPERSONATION"
	NotDesignated              Code = "NOT_DESIGNATED"
	ExcludedCategory           Code = "EXCLUDED_CATEGORY"
	BindingNotInForce          Code = "BINDING_NOT_IN_FORCE"
	ScopeNotAuthorized         Code = "SCOPE_NOT_AUTHORIZED"
	BindingInvalidated20231001 Code = "BINDING_INVALIDATED_20231001"
	OutOfRegion                Code = "OUT_OF_REGION"
	WalletRegionNotEnabled     Code = "WALLET_REGION_NOT_ENABLED"
	WalletRecipientNotOpened   Code = "WALLET_RECIPIENT_NOT_OPENED"
	WalletPerTxnLimit          Code = "WALLET_PER_TXN_LIMIT"
	InvalidAmount              Code = "INVALID_AMOUNT"
	WalletDailyCountLimit      Code = "WALLET_DAILY_COUNT_LIMIT"
	WalletQuietHours           Code = "WALLET_QUIET_HOURS"
	InsufficientBalance        Code = "INSUFFICIENT_BALANCE"
	WalletPendingTransfer      Code = "WALLET_PENDING_TRANSFER"
	InstitutionNoWallet        Code = "INSTITUTION_NO_WALLET"
	GroundNotInRegionList      Code = "GROUND_NOT_IN_REGION_LIST"
	NoWithdrawalGround         Code = "NO_WITHDRAWAL_GROUND"
	TransferOriginActive       Code = "TRANSFER_ORIGIN_ACTIVE"
	TransferDestNotEnrolled    Code = "TRANSFER_DEST_NOT_ENROLLED"
	TransferRetireeNA          Code = "TRANSFER_RETIREE_NOT_APPLICABLE"
	TransferSameRegion         Code = "TRANSFER_SAME_REGION"
)

// InputError is a request the engine cannot read: an unknown person, a bill whose parts do
// not add up. Field names the offending input. It is the one field-error type of the shared
// core: mutation.FieldError and sync.FieldError are this type, and a rejected outcome carries
// it as {"field", "reason"}.
type InputError struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Field  string `json:"field"`
	Reason string `json:"reason"`
}

func (e *InputError) Error() string { return e.Field + ": " + e.Reason }

func inputErr(field, format string, args ...any) error {
	return &InputError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// Decision is what every action returns besides its own members.
type Decision struct {
	Reasons     []Code
	Rules       []string
	Ruleset     string
	Explanation []Line
	// Entry is the ledger entry the action produces; empty postings when no money moves.
	Entry ledger.Entry
}

// Engine decides actions under one rule set.
type Engine struct {
	table   *policy.Table
	sources *source.Catalogue
}

// New makes an engine over a checked policy table, citing the default catalogue.
func New(t *policy.Table) *Engine { return &Engine{table: t, sources: source.Default()} }

// Default is an engine over the version-1 table.
func Default() *Engine { return New(policy.Default()) }

// Ruleset is the version of the rule set.
func (e *Engine) Ruleset() string { return e.table.Version() }

// Table is the policy table the engine uses.
func (e *Engine) Table() *policy.Table { return e.table }

// decider accumulates one decision.
type decider struct {
	e     *Engine
	day   civil.Date
	codes map[Code]bool
	rules map[string]bool
	lines []Line
	// where: the regions the lines being said decide for; a line cites only sources that
	// speak to one of them (empty: no region, every source speaks).
	where []region.Code
	// quiet: a decision made inside another (routes) adds no "what you can do instead" lines
	// and keeps only the lines that carry a code.
	quiet bool
}

func (e *Engine) decider(at time.Time) *decider {
	return &decider{e: e, day: civil.DateOf(at), codes: map[Code]bool{}, rules: map[string]bool{}, lines: make([]Line, 0, 8)}
}

// lookup resolves a parameter and records the rule it feeds.
func (d *decider) lookup(p policy.Param, where region.Code) policy.Row {
	return d.e.table.Lookup(p, where, d.day)
}

// refuse records a code.
func (d *decider) refuse(c Code) { d.codes[c] = true }

// deny refuses with code c and says why (say).
func (d *decider) deny(rule string, c Code, row *policy.Row, m Msg, values ...any) {
	d.codes[c] = true
	d.say(rule, c, row, m, values...)
}

// say adds an explanation line for a rule and records the rule as deciding. The line cites
// the policy row that decided when there is one, otherwise the rule's own sources.
func (d *decider) say(rule string, code Code, row *policy.Row, m Msg, values ...any) {
	d.rules[rule] = true
	// An inner decision (routes) keeps only the lines that give a reason.
	if d.quiet && code == "" {
		return
	}
	l := Line{Rule: rule, Code: code, Msg: m}
	src, grade := ruleSources(rule)
	if row != nil {
		src, grade = row.Sources, row.Grade
		// A national stand-in decided for a region without a rule of its own: not verified
		// there, whatever the grade of the national source.
		if row.UnverifiedFor() {
			l.Unverified = true
		}
	}
	d.cite(&l, src, grade)
	if len(values) > 0 {
		l.Args = make([]Arg, 0, len(values))
	}
	for _, v := range values {
		l.Args = append(l.Args, argOf(v))
	}
	d.lines = append(d.lines, l)
}

// cite gives a line the sources that speak to the regions it decides for, and a grade no
// stronger than the weakest of them (issue 20: a grade is the weakest link of its chain).
// Where no source speaks to those regions, the line cites what there is, says that the
// national reading applies and is unconfirmed there, and is graded U.
func (d *decider) cite(l *Line, src []source.ID, grade string) {
	in := src
	if len(d.where) > 0 && !d.speaksAll(src) {
		in = make([]source.ID, 0, len(src))
		for _, id := range src {
			if d.speaks(id) {
				in = append(in, id)
			}
		}
	}
	if len(in) == 0 {
		l.Sources, l.Unverified = src, true
	} else {
		l.Sources = in
	}
	l.Grade = source.Cap(grade, d.e.sources.Weakest(l.Sources))
	if l.Unverified {
		l.Grade = "U"
	}
}

// speaksAll says whether every source speaks to the decision's regions (no copy needed).
func (d *decider) speaksAll(src []source.ID) bool {
	for _, id := range src {
		if !d.speaks(id) {
			return false
		}
	}
	return true
}

// speaks says whether a source speaks to one of the regions the decider decides for.
func (d *decider) speaks(id source.ID) bool {
	for _, w := range d.where {
		if d.e.sources.Speaks(id, string(w)) {
			return true
		}
	}
	return false
}

// at sets the regions the next lines decide for.
func (d *decider) at(where ...region.Code) { d.where = where }

// held records a rule that held without refusing; it reports true when the decision is an
// inner one (routes), which keeps no line for it, so the caller need not build one.
func (d *decider) held(rule string) bool {
	if d.quiet {
		d.rules[rule] = true
	}
	return d.quiet
}

// suggest adds a line that says what the family can do instead after a refusal. It names the
// rule it follows but decides nothing, so it adds no rule id and no code.
func (d *decider) suggest(rule string, m Msg, values ...any) {
	if d.quiet {
		return
	}
	l := Line{Rule: rule, Msg: m}
	src, grade := ruleSources("next")
	d.cite(&l, src, grade)
	if len(values) > 0 {
		l.Args = make([]Arg, 0, len(values))
	}
	for _, v := range values {
		l.Args = append(l.Args, argOf(v))
	}
	d.lines = append(d.lines, l)
}

// finish sorts the codes and rules and returns the decision.
func (d *decider) finish(entry ledger.Entry) Decision {
	out := Decision{Ruleset: d.e.Ruleset(), Explanation: d.lines, Entry: entry,
		Reasons: []Code{}, Rules: []string{}}
	for c := range d.codes {
		out.Reasons = append(out.Reasons, c)
	}
	for r := range d.rules {
		out.Rules = append(out.Rules, r)
	}
	slices.Sort(out.Reasons)
	sort.Strings(out.Rules)
	return out
}

// person finds a person or returns an input error naming the field.
func person(s *family.State, field string, id family.PersonID) (*family.Person, error) {
	p := s.Person(id)
	if p == nil {
		return nil, inputErr(field, "unknown person %q", id)
	}
	return p, nil
}

// Balance is an account's balance after an action, as scenario results list it.
type Balance struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Key     string
	Balance money.Amount
}

// balancesAfter applies the entry to a copy of the state and lists every personal account or
// wallet it changed, with the balance after, sorted by key.
func balancesAfter(s *family.State, entry ledger.Entry) ([]Balance, error) {
	if len(entry.Postings) == 0 {
		return []Balance{}, nil
	}
	after := s.Clone()
	changed, err := ledger.Apply(&after, entry)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	out := []Balance{}
	for _, a := range changed {
		if seen[a.Key()] {
			continue
		}
		seen[a.Key()] = true
		out = append(out, Balance{Key: a.Key(), Balance: ledger.BalanceOf(&after, a)})
	}
	order.Sort(len(out), func(i, j int) bool { return out[i].Key < out[j].Key },
		func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out, nil
}
