package screen

import (
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/app/words"
	"gongji/shared/policy"
	"gongji/shared/region"
)

// policyRegions are the regions the policy table has rows of its own for, each as a city
// (or county) code a person is insured in: first the cities and counties, then for each
// province its capital (广州, 杭州, 上海), each group by code. The picker works them out once
// per table (a table does not change; a new one comes with a new engine) rather than at
// every render, which each keystroke in its form makes. The caller does not change the slice.
func (p *regionPicker) policyRegions() []region.Code {
	t := client.TheStore().Engine().Table()
	if p.table != t {
		p.table, p.usual = t, regionsOf(t)
	}
	return p.usual
}

func regionsOf(t *policy.Table) []region.Code {
	var cities, provinces []region.Code
	seen := map[region.Code]bool{}
	for _, r := range t.Rows() {
		var c region.Code
		list := &cities
		switch r.Where.Level {
		case region.City:
			c = region.Code(r.Where.Prefix + "00")
		case region.County:
			c = region.Code(r.Where.Prefix)
		case region.Province: // its capital: xx0100 in GB/T 2260 (广州 440100, 上海 310100)
			c, list = region.Code(r.Where.Prefix+"0100"), &provinces
			if place, _ := region.Locate(c); place.Province.Code == "" {
				c = ""
			}
		}
		if c != "" && !seen[c] {
			seen[c] = true
			*list = append(*list, c)
		}
	}
	slices.Sort(cities)
	slices.Sort(provinces)
	return append(cities, provinces...)
}

// cityName is a region's full name in lang: 「湖南省衡阳市衡东县」 or "Hengdong County, Hengyang,
// Hunan"; an unknown code reads as its nearest known ancestor, or as the code.
func cityName(lang string, c region.Code) string { return region.FullName(c, lang != words.English) }

// regionHits caps the search results the picker lists.
const regionHits = 8

// regionPicker chooses any division down to the county: from the usual regions (the
// family's and the policy table's), a province then a city then a county (or the whole city),
// or a search by Chinese name, pinyin or code. Element ids start with id: id itself is the
// usual-regions select, id+"-province", id+"-city", id+"-county" the three levels,
// id+"-search" the search input, id+"-results" its hits (buttons id+"-hit-"+code), and
// id+"-name" the chosen region's full name.
type regionPicker struct {
	id    string
	query string
	short bool          // the lists hold the current choice only (家庭's first render fills them next)
	table *policy.Table // the table usual was worked out from
	usual []region.Code // its policyRegions
}

// render shows the picker for *code, which every choice sets.
func (p *regionPicker) render(label string, code *string) app.UI {
	st := client.TheStore()
	zh := st.Lang() != words.English
	c := region.Code(*code)
	place, _ := region.Locate(c)
	city := place.City.Code
	if city == "" {
		city = place.County.Code // a county under its province directly: 仙桃市, 北京市朝阳区
	}
	var usual []app.UI
	if p.short {
		usual = currentOption(c, zh)
	} else {
		usual = p.usualOptions(c, zh)
	}
	// the province, then its city, then the city's county (or the whole city)
	levels := []app.UI{levelSelect(p.id+"-province", st.T("region.province"), label, p.chooseProvince(code),
		divisionOptions(p.shown(region.Provinces(), place.Province.Code), place.Province.Code, st.T("region.pick"), zh))}
	if place.Province.Code != "" {
		levels = append(levels, levelSelect(p.id+"-city", st.T("region.city"), label, valueTo(code),
			divisionOptions(p.shown(region.Cities(place.Province.Code), city), city, st.T("region.pick"), zh)))
	}
	if place.City.Code != "" && len(region.Counties(place.City.Code)) > 0 {
		whole := elemt("option", st.T("region.wholecity")).Attr("value", string(place.City.Code)).Attr("selected", place.County.Code == "")
		levels = append(levels, levelSelect(p.id+"-county", st.T("region.county"), label, valueTo(code),
			append([]app.UI{whole}, divisionOptions(p.shown(region.Counties(place.City.Code), place.County.Code), place.County.Code, "", zh)...)))
	}
	return el("div.field.region-picker",
		spanText(label),
		levelSelect(p.id, st.T("region.usual"), label, valueTo(code), usual),
		row(levels...),
		app.Input().ID(p.id+"-search").Attr("type", "search").Attr("autocomplete", "off").Placeholder(st.T("region.search")).
			Value(p.query).OnInput(valueTo(&p.query), fieldScope(&p.query)).OnChange(p.chooseCode(code)),
		p.hits(code, zh),
		para(p.id+"-name", "region-name", cityName(st.Lang(), c)),
	)
}

// levelSelect is one of the picker's selects: its title says which (常用地区, 省, 市, 区县) and
// its accessible name the field's label too.
func levelSelect(id, title, label string, h app.EventHandler, opts []app.UI) app.UI {
	return elem("select", opts...).ID(id).Attr("title", title).Attr("aria-label", label+" · "+title).OnChange(h)
}

// hits lists what the search finds, each a button that chooses it.
func (p *regionPicker) hits(code *string, zh bool) app.UI {
	if p.query == "" {
		return app.Text("")
	}
	found := region.Search(p.query, regionHits)
	if len(found) == 0 {
		return para(p.id+"-results", "empty", client.TheStore().T("region.nohit"))
	}
	return listElem("ul.region-hits", len(found), func(i int) app.UI {
		c := found[i]
		return el("li", with(elemt("button.secondary[type=button]", region.FullName(c, zh)).ID(p.id+"-hit-"+string(c)).
			OnClick(func(ctx app.Context, e app.Event) { p.set(code, string(c)) }), "", "code", string(c)))
	}).ID(p.id + "-results")
}

// set chooses c and empties the search.
func (p *regionPicker) set(code *string, c string) {
	*code = c
	p.query = ""
	clearInput(p.id + "-search")
}

// chooseProvince takes the province's first city (or district), so the code always names a
// pooling region rather than a whole province.
func (p *regionPicker) chooseProvince(code *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		v := ctx.JSSrc().Get("value").String()
		if cs := region.Cities(region.Code(v)); len(cs) > 0 {
			v = string(cs[0].Code)
		}
		*code = v
	}
}

// chooseCode takes a six-digit code typed into the search (330100) when a province knows it.
func (p *regionPicker) chooseCode(code *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		v := ctx.JSSrc().Get("value").String()
		c, err := region.Parse(v)
		if err != nil {
			return
		}
		if place, _ := region.Locate(c); place.Province.Code != "" {
			p.set(code, v)
		}
	}
}

// divisionOptions are the options of one level; a first empty option with text none when
// nothing is chosen and none is not empty.
func divisionOptions(ds []region.Division, current region.Code, none string, zh bool) []app.UI {
	out := make([]app.UI, 0, len(ds)+1)
	if current == "" && none != "" {
		out = append(out, option("", none, ""))
	}
	for _, d := range ds {
		out = append(out, option(string(d.Code), d.NameIn(zh), string(current)))
	}
	return out
}

// shown is a level's list: ds, or while the picker is short only the division current names
// (none when it names none).
func (p *regionPicker) shown(ds []region.Division, current region.Code) []region.Division {
	if !p.short {
		return ds
	}
	for _, d := range ds {
		if d.Code == current {
			return []region.Division{d}
		}
	}
	return nil
}

// currentOption is the usual regions' list while the picker is short: the chosen region, or
// 请选择 when none is chosen.
func currentOption(current region.Code, zh bool) []app.UI {
	if current == "" {
		return []app.UI{option("", client.TheStore().T("region.pick"), "")}
	}
	return []app.UI{option(string(current), region.FullName(current, zh), string(current))}
}

// usualOptions are the regions a family picks most: the chosen one, the family's and those
// of the policy table (policyRegions), each once, by full name; first a 请选择 option when
// none is chosen yet (the transfer's destination).
func (p *regionPicker) usualOptions(current region.Code, zh bool) []app.UI {
	codes := []region.Code{}
	seen := map[region.Code]bool{}
	add := func(c region.Code) {
		if c != "" && !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	add(current)
	for _, p := range client.TheStore().Book().State.People {
		add(p.Region)
	}
	for _, c := range p.policyRegions() {
		add(c)
	}
	out := make([]app.UI, 0, len(codes)+1)
	if current == "" {
		out = append(out, option("", client.TheStore().T("region.pick"), ""))
	}
	for _, c := range codes {
		out = append(out, option(string(c), region.FullName(c, zh), string(current)))
	}
	return out
}
