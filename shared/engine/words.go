package engine

import (
	"fmt"
	"strings"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/region"
	"gongji/shared/source"
	"gongji/shared/vocab"
)

// word is a value with a name in each language (a policy word, yes/no, a ground, a category).
type word string

// Words renders explanation lines for one reader: a language and the family whose people and
// bindings the lines name. It is the one place where a decision becomes prose.
type Words struct {
	ZH bool
	// Family gives people's names and bindings' parties; without it ids print as they are.
	Family *family.State
	// Sources is the catalogue lines cite; nil means source.Default().
	Sources *source.Catalogue
}

// UnverifiedNote is what an unverified line adds: the local rule is not known, ask.
func (w Words) UnverifiedNote() string {
	if w.ZH {
		return "本地规则未核实，请向当地医保经办机构或 12393 确认。"
	}
	return "The local rule is not verified: check with the local medical-insurance office or call 12393."
}

// Text is the line's sentence, with the unverified note where the line has one.
func (w Words) Text(l Line) string {
	tmpl := sentenceEN(l.Msg)
	if w.ZH {
		tmpl = zhText(l.Msg)
	}
	values := make([]any, len(l.Args))
	for i, a := range l.Args {
		values[i] = w.Value(a)
	}
	text := fmt.Sprintf(tmpl, values...)
	if l.Unverified {
		sep := " "
		if w.ZH {
			sep = ""
		}
		text += sep + w.UnverifiedNote()
	}
	return text
}

// Way is the short name of a route's way, for the list 「谁能为王秀英付钱」: 已绑定, 可以绑定,
// 可以用医保钱包转账, 不能.
func (w Words) Way(way Way) string { return label("way."+string(way), w.ZH) }

// Citation is one source as a person can look it up.
type Citation struct {
	// Text names the original (issuer, title, number, date); a source of another region cited
	// because none speaks to this one says so first.
	Text       string `json:"text"`
	URL        string `json:"url,omitempty"`
	Unofficial bool   `json:"unofficial,omitempty"`
	// Link, when the link is not the issuer's own page, names the site it opens:
	// 「转载：lhoil.com」 / "reprint: lhoil.com"; shown beside the link.
	Link string `json:"link,omitempty"`
	// Site is the site the link opens when it is not the issuer's own page.
	Site string `json:"site,omitempty"`
	// Elsewhere: the source speaks to other regions only; the line's national reading is
	// unconfirmed where it decided.
	Elsewhere bool `json:"elsewhere,omitempty"`
}

// Citations are the line's sources in the reader's language.
func (w Words) Citations(l Line) []Citation {
	cat := w.Sources
	if cat == nil {
		cat = source.Default()
	}
	var out []Citation
	for _, id := range l.Sources {
		s, ok := cat.Lookup(id)
		if !ok {
			continue
		}
		c := Citation{Text: s.Cite(w.ZH), URL: s.URL, Unofficial: s.Unofficial()}
		if note := s.LinkNote(w.ZH); note != "" {
			c.Site, c.Link = s.Site(), note
		}
		// an unverified line cites a regional source only because none speaks to its region
		if l.Unverified && s.Regional() {
			c.Elsewhere = true
			if w.ZH {
				c.Text = "其他地区的规定，本地未确认：" + c.Text
			} else {
				c.Text = "A rule of another region, not confirmed here: " + c.Text
			}
		}
		out = append(out, c)
	}
	return out
}

// Unofficial says whether the line rests on no official or mainstream-media source: the UI
// shows 此规则来源未经官方确认 (rules.md: C and U grades).
func (l Line) Unofficial() bool {
	g := strings.Split(l.Grade, "/")
	last := g[len(g)-1]
	return l.Unverified || last == "C" || last == "U"
}

// Value renders one value as a family reads it.
func (w Words) Value(a Arg) string {
	switch a.Kind {
	case KindPerson:
		return w.personName(family.PersonID(a.Value))
	case KindBinding:
		return w.bindingName(a.Value)
	case KindRegion:
		return region.FullName(region.Code(a.Value), w.ZH)
	case KindProvince:
		if len(a.Value) < 2 {
			return a.Value
		}
		return region.FullName(region.Code(a.Value[:2]+"0000"), w.ZH)
	case KindAmount:
		if w.ZH {
			return a.Value + " 元"
		}
		return a.Value + " yuan"
	case KindDate:
		d, err := civil.ParseDate(a.Value)
		if err != nil {
			return a.Value
		}
		if w.ZH {
			return d.ZH()
		}
		return d.EN()
	case KindTime:
		t, err := civil.ParseTime(a.Value)
		if err != nil {
			return a.Value
		}
		if w.ZH {
			return civil.TimeZH(t)
		}
		return civil.TimeEN(t)
	case KindWord:
		return label(a.Value, w.ZH)
	case KindList:
		items := strings.Split(a.Value, ",")
		for i, it := range items {
			items[i] = label(it, w.ZH)
		}
		if w.ZH {
			return strings.Join(items, "、")
		}
		return strings.Join(items, ", ")
	}
	return a.Value
}

func (w Words) personName(id family.PersonID) string {
	if w.Family != nil {
		if p := w.Family.Person(id); p != nil && p.Name != "" {
			return p.Name
		}
	}
	return string(id)
}

func (w Words) bindingName(id string) string {
	if w.Family != nil {
		for _, b := range w.Family.Bindings {
			if b.ID == id {
				a, r := w.personName(b.Authorizer), w.personName(b.Beneficiary)
				if w.ZH {
					return a + "为" + r + "办理的共济绑定"
				}
				return a + "'s binding for " + r
			}
		}
	}
	if w.ZH {
		return "共济绑定" + id
	}
	return "binding " + id
}

// label is the family-readable name of a value in one language; an unknown value (a newer
// build's word) prints as it is.
func label(v string, zh bool) string {
	pair, ok := labels(v)
	if !ok {
		return v
	}
	if zh {
		return pair[0]
	}
	return pair[1]
}

// labels holds each value's Chinese and English name: the family's domain values (relations,
// scopes, schemes, statuses, transfer states, accounts as source.account) from the one
// vocabulary (shared/vocab), the rest here.
func labels(v string) ([2]string, bool) {
	t, ok := vocab.Find(v)
	if !ok && strings.HasPrefix(v, vocab.Source+".") {
		t, ok = vocab.Of(v)
	}
	if ok {
		return [2]string{t.ZH, t.EN}, true
	}
	for _, r := range otherLabels {
		if r.value == v {
			return [2]string{r.zh, r.en}, true
		}
	}
	return [2]string{}, false
}

// otherLabels are the names of the values outside the vocabulary: a table, not a switch (the
// app's wasm holds a table as data; a switch of strings is code at every case).
var otherLabels = [...]struct{ value, zh, en string }{
	{"same_city", "须在同一城市参保", "same city"},
	{"same_province", "须在同一省份参保", "same province"},
	{"anywhere", "不限地区", "anywhere"},
	{"policy_self_pay", "政策范围内自付部分", "the self-paid part within the policy"},
	{"all_personal_burden", "个人负担的全部费用", "everything the patient pays"},
	{"binding_order", "按绑定的先后", "in the order the bindings were made"},
	{"balance_desc", "按余额从多到少", "by balance, highest first"},
	{"way." + string(WayBound), "已绑定", "already bound"},
	{"way." + string(WayBind), "可以绑定", "can bind"},
	{"way." + string(WayWallet), "可以用医保钱包转账", "can send to the medical-insurance wallet"},
	{"way." + string(WayNone), "不能", "cannot pay"},
	{"yes", "有", "yes"},
	{"no", "没有", "none"},
	{"wallet_on", "已开通医保钱包", "has the wallet"},
	{"wallet_off", "尚未开通医保钱包", "does not have the wallet yet"},
	{"death", "本人去世", "the holder's death"},
	{"voluntary_exit", "本人自愿退出基本医疗保险", "leaving basic medical insurance voluntarily"},
	{"lump_sum_pension_clearing", "养老保险一次性清算", "a lump-sum pension settlement"},
	{"emigration", "出国（境）定居", "settling abroad"},
	{"move_no_transfer", "迁出且医保关系无法转移", "moving away where the insurance cannot move"},
	{"retiree_nonlocal", "达到退休年龄、非本地户籍且医保关系无法转移", "a non-local retiree whose insurance cannot move"},
	{"retiree_resettled", "退休后异地安置", "a retiree resettled elsewhere"},
	{"to_resident_elsewhere", "转为外地居民医保", "switching to resident insurance elsewhere"},
	{"drug", "药品", "medicines"},
	{"device", "医疗器械", "medical devices"},
	{"consumable", "医用耗材", "medical consumables"},
	{"treatment", "治疗费", "treatment"},
	{"exam", "检查费", "examinations"},
	{"inpatient", "住院费用", "inpatient care"},
	{"health_food", "保健食品", "health food"},
	{"cosmetics", "化妆品", "cosmetics"},
	{"fitness", "健身消费", "fitness"},
	{"wellness", "养生保健", "wellness"},
	{"public_health", "公共卫生费用", "public health services"},
	{"daily_goods", "生活用品", "daily goods"},
}
