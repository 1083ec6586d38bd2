package region

import "strings"

// PoolID names a pooling region (统筹区) by the code of the division it covers: "430400"
// (Hengyang), "500000" (all of Chongqing), "429004" (Xiantao). The zero value is no pool.
type PoolID string

// Code is the pool's division code, for FullName.
func (id PoolID) Code() Code { return Code(id) }

// PoolRule says how a row cuts its scope into pooling regions.
type PoolRule int

const (
	// EachCity: each prefecture-level division is one pool, its counties with it (the default).
	EachCity PoolRule = iota
	// Whole: the row's whole scope is one pool (a municipality, Hainan).
	Whole
	// EachCounty: each county-level division is its own pool (省直辖县级: 仙桃, 济源, 石河子).
	EachCounty
)

func (r PoolRule) String() string {
	switch r {
	case EachCity:
		return "each city"
	case Whole:
		return "whole"
	case EachCounty:
		return "each county"
	}
	return "rule?"
}

// PoolRow is one rule of the pooling-region table with the source it rests on.
type PoolRow struct {
	Scope  string   // code prefix the row covers: "50", "4290"; "" covers every code
	Rule   PoolRule // how the scope is cut into pools
	Title  string   // the source's title or what it is
	Issuer string
	Date   string // the source's date, YYYY-MM-DD
	URL    string // where it was read (a named copy where the original was not reachable)
	Grade  string // A, B, C, U or a pair such as "A/B" (research-2024.md grades)
	Note   string
}

// Unofficial says whether the row rests on a C or U source only.
func (r PoolRow) Unofficial() bool {
	g := strings.Split(r.Grade, "/")
	last := g[len(g)-1]
	return last == "C" || last == "U"
}

// id is the pool the row gives code c (which it covers).
func (r PoolRow) id(c Code) PoolID {
	switch r.Rule {
	case Whole:
		return PoolID(r.Scope + "000000"[len(r.Scope):])
	case EachCounty:
		return PoolID(c)
	}
	return PoolID(cityCode(c))
}

// Sources cited by more than one row.
const (
	legacyList = "legacy insured-place cascader (参保地 list) in an unnamed public repository; outdated (襄樊, 巢湖, 莱芜)"
	codeTables = "GB/T 2260 code tables in public repositories; AI-written 门诊共济 data files"
	guoFa1998  = "国务院关于建立城镇职工基本医疗保险制度的决定（国发〔1998〕44号）"
)

// municipalityNote ends the note of a municipality's row.
const municipalityNote = " for the whole city in a legacy insured-place list; " + guoFa1998 +
	" also says 北京、天津、上海3个直辖市原则上在全市范围内实行统筹 (1998)"

// PoolRows is the pooling-region table: the default, prefecture-level pooling, and its
// exceptions (research-2024.md Q5). The row with the longest Scope covering a code decides.
func PoolRows() []PoolRow { return append([]PoolRow(nil), poolRows[:]...) }

// poolRows is PoolRows as static data (issue 22: built by code it was 6 kB of wasm).
var poolRows = [...]PoolRow{
	// 国发〔1998〕44号: 原则上以地级以上行政区（包括地、市、州、盟）为统筹单位
	{Scope: "", Rule: EachCity, Title: guoFa1998, Issuer: "国务院", Date: "1998-12-14",
		URL: "http://m.markforbuffalo.com/news/2009/1122/112.html", Grade: "A",
		Note: "copy of the decision's text: 基本医疗保险原则上以地级以上行政区（包括地、市、州、盟）为统筹单位: " +
			"the pooling region is usually a prefecture-level city"},
	{Scope: "11", Rule: Whole, Title: legacyList, Grade: "C", Note: "one 市本级 code 119900" + municipalityNote},
	{Scope: "12", Rule: Whole, Title: legacyList, Grade: "C", Note: "one 市本级 code 129900" + municipalityNote},
	{Scope: "31", Rule: Whole, Title: legacyList, Grade: "C", Note: "one 市本级 code 319900" + municipalityNote},
	// research-2024.md Q5: 到明年6月，剩余27个区县…纳入全市通盘统筹
	{Scope: "50", Rule: Whole, Title: "重庆 职工医保 全市通盘统筹 (gov.cn 工作动态)", Issuer: "中国政府网",
		Date: "2011-11-02", URL: "http://nakedoat.com/govweb/gzdt/2011-11/02/content_1983973.htm", Grade: "A/B",
		Note: "mirror of gov.cn gzdt/2011-11/02/content_1983973.htm: all 40 districts and counties (5001xx and 5002xx) in municipal pooling by 2012-06"},
	// research-2024.md Q5: 2020年1月1日就率先在全国实施医保基金全省统收统支
	{Scope: "46", Rule: Whole, Title: "海南 医保基金全省统收统支", Issuer: "海南省医疗保障局",
		Date: "2021-03-27", URL: "https://ybzffs.com/page41?article_id=23436", Grade: "A",
		Note: "copy of ybj.hainan.gov.cn 2021-03-27; province-wide since 2020-01-01: Haikou, Sanya, Sansha, Danzhou and the 4690xx counties are one pool"},
	{Scope: "4290", Rule: EachCounty, Title: codeTables, Grade: "C",
		Note: "湖北省直辖县级: 仙桃 429004, 潜江 429005, 天门 429006, 神农架林区 429021 each its own pool; not confirmed by an official source"},
	{Scope: "4190", Rule: EachCounty, Title: codeTables, Grade: "C",
		Note: "河南省直辖县级: 济源 419001 its own pool (the legacy list codes it 411800); not confirmed by an official source"},
	{Scope: "6590", Rule: EachCounty, Title: legacyList, Grade: "C",
		Note: "新疆生产建设兵团 cities 6590xx (石河子, 五家渠, ...) each its own pool; the legacy list codes XPCC pools 669900 (兵团本级) and 6601xx-6614xx (师), not GB/T 6590xx"},
}

// PoolOf is the pooling region of c and the row that decided it; the zero PoolID and row for
// a code that is not six digits.
func PoolOf(c Code) (PoolID, PoolRow) {
	if _, err := Parse(string(c)); err != nil {
		return "", PoolRow{}
	}
	best := -1
	for i, r := range poolRows {
		if strings.HasPrefix(string(c), r.Scope) && (best < 0 || len(r.Scope) > len(poolRows[best].Scope)) {
			best = i
		}
	}
	r := poolRows[best]
	return r.id(c), r
}

// Pool is the pooling region (统筹区) of c: its prefecture-level division unless a row of
// PoolRows says otherwise.
func Pool(c Code) PoolID {
	id, _ := PoolOf(c)
	return id
}

// SamePool says whether a and b lie in one pooling region; never for a malformed code.
func SamePool(a, b Code) bool {
	pa := Pool(a)
	return pa != "" && pa == Pool(b)
}
