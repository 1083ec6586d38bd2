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
	ok := Source{ID: "x", Issuer: "某局", IssuerEN: "a bureau", Title: "题", TitleEN: "title", Grade: "A", URL: "https://example.org", Own: true}
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
		{"a reprint graded A", func(s *Source) { s.Own = false }, "at most B"},
		{"a reprint graded B", func(s *Source) { s.Own, s.Grade = false, "B" }, ""},
		{"a web article graded B", func(s *Source) { s.Kind, s.Grade = Article, "B" }, "at most C"},
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
		// issue 20: a 本地宝 page is a content site, grade C, and reads as a web article
		{WalletQinghai, "zh", "网络文章，未经官方确认：西宁本地宝《青海医保钱包上线》（2025年7月）"},
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

// TestLinks: a link that is not the issuer's own page names the site it opens (issue 20).
func TestLinks(t *testing.T) {
	c := Default()
	cases := []struct {
		id       ID
		zh, want string
	}{
		{NHSA20241226, "zh", "转载：lhoil.com"},
		{NHSAQA2024, "en", "reprint: iyua.cn"},
		{WalletCCTV, "zh", "转载：reportify.cn"},
		{GuoBanFa2021, "zh", ""},
		{ShanghaiSJ, "zh", ""},
	}
	for _, k := range cases {
		t.Run(string(k.id)+"/"+k.zh, func(t *testing.T) {
			s, _ := c.Lookup(k.id)
			if got := s.LinkNote(k.zh == "zh"); got != k.want {
				t.Errorf("got %q, want %q", got, k.want)
			}
		})
	}
	// every official issuer on a site that is not its own is a reprint and at most B
	for _, id := range c.IDs() {
		s, _ := c.Lookup(id)
		gov := strings.HasSuffix(s.Site(), "gov.cn")
		if gov && !s.Own {
			t.Errorf("%s: a government page (%s) not marked as the issuer's own", id, s.Site())
		}
		if s.Kind == Official && !s.Own {
			t.Errorf("%s: an official text linked on %s: kind Media (a copy), at most B", id, s.Site())
		}
	}
}

func TestCapAndScope(t *testing.T) {
	caps := []struct{ grade, floor, want string }{
		{"A", "B", "B"}, {"A/B", "B", "B"}, {"B/U", "C", "C/U"}, {"A", "A", "A"}, {"C", "B", "C"}, {"A/U", "A", "A/U"},
	}
	for _, c := range caps {
		if got := Cap(c.grade, c.floor); got != c.want {
			t.Errorf("Cap(%s, %s) = %s, want %s", c.grade, c.floor, got, c.want)
		}
	}
	c := Default()
	sz, _ := c.Lookup(ShenzhenArticle)
	nat, _ := c.Lookup(GuoBanFa2021)
	if sz.Speaks("430424") || !sz.Speaks("440304") || !nat.Speaks("430424") {
		t.Error("a Shenzhen page speaks to Shenzhen only, a national text everywhere")
	}
}
