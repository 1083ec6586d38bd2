package engine_test

import "testing"

// hebei is a patient B (resident) with authorizer A (employee, 500.00) bound for medical.
func hebei(bindings ...string) household {
	if bindings == nil {
		bindings = []string{binding("b1", "A", "B", "2025-02-01", "medical")}
	}
	return household{
		people:    []string{person("A", "130100", "employee", "500.00"), person("B", "130100", "resident", "")},
		relations: []string{rel("B", "A", "child", false)},
		bindings:  bindings,
	}
}

// sz is a Shenzhen patient B with authorizer A (tier 1, account) and the given bindings.
func sz(account string, bindings ...string) household {
	return household{
		people:    []string{person("A", "440300", "employee", account, `"tier":1`), person("B", "440300", "resident", "")},
		relations: []string{rel("B", "A", "parent", true)},
		bindings:  bindings,
	}
}

func TestSettleRules(t *testing.T) {
	drug := settleAction("B", "B", "130100", true, false, "100.00", "20.00", "drug")
	paidByA := `{"refused":false,"payments":[{"payer":"A","source":"mutual_aid","binding":"b1","amount":"100.00"}],"cash":"20.00","balances":{"A":"400.00"},"reasons":[]}`
	cashOnly := func(cash, codes string) string {
		return `{"refused":false,"payments":[],"cash":"` + cash + `","balances":{},"reasons":[` + codes + `]}`
	}
	szDrug := settleAction("B", "B", "440300", true, false, "100.00", "0.00", "drug")
	szPaid := func(amount, balance string) string {
		return `{"payments":[{"payer":"A","source":"mutual_aid","binding":"b1","amount":"` + amount + `","claimable_elsewhere":false}],"balances":{"A":"` + balance + `"},"reasons":[]}`
	}
	cases := []ruleCase{
		{"S0", "another person's card", hebei().scenario(noon("2025-06-01"), settleAction("B", "A", "130100", true, false, "100.00", "0.00", "drug")),
			`{"refused":true,"payments":[],"cash":"0.00","balances":{},"reasons":["IMPERSONATION"]}`},
		{"S0", "unknown card holder is an input error", hebei().scenario(noon("2025-06-01"), settleAction("B", "Q", "130100", true, false, "1.00", "0.00", "drug")), `{"error":true}`},
		{"S1", "only the policy-range self-pay is eligible", hebei().scenario(noon("2025-06-01"), drug), paidByA},
		{"S1", "parts that do not add up are an input error", hebei().scenario(noon("2025-06-01"),
			`{"type":"settle","patient":"B","card_holder":"B","institution":{"region":"130100","kind":"pharmacy","designated":true,"wallet":false},"bill":{"total":"99.00","fund":"0.00","policy_self_pay":"100.00","full_self_pay":"0.00","category":"drug"}}`), `{"error":true}`},
		{"S1", "three decimals are an input error", hebei().scenario(noon("2025-06-01"),
			`{"type":"settle","patient":"B","card_holder":"B","institution":{"region":"130100","kind":"pharmacy","designated":true,"wallet":false},"bill":{"total":"100.001","fund":"0.00","policy_self_pay":"100.001","full_self_pay":"0.00","category":"drug"}}`), `{"error":true}`},
		{"S2", "non-designated: all cash, codes still reported", hebei(binding("b1", "A", "B", "2025-07-01", "medical")).scenario(noon("2025-06-01"),
			settleAction("B", "B", "130100", false, false, "100.00", "20.00", "drug")), cashOnly("120.00", `"BINDING_NOT_IN_FORCE","NOT_DESIGNATED"`)},
		{"S3", "health food is never paid", hebei().scenario(noon("2025-06-01"), settleAction("B", "B", "130100", true, false, "100.00", "0.00", "health_food")), cashOnly("100.00", `"EXCLUDED_CATEGORY"`)},
		{"S3", "both S2 and S3", hebei().scenario(noon("2025-06-01"), settleAction("B", "B", "130100", false, false, "100.00", "0.00", "cosmetics")), cashOnly("100.00", `"EXCLUDED_CATEGORY","NOT_DESIGNATED"`)},
		{"S3", "unknown category is an input error", hebei().scenario(noon("2025-06-01"), settleAction("B", "B", "130100", true, false, "1.00", "0.00", "toys")), `{"error":true}`},
		{"S4", "own account first, then the authorizer", household{
			people:    []string{person("A", "130100", "employee", "500.00"), person("B", "130100", "employee", "30.00")},
			relations: []string{rel("B", "A", "spouse", false)}, bindings: []string{binding("b1", "A", "B", "2025-02-01", "medical")},
		}.scenario(noon("2025-06-01"), drug),
			`{"payments":[{"payer":"B","source":"own","amount":"30.00"},{"payer":"A","source":"mutual_aid","binding":"b1","amount":"70.00"}],"cash":"20.00","balances":{"A":"430.00","B":"0.00"},"reasons":[]}`},
		{"S5", "authorizers in binding order, then cash", household{
			people:    []string{person("A1", "130100", "employee", "30.00"), person("A2", "130100", "employee", "50.00"), person("B", "130100", "resident", "")},
			relations: []string{rel("B", "A1", "child", false), rel("B", "A2", "child", false)},
			bindings:  []string{binding("b2", "A2", "B", "2025-02-01", "medical"), binding("b1", "A1", "B", "2025-02-01", "medical")},
		}.scenario(noon("2025-06-01"), drug),
			`{"payments":[{"payer":"A1","source":"mutual_aid","binding":"b1","amount":"30.00"},{"payer":"A2","source":"mutual_aid","binding":"b2","amount":"50.00"}],"cash":"40.00","balances":{"A1":"0.00","A2":"0.00"},"reasons":[]}`},
		{"S6", "Shenzhen: balance order with a tie broken by creation date", household{
			people: []string{person("F", "440300", "employee", "300.00", `"tier":1`), person("M", "440300", "employee", "300.00", `"tier":1`),
				person("G", "440300", "employee", "900.00", `"tier":1`), person("C", "440300", "resident", "")},
			bindings: []string{binding("bm", "M", "C", "2024-01-01", "medical"), binding("bf", "F", "C", "2024-03-01", "medical"), binding("bg", "G", "C", "2024-05-01", "medical")},
		}.scenario(noon("2025-04-01"), settleAction("C", "C", "440300", true, false, "1000.00", "0.00", "drug")),
			`{"payments":[{"payer":"G","binding":"bg","amount":"900.00"},{"payer":"M","binding":"bm","amount":"100.00"}],"cash":"0.00","balances":{"G":"0.00","M":"200.00"},"reasons":[]}`},
		{"S6", "Shenzhen patient, a tie on date broken by binding id", household{
			people:   []string{person("F", "440300", "employee", "300.00", `"tier":1`), person("M", "440300", "employee", "300.00", `"tier":1`), person("C", "440300", "resident", "")},
			bindings: []string{binding("bz", "M", "C", "2024-01-01", "medical"), binding("ba", "F", "C", "2024-01-01", "medical")},
		}.scenario(noon("2025-04-01"), settleAction("C", "C", "440300", true, false, "100.00", "0.00", "drug")),
			`{"payments":[{"payer":"F","binding":"ba","amount":"100.00"}],"balances":{"F":"200.00"}}`},
		{"S7", "binding created after the bill date", hebei(binding("b1", "A", "B", "2025-06-02", "medical")).scenario(noon("2025-06-01"), drug), cashOnly("120.00", `"BINDING_NOT_IN_FORCE"`)},
		{"S7", "binding created on the bill date pays", hebei(binding("b1", "A", "B", "2025-06-01", "medical")).scenario(noon("2025-06-01"), drug), paidByA},
		{"S7", "binding revoked on the bill date", hebei(revoked(binding("b1", "A", "B", "2025-02-01", "medical"), "2025-06-01")).scenario(noon("2025-06-01"), drug), cashOnly("120.00", `"BINDING_NOT_IN_FORCE"`)},
		{"S7", "binding revoked the day after still pays", hebei(revoked(binding("b1", "A", "B", "2025-02-01", "medical"), "2025-06-02")).scenario(noon("2025-06-01"), drug), paidByA},
		{"S7", "scope missing", hebei(binding("b1", "A", "B", "2025-02-01", "resident_premium")).scenario(noon("2025-06-01"), drug), cashOnly("120.00", `"SCOPE_NOT_AUTHORIZED"`)},
		{"S7", "authorizer stopped", household{
			people: []string{person("A", "130100", "employee", "500.00", `"status":"stopped"`), person("B", "130100", "resident", "")}, bindings: []string{binding("b1", "A", "B", "2025-02-01", "medical")},
		}.scenario(noon("2025-06-01"), drug), cashOnly("120.00", `"AUTHORIZER_NOT_EMPLOYEE"`)},
		{"S7", "one code per binding: not in force before scope", hebei(binding("b1", "A", "B", "2025-07-01", "resident_premium")).scenario(noon("2025-06-01"), drug), cashOnly("120.00", `"BINDING_NOT_IN_FORCE"`)},
		{"S7", "codes reported although the own account covered the bill", household{
			people:   []string{person("A", "130100", "employee", "500.00"), person("B", "130100", "employee", "900.00")},
			bindings: []string{binding("b1", "A", "B", "2025-02-01", "resident_premium")},
		}.scenario(noon("2025-06-01"), drug), `{"payments":[{"payer":"B","source":"own","amount":"100.00"}],"cash":"20.00","balances":{"B":"800.00"},"reasons":["SCOPE_NOT_AUTHORIZED"]}`},
		{"S8", "zero balance pays nothing, no code", household{
			people: []string{person("A", "130100", "employee", "0.00"), person("B", "130100", "resident", "")}, bindings: []string{binding("b1", "A", "B", "2025-02-01", "medical")},
		}.scenario(noon("2025-06-01"), drug), cashOnly("120.00", "")},
		{"S8", "authorizer without account pays nothing, no code", household{
			people: []string{person("A", "130100", "resident", ""), person("B", "130100", "resident", "")}, bindings: []string{binding("b1", "A", "B", "2025-02-01", "medical")},
		}.scenario(noon("2025-06-01"), drug), cashOnly("120.00", "")},
		{"SZ5", "option-2-only binding the day before 2023-10-01", sz("500.00", binding("b1", "A", "B", "2023-06-01", "resident_premium")).scenario(noon("2023-09-30"), szDrug), cashOnly("100.00", `"SCOPE_NOT_AUTHORIZED"`)},
		{"SZ5", "option-2-only binding on 2023-10-01", sz("500.00", binding("b1", "A", "B", "2023-06-01", "resident_premium")).scenario(noon("2023-10-01"), szDrug), cashOnly("100.00", `"BINDING_INVALIDATED_20231001"`)},
		{"SZ5", "invalidated binding pays no premium either", sz("500.00", binding("b1", "A", "B", "2023-06-01", "resident_premium")).scenario(noon("2023-10-02"), premiumAction("B", "resident", "300.00")),
			`{"payments":[],"cash":"300.00","balances":{},"reasons":["BINDING_INVALIDATED_20231001"]}`},
		{"SZ5", "invalidation wins over revocation", sz("500.00", revoked(binding("b1", "A", "B", "2023-06-01", "resident_premium"), "2023-08-01")).scenario(noon("2024-01-01"), szDrug), cashOnly("100.00", `"BINDING_INVALIDATED_20231001"`)},
		{"SZ5", "pre-cut-off binding with both scopes survives", sz("500.00", binding("b1", "A", "B", "2023-06-01", "medical", "resident_premium")).scenario(noon("2024-01-01"), szDrug), szPaid("100.00", "400.00")},
		{"SZ5", "a binding made on 2023-10-01 covers medical whatever was ticked", sz("500.00", binding("b1", "A", "B", "2023-10-01", "resident_premium")).scenario(noon("2024-01-01"), szDrug), szPaid("100.00", "400.00")},
		{"SZ5", "a binding made the day before keeps its ticked scope", sz("500.00", binding("b1", "A", "B", "2023-09-30", "medical")).scenario(noon("2024-01-01"), premiumAction("B", "resident", "100.00")),
			`{"payments":[],"cash":"100.00","reasons":["SCOPE_NOT_AUTHORIZED"]}`},
		{"SZ6", "threshold the day before 2023-10-01", sz("7000.00", binding("b1", "A", "B", "2022-01-01", "medical")).scenario(noon("2023-09-30"), szDrug), szPaid("100.00", "6900.00")},
		{"SZ6", "below the threshold nothing is shared", sz("6400.00", binding("b1", "A", "B", "2022-01-01", "medical")).scenario(noon("2023-09-30"), szDrug), szPaid("12.15", "6387.85")},
		{"SZ6", "no threshold from 2023-10-01", sz("50.00", binding("b1", "A", "B", "2022-01-01", "medical")).scenario(noon("2023-10-01"), szDrug), szPaid("50.00", "0.00")},
		{"SZ6", "the patient's own Shenzhen account has no threshold", household{
			people: []string{person("B", "440300", "employee", "50.00", `"tier":1`)},
		}.scenario(noon("2023-05-01"), szDrug), `{"payments":[{"payer":"B","source":"own","amount":"50.00"}],"cash":"50.00","balances":{"B":"0.00"},"reasons":[]}`},
		{"SZ7", "Shenzhen binding at a Guangzhou pharmacy the day before the province-wide date", sz("500.00", binding("b1", "A", "B", "2024-01-01", "medical")).scenario(noon("2024-10-31"), settleAction("B", "B", "440100", true, false, "100.00", "0.00", "drug")),
			cashOnly("100.00", `"OUT_OF_REGION"`)},
		{"SZ7", "Shenzhen binding at a Guangzhou pharmacy on the province-wide date", sz("500.00", binding("b1", "A", "B", "2024-01-01", "medical")).scenario(noon("2024-11-01"), settleAction("B", "B", "440100", true, false, "100.00", "0.00", "drug")),
			szPaid("100.00", "400.00")},
		{"SZ7", "Shenzhen binding at a Guangzhou pharmacy the day after", sz("500.00", binding("b1", "A", "B", "2024-01-01", "medical")).scenario(noon("2024-11-02"), settleAction("B", "B", "440100", true, false, "100.00", "0.00", "drug")),
			szPaid("100.00", "400.00")},
		{"SZ7", "Shenzhen binding at a Changsha pharmacy after the date", sz("500.00", binding("b1", "A", "B", "2024-01-01", "medical")).scenario(noon("2025-01-10"), settleAction("B", "B", "430100", true, false, "100.00", "0.00", "drug")),
			cashOnly("100.00", `"OUT_OF_REGION"`)},
		{"SZ8", "Shenzhen lines are not claimable elsewhere", sz("500.00", binding("b1", "A", "B", "2024-01-01", "medical")).scenario(noon("2025-01-10"), szDrug), szPaid("100.00", "400.00")},
		{"W12", "wallet pays after the own account where the institution takes it", household{
			people: []string{person("M", "510100", "employee", "10.00", `"wallet":{"opened":true,"balance":"1740.00"}`)},
		}.scenario(noon("2025-11-01"), settleAction("M", "M", "510100", true, true, "50.00", "5.00", "drug")),
			`{"payments":[{"payer":"M","source":"own","amount":"10.00"},{"payer":"M","source":"wallet","amount":"40.00"}],"cash":"5.00","balances":{"M":"0.00","M.wallet":"1700.00"},"reasons":[]}`},
		{"W12", "an empty wallet reports nothing", household{
			people: []string{person("M", "510100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
		}.scenario(noon("2025-11-01"), settleAction("M", "M", "510100", true, false, "50.00", "0.00", "drug")), cashOnly("50.00", "")},
		{"W12", "no-wallet institution reported under S2 too", household{
			people: []string{person("M", "510100", "resident", "", `"wallet":{"opened":true,"balance":"9.00"}`)},
		}.scenario(noon("2025-11-01"), settleAction("M", "M", "510100", false, false, "50.00", "0.00", "drug")), cashOnly("50.00", `"INSTITUTION_NO_WALLET","NOT_DESIGNATED"`)},
		{"D4", "Hangzhou: the current-year overdraft is paid from history first", household{
			people:   []string{person("A", "330100", "employee", "-50.00", `"account_history":"300.00"`), person("B", "330100", "resident", "")},
			bindings: []string{binding("b1", "A", "B", "2025-02-01", "medical")},
		}.scenario(noon("2025-06-01"), drug), `{"payments":[{"payer":"A","amount":"100.00"}],"cash":"20.00","balances":{"A":"150.00"}}`},
		{"D4", "a negative account without history is an input error", household{
			people: []string{person("A", "330100", "employee", "-50.00")},
		}.scenario(noon("2025-06-01"), drug), `{"error":true}`},
	}
	runCases(t, cases)
}

func TestPremiumRules(t *testing.T) {
	cases := []ruleCase{
		{"B7", "resident premium the day before 2024-08-01 is not offered", hebei(binding("b1", "A", "B", "2024-07-01", "medical", "resident_premium")).scenario(noon("2024-07-31"), premiumAction("B", "resident", "380.00")),
			`{"payments":[],"cash":"380.00","balances":{},"reasons":["SCOPE_NOT_ALLOWED_IN_REGION"]}`},
		{"B7", "resident premium on 2024-08-01", hebei(binding("b1", "A", "B", "2024-07-01", "medical", "resident_premium")).scenario(noon("2024-08-01"), premiumAction("B", "resident", "380.00")),
			`{"payments":[{"payer":"A","source":"mutual_aid","binding":"b1","amount":"380.00"}],"cash":"0.00","balances":{"A":"120.00"},"reasons":[]}`},
		{"B7", "the insured's region decides: Jiangsu authorizer, Anhui insured, ltc", household{
			people:   []string{person("A", "320100", "employee", "500.00"), person("B", "340100", "resident", "")},
			bindings: []string{binding("b1", "A", "B", "2025-02-01", "ltc_premium")},
		}.scenario(noon("2025-06-01"), premiumAction("B", "ltc", "100.00")), `{"payments":[],"cash":"100.00","balances":{},"reasons":["SCOPE_NOT_ALLOWED_IN_REGION"]}`},
		{"S7", "a medical-only binding does not pay a premium", hebei().scenario(noon("2025-06-01"), premiumAction("B", "resident", "100.00")),
			`{"payments":[],"cash":"100.00","balances":{},"reasons":["SCOPE_NOT_AUTHORIZED"]}`},
		{"W12", "the wallet pays the holder's resident premium before authorizers", household{
			people:   []string{person("A", "510100", "employee", "500.00"), person("B", "510100", "resident", "", `"wallet":{"opened":true,"balance":"100.00"}`)},
			bindings: []string{binding("b1", "A", "B", "2025-02-01", "resident_premium")},
		}.scenario(noon("2025-06-01"), premiumAction("B", "resident", "380.00")),
			`{"payments":[{"payer":"B","source":"wallet","amount":"100.00"},{"payer":"A","source":"mutual_aid","binding":"b1","amount":"280.00"}],"cash":"0.00","balances":{"A":"220.00","B.wallet":"0.00"},"reasons":[]}`},
		{"W12", "the wallet does not pay an ltc premium", household{
			people: []string{person("B", "320100", "resident", "", `"wallet":{"opened":true,"balance":"100.00"}`)},
		}.scenario(noon("2025-06-01"), premiumAction("B", "ltc", "50.00")), `{"payments":[],"cash":"50.00","balances":{},"reasons":[]}`},
		{"S4", "the insured's own account pays first", household{
			people: []string{person("B", "320100", "employee", "30.00")},
		}.scenario(noon("2025-06-01"), premiumAction("B", "ltc", "50.00")), `{"payments":[{"payer":"B","source":"own","amount":"30.00"}],"cash":"20.00","balances":{"B":"0.00"},"reasons":[]}`},
		{"S4", "a zero premium is an input error", hebei().scenario(noon("2025-06-01"), premiumAction("B", "resident", "0.00")), `{"error":true}`},
		{"S4", "an unknown premium is an input error", hebei().scenario(noon("2025-06-01"), premiumAction("B", "pension", "1.00")), `{"error":true}`},
	}
	runCases(t, cases)
}
