package engine_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"gongji/shared/engine"
	"gongji/shared/money"
	"gongji/shared/scenario"
)

// These helpers write scenarios in the JSON of spec/scenarios.md, so that the rule tables read
// like the scenario files the product is judged by.

// person is a people[] member; extra is more JSON members, e.g. `"tier":1`.
func person(id, region, insurance, account string, extra ...string) string {
	s := fmt.Sprintf(`{"id":%q,"region":%q,"insurance":%q`, id, region, insurance)
	if account != "" {
		s += fmt.Sprintf(`,"account":%q`, account)
	}
	for _, e := range extra {
		s += "," + e
	}
	return s + "}"
}

func rel(p, of, relation string, cardLinked bool) string {
	return fmt.Sprintf(`{"person":%q,"of":%q,"relation":%q,"card_linked":%t}`, p, of, relation, cardLinked)
}

func binding(id, a, b, created string, scopes ...string) string {
	q := make([]string, len(scopes))
	for i, s := range scopes {
		q[i] = fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf(`{"id":%q,"authorizer":%q,"beneficiary":%q,"scopes":[%s],"created":%q}`, id, a, b, strings.Join(q, ","), created)
}

func revoked(b, on string) string {
	return strings.TrimSuffix(b, "}") + fmt.Sprintf(`,"revoked":%q}`, on)
}

func transfer(id, from, to, amount, source, at, state string) string {
	return fmt.Sprintf(`{"id":%q,"from":%q,"to":%q,"amount":%q,"source":%q,"at":%q,"state":%q}`, id, from, to, amount, source, at, state)
}

// household is the state part of a scenario.
type household struct {
	people, relations, bindings, transfers []string
}

func (f household) scenario(at, action string) string {
	return fmt.Sprintf(`{"id":"t","at":%q,"people":[%s],"relations":[%s],"bindings":[%s],"wallet_transfers":[%s],"action":%s}`,
		at, strings.Join(f.people, ","), strings.Join(f.relations, ","), strings.Join(f.bindings, ","),
		strings.Join(f.transfers, ","), action)
}

// noon is a moment on a date, 10:00 UTC+8.
func noon(date string) string { return date + "T10:00:00+08:00" }

func bindAction(a, b string, scopes ...string) string {
	q := make([]string, len(scopes))
	for i, s := range scopes {
		q[i] = fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf(`{"type":"bind","authorizer":%q,"beneficiary":%q,"scopes":[%s]}`, a, b, strings.Join(q, ","))
}

// settleAction is a designated drug bill at a pharmacy in region; parts are policy/full self-pay.
func settleAction(patient, card, region string, designated, wallet bool, policy, full, category string) string {
	return fmt.Sprintf(`{"type":"settle","patient":%q,"card_holder":%q,`+
		`"institution":{"region":%q,"kind":"pharmacy","designated":%t,"wallet":%t},`+
		`"bill":{"total":%q,"fund":"0.00","policy_self_pay":%q,"full_self_pay":%q,"category":%q}}`,
		patient, card, region, designated, wallet, addAmounts(policy, full), policy, full, category)
}

func premiumAction(insured, premium, amount string) string {
	return fmt.Sprintf(`{"type":"pay_premium","insured":%q,"premium":%q,"amount":%q}`, insured, premium, amount)
}

func walletAction(from, to, amount, source string) string {
	return fmt.Sprintf(`{"type":"wallet_transfer","from":%q,"to":%q,"amount":%q,"source":%q}`, from, to, amount, source)
}

func addAmounts(a, b string) string { return (money.MustParse(a) + money.MustParse(b)).String() }

// ruleCase is one row of a rule table: a scenario and the expected members of its result.
type ruleCase struct {
	rule, name string
	scenario   string
	want       string // expect JSON, compared as spec/scenarios.md says
}

func runCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	e := engine.Default()
	for _, c := range cases {
		t.Run(c.rule+"/"+c.name, func(t *testing.T) {
			out, code := scenario.Run(e, []byte(c.scenario))
			if strings.Contains(c.want, `"error"`) {
				if code != 2 {
					t.Fatalf("exit %d, want 2: %s", code, out)
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, out)
			}
			for _, d := range scenario.Compare(json.RawMessage(c.want), out) {
				t.Error(d)
			}
		})
	}
}
