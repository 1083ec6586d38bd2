package screen

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/family"
	"gongji/shared/money"
)

// yearView is the ledger's year summary: how much of each person's money paid for, or was
// sent to, another relative (共济 lines and wallet transfers), per person and per month, as a
// small SVG chart drawn here (no chart library) with the same numbers as text beside it. It
// is part of the ledger page, not a component of its own: a correction made on the page (a
// bill amended there) redraws it with the page (as a component it kept the sums from before).
type yearView struct {
	year int // 0: the latest year with flows
}

// palette colours the payers' bars (each has 3:1 contrast or more against white).
var palette = []string{"#0f766e", "#b45309", "#1d4ed8", "#be123c", "#6d28d9", "#4d7c0f"}

func (c *yearView) render() app.UI {
	st := client.TheStore()
	all := st.Book().Flows()
	years := book.Years(all)
	if len(years) == 0 {
		return eltr("p#year-summary.empty", "ledger.nousage")
	}
	year := c.year
	if year == 0 || !containsInt(years, year) {
		year = years[len(years)-1]
	}
	var fs []book.Flow
	for _, f := range all {
		if f.Year == year {
			fs = append(fs, f)
		}
	}
	payers := payersOf(fs)
	opts := make([]app.UI, len(years))
	for i, y := range years {
		opts[i] = option(strconv.Itoa(y), trf("year.n", strconv.Itoa(y)), strconv.Itoa(year))
	}
	return with(elem("div#year-summary.card.year",
		field(st.T("year.pick"), elem("select#year-pick", opts...).OnChange(func(ctx app.Context, e app.Event) {
			c.year, _ = strconv.Atoi(ctx.JSSrc().Get("value").String())
		})),
		app.Raw(chartSVG(fs, payers, trf("year.chart", strconv.Itoa(year)))),
		list("ul.legend", len(payers), func(i int) app.UI {
			return el("li", elem("span.swatch").Attr("style", "background:"+palette[i%len(palette)]),
				app.Text(personName(payers[i])+" "+yuan(paidBy(fs, payers[i])))) // the year's amount beside the colour
		}),
		list("ul#year-flows.items", len(fs), func(i int) app.UI {
			f := fs[i]
			return with(elemt("li", trf("year.month", strconv.Itoa(f.Month))+" · "+
				personName(f.From)+" → "+personName(f.To)+" · "+st.T("year."+string(f.Kind))+" "+yuan(f.Amount)), "", "kind", string(f.Kind))
		}),
	), "", "year", strconv.Itoa(year))
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// payersOf lists the payers of flows in the family's order.
func payersOf(fs []book.Flow) []family.PersonID {
	seen := map[family.PersonID]bool{}
	for _, f := range fs {
		seen[f.From] = true
	}
	var out []family.PersonID
	for _, p := range client.TheStore().Book().State.People {
		if seen[p.ID] {
			out = append(out, p.ID)
			delete(seen, p.ID)
		}
	}
	for _, f := range fs { // payers no longer in the family
		if seen[f.From] {
			out = append(out, f.From)
			delete(seen, f.From)
		}
	}
	return out
}

// chartSVG draws one column per month, stacked by payer: role img, named by title.
func chartSVG(fs []book.Flow, payers []family.PersonID, title string) string {
	const w, h, left, bottom, top = 300, 180, 6, 24, 8 // the viewBox and its margins
	var month [13]map[family.PersonID]money.Amount
	var most money.Amount
	for m := 1; m <= 12; m++ {
		month[m] = map[family.PersonID]money.Amount{}
	}
	for _, f := range fs {
		month[f.Month][f.From] += f.Amount
	}
	for m := 1; m <= 12; m++ {
		var t money.Amount
		for _, a := range month[m] {
			t += a
		}
		most = max(most, t)
	}
	var b strings.Builder
	b.WriteString(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 180" role="img" aria-labelledby="year-chart-title">`)
	b.WriteString(`<title id="year-chart-title">` + xmlEscape(title) + `</title>`)
	b.WriteString(`<line x1="6" y1="156" x2="294" y2="156" stroke="#4b5563"/>`)
	colW := (w - 2*left) / 12
	for m := 1; m <= 12; m++ {
		x := left + (m-1)*colW
		y := h - bottom
		for i, p := range payers {
			a := month[m][p]
			if a <= 0 || most <= 0 {
				continue
			}
			bh := max(int(a.Fen()*int64(h-bottom-top)/most.Fen()), 2)
			y -= bh
			b.WriteString(`<rect x="` + strconv.Itoa(x+3) + `" y="` + strconv.Itoa(y) + `" width="` + strconv.Itoa(colW-6) +
				`" height="` + strconv.Itoa(bh) + `" fill="` + palette[i%len(palette)] + `"><title>` +
				xmlEscape(personName(p)+" "+yuan(a)) + `</title></rect>`)
		}
		if t := monthTotal(month[m]); t > 0 && most > 0 { // the month's amount over its column, in whole yuan
			svgText(&b, ` class="amount"`, x+colW/2, max(y-3, 10), 10, wholeYuan(t))
		}
		svgText(&b, "", x+colW/2, 176, 14, strconv.Itoa(m))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// svgText writes a <text> with these attributes (each with a space before it), centred on x at
// y in this font size, holding s and a space (which keeps the labels apart in the text).
func svgText(b *strings.Builder, attrs string, x, y, size int, s string) {
	b.WriteString(`<text` + attrs + ` x="` + strconv.Itoa(x) + `" y="` + strconv.Itoa(y) + `" font-size="` + strconv.Itoa(size) +
		`" text-anchor="middle" fill="#111827">` + s + ` </text>`)
}

// xmlEscape escapes text for SVG markup (by hand: strings.Replacer and the html package add
// tens of kB to the wasm).
func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
