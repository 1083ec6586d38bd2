package region

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Division is one administrative division: a province (湖南省), a prefecture-level division
// (衡阳市) or a county-level one (衡东县). The zero value is no division.
type Division struct {
	Code    Code
	Name    string // Chinese: 衡东县
	English string // pinyin and an English term: "Hengdong County"; provinces and prefecture-level cities bare: "Hunan", "Hengyang"
	Level   Level  // Province, City or County
}

// NameIn is the division's own name in Chinese (zh) or English.
func (d Division) NameIn(zh bool) string {
	if zh {
		return d.Name
	}
	return d.English
}

// Place is where a code lies. County is zero for a province or prefecture code; City is zero
// for a municipality's district (北京市朝阳区) and for a county under its province directly
// (省直辖: 湖北省仙桃市); fields are zero where the data set does not know the code.
type Place struct {
	Province, City, County Division
}

// Leaf is the narrowest division of the place (zero when nothing is known).
func (p Place) Leaf() Division {
	switch {
	case p.County.Code != "":
		return p.County
	case p.City.Code != "":
		return p.City
	}
	return p.Province
}

// MaxSearch caps the codes one Search returns: a picker shows a screenful.
const MaxSearch = 50

// divisionIndex is built once from the division table and never changed. It is a list by
// code and nothing else a start pays for (issue 22: the maps it had cost 23 ms of wasm at the
// first screen): a code is found by binary search, a division's children are the codes after
// it that share its prefix, and the search keys are made at the first Search.
type divisionIndex struct {
	all   []Division // by code, as the generated table is (TestTableInCodeOrder)
	roots []int      // provinces
	// keys is per division its English name lower-cased, letters only ("hengdongcounty").
	keys func() []string
}

var theIndex = sync.OnceValue(buildIndex)

func buildIndex() *divisionIndex {
	ix := &divisionIndex{all: make([]Division, 0, divisionCount)}
	for rest := divisionSource(); rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		code, names, _ := strings.Cut(line, "|")
		zh, en, _ := strings.Cut(names, "|")
		ix.all = append(ix.all, Division{Code: Code(code), Name: zh, English: en, Level: levelOf(Code(code))})
	}
	for i, d := range ix.all {
		if d.Level == Province {
			ix.roots = append(ix.roots, i)
		}
	}
	ix.keys = sync.OnceValue(func() []string {
		keys := make([]string, len(ix.all))
		for i, d := range ix.all {
			keys[i] = searchKey(d.English)
		}
		return keys
	})
	return ix
}

// children are the cities and the counties directly under a province, or a city's counties,
// by code: the divisions after parent whose codes share its two or four digits.
func (ix *divisionIndex) children(parent Code) []int {
	prefix := string(parent[:2])
	if levelOf(parent) == City {
		prefix = string(parent[:4])
	}
	start, _ := slices.BinarySearchFunc(ix.all, parent, func(d Division, c Code) int { return strings.Compare(string(d.Code), string(c)) })
	var out []int
	for i := start; i < len(ix.all) && strings.HasPrefix(string(ix.all[i].Code), prefix); i++ {
		d := ix.all[i]
		switch {
		case d.Code == parent:
		case levelOf(parent) == City:
			out = append(out, i)
		case d.Level == City:
			out = append(out, i)
		case d.Level == County:
			// a county without a prefecture-level division of its own is the province's
			if _, ok := ix.get(cityCode(d.Code)); !ok {
				out = append(out, i)
			}
		}
	}
	return out
}

// levelOf reads a division's level from its code: XX0000 a province, XXXX00 a city.
func levelOf(c Code) Level {
	switch {
	case c[2:] == "0000":
		return Province
	case c[4:] == "00":
		return City
	}
	return County
}

func provinceCode(c Code) Code { return c[:2] + "0000" }
func cityCode(c Code) Code     { return c[:4] + "00" }

// searchKey keeps the lower-cased ASCII letters of an English name, so "lu'an" and "Lu An"
// both find Lu'an.
func searchKey(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	return b.String()
}

func (ix *divisionIndex) get(c Code) (Division, bool) {
	i, ok := slices.BinarySearchFunc(ix.all, c, func(d Division, c Code) int { return strings.Compare(string(d.Code), string(c)) })
	if !ok {
		return Division{}, false
	}
	return ix.all[i], true
}

func (ix *divisionIndex) list(is []int) []Division {
	out := make([]Division, len(is))
	for k, i := range is {
		out[k] = ix.all[i]
	}
	return out
}

// Lookup finds the division with exactly this code.
func Lookup(c Code) (Division, bool) {
	if _, err := Parse(string(c)); err != nil {
		return Division{}, false
	}
	return theIndex().get(c)
}

// Locate finds the province, prefecture-level division and county-level division of c; known
// says whether c itself is in the data set. An unknown but well-formed code (a retired one such
// as 330103, a functional zone such as 320571) still gets the ancestors that are known.
func Locate(c Code) (p Place, known bool) {
	if _, err := Parse(string(c)); err != nil {
		return Place{}, false
	}
	ix := theIndex()
	p.Province, _ = ix.get(provinceCode(c))
	if levelOf(c) != Province {
		p.City, _ = ix.get(cityCode(c))
	}
	if levelOf(c) == County {
		p.County, _ = ix.get(c)
	}
	_, known = ix.get(c)
	return p, known
}

// FullName is the place's name from the province down: 「湖南省衡阳市衡东县」, 「广东省广州市」,
// 「北京市朝阳区」 in Chinese (zh), "Hengdong County, Hengyang, Hunan" in English. An unknown
// code reads as its nearest known ancestor, and a code with none as the code itself.
func FullName(c Code, zh bool) string {
	p, _ := Locate(c)
	parts := make([]string, 0, 3)
	for _, d := range []Division{p.Province, p.City, p.County} {
		if d.Code != "" {
			parts = append(parts, d.NameIn(zh))
		}
	}
	if len(parts) == 0 {
		return string(c)
	}
	if zh {
		return strings.Join(parts, "")
	}
	slices.Reverse(parts)
	return strings.Join(parts, ", ")
}

// Provinces lists the 31 provinces, autonomous regions and municipalities by code.
func Provinces() []Division {
	ix := theIndex()
	return ix.list(ix.roots)
}

// Cities lists what a picker offers under province p (any code in it): its prefecture-level
// divisions and the county-level divisions directly under it (仙桃市 in Hubei, every district
// and county of Beijing, Tianjin, Shanghai and Chongqing), by code.
func Cities(p Code) []Division {
	if _, err := Parse(string(p)); err != nil {
		return nil
	}
	ix := theIndex()
	return ix.list(ix.children(provinceCode(p)))
}

// Counties lists the county-level divisions of prefecture-level city c (any code in it), by
// code; none for a city without counties (东莞市) or a county under its province directly.
func Counties(c Code) []Division {
	if _, err := Parse(string(c)); err != nil || levelOf(c) == Province {
		return nil
	}
	ix := theIndex()
	// a county directly under its province has no city of its own to list counties of
	if _, ok := ix.get(cityCode(c)); !ok {
		return ix.list(nil)
	}
	return ix.list(ix.children(cityCode(c)))
}

// Search finds divisions whose Chinese name contains q (衡东) or whose English name starts
// with q's letters ("hengdong", "Heng Dong", "heng"): names starting with q first, then provinces before
// cities before counties, then by code; at most limit codes (1 to MaxSearch).
func Search(q string, limit int) []Code {
	limit = min(max(limit, 1), MaxSearch)
	hits, all := findHits(q)
	sort.Sort(&hitOrder{hits, all})
	out := make([]Code, 0, min(len(hits), limit))
	for _, h := range hits[:min(len(hits), limit)] {
		out = append(out, all[h.i].Code)
	}
	return out
}

// findHits are the divisions q finds, in the index's order, and the index's divisions they
// point into.
func findHits(q string) ([]searchHit, []Division) {
	q = strings.TrimSpace(q)
	han := !isASCII(q)
	needle := q
	if !han {
		needle = searchKey(q)
	}
	ix := theIndex()
	if needle == "" {
		return nil, ix.all
	}
	keys := ix.keys()
	var hits []searchHit
	for i, d := range ix.all {
		name := keys[i]
		if han {
			name = d.Name
		}
		// pinyin from its start only: "dong" should not find Chengdong and Hengdong
		if at := strings.Index(name, needle); at == 0 || (han && at > 0) {
			hits = append(hits, searchHit{prefix: at == 0, i: i})
		}
	}
	return hits, ix.all
}

// searchHit is a division Search found: the i-th of the index, found at the start of its
// name or inside it.
type searchHit struct {
	prefix bool
	i      int
}

// hitOrder orders hits as Search lists them: found at the start first, then the larger
// divisions, then in the index's order. sort.Sort with the index's order last is the stable
// sort without a second copy of the sorting code in the app's wasm.
type hitOrder struct {
	hits []searchHit
	all  []Division
}

func (o *hitOrder) Len() int      { return len(o.hits) }
func (o *hitOrder) Swap(i, j int) { o.hits[i], o.hits[j] = o.hits[j], o.hits[i] }
func (o *hitOrder) Less(i, j int) bool {
	a, b := o.hits[i], o.hits[j]
	switch {
	case a.prefix != b.prefix:
		return a.prefix
	case o.all[a.i].Level != o.all[b.i].Level:
		return o.all[a.i].Level < o.all[b.i].Level
	}
	return a.i < b.i
}

func isASCII(s string) bool { return utf8.RuneCountInString(s) == len(s) }
