package screen

import (
	"errors"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/app/words"
	"gongji/shared/engine"
	"gongji/shared/errs"
	"gongji/shared/mutation"
)

// A family never reads a field path, a reason code or a JavaScript error: every error the app
// can meet becomes a sentence from the text tables (field.*, code.*, net.* and http.* keys),
// shown next to the form field it is about when it names one.

// problem is an error as a family reads it: Field is the input it is about ("bill.total",
// "amount", "code"; "" when none) and Text the sentence.
type problem struct {
	Field, Text string
}

// none says whether there is nothing to show.
func (p problem) none() bool { return p.Text == "" }

// on is the sentence when the problem is about one of fields, else "".
func (p problem) on(fields ...string) string {
	for _, f := range fields {
		if p.Field == f {
			return p.Text
		}
	}
	return ""
}

// besides is the sentence when the problem is about none of fields (those show it next to
// their input), else "".
func (p problem) besides(fields ...string) string {
	if p.on(fields...) != "" {
		return ""
	}
	return p.Text
}

// dropIndexes is path without its list indexes ("[3]": a bracket, ASCII digits, a bracket), as
// the regexp `\[\d+\]` replaced by "" would leave it: written out, since the client's other
// code uses no regexp and its matcher is kilobytes of wasm (issue 22).
func dropIndexes(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		if path[i] == '[' {
			j := i + 1
			for j < len(path) && path[j] >= '0' && path[j] <= '9' {
				j++
			}
			if j > i+1 && j < len(path) && path[j] == ']' {
				i = j
				continue
			}
		}
		b.WriteByte(path[i])
	}
	return b.String()
}

// fieldName is a field path as the app's forms know it: "mutations[3].args.amount",
// "args.amount" and "action.amount" are all "amount"; "action.bill.total" is "bill.total".
func fieldName(path string) string {
	f := dropIndexes(path)
	f = strings.TrimPrefix(f, "mutations.")
	for _, pre := range []string{"args.", "action."} {
		f = strings.TrimPrefix(f, pre)
	}
	if f == "args" || f == "action" {
		return ""
	}
	return f
}

// fieldText is the sentence for an input the engine, the mutation decoder or the server
// could not take; a field with no sentence of its own gets the general one.
func fieldText(lang, path string) string {
	if f := fieldName(path); f != "" {
		if s, ok := words.Table(lang)["field."+f]; ok {
			return s
		}
	}
	return words.T(lang, "field.unknown")
}

// codeText is the one-sentence summary of a reason code; the explanation lines say more.
func codeText(lang string, c engine.Code) string {
	if s, ok := words.Table(lang)["code."+string(c)]; ok {
		return s
	}
	return words.T(lang, "code.unknown")
}

// explain turns any error the app can meet into a problem.
func explain(lang string, err error) problem {
	if err == nil {
		return problem{}
	}
	if errors.Is(err, client.ErrElsewhere) {
		return problem{Text: words.T(lang, "tab.elsewhere")}
	}
	// errs.As, not errors.As: the app's wasm carries no reflection for it (issue 22)
	if ie, ok := errs.As[*engine.InputError](err); ok {
		return problem{fieldName(ie.Field), fieldText(lang, ie.Field)}
	}
	if fe, ok := errs.As[*mutation.FieldError](err); ok {
		return problem{fieldName(fe.Field), fieldText(lang, fe.Field)}
	}
	if he, ok := errs.As[*client.HTTPError](err); ok {
		return httpProblem(lang, he)
	}
	return problem{Text: words.T(lang, "err.general")}
}

// httpProblem says what went wrong talking to the server (server/API.md, Errors).
func httpProblem(lang string, e *client.HTTPError) problem {
	switch {
	case e.Status == 0:
		return problem{Text: words.T(lang, "net.down")}
	case e.Code == "bad_request" && e.Field != "":
		return problem{fieldName(e.Field), fieldText(lang, e.Field)}
	case e.Code == "invite_not_found":
		return problem{"code", words.T(lang, "http.invite_not_found")}
	}
	if s, ok := words.Table(lang)["http."+e.Code]; ok && e.Code != "" {
		return problem{Text: s}
	}
	if e.Status >= 500 {
		return problem{Text: words.T(lang, "http.unavailable")}
	}
	return problem{Text: words.T(lang, "http.other")}
}

// outcomeProblem is why a mutation did not apply: the input it could not take, or one
// sentence per reason code; none when it applied.
func outcomeProblem(lang string, o mutation.Outcome) problem {
	if o.Status.Applied() {
		return problem{}
	}
	if o.Error != nil && (len(o.Codes) == 0 || (len(o.Codes) == 1 && o.Codes[0] == mutation.InvalidInput)) {
		return problem{fieldName(o.Error.Field), fieldText(lang, o.Error.Field)}
	}
	if o.Status == mutation.Unknown {
		return problem{Text: words.T(lang, "code.unknown_mutation")}
	}
	sep := ""
	if lang == words.English {
		sep = " "
	}
	var out []string
	for _, c := range o.Codes {
		s := codeText(lang, c)
		if c == mutation.NameTaken {
			s = namedLine(lang, o, c, s)
		}
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return problem{Text: words.T(lang, "code.unknown")}
	}
	return problem{Text: strings.Join(out, sep)}
}

// namedLine is the sentence of o's line with code c, which names the person it is about (the
// member who already has the name), or fallback.
func namedLine(lang string, o mutation.Outcome, c engine.Code, fallback string) string {
	w := engine.Words{ZH: lang != words.English, Family: &client.TheStore().Book().State}
	for _, l := range o.Explanation {
		if l.Code == c {
			return w.Text(l)
		}
	}
	return fallback
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// failure is why a mutation this device tried was not applied (none when it applied).
func failure(o mutation.Outcome, err error) problem {
	lang := client.TheStore().Lang()
	if err != nil {
		return explain(lang, err)
	}
	return outcomeProblem(lang, o)
}

// note is a sentence in the error style under a form field or at the end of a form; nothing
// when text is empty. id lets tests and the e2e suite find it.
func note(id, text string) app.UI {
	if text == "" {
		return app.Text("")
	}
	return elemt("p.error[role=alert]", text).ID(id)
}
