package policy

import (
	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/region"
	"gongji/shared/source"
)

// The national default dates of rules.md version 2 (section 3).
const (
	// closeRelativesDate: every province had the close-relatives list by 2024-12-09 (NHSA 2024-12-26).
	closeRelativesDate = "2024-12-10"
	// provinceWideDate: every province had province-wide binding by October 2024 (NHSA 2024-11-26).
	provinceWideDate = "2024-11-01"
	// walletDate: every province but Guangdong had the wallet by 2025-09-18 (media of 2025-09-18..22).
	walletDate = "2025-09-18"
	// WalletLaunch: the 医保钱包 launched nationally on 2024-12-02 (Xinhua 2025-02-07); no
	// province has it earlier (rules.md 11.1, a configuration error that Check finds).
	WalletLaunch = "2024-12-02"
	// walletEarly: province-wide by 2025-02-04 in six provinces, so enabled from the next day.
	walletEarly = "2025-02-05"
	// walletLTCDate: the NHSA and MoF notice of 2026-01-09 lets shared money pay the LTC
	// contribution (W12, rules.md 11.2; publication day, not a stated start day).
	walletLTCDate = "2026-01-09"
)

// walletEarly says whether a province was province-wide by 2025-02-04: Hebei, Anhui, Henan,
// Hubei, Sichuan, Tibet (rules.md 11.1, Xinhua 2025-02-07).
func walletEarlyProvince(prefix string) bool {
	switch prefix {
	case "13", "34", "41", "42", "51", "54":
		return true
	}
	return false
}

// spec is one row of the tables below as data (issue 22: rows written as calls were about 50 kB
// of wasm code run at every start). where is a region prefix: "" nationwide, two digits a
// province, four a city; from and to are "2006-01-02", "" for an open end.
type spec struct {
	param        Param
	where        string
	from, to     string
	value        Value
	rules, grade string
	sources      []source.ID
	// standIn marks a national row as the stand-in for regions whose own rule is not known.
	standIn bool
}

// shenzhenLegacyCutoff is 2023-10-01 (SZ5) as a civil.Date, so that the table stays data (a
// test checks it against civil.MustDate).
const shenzhenLegacyCutoff civil.Date = 19631

// row is the spec as a Row.
func (s spec) row() Row {
	return Row{Param: s.param, Where: scopeOf(s.where), During: during(s.from, s.to), Value: s.value,
		Rules: s.rules, Grade: s.grade, Sources: s.sources, LocalDefault: s.standIn}
}

// scopeOf is the region scope a prefix names: "" nationwide, two digits a province, four a city.
func scopeOf(prefix string) region.Scope {
	switch len(prefix) {
	case 0:
		return region.Nationwide()
	case 2:
		return region.InProvince(prefix)
	}
	return region.InCity(prefix)
}

// during is the range from..to, "" for an open end.
func during(from, to string) civil.Range {
	r := civil.Range{From: civil.Always, To: civil.Never}
	if from != "" {
		r.From = day(from)
	}
	if to != "" {
		r.To = day(to)
	}
	return r
}

// day is civil.MustDate for the tables' own dates, "2006-01-02" read as digits: time.Parse
// for each of about 300 dates was 4 ms of a start in wasm (issue 22). TestTableDates checks
// it against civil.MustDate for every date in the tables.
func day(s string) civil.Date {
	num := func(t string) int {
		n := 0
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				panic("policy: date " + s + ": want YYYY-MM-DD")
			}
			n = n*10 + int(t[i]-'0')
		}
		return n
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		panic("policy: date " + s + ": want YYYY-MM-DD")
	}
	y, m, d := num(s[:4]), num(s[5:7]), num(s[8:])
	// days from 1970-01-01 of a proleptic Gregorian date (the era algorithm of
	// H. Hinnant's days_from_civil)
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return civil.Date(era*146097 + doe - 719468)
}

// DefaultRows is version 2 of the region table (rules.md section 7, then the provinces'
// own dates of research-2024.md).
func DefaultRows() []Row {
	rows := make([]Row, 0, len(nationalRows)+len(shenzhenRows)+len(regionalRows)+4*len(provinceEvidences))
	for _, table := range [][]spec{nationalRows[:], shenzhenRows[:], regionalRows[:]} {
		for _, s := range table {
			rows = append(rows, s.row())
		}
	}
	return append(rows, provinceDateRows()...)
}

var nationalRows = [...]spec{
	// B3: spouse, parent, child; the close-relatives list from the close-relatives date.
	{AllowedRelations, "", "", closeRelativesDate, Value{Relations: []family.Relation{family.Spouse, family.Parent, family.Child}}, "B3", "A", []source.ID{source.GuoBanFa2021}, false},
	{AllowedRelations, "", closeRelativesDate, "", Value{Relations: []family.Relation{family.Spouse, family.Parent, family.Child, family.Sibling, family.Grandparent, family.Grandchild}}, "B3", "B", []source.ID{source.GuoBanFa2024, source.NHSA20241226}, false},
	// B4: same city before the province-wide date, same province from it.
	// (the 2021 opinion says nothing of cities: the same-city reading rests on NHSA 2024-11-26,
	// which reports the move from the pooling region to the province, so B)
	{BindingGeography, "", "", provinceWideDate, Value{Word: SameCity}, "B4", "B", []source.ID{source.NHSA20241126}, false},
	{BindingGeography, "", provinceWideDate, "", Value{Word: SameProvince}, "B4", "B", []source.ID{source.NHSA20241126}, false},
	// B7: scopes offered. Medical everywhere; resident premium nationally from 2024-08-01;
	// LTC and commercial premiums only where a region says so.
	{ScopeMedical, "", "", "", Value{Bool: true}, "B7", "A", []source.ID{source.GuoBanFa2021}, false},
	// (the 2021 opinion only says to "explore" premiums: before 2024-08-01 no source says no, U)
	{ScopeResidentPremium, "", "", "2024-08-01", Value{}, "B7", "U", []source.ID{source.GuoBanFa2021}, false},
	{ScopeResidentPremium, "", "2024-08-01", "", Value{Bool: true}, "B7", "B", []source.ID{source.GuoBanFa2024}, false},
	{ScopeLTCPremium, "", "", "", Value{}, "B7", "U", []source.ID{source.GuoBanFa2021}, true},
	{ScopeCommercialPremium, "", "", "", Value{}, "B7", "U", []source.ID{source.GuoBanFa2021}, true},
	// S1: eligible base.
	{EligibleBase, "", "", "", Value{Word: PolicySelfPay}, "S1", "A/U", []source.ID{source.GuoBanFa2021}, true},
	// S6: authorizer order.
	{AuthorizerOrder, "", "", "", Value{Word: BindingOrder}, "S6", "C", []source.ID{source.Jiusongjiankang}, true},
	// D1: withdrawal grounds: death everywhere; other grounds only where a region lists them.
	// (the one source is Jiangsu's guide: as a national default it is unconfirmed, U)
	{WithdrawalGrounds, "", "", "", Value{Words: []string{"death"}}, "D1", "U", []source.ID{source.JiangsuGuide}, true},
	// W1: rules.md 11.1; Xinhua 2025-02-07 (launched 2024-12-02: no province before it)
	{WalletEnabled, "", "", WalletLaunch, Value{}, "W1", "B", []source.ID{source.WalletXinhua2025}, false},
	// W1: rules.md 11.1; live only in part, or not known live, before 2025-09-18
	{WalletEnabled, "", WalletLaunch, walletDate, Value{}, "W1", "B/U", []source.ID{source.WalletXinhua2025, source.WalletCCTV}, false},
	// W1: every province but Guangdong from 2025-09-18, some only in part.
	{WalletEnabled, "", walletDate, "", Value{Bool: true}, "W1", "B/U", []source.ID{source.WalletCCTV, source.WalletSina2026}, true},
	// B1: a suspended authorizer may not bind (active insurance required).
	// (no source speaks of a suspended authorizer: U)
	{AuthorizerSuspendedAllowed, "", "", "", Value{}, "B1", "U", []source.ID{source.GuoBanFa2021, source.NHSAQA2024}, false},
	// Shenzhen-only parameters: nationally they do not apply. No source says so for the other
	// regions: a national default no source addresses, U.
	{AuthorizerTierRequired, "", "", "", Value{Int: 0}, "SZ1", "U", []source.ID{source.GuoBanFa2021}, false},
	{CardLinkRequired, "", "", "", Value{}, "SZ3", "U", []source.ID{source.GuoBanFa2021}, false},
	{AuthorizerThreshold, "", "", "", Value{Amount: 0}, "SZ6", "U", []source.ID{source.GuoBanFa2021}, false},
	{LegacyBindingCutoff, "", "", "", Value{Date: civil.Never}, "SZ5", "U", []source.ID{source.GuoBanFa2021}, false},
	{MedicalPayArea, "", "", "", Value{Word: Anywhere}, "SZ7", "U", []source.ID{source.NHSA20241126}, false},
	{ClaimableElsewhere, "", "", "", Value{Bool: true}, "SZ8", "U", []source.ID{source.GuoBanFa2021}, false},
	// T3: the balance moves with the person.
	{TransferKeepsBalanceInProvince, "", "", "", Value{}, "T3", "B", []source.ID{source.Transfer2021}, false},
	// W12: rules.md 11.2; NHSA and MoF notice reported 2026-01-09 (the wallet pays the
	// holder's LTC contribution; the day is the publication day, U)
	{WalletPaysLTC, "", "", walletLTCDate, Value{}, "W12", "B/U", []source.ID{source.WalletNotice2026}, false},
	{WalletPaysLTC, "", walletLTCDate, "", Value{Bool: true}, "W12", "B/U", []source.ID{source.WalletNotice2026}, false},
	// SH1: nationally a binding pays from the whole balance (国办发〔2021〕14号 knows no split).
	{MutualAidFromHistory, "", "", "", Value{}, "SH1", "U", []source.ID{source.GuoBanFa2021}, false},
	// Section 8: nationally one personal account, not split (国办发〔2021〕14号 knows no split).
	{AccountSplit, "", "", "", Value{}, "D4/SH1", "U", []source.ID{source.GuoBanFa2021}, false},
	// B3: no province reports the close-relatives list before the national date unless a
	// row below says so (the national date rests on NHSA 2024-12-26).
	{ReportedCloseRelatives, "", "", "", Value{Date: civil.Never}, "B3", "B", []source.ID{source.NHSA20241226}, false},
}

var shenzhenRows = [...]spec{
	// SZ4: spouse, parent, child until the national date; from it B3 applies (end date
	// inferred from NHSA's province count: no Shenzhen notice found).
	{AllowedRelations, "4403", "", closeRelativesDate, Value{Relations: []family.Relation{family.Spouse, family.Parent, family.Child}}, "SZ4", "C/U", []source.ID{source.ShenzhenArticle, source.NHSA20241226}, false},
	// SZ2: beneficiary insured in Shenzhen until the province-wide date; then B4.
	{BindingGeography, "4403", "", provinceWideDate, Value{Word: SameCity}, "SZ2", "C/U", []source.ID{source.ShenzhenArticle, source.NHSA20241126}, false},
	{ScopeResidentPremium, "4403", "2021-01-01", "", Value{Bool: true}, "B7", "C", []source.ID{source.ShenzhenArticle, source.Shenzhen639880}, false},
	{AuthorizerOrder, "4403", "", "", Value{Word: BalanceDesc}, "S6", "C/U", []source.ID{source.Shenzhen635961}, false},
	{AuthorizerTierRequired, "4403", "", "", Value{Int: 1}, "SZ1", "C", []source.ID{source.ShenzhenArticle, source.Shenzhen639880}, false},
	{CardLinkRequired, "4403", "", "", Value{Bool: true}, "SZ3", "C", []source.ID{source.ShenzhenArticle}, false},
	// SZ6: the threshold before 2023-10-01 (5% of the previous year's average wage).
	{AuthorizerThreshold, "4403", "", "2023-10-01", Value{Amount: 638785}, "SZ6", "C", []source.ID{source.Shenzhen635961, source.Jiusongjiankang}, false},
	{AuthorizerThreshold, "4403", "2023-10-01", "", Value{Amount: 0}, "SZ6", "C", []source.ID{source.Shenzhen635961}, false},
	{LegacyBindingCutoff, "4403", "", "", Value{Date: shenzhenLegacyCutoff}, "SZ5", "C", []source.ID{source.ShenzhenArticle}, false},
	// SZ7: Shenzhen only, then Guangdong from the province-wide date.
	{MedicalPayArea, "4403", "", provinceWideDate, Value{Word: SameCity}, "SZ7", "C", []source.ID{source.ShenzhenArticle}, false},
	{MedicalPayArea, "4403", provinceWideDate, "", Value{Word: SameProvince}, "SZ7", "C/U", []source.ID{source.ShenzhenArticle, source.NHSA20241126}, false},
	{ClaimableElsewhere, "4403", "", "", Value{}, "SZ8", "C", []source.ID{source.ShenzhenArticle}, false},
}

var regionalRows = [...]spec{
	// (the 2022 guide never mentions the LTC premium; the bureau's 2025-06-30 page does, read
	// only through a repository's summary of it: C)
	{ScopeLTCPremium, "32", "", "", Value{Bool: true}, "B7", "C", []source.ID{source.JiangsuMutualAid}, false},
	{ScopeCommercialPremium, "3702", "", "", Value{Bool: true}, "B7", "B", []source.ID{source.Qingdao2023}, false},
	{WithdrawalGrounds, "32", "", "", Value{Words: []string{"death", "voluntary_exit", "lump_sum_pension_clearing"}}, "D1", "A", []source.ID{source.JiangsuGuide}, false},
	{WithdrawalGrounds, "3505", "", "", Value{Words: []string{"death", "emigration", "move_no_transfer", "retiree_nonlocal", "to_resident_elsewhere"}}, "D1", "C", []source.ID{source.Quanzhou2023}, false},
	{WithdrawalGrounds, "3710", "", "", Value{Words: []string{"death", "emigration", "move_no_transfer", "retiree_resettled"}}, "D1", "C", []source.ID{source.Weihai}, false},
	{WithdrawalGrounds, "4201", "", "", Value{Words: []string{"death", "emigration", "move_no_transfer"}}, "D1", "C", []source.ID{source.Wuhan64365}, false},
	{WithdrawalGrounds, "3301", "", "", Value{Words: []string{"death", "emigration", "move_no_transfer"}}, "D1", "C", []source.ID{source.Hangzhou}, false},
	// W1: Qinghai from 2025-07-01; Guangdong not enabled (as of 2026-01).
	// (the date rests on a 本地宝 page: C)
	{WalletEnabled, "63", "2025-07-01", "", Value{Bool: true}, "W1", "C", []source.ID{source.WalletQinghai, source.WalletSina2026}, false},
	// W1: rules.md 11.1; CCTV 2025-09-22 and the NHSA list of 2026-01: Guangdong not live;
	// nothing later is known, so after January 2026 it is unconfirmed.
	{WalletEnabled, "44", "", "2026-02-01", Value{}, "W1", "B", []source.ID{source.WalletCCTV, source.WalletSina2026}, false},
	{WalletEnabled, "44", "2026-02-01", "", Value{}, "W1", "U", []source.ID{source.WalletCCTV, source.WalletSina2026}, false},
	// BJ1: rules.md 11.4; Beijing Municipal People's Government 2022-11-04 (北京普惠健康保)
	{ScopeCommercialPremium, "11", "2022-12-01", "", Value{Bool: true}, "BJ1", "A", []source.ID{source.BeijingGov2022}, false},
	// SH2: rules.md 11.5; SHINE 2021-04-27 (沪惠保 from the account)
	{ScopeCommercialPremium, "31", "2021-04-27", "", Value{Bool: true}, "SH2", "B", []source.ID{source.ShanghaiShine}, false},
	// SH1: rules.md 11.3; 上海市松江区医疗保障局 2025-07-23 (the 家庭共济网 is funded from the 历年账户)
	{MutualAidFromHistory, "31", "", "", Value{Bool: true}, "SH1", "A", []source.ID{source.ShanghaiSJ}, false},
	// Section 8: Hangzhou (husay.cn) and Shanghai (11.3) keep a current-year and a prior-years part.
	{AccountSplit, "3301", "", "", Value{Bool: true}, "D4", "C", []source.ID{source.Hangzhou}, false},
	{AccountSplit, "31", "", "", Value{Bool: true}, "SH1", "A", []source.ID{source.ShanghaiSJ}, false},
	// B1: Xi'an lets a suspended authorizer's account pay (a single web source).
	{AuthorizerSuspendedAllowed, "6101", "", "", Value{Bool: true}, "B1", "C", []source.ID{source.Jiusongjiankang}, false},
	// T5: inside Guangdong a move between pooling regions keeps the balance with the person.
	{TransferKeepsBalanceInProvince, "44", "2022-07-01", "2025-07-01", Value{Bool: true}, "T5", "A", []source.ID{source.GuangdongMove}, false},
	{TransferKeepsBalanceInProvince, "44", "2025-07-01", "", Value{Bool: true}, "T5", "U", []source.ID{source.GuangdongMove}, false},
}

// provinceEvidence is what public sources say of one province's adoption of the
// close-relatives list, province-wide binding and a province-wide wallet (research-2024.md).
//
// The decision dates stay the national ones of rules.md version 2 (2024-12-10 and 2024-11-01):
// rules.md section 3 makes them the dates for every province, and the public boundary cases
// (T17f Nanjing, T18c Chengdu) are written against them. Many provinces adopted earlier
// (Shandong by 2024-08-30, Shanxi 2024-09-01, Jiangsu 2024-10-14, most by 2024-10-20), which
// the sources below report; moving a province's date earlier is a rules.md change, proposed in
// the closing note, not a table edit. The rows therefore confirm, per province and with the
// province's own sources, the rule in force from the national date.
type provinceEvidence struct {
	prefix      string
	relSources  []source.ID // the close-relatives list in force (reported date in the source)
	wideSources []source.ID // province-wide binding in force
	walletWhole bool        // province-wide wallet by 2026-01-09 (R-WLT-08)
	// own: the province's own source, first in relSources, reports the list in force by
	// ownDay ("" when not earlier than the national count that follows it)
	own    bool
	ownDay string
}

// relReported is the day the province's sources report the close-relatives list in force by:
// its own source's day, else the day of the NHSA count first in relSources (2024-10-20,
// 2024-11-26 and 2024-12-09); "" when not earlier.
func (e provinceEvidence) relReported() string {
	if e.own {
		return e.ownDay
	}
	switch e.relSources[0] {
	case source.NHSA20241029:
		return "2024-10-20"
	case source.NHSA20241126:
		return "2024-11-26"
	case source.NHSA20241226:
		return "2024-12-09"
	}
	return ""
}

var provinceEvidences = [...]provinceEvidence{
	{"11", []source.ID{source.BeijingReport, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, true, ""},
	{"12", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, false, false, ""},
	{"13", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"14", []source.ID{source.ShanxiNotice, source.NHSA20241029}, []source.ID{source.NHSA20241029, source.NHSA20241126}, false, true, "2024-09-01"},
	{"15", []source.ID{source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"21", []source.ID{source.NHSA20241126, source.NHSA20241226}, []source.ID{source.NHSA20241126}, false, false, ""},
	{"22", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"23", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"31", []source.ID{source.ShanghaiSJ, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, true, ""},
	{"32", []source.ID{source.JiangsuWujin, source.NHSA20241029}, []source.ID{source.NHSA20241029, source.NHSA20241126}, false, true, "2024-10-14"},
	{"33", []source.ID{source.NHSA20241126, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, false, false, ""},
	{"34", []source.ID{source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"35", []source.ID{source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"36", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"37", []source.ID{source.ShandongReport, source.NHSA20241029}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, true, "2024-08-30"},
	{"41", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"42", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"43", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, false, false, ""},
	{"44", []source.ID{source.NHSA20241226}, []source.ID{source.NHSA20241126}, false, false, ""},
	{"45", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"46", []source.ID{source.NHSA20241126, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"50", []source.ID{source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"51", []source.ID{source.NHSA20241126, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"52", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"53", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"54", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"61", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, false, false, ""},
	{"62", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"63", []source.ID{source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"64", []source.ID{source.NHSA20241126, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
	{"65", []source.ID{source.NHSA20241029, source.NHSA20241226}, []source.ID{source.NHSA20241029, source.NHSA20241126}, true, false, ""},
}

// provinceDateRows gives each province rows of its own from the national dates, so that a
// decision there cites the province's own evidence rather than only the national statement.
func provinceDateRows() []Row {
	var rows []Row
	for _, p := range provinceEvidences {
		close := spec{param: AllowedRelations, where: p.prefix, from: closeRelativesDate, rules: "B3", grade: "B", sources: p.relSources,
			value: Value{Relations: family.CloseRelatives()}}
		wide := spec{param: BindingGeography, where: p.prefix, from: provinceWideDate, rules: "B4", grade: "B", sources: p.wideSources,
			value: Value{Word: SameProvince}}
		// B3: the close-relatives list, confirmed for this province; B4: province-wide binding,
		// confirmed for this province.
		rows = append(rows, close.row(), wide.row())
		if on := p.relReported(); on != "" && on < closeRelativesDate {
			// B3: the province's sources report the list in force earlier than the rules'
			// date; a refusal in between says both (issue 20)
			reported := spec{param: ReportedCloseRelatives, where: p.prefix, rules: "B3", grade: "B", sources: p.relSources,
				value: Value{Date: day(on)}}
			rows = append(rows, reported.row())
		}
		if walletEarlyProvince(p.prefix) {
			// W1: rules.md 11.1; Xinhua 2025-02-07 (province-wide by 2025-02-04)
			early := spec{param: WalletEnabled, where: p.prefix, from: walletEarly, value: Value{Bool: true}, rules: "W1", grade: "B",
				sources: []source.ID{source.WalletXinhua2025, source.WalletSina2026}}
			rows = append(rows, early.row())
		} else if p.walletWhole && p.prefix != "63" {
			// W1: the wallet province-wide (reported 2026-01-09), live from the national date.
			whole := spec{param: WalletEnabled, where: p.prefix, from: walletDate, value: Value{Bool: true}, rules: "W1", grade: "B",
				sources: []source.ID{source.WalletCCTV, source.WalletSina2026}}
			rows = append(rows, whole.row())
		}
	}
	return rows
}

// defaultVersion is version(DefaultRows()). Default does not hash the rows nor check them
// again at every start (about 10 ms of a phone's start in wasm, issue 22):
// TestDefaultTableIsConsistent checks them and says the new version when a row changes.
const defaultVersion = "v4-891704591ae3"

// Default is the version-2 table: DefaultRows, which TestDefaultTableIsConsistent checks.
func Default() *Table {
	t := index(DefaultRows())
	t.version = defaultVersion
	return t
}
