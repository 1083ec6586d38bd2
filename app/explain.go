package app

import (
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/shared/engine"
	"gongji/shared/money"
	"gongji/shared/region"
)

// explanation lists an engine decision line by line: the text in the device's language, the
// rule id, the source, and 此规则来源未经官方确认 when the source is not official.
func explanation(id string, lines []engine.Line) app.UI {
	st := theStore()
	return app.Ol().ID(id).Class("explain").Body(app.Range(lines).Slice(func(i int) app.UI {
		l := lines[i]
		text := l.ZH
		if st.Lang() == English {
			text = l.EN
		}
		cls := "line"
		if l.Code != "" {
			cls += " refused"
		}
		return app.Li().Class(cls).DataSet("rule", l.Rule).Body(
			app.Span().Class("rule").Text(l.Rule),
			app.Span().Class("text").Text(text),
			app.If(l.Source != "", func() app.UI {
				return app.Small().Class("source").Text(st.T("source") + ": " + l.Source + gradeText(l.Grade))
			}),
			app.If(l.Unofficial, func() app.UI {
				return app.Small().Class("unofficial").Text(st.T("unofficial"))
			}),
		)
	}))
}

func gradeText(g string) string {
	if g == "" {
		return ""
	}
	return " (" + g + ")"
}

// yuan formats an amount for display: "¥12.50".
func yuan(a money.Amount) string { return "¥" + a.String() }

// parseYuan reads what a person typed: empty is zero.
func parseYuan(s string) (money.Amount, error) {
	if s == "" {
		return 0, nil
	}
	return money.Parse(s)
}

// field is a labelled form control.
func field(label string, control app.UI) app.UI {
	return app.Label().Class("field").Body(app.Span().Text(label), control)
}

// check is a labelled checkbox bound to *v.
func check(id, label string, v *bool) app.UI {
	return app.Label().Class("check").Body(
		app.Input().Type("checkbox").ID(id).Checked(*v).OnChange(func(ctx app.Context, e app.Event) {
			*v = ctx.JSSrc().Get("checked").Bool()
		}),
		app.Span().Text(label),
	)
}

// option is one option of a select, selected when value == current.
func option(value, label, current string) app.UI {
	return app.Option().Value(value).Text(label).Selected(value == current)
}

// personOptions lists the family's people as options, with an empty first choice.
func personOptions(current string) []app.UI {
	st := theStore()
	out := []app.UI{option("", "—", current)}
	for _, p := range st.Book().State.People {
		out = append(out, option(string(p.ID), p.Name, current))
	}
	return out
}

// clearInput empties an input the DOM keeps after its bound field became "" (go-app #1083).
func clearInput(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Set("value", "")
	}
}

// valueTo stores the element's value in *v on input or change.
func valueTo(v *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *v = ctx.JSSrc().Get("value").String() }
}

func regionCode(s string) region.Code { return region.Code(s) }

func errorText(s string) error { return errors.New(s) }
