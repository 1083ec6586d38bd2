package screen

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/app/words"
	"gongji/shared/engine"
)

// lineWords renders explanation lines for this device: its language and the family's names.
func lineWords() engine.Words {
	st := client.TheStore()
	return engine.Words{ZH: st.Lang() != words.English, Family: &st.Book().State}
}

// siteNote is the site a reprint link opens, beside the link: 「（转载：lhoil.com）」.
func siteNote(zh bool, link string) string {
	if zh {
		return "（" + link + "）"
	}
	return " (" + link + ")"
}

// explanation is an engine decision as a parent reads it (issue 19): the lines that decided it
// first, in words (engine.Lead: the refusal, else the conclusion), then every line with its
// rule id and sources folded under 「依据」. The element with this id holds both.
func explanation(id string, lines []engine.Line) app.UI {
	if len(lines) == 0 {
		return nil
	}
	w, lead, basis := lineWords(), engine.Lead(lines), ""
	if id != "" {
		basis = id + "-basis"
	}
	kids := make([]app.UI, 0, len(lead)+1)
	for _, l := range lead {
		cls := "lead"
		if l.Code != "" {
			cls = "lead refused"
		}
		kids = append(kids, para("", cls, w.Text(l)))
	}
	kids = append(kids, el("details.basis",
		elt("summary", client.TheStore().T("routes.basis")),
		basisList(basis, lines),
	))
	return elem("div.explain", kids...).ID(id)
}

// basisList lists an engine decision line by line: the sentence in the device's language,
// the rule id, each source as a citation with its link (and, beside it, the site a reprint
// link opens), and 此规则来源未经官方确认 when the rule rests on no official source.
func basisList(id string, lines []engine.Line) app.UI {
	st, w := client.TheStore(), lineWords()
	colon := ": "
	if w.ZH {
		colon = "："
	}
	return listElem("ol.basis-lines", len(lines), func(i int) app.UI {
		l := lines[i]
		cls := "line"
		if l.Code != "" {
			cls = "line refused"
		}
		cites := w.Citations(l)
		kids := make([]app.UI, 0, len(cites)+3)
		kids = append(kids, spanOf("rule", l.Rule), spanOf("text", w.Text(l)))
		for _, c := range cites {
			source := spanText(c.Text)
			if c.URL != "" {
				source = elemt("a[target=_blank][rel=noopener]", c.Text).Attr("href", c.URL)
			}
			kids = append(kids, el("small.source",
				app.Text(st.T("source")+colon),
				source,
				when(c.Link != "", spanOf("site", siteNote(w.ZH, c.Link))),
			))
		}
		kids = append(kids, when(l.Unofficial(), eltr("small.unofficial", "unofficial")))
		return with(elem("li", kids...), cls, "rule", l.Rule)
	}).ID(id)
}
