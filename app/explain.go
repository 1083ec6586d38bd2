package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/shared/engine"
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
