package screen

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
)

// A form's labelled inputs as data: a table of inputs drawn by one loop (inputs). In wasm a
// call chain per field (the label's text, the control, its attributes, the sentence under
// it) was the largest code of the app; a table row is a few stores (issue 22).

// input is one labelled control of a form: an <input> bound to v, a <select> bound to v, or a
// checkbox bound to on. Its label reads the text key label; under it goes the sentence of the
// form's problem about the field err, in an element of id id+"-error".
type input struct {
	id, label string
	text      string // the label as written, in place of the key label
	err       string // the problem field whose sentence shows under it ("" none)
	typ, mode string // an <input>'s type ("date", "time") and inputmode ("decimal", "numeric"); "" none
	hint      string // an <input>'s placeholder ("" none)
	about     string // the text key of one line under the control saying what it asks ("" none)
	prefix    string // the text keys' prefix of keys

	v  *string // what an <input> or a <select> shows and writes
	on *bool   // a checkbox's tick (then v is nil)

	// A <select>'s options: the family's people ("—" first: personOptions), or one per value
	// of keys, each named by the text key prefix+value, or these (none of them: an <input>).
	people  bool
	keys    []string
	options []app.UI

	row      int8 // inputs with the same row number (not 0) stand side by side in a div.row
	required bool // an <input> the browser asks for
	hide     bool // not shown (the form does not ask it now)
}

// inputs draws fs in order, each with the sentence of the first of probs about its field;
// a run of inputs with the same row goes in one div.row.
func inputs(fs []input, probs ...problem) []app.UI {
	out := make([]app.UI, 0, len(fs))
	var line []app.UI
	for i := range fs {
		in := &fs[i]
		ui := in.ui(probs)
		if in.row == 0 {
			out = append(out, ui)
			continue
		}
		line = append(line, ui)
		if i+1 == len(fs) || fs[i+1].row != in.row {
			out = append(out, row(line...))
			line = nil
		}
	}
	return out
}

// ui is the input drawn: a label.field with the label, the control and the sentence about it,
// or a label.check (in a div with its sentence's note when it has an err field); nothing when
// hidden.
func (in *input) ui(probs []problem) app.UI {
	if in.hide {
		return nil
	}
	label := in.text
	if label == "" {
		label = client.TheStore().T(in.label)
	}
	text := ""
	if in.err != "" {
		text = firstOn(probs, in.err)
	}
	if in.on != nil {
		box := check(in.id, label, in.on)
		if in.err == "" {
			return box
		}
		return el("div", box, note(in.id+"-error", text))
	}
	write, scope := valueTo(in.v), fieldScope(in.v)
	var control app.UI
	opts := in.options
	if in.people {
		opts = personOptions(*in.v)
	}
	if in.keys != nil {
		opts = keyOptions(in.prefix, *in.v, in.keys)
	}
	if opts != nil {
		control = elem("select", opts...).ID(in.id).OnChange(write, scope)
	} else {
		box := app.Input().ID(in.id).Value(*in.v).Attr("type", in.typ).Attr("inputmode", in.mode).Placeholder(in.hint).OnInput(write, scope)
		if in.typ != "" { // a date or time picker may write on change only
			box.OnChange(write, scope)
		}
		if in.required {
			box.Attr("required", true)
		}
		control = box
	}
	if in.about != "" {
		return el("label.field", spanText(label), control,
			elemt("span.hint", client.TheStore().T(in.about)).ID(in.id+"-hint"), errorSentence(in.id+"-error", text))
	}
	return fieldErr(label, control, in.id+"-error", text)
}

// firstOn is the sentence of the first of probs about field f ("" when none is).
func firstOn(probs []problem, f string) string {
	for _, p := range probs {
		if s := p.on(f); s != "" {
			return s
		}
	}
	return ""
}

// keyOptions are a select's options, one per value, each named by the text key prefix+value;
// the one of value current is selected.
func keyOptions(prefix, current string, values []string) []app.UI {
	st := client.TheStore()
	opts := make([]app.UI, len(values))
	for i, x := range values {
		opts[i] = option(x, st.T(prefix+x), current)
	}
	return opts
}

// moved is p about field to when it is about field from: a form shows both under one input.
func moved(p problem, from, to string) problem {
	if p.Field == from {
		p.Field = to
	}
	return p
}
