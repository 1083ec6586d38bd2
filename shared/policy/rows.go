package policy

import (
	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/region"
)

// Sources cited by more than one row.
const (
	srcGuoBanFa2021      = "国办发〔2021〕14号"
	srcCloseRelatives    = "国办发〔2021〕14号; State Council opinion of July 2024 (参保长效机制); Xinhua 2024-11-26"
	srcProvinceWide      = "Xinhua 2024-11-26 (省内共济全覆盖); en.people.cn 2024-12-27"
	srcSeed004           = "seed 004 (000…004: 004_c90fcd24a8f6b8de.txt, 深圳本地宝 via 163.com)"
	srcSeed004Bendibao   = "seed 004; bsy.sz.bendibao.com/bsyDetail/639880.html"
	srcBendibao635961    = "bsy.sz.bendibao.com/bsyDetail/635961.html"
	srcJiangsuGuide      = "江苏省医疗保障局 family mutual-aid and withdrawal guide (2022)"
	srcWalletMedia       = "shm.com.cn 2025-09-18; hn.ccedn.com.cn 2025-09-19; media list of 2026-01-09"
	srcQuanzhou          = "quanzhou.kuyiso 2023-12"
	srcWithdrawalCities  = "64365.com (Wuhan); husay.cn (Hangzhou)"
	srcTransfer2021      = "医保办发〔2021〕43号"
	srcGuangdongTransfer = "粤医保规〔2022〕6号 第十四条"
)

// The national default dates of rules.md version 2 (section 3).
const (
	// closeRelativesDate: every province had the close-relatives list by 2024-12-09 (NHSA 2024-12-26).
	closeRelativesDate = "2024-12-10"
	// provinceWideDate: every province had province-wide binding by October 2024 (NHSA 2024-11-26).
	provinceWideDate = "2024-11-01"
)

// DefaultRows is version 1 of the region table (rules.md section 7).
func DefaultRows() []Row {
	all := civil.Range{From: civil.Always, To: civil.Never}
	until := func(d string) civil.Range { return civil.Range{From: civil.Always, To: civil.MustDate(d)} }
	from := func(d string) civil.Range { return civil.Range{From: civil.MustDate(d), To: civil.Never} }
	nat := region.Nationwide()
	core := []family.Relation{family.Spouse, family.Parent, family.Child}
	on := Value{Bool: true}
	off := Value{Bool: false}
	words := func(w ...string) Value { return Value{Words: w} }

	return []Row{
		// B3: spouse, parent, child; the close-relatives list from the close-relatives date.
		// Version 2: every province had the close-relatives list by 2024-12-09 (NHSA 2024-12-26).
		{AllowedRelations, nat, until(closeRelativesDate), Value{Relations: core}, "B3", "A/B", srcCloseRelatives},
		{AllowedRelations, nat, from(closeRelativesDate), Value{Relations: family.CloseRelatives()}, "B3", "A/B", srcCloseRelatives},
		// SZ4: Shenzhen keeps spouse, parent, child until the national date; from it B3 applies
		// (no Shenzhen notice found: the end date is inferred from NHSA's province count).
		{AllowedRelations, region.InCity("4403"), until(closeRelativesDate), Value{Relations: core}, "SZ4", "B/U", srcSeed004 + "; NHSA 2024-12-26"},

		// B4: same city before the province-wide date, same province from it.
		// Version 2: every province was province-wide by the end of October 2024 (NHSA 2024-11-26).
		{BindingGeography, nat, until(provinceWideDate), Value{Word: SameCity}, "B4", "B", srcProvinceWide},
		{BindingGeography, nat, from(provinceWideDate), Value{Word: SameProvince}, "B4", "B", srcProvinceWide},
		// SZ2: the beneficiary must be insured in Shenzhen until the province-wide date; from it
		// B4 applies (end date inferred from NHSA's count of Guangdong, no Shenzhen notice found).
		{BindingGeography, region.InCity("4403"), until(provinceWideDate), Value{Word: SameCity}, "SZ2", "B/U", srcSeed004 + "; NHSA 2024-11-26"},

		// B7: scopes offered. Medical everywhere; resident premium nationally from 2024-08-01.
		{ScopeMedical, nat, all, on, "B7", "A", srcGuoBanFa2021},
		{ScopeResidentPremium, nat, until("2024-08-01"), off, "B7", "A/B", srcCloseRelatives},
		{ScopeResidentPremium, nat, from("2024-08-01"), on, "B7", "A/B", srcCloseRelatives},
		{ScopeResidentPremium, region.InCity("4403"), from("2021-01-01"), on, "B7", "B", srcSeed004Bendibao},
		{ScopeLTCPremium, nat, all, off, "B7", "B", srcGuoBanFa2021},
		{ScopeLTCPremium, region.InProvince("32"), all, on, "B7", "A/B", srcJiangsuGuide},
		{ScopeCommercialPremium, nat, all, off, "B7", "B", srcGuoBanFa2021},
		{ScopeCommercialPremium, region.InCity("3702"), all, on, "B7", "B", "health.qingdaonews.com 2023-11-23"},

		// S1: eligible base.
		{EligibleBase, nat, all, Value{Word: PolicySelfPay}, "S1", "A/U", srcGuoBanFa2021 + "; seed 003"},
		// S6: authorizer order.
		{AuthorizerOrder, nat, all, Value{Word: BindingOrder}, "S6", "C", "jiusongjiankang 4769855 / 4521201; seed 000"},
		{AuthorizerOrder, region.InCity("4403"), all, Value{Word: BalanceDesc}, "S6", "B/U", srcBendibao635961},

		// D1: withdrawal grounds.
		{WithdrawalGrounds, nat, all, words("death"), "D1", "A", srcJiangsuGuide},
		{WithdrawalGrounds, region.InProvince("32"), all, words("death", "voluntary_exit", "lump_sum_pension_clearing"), "D1", "A/B", srcJiangsuGuide},
		{WithdrawalGrounds, region.InCity("3505"), all, words("death", "emigration", "move_no_transfer", "retiree_nonlocal", "to_resident_elsewhere"), "D1", "B", srcQuanzhou},
		{WithdrawalGrounds, region.InCity("3710"), all, words("death", "emigration", "move_no_transfer", "retiree_resettled"), "D1", "B", "jxyuer (Weihai)"},
		{WithdrawalGrounds, region.InCity("4201"), all, words("death", "emigration", "move_no_transfer"), "D1", "B", srcWithdrawalCities},
		{WithdrawalGrounds, region.InCity("3301"), all, words("death", "emigration", "move_no_transfer"), "D1", "B", srcWithdrawalCities},

		// W1: wallet. Every province but Guangdong from 2025-09-18; Qinghai from 2025-07-01.
		{WalletEnabled, nat, until("2025-09-18"), off, "W1", "B/U", srcWalletMedia},
		{WalletEnabled, nat, from("2025-09-18"), on, "W1", "B/U", srcWalletMedia},
		{WalletEnabled, region.InProvince("63"), from("2025-07-01"), on, "W1", "B", srcWalletMedia},
		{WalletEnabled, region.InProvince("44"), all, off, "W1", "B", srcWalletMedia + " (Guangdong not enabled as of 2026-01)"},

		// B1: a suspended authorizer may still bind in Xi'an (research R-AUTH-06).
		{AuthorizerSuspendedAllowed, nat, all, off, "B1", "A/B", srcGuoBanFa2021 + "; NHSA Q&A 2024; seed 003"},
		{AuthorizerSuspendedAllowed, region.InCity("6101"), all, on, "B1", "C", "jiusongjiankang 4521201"},

		// SZ1: Shenzhen authorizers must be tier 1.
		{AuthorizerTierRequired, nat, all, Value{Int: 0}, "SZ1", "B", srcGuoBanFa2021},
		{AuthorizerTierRequired, region.InCity("4403"), all, Value{Int: 1}, "SZ1", "B", srcSeed004Bendibao},
		// SZ3: Shenzhen card family link.
		{CardLinkRequired, nat, all, off, "SZ3", "B", srcGuoBanFa2021},
		{CardLinkRequired, region.InCity("4403"), all, on, "SZ3", "B", srcSeed004},
		// SZ6: Shenzhen threshold before 2023-10-01 (5% of the previous year's average wage).
		{AuthorizerThreshold, nat, all, Value{Amount: 0}, "SZ6", "B", srcGuoBanFa2021},
		{AuthorizerThreshold, region.InCity("4403"), until("2023-10-01"), Value{Amount: money.MustParse("6387.85")}, "SZ6", "B/C", srcBendibao635961 + "; jiusongjiankang 4985690 (amount)"},
		{AuthorizerThreshold, region.InCity("4403"), from("2023-10-01"), Value{Amount: 0}, "SZ6", "B", srcBendibao635961},
		// SZ5: the 2023-10-01 re-binding.
		{LegacyBindingCutoff, nat, all, Value{Date: civil.Never}, "SZ5", "B", srcGuoBanFa2021},
		{LegacyBindingCutoff, region.InCity("4403"), all, Value{Date: civil.MustDate("2023-10-01")}, "SZ5", "B", srcSeed004},
		// SZ7: Shenzhen medical bindings pay only at institutions in Shenzhen, and in Guangdong
		// from the province-wide date.
		{MedicalPayArea, nat, all, Value{Word: Anywhere}, "SZ7", "B", srcProvinceWide},
		{MedicalPayArea, region.InCity("4403"), until(provinceWideDate), Value{Word: SameCity}, "SZ7", "B", srcSeed004},
		{MedicalPayArea, region.InCity("4403"), from(provinceWideDate), Value{Word: SameProvince}, "SZ7", "B/U", srcSeed004 + "; NHSA 2024-11-26"},

		// T5: inside Guangdong a move between pooling regions keeps the balance with the person.
		{TransferKeepsBalanceInProvince, nat, all, off, "T3", "A", srcTransfer2021},
		{TransferKeepsBalanceInProvince, region.InProvince("44"), civil.Range{From: civil.MustDate("2022-07-01"), To: civil.MustDate("2025-07-01")}, on, "T5", "A", srcGuangdongTransfer},
		{TransferKeepsBalanceInProvince, region.InProvince("44"), from("2025-07-01"), on, "T5", "U", srcGuangdongTransfer + " (valid to 2025-06-30; no successor found, kept)"},
		// SZ8: Shenzhen mutual-aid payments are not claimable elsewhere.
		{ClaimableElsewhere, nat, all, on, "SZ8", "B", srcGuoBanFa2021},
		{ClaimableElsewhere, region.InCity("4403"), all, off, "SZ8", "B", srcSeed004},
	}
}

// Default is the version-1 table. It panics only if DefaultRows fails Check, which a test
// guards.
func Default() *Table {
	t, err := NewTable(DefaultRows())
	if err != nil {
		panic(err)
	}
	return t
}
