package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/shared/money"
	"gongji/shared/region"
)

// Form helpers shared by the screens: labelled controls, options, amounts.

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
