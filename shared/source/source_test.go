package source

import (
	"strings"
	"testing"
	"unicode"
)

func TestCatalogueIsComplete(t *testing.T) {
	if err := Default().Check(); err != nil {
		t.Fatal(err)
	}
}

func TestCheckFindsGaps(t *testing.T) {
	ok := Source{ID: "x", Issuer: "某局", IssuerEN: "a bureau", Title: "题", TitleEN: "title", Grade: "A", URL: "https://example.org"}
	cases := []struct {
		name   string
		change func(*Source)
		want   string
	}{
		{"complete", func(*Source) {}, ""},
		{"no English title", func(s *Source) { s.TitleEN = "" }, "both languages"},
		{"no link", func(s *Source) { s.URL = "" }, "link"},
		{"an unofficial article may have no link", func(s *Source) { s.URL, s.Kind, s.Grade = "", Article, "C" }, ""},
		{"number without its Latin form", func(s *Source) { s.DocNo = "国办发〔2021〕14号" }, "both forms"},
		{"bad date", func(s *Source) { s.Date = "2021/04/13" }, "date"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := ok
			c.change(&s)
			err := New([]Source{s}).Check()
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Fatalf("Check() = %v, want %q", err, c.want)
			}
		})
	}
}

func TestCite(t *testing.T) {
	c := Default()
	cases := []struct {
		id       ID
		zh, want string
	}{
		{GuoBanFa2021, "zh", "国务院办公厅《关于建立健全职工基本医疗保险门诊共济保障机制的指导意见》（国办发〔2021〕14号，2021年4月13日）"},
		{Jiusongjiankang, "zh", "网络文章，未经官方确认：健康问答网站《医保个人账户家庭共济常见问题》"},
		{GuoBanFa2021, "en", "General Office of the State Council, \u201cGuiding Opinions on Establishing and Improving the Outpatient Mutual-Aid Mechanism of Employee Basic Medical Insurance\u201d (Guobanfa [2021] No. 14, 13 April 2021)"},
		{WalletQinghai, "zh", "西宁本地宝《青海医保钱包上线》（2025年7月）"},
	}
	for _, k := range cases {
		t.Run(string(k.id)+"/"+k.zh, func(t *testing.T) {
			s, _ := c.Lookup(k.id)
			if got := s.Cite(k.zh == "zh"); got != k.want {
				t.Errorf("got  %s\nwant %s", got, k.want)
			}
		})
	}
}

// TestEnglishCitationsHaveNoChinese: an English reader sees no Han characters, and a Chinese
// citation names no internal file or research id.
func TestEnglishCitationsHaveNoChinese(t *testing.T) {
	c := Default()
	for _, id := range c.IDs() {
		s, _ := c.Lookup(id)
		for _, r := range s.Cite(false) {
			if unicode.Is(unicode.Han, r) {
				t.Errorf("%s: English citation has Chinese: %s", id, s.Cite(false))
				break
			}
		}
		for _, bad := range []string{"seed", "rules.md", ".txt", "research"} {
			if strings.Contains(s.Cite(true), bad) {
				t.Errorf("%s: citation names %q: %s", id, bad, s.Cite(true))
			}
		}
	}
}
