package engine

import "gongji/shared/source"

// ruleSources is each rule's sources and grade as rules.md gives them, for rules whose
// explanation line does not come from a policy-table row. A line cites only those of them that
// speak to the regions it decides for, graded no stronger than the weakest it cites
// (decider.cite); where none does, it cites them as another region's and is graded U. Rules that follow from the request
// itself (B5, B6, B8) rest on the national opinion that defines a binding.
func ruleSources(rule string) ([]source.ID, string) {
	ids := func(id ...source.ID) []source.ID { return id }
	switch rule {
	case "B1", "B2":
		return ids(source.GuoBanFa2021, source.NHSAQA2024, source.SichuanFAQ), "B"
	case "B1-B8", "B5", "B6", "B8", "next", "K1", "RT1":
		return ids(source.GuoBanFa2021, source.NHSAQA2024), "B"
	case "SZ1", "SZ2", "SZ3", "SZ5":
		return ids(source.ShenzhenArticle, source.Shenzhen639880), "C"
	case "S0":
		return ids(source.Regulation735), "B"
	case "S2", "S3":
		return ids(source.GuoBanFa2021), "A"
	case "S4", "S5", "S7", "S8":
		return ids(source.NHSAQA2024, source.ShenzhenArticle, source.Shenzhen635961), "B"
	case "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9", "W11", "W12":
		return ids(source.WalletYantai, source.WalletHenan, source.WalletQinan), "B"
	case "W1":
		// the dates by province (rules.md 11.1), for a line about a day the wallet opens
		return ids(source.WalletXinhua2025, source.WalletCCTV, source.WalletSina2026), "B/U"
	case "W10":
		return ids(source.WalletYantai), "B/C"
	case "D2", "D3":
		return ids(source.JiangsuGuide), "A"
	case "D4":
		return ids(source.Hangzhou), "C"
	case "T1", "T3":
		return ids(source.Transfer2021), "B"
	case "T2":
		return ids(source.Transfer2021, source.HangzhouMove), "B"
	case "RC1", "RC2", "RC3", "RC4", "RC5", "RC6":
		return ids(source.SettleInterface), "C/U"
	case "T4":
		return ids(source.Xinhua202111), "B"
	}
	return nil, ""
}
