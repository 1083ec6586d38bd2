package region

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// direct are the four-digit groups whose counties lie under their province directly (no
// prefecture-level division in the data set): the municipalities' 市辖区 and 县 and the
// 省直辖县级 cities and counties.
var direct = []string{"1101", "1201", "3101", "4190", "4290", "4690", "5001", "5002", "6590"}

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

func hasASCIILetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < 128 && unicode.IsLetter(r) }) >= 0
}

// TestEveryCounty walks every county-level code of the data set: it resolves to its
// province, its city (or lies under its province directly), a pooling region, and a full name
// in both languages.
func TestEveryCounty(t *testing.T) {
	ix := theIndex()
	if len(ix.all) != divisionCount {
		t.Fatalf("%d divisions parsed, the generator wrote %d", len(ix.all), divisionCount)
	}
	counties, groups := 0, map[string]bool{}
	for _, d := range ix.all {
		if d.Level != County {
			continue
		}
		counties++
		p, known := Locate(d.Code)
		if !known || p.County != d || p.Province.Code != provinceCode(d.Code) {
			t.Fatalf("%s: Locate = %+v, %t", d.Code, p, known)
		}
		if p.City.Code == "" {
			groups[string(d.Code[:4])] = true
			if !slices.Contains(Cities(d.Code), d) {
				t.Errorf("%s %s under its province directly but not in Cities", d.Code, d.Name)
			}
		} else if !slices.Contains(Counties(p.City.Code), d) {
			t.Errorf("%s %s not in Counties(%s)", d.Code, d.Name, p.City.Code)
		}
		if id := Pool(d.Code); id == "" || !SamePool(d.Code, id.Code()) && Pool(id.Code()) != id {
			t.Errorf("%s: pool %q", d.Code, id)
		}
		zh, en := FullName(d.Code, true), FullName(d.Code, false)
		if !strings.HasPrefix(zh, p.Province.Name) || !strings.HasSuffix(zh, d.Name) || hasASCIILetter(zh) {
			t.Errorf("%s: Chinese name %q", d.Code, zh)
		}
		if !strings.HasPrefix(en, d.English) || !strings.HasSuffix(en, p.Province.English) || hasHan(en) || en == "" {
			t.Errorf("%s: English name %q", d.Code, en)
		}
	}
	got := make([]string, 0, len(groups))
	for g := range groups {
		got = append(got, g)
	}
	slices.Sort(got)
	if !slices.Equal(got, direct) {
		t.Errorf("groups under their province directly: %v, want %v", got, direct)
	}
	t.Logf("%d county-level codes of %d divisions (%d provinces, %d prefecture-level)",
		counties, len(ix.all), len(Provinces()), len(ix.all)-counties-len(Provinces()))
	if testing.Verbose() {
		fmt.Printf("TestEveryCounty: %d county-level codes\n", counties)
	}
}

func TestFullName(t *testing.T) {
	cases := []struct {
		name   string
		code   Code
		zh, en string
	}{
		{"county", "430424", "湖南省衡阳市衡东县", "Hengdong County, Hengyang, Hunan"},
		{"city", "440100", "广东省广州市", "Guangzhou, Guangdong"},
		{"province", "440000", "广东省", "Guangdong"},
		{"municipality district", "110105", "北京市朝阳区", "Chaoyang District, Beijing"},
		{"Chongqing county", "500230", "重庆市丰都县", "Fengdu County, Chongqing"},
		{"省直辖 city", "429004", "湖北省仙桃市", "Xiantao City, Hubei"},
		{"city without counties", "441900", "广东省东莞市", "Dongguan, Guangdong"},
		{"autonomous prefecture", "422802", "湖北省恩施土家族苗族自治州利川市", "Lichuan City, Enshi Tujia-Miao Autonomous Prefecture, Hubei"},
		{"Shenzhen", "440300", "广东省深圳市", "Shenzhen, Guangdong"},
		{"retired code: its city", "330103", "浙江省杭州市", "Hangzhou, Zhejiang"},
		{"functional zone: its city", "320571", "江苏省苏州市", "Suzhou, Jiangsu"},
		{"unknown county: its province", "429099", "湖北省", "Hubei"},
		{"unknown province", "990000", "990000", "990000"},
		{"empty", "", "", ""},
		{"malformed", "44a", "44a", "44a"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := FullName(c.code, true); got != c.zh {
				t.Errorf("FullName(%q, zh) = %q, want %q", c.code, got, c.zh)
			}
			if got := FullName(c.code, false); got != c.en {
				t.Errorf("FullName(%q, en) = %q, want %q", c.code, got, c.en)
			}
		})
	}
}

func TestLocate(t *testing.T) {
	cases := []struct {
		name                   string
		code                   Code
		province, city, county Code
		known                  bool
	}{
		{"county", "430424", "430000", "430400", "430424", true},
		{"city", "430400", "430000", "430400", "", true},
		{"province", "430000", "430000", "", "", true},
		{"municipality district", "110105", "110000", "", "110105", true},
		{"retired", "330103", "330000", "330100", "", false},
		{"malformed", "4304", "", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, known := Locate(c.code)
			if p.Province.Code != c.province || p.City.Code != c.city || p.County.Code != c.county || known != c.known {
				t.Errorf("Locate(%q) = %s %s %s %t", c.code, p.Province.Code, p.City.Code, p.County.Code, known)
			}
		})
	}
	if d, ok := Lookup("430424"); !ok || d.Name != "衡东县" || d.English != "Hengdong County" || d.Level != County {
		t.Errorf("Lookup(430424) = %+v, %t", d, ok)
	}
}

func TestLists(t *testing.T) {
	names := func(ds []Division) string {
		var b strings.Builder
		for _, d := range ds {
			b.WriteString(d.Name)
		}
		return b.String()
	}
	cases := []struct {
		name     string
		list     []Division
		n        int
		contains string
	}{
		{"provinces", Provinces(), 31, "湖南省"},
		{"cities of Hunan", Cities("430000"), 14, "衡阳市"},
		{"cities of Hubei with 省直辖", Cities("420100"), 17, "仙桃市"},
		{"Beijing's districts", Cities("110000"), 16, "朝阳区"},
		{"Chongqing's districts and counties", Cities("500000"), 38, "丰都县"},
		{"counties of Hengyang", Counties("430400"), 12, "衡东县"},
		{"Dongguan has none", Counties("441900"), 0, ""},
		{"a province has no counties", Counties("430000"), 0, ""},
		{"malformed", Cities("43"), 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if len(c.list) != c.n || !strings.Contains(names(c.list), c.contains) {
				t.Errorf("%d: %s", len(c.list), names(c.list))
			}
		})
	}
}

func TestSearch(t *testing.T) {
	cases := []struct {
		name  string
		q     string
		limit int
		first Code
		has   Code
		n     int // exact count, or -1
	}{
		{"Chinese", "衡东", 10, "430424", "430424", 1},
		{"pinyin", "hengdong", 10, "430424", "430424", 1},
		{"pinyin with spaces and capitals", " Heng Dong ", 10, "430424", "430424", 1},
		{"city before its county", "衡阳", 10, "430400", "430421", 2},
		{"province first", "湖南", 10, "430000", "430000", -1},
		{"limit", "区", 5, "", "", 5},
		{"limit capped", "县", 1000, "", "", MaxSearch},
		{"empty", "  ", 10, "", "", 0},
		{"punctuation only", "'-", 10, "", "", 0},
		{"nothing", "zzzz", 10, "", "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Search(c.q, c.limit)
			if c.first != "" && (len(got) == 0 || got[0] != c.first) {
				t.Errorf("Search(%q) = %v, want %s first", c.q, got, c.first)
			}
			if c.has != "" && !slices.Contains(got, c.has) {
				t.Errorf("Search(%q) = %v, want %s", c.q, got, c.has)
			}
			if c.n >= 0 && len(got) != c.n {
				t.Errorf("Search(%q) = %d codes, want %d", c.q, len(got), c.n)
			}
		})
	}
}

func TestLevelString(t *testing.T) {
	for l, want := range map[Level]string{National: "national", Province: "province", City: "city", County: "county", 9: "level(9)"} {
		if l.String() != want {
			t.Errorf("%d: %q", int(l), l.String())
		}
	}
	if !(Scope{Level: County, Prefix: "430424"}).Covers("430424") || (Scope{Level: County, Prefix: "430424"}).Covers("430421") {
		t.Error("county scope")
	}
}

// FuzzLookups: no input makes the lookups panic, and every answer is consistent: a known code
// names itself last, a pool is a six-digit code, Search returns at most MaxSearch known codes.
func FuzzLookups(f *testing.F) {
	for _, s := range []string{"430424", "110105", "990000", "", "4403", "44030a", "衡东", "heng", "'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Code(s)
		zh, en := FullName(c, true), FullName(c, false)
		if d, ok := Lookup(c); ok && (!strings.HasSuffix(zh, d.Name) || !strings.HasPrefix(en, d.English)) {
			t.Errorf("%q: %q / %q", s, zh, en)
		}
		if id := Pool(c); id != "" {
			if _, err := Parse(string(id)); err != nil || !SamePool(c, c) {
				t.Errorf("%q: pool %q", s, id)
			}
		}
		found := Search(s, MaxSearch+1)
		if len(found) > MaxSearch {
			t.Errorf("%q: %d hits", s, len(found))
		}
		for _, h := range found {
			if _, ok := Lookup(h); !ok {
				t.Errorf("%q: hit %q unknown", s, h)
			}
		}
		Cities(c)
		Counties(c)
	})
}

// TestTableInCodeOrder: the index finds codes by binary search and children by the codes
// after their parent, so the table must be in code order.
func TestTableInCodeOrder(t *testing.T) {
	all := theIndex().all
	if len(all) < 3000 {
		t.Fatalf("%d divisions", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].Code >= all[i].Code {
			t.Fatalf("division %d (%s) is not after %s", i, all[i].Code, all[i-1].Code)
		}
	}
}
