package screen

import (
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/app/words"
	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/region"
)

// Form helpers shared by the screens: labelled controls, options, amounts.

// yuan formats an amount as the family reads it: "12.50 元" ("12.50 yuan" in English), the
// way the explanations write amounts.
func yuan(a money.Amount) string {
	if client.TheStore().Lang() == words.English {
		return a.String() + " yuan"
	}
	return a.String() + " 元"
}

// shortTime is a moment in UTC+8 as the family reads it: 2026年3月3日 06:00 (English:
// 3 March 2026, 06:00).
func shortTime(t time.Time) string {
	if client.TheStore().Lang() == words.English {
		return civil.TimeEN(t)
	}
	return civil.TimeZH(t)
}

// day is a date as the family reads it: 2025年10月13日 (English: 13 October 2025).
func day(d civil.Date) string {
	if client.TheStore().Lang() == words.English {
		return d.EN()
	}
	return d.ZH()
}

// parseYuan reads what a person typed: empty is zero; 3,000.00, full-width digits (３０００．５),
// a trailing 元 and a leading ¥ are read as people mean them (typedYuan).
func parseYuan(s string) (money.Amount, error) {
	s = typedYuan(s)
	if s == "" {
		return 0, nil
	}
	return money.Parse(s)
}

// typedYuan is an amount as a person types it, in the form money.Parse reads: full-width
// digits, point and comma made ASCII, spaces, 元, ¥ and thousands separators (a comma followed
// by three digits) dropped. Anything else is left for Parse to refuse.
func typedYuan(s string) string {
	var b strings.Builder
	rs := []rune(strings.TrimSpace(s))
	for i, r := range rs {
		switch {
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r == '．' || r == '。':
			r = '.'
		case r == '，':
			r = ','
		}
		switch r {
		case ' ', '\u3000', '元', '¥', '￥':
			continue
		case ',':
			if thousands(rs[i+1:]) {
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// thousands says whether rs starts with three digits and then ends or goes on with a point, a
// comma or 元: the digits after a thousands separator.
func thousands(rs []rune) bool {
	if len(rs) < 3 {
		return false
	}
	for _, r := range rs[:3] {
		if !(r >= '0' && r <= '9' || r >= '０' && r <= '９') {
			return false
		}
	}
	if len(rs) == 3 {
		return true
	}
	switch rs[3] {
	case '.', '．', ',', '，', '元', ' ':
		return true
	}
	return false
}

// field is a labelled form control.
func field(label string, control app.UI) app.UI {
	return el("label.field", spanText(label), control)
}

// fieldErr is a labelled form control with the sentence about its input under it (nothing
// when text is empty); id names the sentence's element.
func fieldErr(label string, control app.UI, id, text string) app.UI {
	return el("label.field", spanText(label), control, errorSentence(id, text))
}

// errorSentence is the sentence about a field's input, in an element of this id; nil when
// text is empty.
func errorSentence(id, text string) app.UI {
	if text == "" {
		return nil
	}
	return elemt("span.error.field-error[role=alert]", text).ID(id)
}

// check is a labelled checkbox bound to *v.
func check(id, label string, v *bool) app.UI {
	return checkbox(id, label, *v, func(ctx app.Context, e app.Event) {
		*v = ctx.JSSrc().Get("checked").Bool()
	}, fieldScope(v)) // each box its own field, whatever stood at its place before
}

// checkbox is a labelled checkbox, ticked when on, that runs h when changed.
func checkbox(id, label string, on bool, h app.EventHandler, opts ...app.EventOption) app.UI {
	return el("label.check", app.Input().Attr("type", "checkbox").ID(id).Attr("checked", on).OnChange(h, opts...), spanText(label))
}

// option is one option of a select, selected when value == current.
func option(value, label, current string) app.UI {
	return elemt("option", label).Attr("value", value).Attr("selected", value == current)
}

// personOptions lists the family's people as options, with an empty first choice.
func personOptions(current string) []app.UI {
	st := client.TheStore()
	out := []app.UI{option("", "—", current)}
	for _, p := range st.Book().State.People {
		out = append(out, option(string(p.ID), p.Name, current))
	}
	return out
}

// colon ends a label before its value: "：" in Chinese, ": " in English.
func colon() string {
	if client.TheStore().Lang() == words.English {
		return ": "
	}
	return "："
}

// stateText is an item's sync state in words ("" while the item is not in the book yet).
func stateText(s book.ItemState) string {
	if s == "" {
		return ""
	}
	return client.TheStore().T("state." + string(s))
}

// personName is the person's name as the family entered it (the id when unknown).
func personName(id family.PersonID) string {
	if p := client.TheStore().Book().State.Person(id); p != nil && p.Name != "" {
		return p.Name
	}
	return string(id)
}

// clearInput empties an input the DOM keeps after its bound field became "" (go-app #1083).
func clearInput(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Set("value", "")
	}
}

// valueTo stores the element's value in *v on input or change.
// fieldScope is the scope of a field's handler: the field it writes. go-app keeps an element's
// old handler when the new one has the same code and scope, so without it an input that took
// the place of another in a form redrawn with other fields (an account field gone for a
// resident) would go on writing the other one's field.
//
// The scope is the field's address in hex, written without fmt: it is worked out for every
// field at every render (Sprintf of %p was 16 ms of the first render at 4x CPU; issue 22).
func fieldScope[T any](v *T) app.EventOption {
	return app.EventScope(strconv.FormatUint(uint64(uintptr(unsafe.Pointer(v))), 16))
}

func valueTo(v *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *v = ctx.JSSrc().Get("value").String() }
}

func regionCode(s string) region.Code { return region.Code(s) }

// textInput is an <input> with this id that shows *v and writes what is typed to *v, its
// handler scoped to v (fieldScope). One call in place of four builder calls at every field
// keeps the wasm smaller.
func textInput(id string, v *string) app.HTMLInput {
	return app.Input().ID(id).Value(*v).OnInput(valueTo(v), fieldScope(v))
}

// selectInput is a <select> with this id that writes the chosen value to *v, its handler
// scoped to v (fieldScope).
func selectInput(id string, v *string) app.HTMLElem {
	return elem("select").ID(id).OnChange(valueTo(v), fieldScope(v))
}
