// Package source is the catalogue of the public sources Gongji's rules rest on: each with its
// title, issuer, date, document number, link and confidence grade, so that an explanation can
// cite something a person can look up. Nothing internal (research notes, file names) is ever a
// source: the policy table and the engine refer to entries by ID, and Cite renders the words.
package source

import (
	"fmt"
	"strings"
	"time"

	"gongji/shared/civil"
)

// ID names one catalogue entry, e.g. "gbf-2021-14". The zero value names nothing.
type ID string

// Kind says what sort of publication an entry is; it decides how a citation reads.
type Kind int

// Kinds, most authoritative first.
const (
	// Official: a government text (law, regulation, notice, a bureau's own page). Grade A on
	// the issuer's own page, B as a copy on another site.
	Official Kind = iota
	// Media: mainstream media quoting a bureau or an official document. Grade B.
	Media
	// Article: a single web article or local information site, not confirmed by an official
	// text. Shown as 「网络文章，未经官方确认」.
	Article
)

// Source is one entry. Date is the publication (or issue) date; zero when unknown.
type Source struct {
	ID       ID
	Kind     Kind
	Issuer   string // in Chinese, e.g. 国务院办公厅
	IssuerEN string
	Title    string // in Chinese, without book-title marks
	TitleEN  string
	DocNo    string // e.g. 国办发〔2021〕14号; empty when the text has none
	DocNoEN  string // the number in Latin letters, e.g. Guobanfa [2021] No. 14
	Date     string // publication or issue date, YYYY-MM-DD, or YYYY-MM; empty when unknown
	URL      string
	Grade    string // A, B, C or U, as rules.md grades it
	// Own says URL is the issuer's own page (a government site, the paper's own edition, the
	// article itself). Otherwise the link opens a reprint, and the citation names that site.
	Own bool
	// Scope is the regions the source speaks to, as code prefixes ("44", "4403"); empty when
	// it speaks to the whole country (a national text, or national rules reported anywhere).
	Scope []string
}

// Site is the host a link opens, without "www.": "lhoil.com".
func (s Source) Site() string {
	u := s.URL
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "/:?#"); i >= 0 {
		u = u[:i]
	}
	return strings.TrimPrefix(u, "www.")
}

// LinkNote names the site a link opens when it is not the issuer's own page: 「转载：lhoil.com」;
// empty for the issuer's own page or no link.
func (s Source) LinkNote(zh bool) string {
	if s.Own || s.URL == "" {
		return ""
	}
	if zh {
		return "转载：" + s.Site()
	}
	return "reprint: " + s.Site()
}

// Speaks says whether the source speaks to a region: a national source speaks to every region,
// a regional one to the codes beginning with one of its prefixes.
func (s Source) Speaks(code string) bool {
	if len(s.Scope) == 0 {
		return true
	}
	for _, p := range s.Scope {
		if strings.HasPrefix(code, p) {
			return true
		}
	}
	return false
}

// Regional says whether the source speaks to some regions only.
func (s Source) Regional() bool { return len(s.Scope) > 0 }

// Rank orders grades from the strongest: A 0, B 1, C 2, U 3 (unknown letters count as U).
func Rank(g string) int {
	switch g {
	case "A":
		return 0
	case "B":
		return 1
	case "C":
		return 2
	}
	return 3
}

// Cap is a grade held to the weakest link of its chain: each part of grade ("A/B") no stronger
// than floor, parts that become equal merged ("A/B" capped at "B" is "B").
func Cap(grade, floor string) string {
	var out []string
	for _, part := range strings.Split(grade, "/") {
		if Rank(part) < Rank(floor) {
			part = floor
		}
		if len(out) == 0 || out[len(out)-1] != part {
			out = append(out, part)
		}
	}
	return strings.Join(out, "/")
}

// Weakest is the weakest grade of the sources, "A" when there are none.
func (c *Catalogue) Weakest(ids []ID) string {
	w := "A"
	for _, id := range ids {
		if g := c.byID[id].Grade; g != "" && Rank(g) > Rank(w) {
			w = g
		}
	}
	return w
}

// Speaks says whether the entry id speaks to a region (Source.Speaks); false for an unknown id.
func (c *Catalogue) Speaks(id ID, code string) bool {
	scope := c.byID[id].Scope
	if len(scope) == 0 {
		_, ok := c.byID[id]
		return ok
	}
	for _, p := range scope {
		if strings.HasPrefix(code, p) {
			return true
		}
	}
	return false
}

// Catalogue is the set of entries, looked up by ID.
type Catalogue struct {
	byID map[ID]Source
	ids  []ID
}

// New indexes entries; Check says whether they are complete.
func New(entries []Source) *Catalogue {
	c := &Catalogue{byID: make(map[ID]Source, len(entries))}
	for _, s := range entries {
		if _, dup := c.byID[s.ID]; !dup {
			c.ids = append(c.ids, s.ID)
		}
		c.byID[s.ID] = s
	}
	return c
}

// Lookup finds an entry.
func (c *Catalogue) Lookup(id ID) (Source, bool) {
	s, ok := c.byID[id]
	return s, ok
}

// IDs lists every entry's ID in catalogue order.
func (c *Catalogue) IDs() []ID { return append([]ID(nil), c.ids...) }

// Unofficial says whether a source is not an official or mainstream-media text: grade C or U,
// or a single web article. The app shows 此规则来源未经官方确认 beside it.
func (s Source) Unofficial() bool {
	return s.Kind == Article || s.Grade == "C" || s.Grade == "U"
}

// Cite is the citation a person can look up, in Chinese or English: issuer, title in book-title
// marks, document number and date; a web article says that it is one. The link is separate
// (Source.URL) so that the app can make it a link.
func (s Source) Cite(zh bool) string {
	// each language's words and marks; the parts are the same
	article, issuer, title, number, date := "Web article, not officially confirmed: ", s.IssuerEN,
		", \u201c"+s.TitleEN+"\u201d", s.DocNoEN, dateEN
	open, sep, closing := " (", ", ", ")"
	if zh {
		article, issuer, title, number, date = "网络文章，未经官方确认：", s.Issuer, "《"+s.Title+"》", s.DocNo, dateZH
		open, sep, closing = "（", "，", "）"
	}
	var b strings.Builder
	if s.Kind == Article {
		b.WriteString(article)
	}
	b.WriteString(issuer + title)
	var extra []string
	if number != "" {
		extra = append(extra, number)
	}
	if s.Date != "" {
		extra = append(extra, date(s.Date))
	}
	if len(extra) > 0 {
		b.WriteString(open + strings.Join(extra, sep) + closing)
	}
	return b.String()
}

// Check reports the first entry that a person could not look up: an empty or duplicate ID,
// no title or issuer in either language, no grade, no link, a bad date, or a document number
// without its Latin form.
func (c *Catalogue) Check() error {
	seen := map[ID]bool{}
	for _, id := range c.ids {
		s := c.byID[id]
		switch {
		case id == "" || seen[id]:
			return fmt.Errorf("source %q: empty or duplicate id", id)
		case s.Title == "" || s.TitleEN == "" || s.Issuer == "" || s.IssuerEN == "":
			return fmt.Errorf("source %s: title and issuer are needed in both languages", id)
		case s.Grade == "":
			return fmt.Errorf("source %s: a grade is needed", id)
		// A link is needed except for an unofficial web article whose page was not kept: it is
		// shown as 「网络文章，未经官方确认」 without one.
		case s.URL == "" && !s.Unofficial():
			return fmt.Errorf("source %s: a link is needed", id)
		case (s.DocNo == "") != (s.DocNoEN == ""):
			return fmt.Errorf("source %s: document number needs both forms", id)
		case s.Date != "" && dateZH(s.Date) == s.Date:
			return fmt.Errorf("source %s: date %q: want YYYY-MM-DD or YYYY-MM", id, s.Date)
		// A copy of an official text on another site is at most B; a web article is C or U.
		case s.URL != "" && !s.Own && Rank(s.Grade) < Rank("B"):
			return fmt.Errorf("source %s: a reprint on %s is graded %s, at most B", id, s.Site(), s.Grade)
		case s.Kind == Article && Rank(s.Grade) < Rank("C"):
			return fmt.Errorf("source %s: a web article is graded %s, at most C", id, s.Grade)
		}
		seen[id] = true
	}
	return nil
}

// dateZH renders "2024-11-26" as 2024年11月26日 and "2024-07" as 2024年7月; anything else
// comes back unchanged (Check refuses it).
func dateZH(s string) string {
	if d, err := civil.ParseDate(s); err == nil {
		return d.ZH()
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return fmt.Sprintf("%d年%d月", t.Year(), int(t.Month()))
	}
	return s
}

func dateEN(s string) string {
	if d, err := civil.ParseDate(s); err == nil {
		return d.EN()
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t.Format("January 2006")
	}
	return s
}
