package engine

import "gongji/shared/source"

// ruleSources is each rule's sources and grade as rules.md gives them, for rules whose
// explanation line does not come from a policy-table row. A line cites only those of them that
// speak to the regions it decides for, graded no stronger than the weakest it cites
// (decider.cite); where none does, it cites them as another region's and is graded U. Rules that follow from the request
// itself (B5, B6, B8) rest on the national opinion that defines a binding.
func ruleSources(rule string) ([]source.ID, string) {
	for _, r := range ruleSourceRows {
		for _, name := range r.rules {
			if name == rule {
				return append([]source.ID(nil), r.sources...), r.grade
			}
		}
	}
	return nil, ""
}

// ruleSourceRows is the table ruleSources reads (data, not a switch: issue 22).
var ruleSourceRows = [...]struct {
	rules   []string
	sources []source.ID
	grade   string
}{
	{[]string{"B1", "B2"}, []source.ID{source.GuoBanFa2021, source.NHSAQA2024, source.SichuanFAQ}, "B"},
	{[]string{"B1-B8", "B5", "B6", "B8", "next", "K1", "RT1"}, []source.ID{source.GuoBanFa2021, source.NHSAQA2024}, "B"},
	{[]string{"SZ1", "SZ2", "SZ3", "SZ5"}, []source.ID{source.ShenzhenArticle, source.Shenzhen639880}, "C"},
	{[]string{"S0"}, []source.ID{source.Regulation735}, "B"},
	{[]string{"S2", "S3"}, []source.ID{source.GuoBanFa2021}, "A"},
	{[]string{"S4", "S5", "S7", "S8"}, []source.ID{source.NHSAQA2024, source.ShenzhenArticle, source.Shenzhen635961}, "B"},
	{[]string{"W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9", "W11", "W12"}, []source.ID{source.WalletYantai, source.WalletHenan, source.WalletQinan}, "B"},
	// the dates by province (rules.md 11.1), for a line about a day the wallet opens
	{[]string{"W1"}, []source.ID{source.WalletXinhua2025, source.WalletCCTV, source.WalletSina2026}, "B/U"},
	{[]string{"W10"}, []source.ID{source.WalletYantai}, "B/C"},
	{[]string{"D2", "D3"}, []source.ID{source.JiangsuGuide}, "A"},
	{[]string{"D4"}, []source.ID{source.Hangzhou}, "C"},
	{[]string{"T1", "T3"}, []source.ID{source.Transfer2021}, "B"},
	{[]string{"T2"}, []source.ID{source.Transfer2021, source.HangzhouMove}, "B"},
	{[]string{"RC1", "RC2", "RC3", "RC4", "RC5", "RC6"}, []source.ID{source.SettleInterface}, "C/U"},
	{[]string{"T4"}, []source.ID{source.Xinhua202111}, "B"},
}
