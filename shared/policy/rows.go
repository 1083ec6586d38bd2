package policy

import (
	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/money"
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

// Short forms for the rows below.
func always() civil.Range     { return civil.Range{From: civil.Always, To: civil.Never} }
func core() []family.Relation { return []family.Relation{family.Spouse, family.Parent, family.Child} }
func words(w ...string) Value { return Value{Words: w} }
func yes() Value              { return Value{Bool: true} }
func no() Value               { return Value{Bool: false} }

func until(d string) civil.Range { return civil.Range{From: civil.Always, To: civil.MustDate(d)} }
func from(d string) civil.Range  { return civil.Range{From: civil.MustDate(d), To: civil.Never} }
func between(a, b string) civil.Range {
	return civil.Range{From: civil.MustDate(a), To: civil.MustDate(b)}
}

// row is one table row; src lists its catalogue sources.
func row(p Param, where region.Scope, during civil.Range, v Value, rules, grade string, src ...source.ID) Row {
	return Row{Param: p, Where: where, During: during, Value: v, Rules: rules, Grade: grade, Sources: src}
}

// standIn marks a national row as the stand-in for regions whose own rule is not known.
func standIn(r Row) Row {
	r.LocalDefault = true
	return r
}

// DefaultRows is version 2 of the region table (rules.md section 7, then the provinces'
// own dates of research-2024.md).
func DefaultRows() []Row {
	rows := nationalRows()
	rows = append(rows, shenzhenRows()...)
	rows = append(rows, regionalRows()...)
	rows = append(rows, provinceDateRows()...)
	return rows
}

func nationalRows() []Row {
	return []Row{
		// B3: spouse, parent, child; the close-relatives list from the close-relatives date.
		row(AllowedRelations, region.Nationwide(), until(closeRelativesDate), Value{Relations: core()}, "B3", "A", source.GuoBanFa2021),
		row(AllowedRelations, region.Nationwide(), from(closeRelativesDate), Value{Relations: family.CloseRelatives()}, "B3", "B", source.GuoBanFa2024, source.NHSA20241226),
		// B4: same city before the province-wide date, same province from it.
		// (the 2021 opinion says nothing of cities: the same-city reading rests on NHSA 2024-11-26,
		// which reports the move from the pooling region to the province, so B)
		row(BindingGeography, region.Nationwide(), until(provinceWideDate), Value{Word: SameCity}, "B4", "B", source.NHSA20241126),
		row(BindingGeography, region.Nationwide(), from(provinceWideDate), Value{Word: SameProvince}, "B4", "B", source.NHSA20241126),
		// B7: scopes offered. Medical everywhere; resident premium nationally from 2024-08-01;
		// LTC and commercial premiums only where a region says so.
		row(ScopeMedical, region.Nationwide(), always(), yes(), "B7", "A", source.GuoBanFa2021),
		// (the 2021 opinion only says to "explore" premiums: before 2024-08-01 no source says no, U)
		row(ScopeResidentPremium, region.Nationwide(), until("2024-08-01"), no(), "B7", "U", source.GuoBanFa2021),
		row(ScopeResidentPremium, region.Nationwide(), from("2024-08-01"), yes(), "B7", "B", source.GuoBanFa2024),
		standIn(row(ScopeLTCPremium, region.Nationwide(), always(), no(), "B7", "U", source.GuoBanFa2021)),
		standIn(row(ScopeCommercialPremium, region.Nationwide(), always(), no(), "B7", "U", source.GuoBanFa2021)),
		// S1: eligible base.
		standIn(row(EligibleBase, region.Nationwide(), always(), Value{Word: PolicySelfPay}, "S1", "A/U", source.GuoBanFa2021)),
		// S6: authorizer order.
		standIn(row(AuthorizerOrder, region.Nationwide(), always(), Value{Word: BindingOrder}, "S6", "C", source.Jiusongjiankang)),
		// D1: withdrawal grounds: death everywhere; other grounds only where a region lists them.
		// (the one source is Jiangsu's guide: as a national default it is unconfirmed, U)
		standIn(row(WithdrawalGrounds, region.Nationwide(), always(), words("death"), "D1", "U", source.JiangsuGuide)),
		// W1: rules.md 11.1; Xinhua 2025-02-07 (launched 2024-12-02: no province before it)
		row(WalletEnabled, region.Nationwide(), until(WalletLaunch), no(), "W1", "B", source.WalletXinhua2025),
		// W1: rules.md 11.1; live only in part, or not known live, before 2025-09-18
		row(WalletEnabled, region.Nationwide(), between(WalletLaunch, walletDate), no(), "W1", "B/U", source.WalletXinhua2025, source.WalletCCTV),
		// W1: every province but Guangdong from 2025-09-18, some only in part.
		standIn(row(WalletEnabled, region.Nationwide(), from(walletDate), yes(), "W1", "B/U", source.WalletCCTV, source.WalletSina2026)),
		// B1: a suspended authorizer may not bind (active insurance required).
		// (no source speaks of a suspended authorizer: U)
		row(AuthorizerSuspendedAllowed, region.Nationwide(), always(), no(), "B1", "U", source.GuoBanFa2021, source.NHSAQA2024),
		// Shenzhen-only parameters: nationally they do not apply. No source says so for the other
		// regions: a national default no source addresses, U.
		row(AuthorizerTierRequired, region.Nationwide(), always(), Value{Int: 0}, "SZ1", "U", source.GuoBanFa2021),
		row(CardLinkRequired, region.Nationwide(), always(), no(), "SZ3", "U", source.GuoBanFa2021),
		row(AuthorizerThreshold, region.Nationwide(), always(), Value{Amount: 0}, "SZ6", "U", source.GuoBanFa2021),
		row(LegacyBindingCutoff, region.Nationwide(), always(), Value{Date: civil.Never}, "SZ5", "U", source.GuoBanFa2021),
		row(MedicalPayArea, region.Nationwide(), always(), Value{Word: Anywhere}, "SZ7", "U", source.NHSA20241126),
		row(ClaimableElsewhere, region.Nationwide(), always(), yes(), "SZ8", "U", source.GuoBanFa2021),
		// T3: the balance moves with the person.
		row(TransferKeepsBalanceInProvince, region.Nationwide(), always(), no(), "T3", "B", source.Transfer2021),
		// W12: rules.md 11.2; NHSA and MoF notice reported 2026-01-09 (the wallet pays the
		// holder's LTC contribution; the day is the publication day, U)
		row(WalletPaysLTC, region.Nationwide(), until(walletLTCDate), no(), "W12", "B/U", source.WalletNotice2026),
		row(WalletPaysLTC, region.Nationwide(), from(walletLTCDate), yes(), "W12", "B/U", source.WalletNotice2026),
		// SH1: nationally a binding pays from the whole balance (国办发〔2021〕14号 knows no split).
		row(MutualAidFromHistory, region.Nationwide(), always(), no(), "SH1", "U", source.GuoBanFa2021),
		// B3: no province reports the close-relatives list before the national date unless a
		// row below says so (the national date rests on NHSA 2024-12-26).
		row(ReportedCloseRelatives, region.Nationwide(), always(), Value{Date: civil.Never}, "B3", "B", source.NHSA20241226),
	}
}

func shenzhenRows() []Row {
	sz := region.InCity("4403")
	return []Row{
		// SZ4: spouse, parent, child until the national date; from it B3 applies (end date
		// inferred from NHSA's province count: no Shenzhen notice found).
		row(AllowedRelations, sz, until(closeRelativesDate), Value{Relations: core()}, "SZ4", "C/U", source.ShenzhenArticle, source.NHSA20241226),
		// SZ2: beneficiary insured in Shenzhen until the province-wide date; then B4.
		row(BindingGeography, sz, until(provinceWideDate), Value{Word: SameCity}, "SZ2", "C/U", source.ShenzhenArticle, source.NHSA20241126),
		row(ScopeResidentPremium, sz, from("2021-01-01"), yes(), "B7", "C", source.ShenzhenArticle, source.Shenzhen639880),
		row(AuthorizerOrder, sz, always(), Value{Word: BalanceDesc}, "S6", "C/U", source.Shenzhen635961),
		row(AuthorizerTierRequired, sz, always(), Value{Int: 1}, "SZ1", "C", source.ShenzhenArticle, source.Shenzhen639880),
		row(CardLinkRequired, sz, always(), yes(), "SZ3", "C", source.ShenzhenArticle),
		// SZ6: the threshold before 2023-10-01 (5% of the previous year's average wage).
		row(AuthorizerThreshold, sz, until("2023-10-01"), Value{Amount: money.MustParse("6387.85")}, "SZ6", "C", source.Shenzhen635961, source.Jiusongjiankang),
		row(AuthorizerThreshold, sz, from("2023-10-01"), Value{Amount: 0}, "SZ6", "C", source.Shenzhen635961),
		row(LegacyBindingCutoff, sz, always(), Value{Date: civil.MustDate("2023-10-01")}, "SZ5", "C", source.ShenzhenArticle),
		// SZ7: Shenzhen only, then Guangdong from the province-wide date.
		row(MedicalPayArea, sz, until(provinceWideDate), Value{Word: SameCity}, "SZ7", "C", source.ShenzhenArticle),
		row(MedicalPayArea, sz, from(provinceWideDate), Value{Word: SameProvince}, "SZ7", "C/U", source.ShenzhenArticle, source.NHSA20241126),
		row(ClaimableElsewhere, sz, always(), no(), "SZ8", "C", source.ShenzhenArticle),
	}
}

func regionalRows() []Row {
	return []Row{
		// (the 2022 guide never mentions the LTC premium; the bureau's 2025-06-30 page does, read
		// only through a repository's summary of it: C)
		row(ScopeLTCPremium, region.InProvince("32"), always(), yes(), "B7", "C", source.JiangsuMutualAid),
		row(ScopeCommercialPremium, region.InCity("3702"), always(), yes(), "B7", "B", source.Qingdao2023),
		row(WithdrawalGrounds, region.InProvince("32"), always(), words("death", "voluntary_exit", "lump_sum_pension_clearing"), "D1", "A", source.JiangsuGuide),
		row(WithdrawalGrounds, region.InCity("3505"), always(), words("death", "emigration", "move_no_transfer", "retiree_nonlocal", "to_resident_elsewhere"), "D1", "C", source.Quanzhou2023),
		row(WithdrawalGrounds, region.InCity("3710"), always(), words("death", "emigration", "move_no_transfer", "retiree_resettled"), "D1", "C", source.Weihai),
		row(WithdrawalGrounds, region.InCity("4201"), always(), words("death", "emigration", "move_no_transfer"), "D1", "C", source.Wuhan64365),
		row(WithdrawalGrounds, region.InCity("3301"), always(), words("death", "emigration", "move_no_transfer"), "D1", "C", source.Hangzhou),
		// W1: Qinghai from 2025-07-01; Guangdong not enabled (as of 2026-01).
		// (the date rests on a 本地宝 page: C)
		row(WalletEnabled, region.InProvince("63"), from("2025-07-01"), yes(), "W1", "C", source.WalletQinghai, source.WalletSina2026),
		// W1: rules.md 11.1; CCTV 2025-09-22 and the NHSA list of 2026-01: Guangdong not live;
		// nothing later is known, so after January 2026 it is unconfirmed.
		row(WalletEnabled, region.InProvince("44"), until("2026-02-01"), no(), "W1", "B", source.WalletCCTV, source.WalletSina2026),
		row(WalletEnabled, region.InProvince("44"), from("2026-02-01"), no(), "W1", "U", source.WalletCCTV, source.WalletSina2026),
		// BJ1: rules.md 11.4; Beijing Municipal People's Government 2022-11-04 (北京普惠健康保)
		row(ScopeCommercialPremium, region.InProvince("11"), from("2022-12-01"), yes(), "BJ1", "A", source.BeijingGov2022),
		// SH2: rules.md 11.5; SHINE 2021-04-27 (沪惠保 from the account)
		row(ScopeCommercialPremium, region.InProvince("31"), from("2021-04-27"), yes(), "SH2", "B", source.ShanghaiShine),
		// SH1: rules.md 11.3; 上海市松江区医疗保障局 2025-07-23 (the 家庭共济网 is funded from the 历年账户)
		row(MutualAidFromHistory, region.InProvince("31"), always(), yes(), "SH1", "A", source.ShanghaiSJ),
		// B1: Xi'an lets a suspended authorizer's account pay (a single web source).
		row(AuthorizerSuspendedAllowed, region.InCity("6101"), always(), yes(), "B1", "C", source.Jiusongjiankang),
		// T5: inside Guangdong a move between pooling regions keeps the balance with the person.
		row(TransferKeepsBalanceInProvince, region.InProvince("44"), between("2022-07-01", "2025-07-01"), yes(), "T5", "A", source.GuangdongMove),
		row(TransferKeepsBalanceInProvince, region.InProvince("44"), from("2025-07-01"), yes(), "T5", "U", source.GuangdongMove),
	}
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
	relReported string      // the day the province's sources report the list in force; "" when not earlier
	relSources  []source.ID // the close-relatives list in force (reported date in the source)
	wideSources []source.ID // province-wide binding in force
	walletWhole bool        // province-wide wallet by 2026-01-09 (R-WLT-08)
}

func provinceEvidences() []provinceEvidence {
	byOct20 := []source.ID{source.NHSA20241029, source.NHSA20241226}
	byNov26 := []source.ID{source.NHSA20241126, source.NHSA20241226}
	byDec09 := []source.ID{source.NHSA20241226}
	wide := []source.ID{source.NHSA20241029, source.NHSA20241126}
	wideOct := []source.ID{source.NHSA20241126}
	p := func(prefix string, rel, wide []source.ID, wallet bool) provinceEvidence {
		e := provinceEvidence{prefix: prefix, relSources: rel, wideSources: wide, walletWhole: wallet}
		// the day each source reports the list in force by (NHSA's counts of 2024-10-20,
		// 2024-11-26 and 2024-12-09); a province's own source, below, may say earlier
		switch rel[0] {
		case source.NHSA20241029:
			e.relReported = "2024-10-20"
		case source.NHSA20241126:
			e.relReported = "2024-11-26"
		case source.NHSA20241226:
			e.relReported = "2024-12-09"
		}
		return e
	}
	own := func(e provinceEvidence, day string) provinceEvidence {
		e.relReported = day
		return e
	}
	return []provinceEvidence{
		own(p("11", []source.ID{source.BeijingReport, source.NHSA20241226}, wide, true), ""),
		p("12", byOct20, wide, false),
		p("13", byOct20, wide, true),
		own(p("14", []source.ID{source.ShanxiNotice, source.NHSA20241029}, wide, false), "2024-09-01"),
		p("15", byDec09, wide, true),
		p("21", byNov26, wideOct, false),
		p("22", byOct20, wide, true),
		p("23", byOct20, wide, true),
		own(p("31", []source.ID{source.ShanghaiSJ, source.NHSA20241226}, wide, true), ""),
		own(p("32", []source.ID{source.JiangsuWujin, source.NHSA20241029}, wide, false), "2024-10-14"),
		p("33", byNov26, wide, false),
		p("34", byDec09, wide, true),
		p("35", byDec09, wide, true),
		p("36", byOct20, wide, true),
		own(p("37", []source.ID{source.ShandongReport, source.NHSA20241029}, wide, true), "2024-08-30"),
		p("41", byOct20, wide, true),
		p("42", byOct20, wide, true),
		p("43", byOct20, wide, false),
		p("44", byDec09, wideOct, false),
		p("45", byOct20, wide, true),
		p("46", byNov26, wide, true),
		p("50", byDec09, wide, true),
		p("51", byNov26, wide, true),
		p("52", byOct20, wide, true),
		p("53", byOct20, wide, true),
		p("54", byOct20, wide, true),
		p("61", byOct20, wide, false),
		p("62", byOct20, wide, true),
		p("63", byDec09, wide, true),
		p("64", byNov26, wide, true),
		p("65", byOct20, wide, true),
	}
}

// provinceDateRows gives each province rows of its own from the national dates, so that a
// decision there cites the province's own evidence rather than only the national statement.
func provinceDateRows() []Row {
	var rows []Row
	for _, p := range provinceEvidences() {
		where := region.InProvince(p.prefix)
		rows = append(rows,
			// B3: the close-relatives list, confirmed for this province.
			row(AllowedRelations, where, from(closeRelativesDate), Value{Relations: family.CloseRelatives()}, "B3", "B", p.relSources...),
			// B4: province-wide binding, confirmed for this province.
			row(BindingGeography, where, from(provinceWideDate), Value{Word: SameProvince}, "B4", "B", p.wideSources...),
		)
		if p.relReported != "" && p.relReported < closeRelativesDate {
			// B3: the province's sources report the list in force earlier than the rules'
			// date; a refusal in between says both (issue 20)
			rows = append(rows, row(ReportedCloseRelatives, where, always(), Value{Date: civil.MustDate(p.relReported)}, "B3", "B", p.relSources...))
		}
		if walletEarlyProvince(p.prefix) {
			// W1: rules.md 11.1; Xinhua 2025-02-07 (province-wide by 2025-02-04)
			rows = append(rows, row(WalletEnabled, where, from(walletEarly), yes(), "W1", "B", source.WalletXinhua2025, source.WalletSina2026))
		} else if p.walletWhole && p.prefix != "63" {
			// W1: the wallet province-wide (reported 2026-01-09), live from the national date.
			rows = append(rows, row(WalletEnabled, where, from(walletDate), yes(), "W1", "B", source.WalletCCTV, source.WalletSina2026))
		}
	}
	return rows
}

// Default is the version-2 table. It panics only if DefaultRows fails Check, which a test
// guards.
func Default() *Table {
	t, err := NewTable(DefaultRows())
	if err != nil {
		panic(err)
	}
	return t
}
