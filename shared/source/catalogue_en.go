//go:build !gongji_lean

package source

// englishRows are the catalogue's issuers, titles and document numbers in English, apart from
// sourceList: the PWA's lean build (tag gongji_lean, catalogue_lean.go) leaves them out of the
// wasm and is given them with the other English texts when a person chooses English.
var englishRows = [...]struct {
	id ID
	en English
}{
	{GuoBanFa2021, English{Issuer: "General Office of the State Council", Title: "Guiding Opinions on Establishing and Improving the Outpatient Mutual-Aid Mechanism of Employee Basic Medical Insurance", DocNo: "Guobanfa [2021] No. 14"}},
	{GuoBanFa2024, English{Issuer: "General Office of the State Council (reported by Xinhua)", Title: "Guiding Opinions on a Long-Term Mechanism for Enrolment in Basic Medical Insurance", DocNo: "Guobanfa [2024] No. 38"}},
	{Regulation735, English{Issuer: "State Council", Title: "Regulations on the Supervision and Administration of the Use of Medical Security Funds (article 41)", DocNo: "State Council Decree No. 735"}},
	{Transfer2021, English{Issuer: "National Healthcare Security Administration and Ministry of Finance", Title: "Interim Measures for the Transfer of Basic Medical Insurance Relationships", DocNo: "Yibaobanfa [2021] No. 43"}},
	{NHSA20241126, English{Issuer: "Xinhua (National Healthcare Security Administration)", Title: "Employee accounts now shared province-wide everywhere: what to know about family mutual aid"}},
	{NHSA20241226, English{Issuer: "China News Service (National Healthcare Security Administration)", Title: "Every province has extended account sharing to close relatives"}},
	{NHSA20241029, English{Issuer: "China News Service (National Healthcare Security Administration)", Title: "Progress of wider account sharing (as of 20 October 2024)"}},
	{NHSAQA2024, English{Issuer: "National Healthcare Security Administration", Title: "How can an employee account pay for the family? Points to note"}},
	{SichuanFAQ, English{Issuer: "Sichuan Healthcare Security Administration", Title: "What can family mutual aid pay for, and for which family members?"}},
	{JiangsuGuide, English{Issuer: "Jiangsu Healthcare Security Administration", Title: "Service Guide for Medical Security Affairs in Jiangsu (2022)"}},
	{JiangsuWujin, English{Issuer: "Wujin News", Title: "Jiangsu extends account sharing to close relatives"}},
	{ShanxiNotice, English{Issuer: "Shanxi Healthcare Security Administration", Title: "Wider account sharing from 1 September 2024"}},
	{ShandongReport, English{Issuer: "Jiangnan Evening News", Title: "Employee accounts may pay for close relatives"}},
	{BeijingReport, English{Issuer: "Beijing Healthcare Security Administration (media report)", Title: "Notice on widening the sharing of employee medical-insurance accounts"}},
	{ShanghaiSJ, English{Issuer: "Songjiang District Healthcare Security Bureau, Shanghai", Title: "Questions on the family mutual-aid network"}},
	{HainanPooling, English{Issuer: "Hainan Healthcare Security Administration", Title: "Province-wide pooling of the medical insurance fund"}},
	{ChongqingPool, English{Issuer: "Chinese government website", Title: "Chongqing pools employee insurance city-wide"}},
	{GuangdongMove, English{Issuer: "Guangdong Healthcare Security Administration, Finance Department and Tax Service", Title: "Interim Measures for Moving Basic Medical Insurance within Guangdong (article 14)", DocNo: "Yueyibaogui [2022] No. 6"}},
	{ShenzhenOrder, English{Issuer: "Shenzhen Municipal Government", Title: "Shenzhen Medical Security Measures", DocNo: "Shenzhen Government Decree No. 358"}},
	{ShenzhenArticle, English{Issuer: "Shenzhen Bendibao", Title: "Can a Shenzhen account balance pay for the family?"}},
	{Shenzhen635961, English{Issuer: "Shenzhen Bendibao", Title: "Shenzhen family mutual aid: order of payment and the new rules"}},
	{Shenzhen639880, English{Issuer: "Shenzhen Bendibao", Title: "How to bind family mutual aid in Shenzhen"}},
	{WalletYantai, English{Issuer: "Yantai Evening News", Title: "The medical-insurance wallet goes live"}},
	{WalletHenan, English{Issuer: "Henan Business Daily", Title: "How to use the medical-insurance wallet"}},
	{WalletCCTV, English{Issuer: "CCTV News", Title: "Every province but Guangdong has the medical-insurance wallet"}},
	{WalletSina2026, English{Issuer: "Sina Finance (National Healthcare Security Administration figures)", Title: "The wallet is live in 337 pooling regions of 30 provinces and the XPCC, province-wide in 24"}},
	{WalletQinghai, English{Issuer: "Xining Bendibao", Title: "Qinghai launches the medical-insurance wallet"}},
	{WalletQinan, English{Issuer: "Qin'an County Government", Title: "Guide to the medical-insurance wallet"}},
	{Qingdao2023, English{Issuer: "Qingdao News", Title: "What Qingdao family mutual aid can pay for"}},
	{Quanzhou2023, English{Issuer: "Quanzhou local news site", Title: "When a Quanzhou personal account can be paid out"}},
	{Weihai, English{Issuer: "jxyuer.com", Title: "When a Weihai personal account can be paid out"}},
	{Wuhan64365, English{Issuer: "64365.com legal Q&A", Title: "When a Wuhan personal account can be paid out"}},
	{WuhanGov, English{Issuer: "Wuhan Municipal Government", Title: "Family mutual aid: how it works"}},
	{Hangzhou, English{Issuer: "husay.cn", Title: "Hangzhou accounts: historical and current-year parts"}},
	{HangzhouMove, English{Issuer: "5728338.com", Title: "No transfer is needed inside one pooling region"}},
	{Xinhua202111, English{Issuer: "Xinhua", Title: "Moving medical insurance: benefits continue after a gap of up to 3 months"}},
	{SettleInterface, English{Issuer: "National Healthcare Security Administration interface (as found in public hospital-system code)", Title: "Interface specification for designated institutions: settlement output (2207)"}},
	{WalletXinhua2025, English{Issuer: "Xinhua (National Healthcare Security Administration figures)", Title: "The wallet, launched on 2 December 2024, is live in 117 pooling regions of 14 provinces by 4 February 2025, province-wide in Hebei, Anhui, Henan, Hubei, Sichuan and Tibet"}},
	{WalletNotice2026, English{Issuer: "Sina Finance (notice of the National Healthcare Security Administration and the Ministry of Finance)", Title: "Notice on cross-province sharing of employee medical-insurance accounts: shared money may pay a close relative's resident-insurance and long-term-care contributions"}},
	{BeijingGov2022, English{Issuer: "Beijing Municipal People's Government", Title: "Employee accounts may pay the Beijing Puhui Health Insurance premium of family members insured in Beijing"}},
	{ShanghaiShine, English{Issuer: "Shanghai Daily (SHINE)", Title: "Huhuibao premiums may be paid from the employee medical-insurance account"}},
	{JiangsuMutualAid, English{Issuer: "Jiangsu Healthcare Security Administration", Title: "Family mutual aid of employee accounts in Jiangsu: it may pay close relatives' resident-insurance and long-term-care contributions"}},
	{Jiusongjiankang, English{Issuer: "a health Q&A website", Title: "Common questions on family mutual aid"}},
}

// englishOf is a source's English words.
func englishOf(id ID) English {
	for _, r := range englishRows {
		if r.id == id {
			return r.en
		}
	}
	return English{}
}

// EnglishTable is every source's English words by ID, for build/tools/englishjs, which writes
// them where the lean client build loads them from.
func EnglishTable() map[ID]English {
	out := make(map[ID]English, len(englishRows))
	for _, r := range englishRows {
		out[r.id] = r.en
	}
	return out
}

// InstallEnglish is for lean client builds, which are given the English words when a person
// chooses English; a build with them compiled in ignores it.
func InstallEnglish(map[ID]English) {}
