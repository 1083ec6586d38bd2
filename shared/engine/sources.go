package engine

// ruleSource is each rule's source and grade as rules.md gives them, for rules whose
// explanation line does not come from a policy-table row.
func ruleSource(rule string) (source, grade string) {
	switch rule {
	case "B1":
		return "国办发〔2021〕14号; NHSA Q&A 2024; seed 003", "A/B"
	case "B2":
		return "国办发〔2021〕14号; Sichuan FAQ 2025-07-04", "A/B"
	case "B1-B8":
		return "rules.md section 3 (国办发〔2021〕14号 and regional rules)", "A/B"
	case "B5", "B6", "B8":
		return "rules.md section 3", "—"
	case "SZ3", "SZ1", "SZ2", "SZ5":
		return "seed 004 (004_c90fcd24a8f6b8de.txt)", "B"
	case "S0":
		return "医疗保障基金使用监督管理条例 art. 41; legaldaily 2024-05-14", "A/B"
	case "S2":
		return "国办发〔2021〕14号 (定点医药机构); seed 003", "A"
	case "S3":
		return "国办发〔2021〕14号 (公共卫生、体育健身、养生保健消费)", "A/B"
	case "S4":
		return "seed 004; bendibao 635961; jiusongjiankang 4521201 (先本人，后共济)", "B"
	case "S5", "S7", "S8":
		return "seed 004; bendibao 635961; jiusongjiankang 4769855", "B"
	case "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9", "W11", "W12":
		return "shm.com.cn 2025-09-18; qinan.gov.cn; hn.ccedn.com.cn 2025-09-19", "B"
	case "W10":
		return "shm.com.cn 2025-09-18 (免费)", "B/C"
	case "D2", "D3":
		return "江苏省医疗保障局 guide (2022): 不收费; research C1", "A"
	case "D4":
		return "husay.cn (Hangzhou)", "B"
	case "T1", "T3":
		return "医保办发〔2021〕43号 (基本医疗保险关系转移接续暂行办法)", "A"
	case "T2":
		return "m.5728338.com (同一统筹区无需转移)", "B"
	case "T4":
		return "gyxww.net 2021-11-29; iamst.cn (Xinhua)", "B"
	}
	return "rules.md", ""
}
