package source

// The catalogue's IDs, for the policy table and the engine to cite.
const (
	GuoBanFa2021    ID = "gbf-2021-14"
	GuoBanFa2024    ID = "gbf-2024-38"
	Regulation735   ID = "gwyl-735"
	Transfer2021    ID = "ybbf-2021-43"
	NHSA20241126    ID = "nhsa-2024-11-26"
	NHSA20241226    ID = "nhsa-2024-12-26"
	NHSA20241029    ID = "nhsa-2024-10-29"
	NHSAQA2024      ID = "nhsa-qa-2024"
	SichuanFAQ      ID = "sc-faq-2025-07-04"
	JiangsuGuide    ID = "js-guide-2022"
	JiangsuWujin    ID = "js-wujin-2024-10-14"
	ShanxiNotice    ID = "sx-2024-09-01"
	ShandongReport  ID = "sd-2024-08-30"
	BeijingReport   ID = "bj-2024-12-11"
	ShanghaiSJ      ID = "sh-songjiang-2025-07-23"
	HainanPooling   ID = "hi-pooling-2021"
	ChongqingPool   ID = "cq-pooling-2011"
	GuangdongMove   ID = "gd-2022-6"
	ShenzhenOrder   ID = "sz-order-358"
	ShenzhenArticle ID = "sz-bendibao-163"
	Shenzhen635961  ID = "sz-bendibao-635961"
	Shenzhen639880  ID = "sz-bendibao-639880"
	WalletYantai    ID = "wallet-ytwb-2025-09-18"
	WalletHenan     ID = "wallet-hnsb-2025-09-19"
	WalletCCTV      ID = "wallet-cctv-2025-09-22"
	WalletQinghai   ID = "wallet-qinghai-2025-07"
	WalletSina2026  ID = "wallet-sina-2026-01-10"
	WalletQinan     ID = "wallet-qinan"
	Qingdao2023     ID = "qd-2023-11-23"
	Quanzhou2023    ID = "qz-2023-12"
	Weihai          ID = "wh-jxyuer"
	Wuhan64365      ID = "wuhan-64365"
	WuhanGov        ID = "wuhan-gov-2023-10-17"
	Hangzhou        ID = "hz-husay"
	HangzhouMove    ID = "hz-5728338"
	Xinhua202111    ID = "xinhua-2021-11-29"
	Jiusongjiankang ID = "jsjk"
	SettleInterface ID = "nhsa-setl-interface"
	// version 4 (research-2026.md)
	WalletXinhua2025 ID = "wallet-xinhua-2025-02-07"
	WalletNotice2026 ID = "wallet-notice-2026-01-09"
	BeijingGov2022   ID = "bj-gov-2022-11-04"
	ShanghaiShine    ID = "sh-shine-2021-04-27"
	// issue 20 audit
	JiangsuMutualAid ID = "js-mutual-aid-2025-06-30"
)

// Default is the catalogue every explanation cites (research.md section 6 and research-2024.md).
func Default() *Catalogue { return New(entries()) }

func entries() []Source {
	list := append([]Source(nil), sourceList[:]...)
	for i := range list {
		en := englishOf(list[i].ID)
		list[i].IssuerEN, list[i].TitleEN, list[i].DocNoEN = en.Issuer, en.Title, en.DocNo
	}
	return list
}

// English is a source's issuer, title and document number in English (Source's ...EN). They
// are kept apart from sourceList (catalogue_en.go), so that the PWA's lean build can leave
// them out and be given them when a person chooses English (catalogue_lean.go).
type English struct {
	Issuer, Title, DocNo string
}

// sourceList is the catalogue's sources: a table the linker writes as data (built by code in a
// function, it cost the wasm 5 KB); entries hands out a copy, so nobody changes it.
var sourceList = [...]Source{
	{ID: GuoBanFa2021, Kind: Official, Grade: "A", Own: true,
		Issuer: "国务院办公厅",
		Title:  "关于建立健全职工基本医疗保险门诊共济保障机制的指导意见",
		DocNo:  "国办发〔2021〕14号", Date: "2021-04-13",
		URL: "https://www.gov.cn/zhengce/content/2021-04/22/content_5601280.htm"},
	{ID: GuoBanFa2024, Kind: Media, Grade: "B",
		Issuer: "国务院办公厅（新华社报道）",
		Title:  "关于健全基本医疗保险参保长效机制的指导意见",
		DocNo:  "国办发〔2024〕38号", Date: "2024-08-01",
		URL: "http://dzb.jmrb.com:8080/jmrb/html/2024-08/02/content_711183.htm"},
	{ID: Regulation735, Kind: Media, Grade: "B",
		Issuer: "国务院",
		Title:  "医疗保障基金使用监督管理条例（第四十一条）",
		DocNo:  "国务院令第735号", Date: "2021-01-15",
		URL: "http://epaper.legaldaily.com.cn/fzrb/content/20240514/Articel07008GN.htm"},
	{ID: Transfer2021, Kind: Media, Grade: "B",
		Issuer: "国家医疗保障局办公室、财政部办公厅",
		Title:  "基本医疗保险关系转移接续暂行办法",
		DocNo:  "医保办发〔2021〕43号", Date: "2021-11",
		URL: "http://www.gardenhomesupplies.com/sxzhuanke/HTML/11556766.html"},
	{ID: NHSA20241126, Kind: Media, Grade: "B",
		Issuer: "新华社（国家医保局发布）",
		Title:  "职工医保个账省内共济全覆盖 “家庭共济”这些要点需注意",
		Date:   "2024-11-26",
		URL:    "http://m.1000cx.com/msht/detail/20241127/1000200033136251732668973111951545_1.html"},
	{ID: NHSA20241226, Kind: Media, Grade: "B",
		Issuer: "中国新闻网（国家医保局发布）",
		Title:  "所有省份已将个人账户共济范围扩大至近亲属",
		Date:   "2024-12-26",
		URL:    "http://www.lhoil.com/fzdt/newshtml/fzjd/20241226100059.htm"},
	{ID: NHSA20241029, Kind: Media, Grade: "B",
		Issuer: "中国新闻网（国家医保局发布）",
		Title:  "职工医保个人账户共济范围扩大进展（截至10月20日）",
		Date:   "2024-10-29",
		URL:    "https://zjrcjd.cn/eqy1mw.html"},
	{ID: NHSAQA2024, Kind: Media, Grade: "B",
		Issuer: "国家医疗保障局",
		Title:  "职工医保个人账户如何共济给家人？这些要点需注意",
		URL:    "http://iyua.cn/29/12017.html"},
	{ID: SichuanFAQ, Kind: Official, Grade: "A", Own: true, Scope: []string{"51"},
		Issuer: "四川省医疗保障局",
		Title:  "职工医保个人账户家庭共济可以共济支付的范围是什么？可以帮哪些家庭成员共济？",
		Date:   "2025-07-04",
		URL:    "http://ylbzj.sc.gov.cn/scsybj/nc030603/2025/7/4/30cd35203b134f4eac35d0c21f108564.shtml"},
	{ID: JiangsuGuide, Kind: Official, Grade: "A", Own: true, Scope: []string{"32"},
		Issuer: "江苏省医疗保障局",
		Title:  "全省医疗保障经办政务服务事项办事指南（2022版）",
		Date:   "2022-04-27",
		URL:    "https://ybj.jiangsu.gov.cn/art/2022/4/27/art_75671_10430132.html"},
	{ID: JiangsuWujin, Kind: Media, Grade: "B", Own: true, Scope: []string{"32"},
		Issuer: "武进新闻",
		Title:  "江苏职工医保个人账户共济范围扩大至近亲属",
		Date:   "2024-10-14",
		URL:    "https://app.wjyanghu.com/yhw/hotspot/wjxw/2024-10-14/149373.html"},
	{ID: ShanxiNotice, Kind: Media, Grade: "B", Scope: []string{"14"},
		Issuer: "山西省医疗保障局",
		Title:  "自2024年9月1日起职工医保个人账户共济范围扩大",
		Date:   "2024-09-01",
		URL:    "http://jszp.org/news/news_show/id/25857.html"},
	{ID: ShandongReport, Kind: Media, Grade: "B", Own: true, Scope: []string{"37"},
		Issuer: "江南晚报",
		Title:  "职工医保个人账户可为近亲属使用",
		Date:   "2024-08-30",
		URL:    "http://szb.wxrb.com/jnwb/pc/content/202408/30/content_177991.html"},
	{ID: BeijingReport, Kind: Media, Grade: "B", Scope: []string{"11"},
		Issuer: "北京市医疗保障局（媒体报道）",
		Title:  "关于扩大职工医保个人账户共济范围的通知",
		Date:   "2024-12-11",
		URL:    "https://cpm010.org.cn/content-36-3555-1.html"},
	{ID: ShanghaiSJ, Kind: Official, Grade: "A", Own: true, Scope: []string{"31"},
		Issuer: "上海市松江区医疗保障局",
		Title:  "家庭共济网问答",
		Date:   "2025-07-23",
		URL:    "https://www.songjiang.gov.cn/govxxgk/SHSJ49/2025-07-23/69f9fe36-2762-4ead-a25c-a5cab7d9926e.html"},
	{ID: HainanPooling, Kind: Media, Grade: "B", Scope: []string{"46"},
		Issuer: "海南省医疗保障局",
		Title:  "医保基金全省统收统支",
		Date:   "2021-03-27",
		URL:    "https://ybzffs.com/page41?article_id=23436"},
	{ID: ChongqingPool, Kind: Media, Grade: "B", Scope: []string{"50"},
		Issuer: "中国政府网",
		Title:  "重庆职工医保实现全市统筹",
		Date:   "2011-11-02",
		URL:    "http://nakedoat.com/govweb/gzdt/2011-11/02/content_1983973.htm"},
	{ID: GuangdongMove, Kind: Official, Grade: "A", Own: true, Scope: []string{"44"},
		Issuer: "广东省医疗保障局、广东省财政厅、国家税务总局广东省税务局",
		Title:  "广东省基本医疗保险关系省内转移接续暂行办法（第十四条）",
		DocNo:  "粤医保规〔2022〕6号", Date: "2022-05-10",
		URL: "https://hsa.gd.gov.cn/zwgk/zfxxgkml/bmwj/gfxwj/content/post_3953355.html"},
	{ID: ShenzhenOrder, Kind: Official, Grade: "A", Own: true, Scope: []string{"4403"},
		Issuer: "深圳市人民政府",
		Title:  "深圳市医疗保障办法",
		DocNo:  "深圳市人民政府令第358号", Date: "2023-09-07",
		URL: "https://www.sz.gov.cn/szsrmzfxxgk/zc/gz/content/post_10826936.html"},
	{ID: ShenzhenArticle, Kind: Article, Grade: "C", Scope: []string{"4403"},
		Issuer: "深圳本地宝",
		Title:  "深圳医保个账余额可以给家人用吗？",
		URL:    "https://www.163.com/dy/article/IOC6MCIR0525CKB5.html"},
	{ID: Shenzhen635961, Kind: Article, Grade: "C", Own: true, Scope: []string{"4403"},
		Issuer: "深圳本地宝",
		Title:  "深圳医保家庭共济扣款顺序及新规",
		Date:   "2023-10-02",
		URL:    "http://bsy.sz.bendibao.com/bsyDetail/635961.html"},
	{ID: Shenzhen639880, Kind: Article, Grade: "C", Own: true, Scope: []string{"4403"},
		Issuer: "深圳本地宝",
		Title:  "深圳医保家庭共济绑定办理渠道",
		URL:    "http://bsy.sz.bendibao.com/bsyDetail/639880.html"},
	{ID: WalletYantai, Kind: Media, Grade: "B", Own: true,
		Issuer: "烟台晚报",
		Title:  "医保钱包上线",
		Date:   "2025-09-18",
		URL:    "https://www.shm.com.cn/szb/ytwb/paper/pc/content/202509/18/content_244618.html"},
	{ID: WalletHenan, Kind: Media, Grade: "B",
		Issuer: "河南商报",
		Title:  "医保钱包怎么用",
		Date:   "2025-09-19",
		URL:    "https://hn.ccedn.com.cn/news/item/20250919D0TSKEDKJ.html"},
	{ID: WalletCCTV, Kind: Media, Grade: "B",
		Issuer: "央视新闻",
		Title:  "除广东省暂未上线外，其他省份均已上线医保钱包",
		Date:   "2025-09-22",
		URL:    "https://reportify.cn/news/1167450354120527872"},
	{ID: WalletSina2026, Kind: Media, Grade: "B",
		Issuer: "新浪财经（国家医保局数据）",
		Title:  "医保钱包已在30个省份和新疆生产建设兵团的337个统筹区上线，24个省级单位全域开通",
		Date:   "2026-01-10",
		URL:    "https://reportify.cn/news/1207405418893152256"},
	{ID: WalletQinghai, Kind: Article, Grade: "C", Own: true, Scope: []string{"63"},
		Issuer: "西宁本地宝",
		Title:  "青海医保钱包上线",
		Date:   "2025-07",
		URL:    "http://xn.bendibao.com/news/202574/17494.shtm"},
	{ID: WalletQinan, Kind: Official, Grade: "A", Own: true,
		Issuer: "秦安县人民政府",
		Title:  "医保钱包使用指南",
		URL:    "http://www.qinan.gov.cn/info/11672/1253662.htm"},
	{ID: Qingdao2023, Kind: Media, Grade: "B", Own: true, Scope: []string{"3702"},
		Issuer: "青岛新闻网",
		Title:  "青岛职工医保个人账户家庭共济使用范围",
		Date:   "2023-11-23",
		URL:    "http://health.qingdaonews.com/content/2023-11/23/content_23513221.htm"},
	{ID: Quanzhou2023, Kind: Article, Grade: "C", Own: true, Scope: []string{"3505"},
		Issuer: "泉州本地资讯",
		Title:  "泉州医保个人账户提取条件",
		Date:   "2023-12",
		URL:    "http://quanzhou.kuyiso.com/news/f235ue7e273c.html"},
	{ID: Weihai, Kind: Article, Grade: "C", Own: true, Scope: []string{"3710"},
		Issuer: "育儿网百科",
		Title:  "威海医保个人账户提取条件",
		URL:    "http://m.jxyuer.com/baike/techan/866394.html"},
	{ID: Wuhan64365, Kind: Article, Grade: "C", Own: true, Scope: []string{"4201"},
		Issuer: "64365法律咨询",
		Title:  "武汉医保个人账户提取条件",
		URL:    "https://m.64365.com/ask/14147267.aspx"},
	{ID: WuhanGov, Kind: Official, Grade: "A", Own: true, Scope: []string{"4201"},
		Issuer: "武汉市人民政府",
		Title:  "医保个人账户家庭共济操作指南",
		Date:   "2023-10-17",
		URL:    "https://www.wuhan.gov.cn/ztzl/ztfw/ybgrzhjtgj/czzn/202310/t20231017_2281112.shtml"},
	{ID: Hangzhou, Kind: Article, Grade: "C", Own: true, Scope: []string{"3301"},
		Issuer: "杭州生活资讯",
		Title:  "杭州医保个人账户历年账户与当年账户",
		URL:    "http://husay.cn/c/121334Q512023.html"},
	{ID: HangzhouMove, Kind: Article, Grade: "C", Own: true, Scope: []string{"3301"},
		Issuer: "五险一金资讯",
		Title:  "同一统筹区内无需办理医保转移",
		URL:    "http://m.5728338.com/WuXianYiJin/401979.html"},
	{ID: Xinhua202111, Kind: Media, Grade: "B",
		Issuer: "新华社",
		Title:  "医保关系转移接续：断缴不超过3个月待遇连续",
		Date:   "2021-11-29",
		URL:    "https://www.gyxww.net/content/20211129/3350.html"},
	{ID: SettleInterface, Kind: Article, Grade: "C", Own: true,
		Issuer: "国家医疗保障局接口规范（公开的医院信息系统代码所载）",
		Title:  "医疗保障信息平台定点医药机构接口规范：结算信息（2207）",
		URL:    "https://github.com/newtouch-cloud/openhis"},
	{ID: WalletXinhua2025, Kind: Media, Grade: "B",
		Issuer: "新华社（国家医保局数据）",
		Title:  "医保钱包2024年12月2日上线，截至2025年2月4日已在14个省份117个统筹区上线，河北、安徽、河南、湖北、四川、西藏6省份全域开通",
		Date:   "2025-02-07",
		URL:    "https://china-news-online.com/lang/Japanese/128822.html"},
	{ID: WalletNotice2026, Kind: Media, Grade: "B",
		Issuer: "新浪财经（国家医保局、财政部通知）",
		Title:  "关于做好职工基本医疗保险个人账户跨省共济工作的通知：共济资金可用于支付近亲属居民医保和长期护理保险个人缴费",
		Date:   "2026-01-09",
		URL:    "https://reportify.ai/news/1207166856612417536"},
	{ID: BeijingGov2022, Kind: Official, Grade: "A", Own: true, Scope: []string{"11"},
		Issuer: "北京市人民政府",
		Title:  "职工医保个人账户可为在京参保的家庭成员缴纳北京普惠健康保保费",
		Date:   "2022-11-04",
		URL:    "https://german.beijing.gov.cn/livinginbeijing/medicalservice/medicalinsurance/202211/t20221104_2851923.html"},
	{ID: ShanghaiShine, Kind: Media, Grade: "B", Own: true, Scope: []string{"31"},
		Issuer: "上海日报（SHINE）",
		Title:  "沪惠保保费可用职工医保个人账户支付",
		Date:   "2021-04-27",
		URL:    "https://www.shine.cn/news/metro/2104278047/"},
	// Read only through a public repository's summary of the page (FelixFu1103/
	// jiangsu-medical-agent-python, 33-family-mutual-aid.md): C until the page itself is read.
	{ID: JiangsuMutualAid, Kind: Official, Grade: "C", Own: true, Scope: []string{"32"},
		Issuer: "江苏省医疗保障局",
		Title:  "江苏省职工医保个人账户家庭共济：可用于支付近亲属参加城乡居民基本医疗保险、长期护理保险等的个人缴费",
		Date:   "2025-06-30",
		URL:    "https://ybj.jiangsu.gov.cn/art/2025/6/30/art_74036_11604136.html"},
	{ID: Jiusongjiankang, Kind: Article, Grade: "C", Own: true,
		Issuer: "健康问答网站",
		Title:  "医保个人账户家庭共济常见问题"},
}
