package engine_test

import "testing"

// henanSichuan is a son A in Zhengzhou (account 3000.00) and his mother M in Chengdu with an
// opened wallet; more people or transfers can be added.
func henanSichuan(transfers ...string) household {
	return household{
		people: []string{person("A", "410100", "employee", "3000.00"),
			person("M", "510100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
		relations: []string{rel("M", "A", "parent", false)},
		transfers: transfers,
	}
}

func TestWalletTransferRules(t *testing.T) {
	send := walletAction("A", "M", "500.00", "account")
	ok := func(refundAt string) string {
		return `{"allowed":true,"fee":"0.00","state":"pending","refund_at":"` + refundAt + `","balances":{"A":"2500.00"},"reasons":[]}`
	}
	no := func(codes string) string {
		return `{"allowed":false,"fee":"0.00","balances":{},"reasons":[` + codes + `]}`
	}
	sent := func(id, at, state string) string { return transfer(id, "A", "X", "1.00", "account", at, state) }
	withX := func(f household) household {
		f.people = append(f.people, person("X", "510100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`))
		return f
	}
	cases := []ruleCase{
		// v4 (rules.md 11.1): Henan and Sichuan from 2025-02-05; version 3 refused until 2025-09-18
		{"W1", "v4: the day before 2025-02-05", henanSichuan().scenario(noon("2025-02-04"), send), no(`"WALLET_REGION_NOT_ENABLED"`)},
		{"W1", "v4: on 2025-02-05", henanSichuan().scenario(noon("2025-02-05"), send), ok("2025-02-06T06:00:00+08:00")},
		{"W1", "v4: the day before 2025-09-18 (was refused in version 3)", henanSichuan().scenario(noon("2025-09-17"), send), ok("2025-09-18T06:00:00+08:00")},
		{"W1", "v4: before the national launch", henanSichuan().scenario(noon("2024-12-01"), send), no(`"WALLET_REGION_NOT_ENABLED"`)},
		{"W1", "v4: Zhengzhou to Nanjing waits for Jiangsu's 2025-09-18", household{
			people:    []string{person("A", "410100", "employee", "3000.00"), person("M", "320100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-05-20"), send), no(`"WALLET_REGION_NOT_ENABLED"`)},
		{"W1", "v4: Chengdu to Xining the day before 2025-07-01", household{
			people:    []string{person("A", "510100", "employee", "3000.00"), person("M", "630100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-06-30"), send), no(`"WALLET_REGION_NOT_ENABLED"`)},
		{"W1", "v4: Chengdu to Xining on 2025-07-01", household{
			people:    []string{person("A", "510100", "employee", "3000.00"), person("M", "630100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-07-01"), send), ok("2025-07-02T06:00:00+08:00")},
		{"W1", "on 2025-09-18", henanSichuan().scenario(noon("2025-09-18"), send), ok("2025-09-19T06:00:00+08:00")},
		{"W1", "the day after", henanSichuan().scenario(noon("2025-09-19"), send), ok("2025-09-20T06:00:00+08:00")},
		{"W1", "Qinghai the day before 2025-07-01", household{
			people:    []string{person("A", "630100", "employee", "900.00"), person("M", "630100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-06-30"), send), no(`"WALLET_REGION_NOT_ENABLED"`)},
		{"W1", "Qinghai on 2025-07-01", household{
			people:    []string{person("A", "630100", "employee", "900.00"), person("M", "630100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-07-01"), send), `{"allowed":true,"balances":{"A":"400.00"}}`},
		{"W1", "Guangdong recipient never", household{
			people:    []string{person("A", "410100", "employee", "900.00"), person("M", "440300", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2026-01-10"), send), no(`"WALLET_REGION_NOT_ENABLED"`)},
		{"W2", "a sibling in another province is fine", household{
			people:    []string{person("A", "410100", "employee", "900.00"), person("M", "510100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "sibling", false)},
		}.scenario(noon("2025-10-10"), send), `{"allowed":true}`},
		{"W2", "a parent-in-law is refused", household{
			people:    []string{person("A", "410100", "employee", "900.00"), person("M", "510100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent_in_law", false)},
		}.scenario(noon("2025-10-10"), send), no(`"RELATION_NOT_ALLOWED"`)},
		{"W2", "an uninsured recipient", household{
			people:    []string{person("A", "410100", "employee", "900.00"), person("M", "510100", "none", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-10-10"), send), no(`"BENEFICIARY_NOT_INSURED"`)},
		{"W2", "to oneself", household{
			people: []string{person("A", "410100", "employee", "900.00", `"wallet":{"opened":true,"balance":"0.00"}`)},
		}.scenario(noon("2025-10-10"), walletAction("A", "A", "5.00", "account")), no(`"RELATION_NOT_ALLOWED"`)},
		{"W3", "recipient without a wallet", household{
			people: []string{person("A", "410100", "employee", "900.00"), person("M", "510100", "resident", "")}, relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-10-10"), send), no(`"WALLET_RECIPIENT_NOT_OPENED"`)},
		{"W4", "a resident cannot send from an account", household{
			people:    []string{person("A", "410100", "resident", ""), person("M", "510100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-10-10"), send), no(`"AUTHORIZER_NOT_EMPLOYEE"`)},
		{"W4", "a resident can send from a wallet", household{
			people:    []string{person("A", "410100", "resident", "", `"wallet":{"opened":true,"balance":"600.00"}`), person("M", "510100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-10-10"), walletAction("A", "M", "500.00", "wallet")), `{"allowed":true,"balances":{"A.wallet":"100.00"},"reasons":[]}`},
		{"W4", "a stopped employee is refused", household{
			people:    []string{person("A", "410100", "employee", "900.00", `"status":"stopped"`), person("M", "510100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-10-10"), send), no(`"AUTHORIZER_NOT_EMPLOYEE"`)},
		{"W5", "exactly 2,000.00 is allowed", henanSichuan().scenario(noon("2025-10-10"), walletAction("A", "M", "2000.00", "account")), `{"allowed":true,"balances":{"A":"1000.00"}}`},
		{"W5", "2,000.01 is refused", henanSichuan().scenario(noon("2025-10-10"), walletAction("A", "M", "2000.01", "account")), no(`"WALLET_PER_TXN_LIMIT"`)},
		{"W5", "0.00 is refused", henanSichuan().scenario(noon("2025-10-10"), walletAction("A", "M", "0.00", "account")), no(`"INVALID_AMOUNT"`)},
		{"W5", "a negative amount is an input error", henanSichuan().scenario(noon("2025-10-10"), walletAction("A", "M", "-5.00", "account")), `{"error":true}`},
		{"W6", "the third transfer of the day is allowed", withX(henanSichuan(sent("t1", "2025-10-10T07:00:00+08:00", "accepted"), sent("t2", "2025-10-10T08:00:00+08:00", "refunded"))).scenario(noon("2025-10-10"), send), `{"allowed":true}`},
		{"W6", "the fourth is refused", withX(henanSichuan(sent("t1", "2025-10-10T07:00:00+08:00", "accepted"), sent("t2", "2025-10-10T08:00:00+08:00", "refunded"), sent("t3", "2025-10-10T09:00:00+08:00", "accepted"))).scenario(noon("2025-10-10"), send), no(`"WALLET_DAILY_COUNT_LIMIT"`)},
		{"W6", "the UTC+8 day counts, not the UTC day", withX(henanSichuan(sent("t1", "2025-10-09T23:30:00Z", "accepted"), sent("t2", "2025-10-10T08:00:00+08:00", "refunded"), sent("t3", "2025-10-10T09:00:00+08:00", "accepted"))).scenario(noon("2025-10-10"), send), no(`"WALLET_DAILY_COUNT_LIMIT"`)},
		{"W6", "yesterday's transfers do not count", withX(henanSichuan(sent("t1", "2025-10-09T21:00:00+08:00", "accepted"), sent("t2", "2025-10-10T08:00:00+08:00", "refunded"), sent("t3", "2025-10-10T09:00:00+08:00", "accepted"))).scenario(noon("2025-10-10"), send), `{"allowed":true}`},
		{"W7", "21:59:59 is allowed", henanSichuan().scenario("2025-10-10T21:59:59+08:00", send), ok("2025-10-11T06:00:00+08:00")},
		{"W7", "22:00:00 is refused", henanSichuan().scenario("2025-10-10T22:00:00+08:00", send), no(`"WALLET_QUIET_HOURS"`)},
		{"W7", "05:59:59 is refused", henanSichuan().scenario("2025-10-11T05:59:59+08:00", send), no(`"WALLET_QUIET_HOURS"`)},
		{"W7", "06:00:00 is allowed and refunds the next morning", henanSichuan().scenario("2025-10-11T06:00:00+08:00", send), ok("2025-10-12T06:00:00+08:00")},
		{"W7", "a UTC moment is read in UTC+8", henanSichuan().scenario("2025-10-10T14:30:00Z", send), no(`"WALLET_QUIET_HOURS"`)},
		{"W8", "up to the balance is allowed", henanSichuan().scenario(noon("2025-10-10"), walletAction("A", "M", "1999.00", "account")), `{"allowed":true}`},
		{"W8", "more than the account balance", household{
			people:    []string{person("A", "410100", "employee", "100.00"), person("M", "510100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-10-10"), walletAction("A", "M", "100.01", "account")), no(`"INSUFFICIENT_BALANCE"`)},
		{"W8", "more than the wallet balance", household{
			people:    []string{person("A", "410100", "employee", "9000.00", `"wallet":{"opened":true,"balance":"10.00"}`), person("M", "510100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-10-10"), walletAction("A", "M", "10.01", "wallet")), no(`"INSUFFICIENT_BALANCE"`)},
		{"W8", "over both limits", household{
			people:    []string{person("A", "410100", "employee", "100.00"), person("M", "510100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			relations: []string{rel("M", "A", "parent", false)},
		}.scenario(noon("2025-10-10"), walletAction("A", "M", "2500.00", "account")), no(`"INSUFFICIENT_BALANCE","WALLET_PER_TXN_LIMIT"`)},
		{"W9", "a pending transfer to the same recipient", henanSichuan(transfer("t1", "A", "M", "5.00", "account", "2025-10-09T10:00:00+08:00", "pending")).scenario(noon("2025-10-10"), send), no(`"WALLET_PENDING_TRANSFER"`)},
		{"W9", "an accepted one does not block", henanSichuan(transfer("t1", "A", "M", "5.00", "account", "2025-10-09T10:00:00+08:00", "accepted")).scenario(noon("2025-10-10"), send), `{"allowed":true}`},
		{"W10", "no fee and the amount leaves at once", henanSichuan().scenario(noon("2025-10-10"), send), ok("2025-10-11T06:00:00+08:00")},
	}
	runCases(t, cases)
}

func TestWalletAcceptExpireRules(t *testing.T) {
	pending := func(at string) household {
		f := henanSichuan(transfer("w1", "A", "M", "800.00", "account", at, "pending"))
		f.people[0] = person("A", "410100", "employee", "2200.00")
		return f
	}
	accept := `{"type":"wallet_accept","transfer":"w1"}`
	expire := `{"type":"wallet_expire","transfer":"w1"}`
	unchanged := func(state string) string { return `{"state":"` + state + `","balances":{},"reasons":[]}` }
	cases := []ruleCase{
		{"W11", "accepted before 06:00", pending("2025-10-10T15:00:00+08:00").scenario("2025-10-11T05:59:59+08:00", accept), `{"state":"accepted","balances":{"M.wallet":"800.00"},"reasons":[]}`},
		{"W11", "a late accept changes nothing", pending("2025-10-10T15:00:00+08:00").scenario("2025-10-11T06:00:00+08:00", accept), unchanged("pending")},
		{"W11", "accepting an accepted transfer changes nothing", henanSichuan(transfer("w1", "A", "M", "800.00", "account", "2025-10-10T15:00:00+08:00", "accepted")).scenario(noon("2025-10-10"), accept), unchanged("accepted")},
		{"W11", "expire before the refund time", pending("2025-10-10T15:00:00+08:00").scenario("2025-10-11T05:59:59+08:00", expire), unchanged("pending")},
		{"W11", "expire at 06:00", pending("2025-10-10T15:00:00+08:00").scenario("2025-10-11T06:00:00+08:00", expire), `{"state":"refunded","balances":{"A":"3000.00"},"reasons":[]}`},
		{"W11", "a transfer made at 06:00 refunds the next day", pending("2025-10-10T06:00:00+08:00").scenario("2025-10-10T23:00:00+08:00", expire), unchanged("pending")},
		{"W11", "a wallet-source refund goes back to the wallet", household{
			people:    []string{person("A", "410100", "resident", "", `"wallet":{"opened":true,"balance":"5.00"}`), person("M", "510100", "resident", "", `"wallet":{"opened":true,"balance":"0.00"}`)},
			transfers: []string{transfer("w1", "A", "M", "100.00", "wallet", "2025-10-10T15:00:00+08:00", "pending")},
		}.scenario(noon("2025-10-12"), expire), `{"state":"refunded","balances":{"A.wallet":"105.00"}}`},
		{"W11", "expiring a refunded transfer changes nothing", henanSichuan(transfer("w1", "A", "M", "800.00", "account", "2025-10-10T15:00:00+08:00", "refunded")).scenario(noon("2025-10-12"), expire), unchanged("refunded")},
		{"W11", "an unknown transfer is an input error", henanSichuan().scenario(noon("2025-10-12"), expire), `{"error":true}`},
	}
	runCases(t, cases)
}
