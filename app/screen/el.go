package screen

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Small element helpers for the shell and the screens it added. Each go-app builder call is
// an interface call, and in wasm every call site costs code: one helper call in place of
// three builder calls keeps the wasm within its budget.

// para is a <p> with an id (none when ""), a class and a text.
func para(id, class, text string) app.UI {
	p := app.P().Class(class).Text(text)
	if id != "" {
		p = p.ID(id)
	}
	return p
}

// button is a <button> with an id, a class and a text that runs h when pressed.
func button(id, class, text string, h app.EventHandler) app.UI {
	return app.Button().ID(id).Class(class).Text(text).OnClick(h)
}

// heading is an <h2>.
func heading(text string) app.UI { return app.H2().Text(text) }

// maybe is ui when ok, else nothing.
func maybe(ok bool, ui func() app.UI) app.UI {
	if !ok {
		return nil
	}
	return ui()
}

// paraIf is para when ok, else nothing. Unlike app.If it takes the text already worked out
// (so the text must be cheap and safe to work out when !ok): a closure per condition, as
// app.If takes, was about 900 bytes of wasm apiece (issue 22).
func paraIf(ok bool, id, class, text string) app.UI {
	if !ok {
		return nil
	}
	return para(id, class, text)
}

// row is a <div class="row"> of its children, a line of form fields.
func row(children ...app.UI) app.UI { return app.Div().Class("row").Body(children...) }

// Elements that hold only a text, one call each.
func spanText(text string) app.UI   { return app.Span().Text(text) }
func strongText(text string) app.UI { return app.Strong().Text(text) }
func pageTitle(text string) app.UI  { return app.H1().Text(text) }
func headerCell(text string) app.UI { return app.Th().Text(text) }
func listItem(text string) app.UI   { return app.Li().Text(text) }
func subheading(text string) app.UI { return app.H3().Text(text) }

// submit is a form's submit button.
func submit(id, text string) app.UI { return app.Button().Type("submit").ID(id).Text(text) }

// spanOf is a <span> with a class and a text.
func spanOf(class, text string) app.UI { return app.Span().Class(class).Text(text) }
