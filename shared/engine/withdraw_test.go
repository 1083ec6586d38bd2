package engine_test

import "testing"

func TestWithdrawRules(t *testing.T) {
	one := func(region, account string, extra ...string) household {
		return household{people: []string{person("P", region, "employee", account, extra...)}}
	}
	withdraw := func(ground string) string {
		return `{"type":"withdraw","person":"P","ground":"` + ground + `"}`
	}
	refused := func(code string) string {
		return `{"allowed":false,"payout":"0.00","fee":"0.00","account_closed":false,"reasons":["` + code + `"]}`
	}
	paid := func(payout string) string {
		return `{"allowed":true,"payout":"` + payout + `","fee":"0.00","account_closed":true,"reasons":[]}`
	}
	cases := []ruleCase{
		{"D1", "death is a national ground", one("130100", "100.00").scenario(noon("2025-07-01"), withdraw("death")), paid("100.00")},
		{"D1", "voluntary exit in Jiangsu", one("320100", "100.00").scenario(noon("2025-07-01"), withdraw("voluntary_exit")), paid("100.00")},
		{"D1", "voluntary exit not in Hebei", one("130100", "100.00").scenario(noon("2025-07-01"), withdraw("voluntary_exit")), refused("GROUND_NOT_IN_REGION_LIST")},
		{"D1", "emigration in Quanzhou", one("350500", "100.00").scenario(noon("2025-07-01"), withdraw("emigration")), paid("100.00")},
		{"D1", "emigration not in Jiangsu", one("320100", "100.00").scenario(noon("2025-07-01"), withdraw("emigration")), refused("GROUND_NOT_IN_REGION_LIST")},
		{"D1", "resettled retiree in Weihai", one("371000", "100.00").scenario(noon("2025-07-01"), withdraw("retiree_resettled")), paid("100.00")},
		{"D1", "resettled retiree not in Quanzhou", one("350500", "100.00").scenario(noon("2025-07-01"), withdraw("retiree_resettled")), refused("GROUND_NOT_IN_REGION_LIST")},
		{"D1", "moved out in Wuhan", one("420100", "100.00").scenario(noon("2025-07-01"), withdraw("move_no_transfer")), paid("100.00")},
		{"D2", "no ground", one("320100", "100.00").scenario(noon("2025-07-01"), `{"type":"withdraw","person":"P"}`), refused("NO_WITHDRAWAL_GROUND")},
		{"D2", "an unknown ground", one("320100", "100.00").scenario(noon("2025-07-01"), withdraw("serious_disease")), refused("NO_WITHDRAWAL_GROUND")},
		{"D3", "the whole balance, free", one("320100", "3456.78").scenario(noon("2025-07-01"), withdraw("death")), paid("3456.78")},
		{"D4", "Hangzhou: an overdraft is offset by history", one("330100", "-100.00", `"account_history":"250.00"`).scenario(noon("2025-07-01"), withdraw("death")), paid("150.00")},
		{"D4", "Hangzhou death: a remaining overdraft is written off", one("330100", "-300.00", `"account_history":"250.00"`).scenario(noon("2025-07-01"), withdraw("death")), paid("0.00")},
		{"D4", "Hangzhou emigration: a remaining overdraft pays nothing", one("330100", "-300.00", `"account_history":"250.00"`).scenario(noon("2025-07-01"), withdraw("emigration")), paid("0.00")},
	}
	runCases(t, cases)
}

func TestTransferRules(t *testing.T) {
	p := func(extra ...string) household {
		return household{people: []string{person("P", "440300", "employee", "5000.00", extra...)}}
	}
	move := func(to string, stopped, enrolled bool, gap string) string {
		b := func(v bool) string {
			if v {
				return "true"
			}
			return "false"
		}
		return `{"type":"transfer","person":"P","to_region":"` + to + `","origin_stopped":` + b(stopped) + `,"dest_enrolled":` + b(enrolled) + `,"gap_months":` + gap + `}`
	}
	refused := func(codes string) string { return `{"allowed":false,"amount_moved":"0.00","reasons":[` + codes + `]}` }
	cases := []ruleCase{
		{"T1", "origin still active", p().scenario(noon("2025-06-01"), move("430100", false, true, "0")), refused(`"TRANSFER_ORIGIN_ACTIVE"`)},
		{"T1", "not enrolled at the destination", p().scenario(noon("2025-06-01"), move("430100", true, false, "0")), refused(`"TRANSFER_DEST_NOT_ENROLLED"`)},
		{"T1", "a retiree", p(`"retired":true`).scenario(noon("2025-06-01"), move("430100", true, true, "0")), refused(`"TRANSFER_RETIREE_NOT_APPLICABLE"`)},
		{"T1", "the person's status is ignored", p(`"status":"active"`).scenario(noon("2025-06-01"), move("430100", true, true, "0")), `{"allowed":true}`},
		{"T2", "same city", p().scenario(noon("2025-06-01"), move("440305", true, true, "0")), refused(`"TRANSFER_SAME_REGION"`)},
		{"T2", "every code at once", p(`"retired":true`).scenario(noon("2025-06-01"), move("440300", false, false, "0")),
			refused(`"TRANSFER_DEST_NOT_ENROLLED","TRANSFER_ORIGIN_ACTIVE","TRANSFER_RETIREE_NOT_APPLICABLE","TRANSFER_SAME_REGION"`)},
		{"T2", "a Chongqing county to a Chongqing district is one pooling region", household{people: []string{person("P", "500230", "employee", "100.00")}}.scenario(noon("2025-06-01"), move("500101", true, true, "0")), refused(`"TRANSFER_SAME_REGION"`)},
		{"T3", "the whole balance, 10 and 5 working days", p().scenario(noon("2025-06-01"), move("430100", true, true, "0")),
			`{"allowed":true,"amount_moved":"5000.00","origin_due_days":10,"dest_due_days":5,"benefits_continuous":true,"reasons":[]}`},
		{"T5", "inside Guangdong the day before 2022-07-01 the balance moves", p().scenario(noon("2022-06-30"), move("440100", true, true, "0")),
			`{"allowed":true,"amount_moved":"5000.00","origin_due_days":10,"dest_due_days":5,"reasons":[]}`},
		{"T5", "inside Guangdong from 2022-07-01 the balance stays", p().scenario(noon("2022-07-01"), move("440100", true, true, "0")),
			`{"allowed":true,"amount_moved":"0.00","origin_due_days":10,"dest_due_days":5,"benefits_continuous":true,"reasons":[]}`},
		{"T5", "still kept after the 2025-06-30 expiry (no successor found)", p().scenario(noon("2025-07-01"), move("440100", true, true, "5")),
			`{"allowed":true,"amount_moved":"0.00","benefits_continuous":false,"reasons":[]}`},
		{"T5", "leaving Guangdong the balance moves (T3)", p().scenario(noon("2025-07-01"), move("450100", true, true, "0")), `{"allowed":true,"amount_moved":"5000.00"}`},
		{"T4", "a gap of 3 months keeps benefits", p().scenario(noon("2025-06-01"), move("430100", true, true, "3")), `{"allowed":true,"benefits_continuous":true}`},
		{"T4", "a gap of 4 months does not", p().scenario(noon("2025-06-01"), move("430100", true, true, "4")), `{"allowed":true,"benefits_continuous":false}`},
		{"T4", "a negative gap is an input error", p().scenario(noon("2025-06-01"), move("430100", true, true, "-1")), `{"error":true}`},
		{"T2", "a bad region is an input error", p().scenario(noon("2025-06-01"), move("4301", true, true, "0")), `{"error":true}`},
	}
	runCases(t, cases)
}
