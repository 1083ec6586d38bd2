package engine_test

import (
	"testing"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/region"
)

// TestVersion4Rules: the rules that version 4 (rules.md section 11) changes or adds, each at
// its edges. W1's dates are in TestWalletTransferRules.
func TestVersion4Rules(t *testing.T) {
	wallet := func(balance string) string { return `"wallet":{"opened":true,"balance":"` + balance + `"}` }
	shanghai := func(account string, extra ...string) household {
		return household{
			people:    []string{person("A", "310104", "employee", account, extra...), person("M", "310115", "resident", "")},
			relations: []string{rel("M", "A", "parent", false)},
			bindings:  []string{binding("b1", "A", "M", "2025-01-10", "medical", "commercial_premium")},
		}
	}
	bill := settleAction("M", "M", "310115", true, false, "300.00", "0.00", "drug")
	cases := []ruleCase{
		// W12 (11.2): the wallet pays the holder's ltc premium from 2026-01-09
		{"W12", "v4: the wallet pays no ltc premium the day before 2026-01-09", household{
			people: []string{person("M", "320100", "resident", "", wallet("600.00"))},
		}.scenario(noon("2026-01-08"), premiumAction("M", "ltc", "120.00")), `{"payments":[],"cash":"120.00","balances":{},"reasons":[]}`},
		{"W12", "v4: the wallet pays the ltc premium on 2026-01-09", household{
			people: []string{person("M", "320100", "resident", "", wallet("600.00"))},
		}.scenario(noon("2026-01-09"), premiumAction("M", "ltc", "120.00")), `{"payments":[{"payer":"M","source":"wallet","amount":"120.00"}],"cash":"0.00","balances":{"M.wallet":"480.00"},"reasons":[]}`},
		{"W12", "v4: own account first, then the wallet, then authorizers", household{
			people:   []string{person("M", "320100", "employee", "20.00", wallet("30.00")), person("S", "320100", "employee", "500.00")},
			bindings: []string{binding("b1", "S", "M", "2025-01-10", "ltc_premium")},
		}.scenario(noon("2026-03-02"), premiumAction("M", "ltc", "100.00")), `{"payments":[{"payer":"M","source":"own","amount":"20.00"},{"payer":"M","source":"wallet","amount":"30.00"},{"payer":"S","source":"mutual_aid","binding":"b1","amount":"50.00"}],"cash":"0.00","balances":{"M":"0.00","M.wallet":"0.00","S":"450.00"},"reasons":[]}`},
		{"W12", "v4: where ltc is not offered the scope check comes first", household{
			people: []string{person("M", "340100", "resident", "", wallet("600.00"))},
		}.scenario(noon("2026-03-02"), premiumAction("M", "ltc", "120.00")), `{"payments":[],"cash":"120.00","balances":{},"reasons":["SCOPE_NOT_ALLOWED_IN_REGION"]}`},
		{"W12", "v4: the wallet never pays a commercial premium", household{
			people: []string{person("M", "110105", "resident", "", wallet("600.00"))},
		}.scenario(noon("2026-03-02"), premiumAction("M", "commercial", "120.00")), `{"payments":[],"cash":"120.00","balances":{},"reasons":[]}`},
		// SH1 (11.3): a Shanghai binding pays only from the prior-years balance
		{"SH1", "v4: the prior-years part pays, the current-year part stays", shanghai("800.00", `"account_history":"200.00"`).scenario(noon("2025-11-05"), bill),
			`{"payments":[{"payer":"A","source":"mutual_aid","binding":"b1","amount":"200.00"}],"cash":"100.00","balances":{"A":"800.00"},"reasons":[]}`},
		{"SH1", "v4: without account_history nothing is shared and no code", shanghai("800.00").scenario(noon("2025-11-05"), bill),
			`{"payments":[],"cash":"300.00","balances":{},"reasons":[]}`},
		{"SH1", "v4: a current-year overdraft is offset first", shanghai("-150.00", `"account_history":"200.00"`).scenario(noon("2025-11-05"), bill),
			`{"payments":[{"payer":"A","source":"mutual_aid","binding":"b1","amount":"50.00"}],"cash":"250.00","balances":{"A":"0.00"},"reasons":[]}`},
		{"SH1", "v4: an overdraft larger than the prior-years part pays nothing", shanghai("-300.00", `"account_history":"200.00"`).scenario(noon("2025-11-05"), bill),
			`{"payments":[],"cash":"300.00","balances":{},"reasons":[]}`},
		{"SH1", "v4: two bindings of one authorizer share one prior-years balance", household{
			people:    []string{person("A", "310104", "employee", "800.00", `"account_history":"200.00"`), person("M", "310115", "resident", "")},
			relations: []string{rel("M", "A", "parent", false)},
			bindings:  []string{binding("b1", "A", "M", "2025-01-10", "medical"), binding("b2", "A", "M", "2025-01-11", "medical")},
		}.scenario(noon("2025-11-05"), bill),
			`{"payments":[{"payer":"A","source":"mutual_aid","binding":"b1","amount":"200.00"}],"cash":"100.00","balances":{"A":"800.00"},"reasons":[]}`},
		{"SH1", "v4: the holder's own account uses the whole balance", household{
			people: []string{person("M", "310115", "employee", "100.00", `"account_history":"200.00"`)},
		}.scenario(noon("2025-11-05"), bill),
			`{"payments":[{"payer":"M","source":"own","amount":"300.00"}],"cash":"0.00","balances":{"M":"0.00"},"reasons":[]}`},
		{"SH1", "v4: a Hangzhou authorizer pays from the whole balance", household{
			people:    []string{person("A", "330102", "employee", "800.00", `"account_history":"200.00"`), person("M", "330106", "resident", "")},
			relations: []string{rel("M", "A", "parent", false)},
			bindings:  []string{binding("b1", "A", "M", "2025-01-10", "medical")},
		}.scenario(noon("2025-11-05"), settleAction("M", "M", "330106", true, false, "300.00", "0.00", "drug")),
			`{"payments":[{"payer":"A","source":"mutual_aid","binding":"b1","amount":"300.00"}],"cash":"0.00","balances":{"A":"700.00"},"reasons":[]}`},
		// BJ1 (11.4) and SH2 (11.5): commercial premiums
		{"BJ1", "v4: Beijing commercial premium on 2022-12-01", household{
			people:   []string{person("D", "110105", "employee", "1000.00"), person("F", "110108", "resident", "")},
			bindings: []string{binding("b1", "D", "F", "2022-11-01", "medical", "commercial_premium")},
		}.scenario(noon("2022-12-01"), premiumAction("F", "commercial", "195.00")), `{"payments":[{"payer":"D","source":"mutual_aid","binding":"b1","amount":"195.00"}],"cash":"0.00","balances":{"D":"805.00"},"reasons":[]}`},
		{"BJ1", "v4: Beijing commercial premium the day before 2022-12-01", household{
			people:   []string{person("D", "110105", "employee", "1000.00"), person("F", "110108", "resident", "")},
			bindings: []string{binding("b1", "D", "F", "2022-11-01", "medical", "commercial_premium")},
		}.scenario(noon("2022-11-30"), premiumAction("F", "commercial", "195.00")), `{"payments":[],"cash":"195.00","balances":{},"reasons":["SCOPE_NOT_ALLOWED_IN_REGION"]}`},
		{"BJ1", "v4: a Beijing authorizer may bind the commercial premium", household{
			people:    []string{person("D", "110105", "employee", "1000.00"), person("F", "110108", "resident", "")},
			relations: []string{rel("F", "D", "parent", false)},
		}.scenario(noon("2025-11-20"), bindAction("D", "F", "medical", "commercial_premium")), `{"allowed":true,"reasons":[]}`},
		{"SH2", "v4: Shanghai commercial premium from the prior-years balance", shanghai("300.00", `"account_history":"100.00"`).scenario(noon("2025-06-15"), premiumAction("M", "commercial", "129.00")),
			`{"payments":[{"payer":"A","source":"mutual_aid","binding":"b1","amount":"100.00"}],"cash":"29.00","balances":{"A":"300.00"},"reasons":[]}`},
		{"SH2", "v4: Shanghai commercial premium the day before 2021-04-27", shanghai("300.00", `"account_history":"1000.00"`).scenario(noon("2021-04-26"), premiumAction("M", "commercial", "129.00")),
			`{"payments":[],"cash":"129.00","balances":{},"reasons":["SCOPE_NOT_ALLOWED_IN_REGION"]}`},
	}
	runCases(t, cases)
}

// TestRoutes: rules.md section 10, one relative at a time.
func TestRoutes(t *testing.T) {
	routes := func(b string) string { return `{"type":"routes","beneficiary":"` + b + `"}` }
	mother := person("M", "430424", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)
	cases := []ruleCase{
		{"RT1", "a binding in force names the first in binding order", household{
			people:    []string{person("A", "430424", "employee", "100.00"), mother},
			relations: []string{rel("M", "A", "parent", false)},
			bindings:  []string{binding("b9", "A", "M", "2025-01-01", "medical"), binding("b2", "A", "M", "2025-01-01", "medical")},
		}.scenario(noon("2026-03-10"), routes("M")),
			`{"routes":[{"person":"A","binding":{"state":"in_force","binding":"b2","reasons":[]},"wallet":{"possible":true,"source":"account","reasons":[]}}],"reasons":[]}`},
		{"RT1", "a premium-only binding is not in force for bills: the bind is a duplicate", household{
			people:    []string{person("A", "430424", "employee", "100.00"), mother},
			relations: []string{rel("M", "A", "parent", false)},
			bindings:  []string{binding("b1", "A", "M", "2025-01-01", "resident_premium")},
		}.scenario(noon("2026-03-10"), routes("M")),
			`{"routes":[{"person":"A","binding":{"state":"refused","reasons":["DUPLICATE_BINDING"]},"wallet":{"possible":true,"source":"account","reasons":[]}}],"reasons":[]}`},
		{"RT1", "a stopped authorizer's binding is not in force", household{
			people:    []string{person("A", "430424", "employee", "100.00", `"status":"stopped"`), mother},
			relations: []string{rel("M", "A", "parent", false)},
			bindings:  []string{binding("b1", "A", "M", "2025-01-01", "medical")},
		}.scenario(noon("2026-03-10"), routes("M")),
			`{"routes":[{"person":"A","binding":{"state":"refused","reasons":["AUTHORIZER_NOT_EMPLOYEE","DUPLICATE_BINDING"]},"wallet":{"possible":false,"source":"account","reasons":["AUTHORIZER_NOT_EMPLOYEE"]}}],"reasons":[]}`},
		{"RT1", "a revoked binding does not count", household{
			people:    []string{person("A", "430424", "employee", "100.00"), mother},
			relations: []string{rel("M", "A", "parent", false)},
			bindings:  []string{revoked(binding("b1", "A", "M", "2025-01-01", "medical"), "2026-03-10")},
		}.scenario(noon("2026-03-10"), routes("M")),
			`{"routes":[{"person":"A","binding":{"state":"possible","reasons":[]},"wallet":{"possible":true,"source":"account","reasons":[]}}],"reasons":[]}`},
		{"RT1", "no account: the wallet source is the wallet", household{
			people:    []string{person("A", "420100", "resident", "", `"wallet":{"opened":true,"balance":"50.00"}`), mother},
			relations: []string{rel("M", "A", "sibling", false)},
		}.scenario(noon("2026-03-10"), routes("M")),
			`{"routes":[{"person":"A","binding":{"state":"refused","reasons":["AUTHORIZER_NOT_EMPLOYEE","BENEFICIARY_OUT_OF_AREA"]},"wallet":{"possible":true,"source":"wallet","reasons":[]}}],"reasons":[]}`},
		{"RT1", "no account and no wallet: W4", household{
			people:    []string{person("A", "430100", "resident", ""), mother},
			relations: []string{rel("M", "A", "child", false)},
		}.scenario(noon("2026-03-10"), routes("M")),
			`{"routes":[{"person":"A","binding":{"state":"refused","reasons":["AUTHORIZER_NOT_EMPLOYEE"]},"wallet":{"possible":false,"source":"wallet","reasons":["AUTHORIZER_NOT_EMPLOYEE"]}}],"reasons":[]}`},
		{"RT1", "an in-law: no binding, no wallet", household{
			people:    []string{person("A", "430424", "employee", "100.00"), mother},
			relations: []string{rel("M", "A", "parent_in_law", false)},
		}.scenario(noon("2026-03-10"), routes("M")),
			`{"routes":[{"person":"A","binding":{"state":"refused","reasons":["RELATION_NOT_ALLOWED"]},"wallet":{"possible":false,"source":"account","reasons":["RELATION_NOT_ALLOWED"]}}],"reasons":[]}`},
		{"RT1", "v4: Chengdu son, Wuhan mother in March 2025: the wallet works", household{
			people:    []string{person("A", "510100", "employee", "1200.00"), person("M", "420100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-03-10"), routes("M")),
			`{"routes":[{"person":"A","binding":{"state":"refused","reasons":["BENEFICIARY_OUT_OF_AREA"]},"wallet":{"possible":true,"source":"account","reasons":[]}}],"reasons":[]}`},
		{"RT1", "quiet hours play no part", household{
			people:    []string{person("A", "430424", "employee", "100.00"), mother},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario("2026-03-10T23:30:00+08:00", routes("M")),
			`{"routes":[{"person":"A","binding":{"state":"possible","reasons":[]},"wallet":{"possible":true,"source":"account","reasons":[]}}],"reasons":[]}`},
		{"RT1", "alone in the family: no routes", household{people: []string{mother}}.scenario(noon("2026-03-10"), routes("M")),
			`{"routes":[],"reasons":[]}`},
		{"RT1", "an unknown beneficiary is an input error", household{people: []string{mother}}.scenario(noon("2026-03-10"), routes("X")),
			`{"error":true}`},
	}
	runCases(t, cases)
}

// TestLater: the first later day a relative's way would work if only the date changed.
func TestLater(t *testing.T) {
	mk := func(a, b string) *family.State {
		return &family.State{People: []family.Person{
			{ID: "A", Region: region.Code(a), Insurance: family.Employee, Status: family.Active, HasAccount: true, Account: 100},
			{ID: "M", Region: region.Code(b), Insurance: family.Resident, Status: family.Active, Wallet: family.Wallet{Opened: true}}},
			Links: []family.Link{{Person: "M", Of: "A", Relation: family.Parent}}}
	}
	cases := []struct {
		name, a, b, day string
		want            string // "" when no date changes it
		way             engine.Way
	}{
		{"Zhengzhou to Nanjing waits for Jiangsu's wallet", "410100", "320100", "2025-05-20", "2025-09-18", engine.WayWallet},
		{"Chengdu to Xining waits for Qinghai", "510100", "630100", "2025-03-01", "2025-07-01", engine.WayWallet},
		{"Guangzhou to Hunan: Guangdong has no date", "440106", "430424", "2026-03-10", "", engine.WayNone},
		{"two cities of Hunan before the province-wide date", "430100", "430424", "2024-10-01", "2024-11-01", engine.WayBind},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			day, way, ok := engine.Default().Later(mk(c.a, c.b), civil.At(civil.MustDate(c.day), 36000), "M", "A")
			got := ""
			if ok {
				got = day.String()
			}
			if got != c.want || way != c.way {
				t.Errorf("Later = %s %s, want %s %s", got, way, c.want, c.way)
			}
		})
	}
}
