package screen

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/app/words"
)

// Small element helpers for the screens. In wasm every go-app builder call is code at its call
// site (the interface call, its arguments, a resume point: 150-200 bytes each), and every
// concrete element type used (htmlSpan, htmlSection, htmlOl, ...) brings its own compiled copy
// of each method called on it. So the screens build elements through el, one call with the
// element written as a CSS selector, and go-app's generic element (app.Elem): one type, one
// copy of its methods, and the same HTML (issue 22).

// el is the element spec names, written as a CSS selector: "tag", then optionally "#id", then
// ".class" any number of times, then "[name=value]" attributes any number of times
// ("button#undo.secondary[type=button]"), with these children. The spec is a constant: an id
// worked out at run time (a person's name may hold a point) goes through elem(...).ID.
//
// el returns an app.UI, the type its callers pass on: an app.HTMLElem passed where an app.UI
// goes is an interface conversion, about 100 bytes of wasm at each call site.
func el(spec string, body ...app.UI) app.UI { return elem(spec, body...) }

// elt is the element spec names (el) holding only text.
func elt(spec, text string) app.UI { return elem(spec, app.Text(text)) }

// elemt is elt for a caller that goes on setting attributes or handlers.
func elemt(spec, text string) app.HTMLElem { return elem(spec, app.Text(text)) }

// elem is el for a caller that goes on setting attributes or handlers.
func elem(spec string, body ...app.UI) app.HTMLElem {
	// a copy: go-app keeps (and filters in place) the slice Body gets, so without it every
	// caller's children would be put on the heap, each stored there through a write barrier;
	// copied here they stay on the caller's stack (issue 22)
	return elemOf(spec, append([]app.UI(nil), body...))
}

// elemOf is elem with children the element may keep (a slice built for it).
func elemOf(spec string, body []app.UI) app.HTMLElem {
	var attrs string
	if i := strings.IndexByte(spec, '['); i >= 0 {
		spec, attrs = spec[:i], spec[i:]
	}
	tag, rest := spec, ""
	if i := strings.IndexAny(spec, "#."); i >= 0 {
		tag, rest = spec[:i], spec[i:]
	}
	e := app.Elem(tag)
	if strings.HasPrefix(rest, "#") {
		id := rest[1:]
		rest = ""
		if i := strings.IndexByte(id, '.'); i >= 0 {
			id, rest = id[:i], id[i:]
		}
		e.ID(id)
	}
	if rest != "" {
		e.Class(strings.ReplaceAll(rest[1:], ".", " "))
	}
	for attrs != "" {
		end := strings.IndexByte(attrs, ']')
		name, value, _ := strings.Cut(attrs[1:end], "=")
		e.Attr(name, value)
		attrs = attrs[end+1:]
	}
	if len(body) > 0 {
		e.Body(body...)
	}
	return e
}

// with is e with this class (none when "") and these data- attributes, each name followed by
// its value, as an app.UI: one call in place of a chain of Class and DataSet calls, each an
// interface call at its call site (Class's ...string put on the heap there, DataSet's value
// made an interface there and read back with fmt); issue 22.
func with(e app.HTMLElem, class string, data ...string) app.UI {
	if class != "" {
		e.Class(class)
	}
	for i := 1; i < len(data); i += 2 {
		e.Attr("data-"+data[i-1], data[i])
	}
	return e
}

// para is a <p> with an id (none when ""), a class and a text.
func para(id, class, text string) app.UI {
	p := elemt("p", text)
	if id != "" {
		p.ID(id)
	}
	return with(p, class)
}

// button is a <button> with an id, a class and a text that runs h when pressed.
func button(id, class, text string, h app.EventHandler) app.UI {
	return with(elemt("button", text).ID(id).OnClick(h), class)
}

// heading is an <h2>.
func heading(text string) app.UI { return elt("h2", text) }

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

// when is ui when ok, else nothing: app.If without the closure, for an element that is cheap
// and safe to build when !ok (a closure was about 900 bytes of wasm apiece).
func when(ok bool, ui app.UI) app.UI {
	if !ok {
		return nil
	}
	return ui
}

// row is a <div class="row"> of its children, a line of form fields.
func row(children ...app.UI) app.UI { return el("div.row", children...) }

// Elements that hold only a text, one call each.
func spanText(text string) app.UI   { return elt("span", text) }
func strongText(text string) app.UI { return elt("strong", text) }
func pageTitle(text string) app.UI  { return elt("h1", text) }
func headerCell(text string) app.UI { return elt("th", text) }
func listItem(text string) app.UI   { return elt("li", text) }
func subheading(text string) app.UI { return elt("h3", text) }

// submit is a form's submit button.
func submit(id, text string) app.UI { return elemt("button[type=submit]", text).ID(id) }

// spanOf is a <span> with a class and a text.
func spanOf(class, text string) app.UI { return with(elemt("span", text), class) }

// btn is the element spec names (el) holding text that runs h when clicked.
func btn(spec, text string, h app.EventHandler, opts ...app.EventOption) app.UI {
	return elemt(spec, text).OnClick(h, opts...)
}

// scopedBtn is btn for a row of a list, its handler scoped to the row's key: go-app keeps an
// element's old handler when the new one has the same code and scope, so without it a row
// that moved would run the handler of the row that stood there. data are data- attributes
// (with).
func scopedBtn(spec, text string, h app.EventHandler, scope string, data ...string) app.UI {
	return with(elemt(spec, text).OnClick(h, app.EventScope(scope)), "", data...)
}

// formOf is the <form> spec names (el) with these children that runs h when submitted.
func formOf(spec string, h app.EventHandler, body ...app.UI) app.UI {
	return elem(spec, body...).OnSubmit(h)
}

// list is the element spec names (el) holding n children, item(i) the i-th: a list without
// app.Range, which takes its slice as an any and reads it through reflection.
func list(spec string, n int, item func(i int) app.UI) app.UI { return listElem(spec, n, item) }

// listElem is list for a caller that goes on setting attributes.
func listElem(spec string, n int, item func(i int) app.UI) app.HTMLElem {
	return elemOf(spec, each(n, item))
}

// each is item(i) for i from 0 to n-1, the children of a list with others after them.
func each(n int, item func(i int) app.UI) []app.UI {
	kids := make([]app.UI, n, n+1)
	for i := range kids {
		kids[i] = item(i)
	}
	return kids
}

// incomparable, as a struct's first field, makes the struct incomparable, so the compiler
// writes no equality function for it: nothing compares a screen's struct (go-app compares a
// component's exported fields one by one), and each such function was up to a kilobyte and a
// half of wasm (issue 22).
type incomparable [0]func()

// page is a screen: the shell with the path active on it, then <main> led by the screen's
// title (the text key title) and holding body.
func page(active, title string, body ...app.UI) app.UI {
	return el("div.page", &shell{Active: active}, el("main", append([]app.UI{pageTitle(tr(title))}, body...)...))
}

// tr is the text key in the device's language.
func tr(key string) string { return client.TheStore().T(key) }

// eltr is the element spec names (el) holding the text of key in the device's language: one
// call where elt(spec, st.T(key)) was two.
func eltr(spec, key string) app.UI { return elt(spec, tr(key)) }

// eachText is one element spec names (el) per text key, each holding its key's text.
func eachText(spec string, keys ...string) []app.UI {
	out := make([]app.UI, len(keys))
	for i, k := range keys {
		out[i] = eltr(spec, k)
	}
	return out
}

// stateSpan is an entry's sync state: its text and its kind as a class.
func stateSpan(text, kind string) app.UI { return with(elemt("span", text), "state "+kind) }

// entryHead is the first line of an entry's card in a list (a bill, a payment, a transfer, a
// binding): what it is in bold, muted beside it (" · " and when), and its sync state.
func entryHead(title, muted string, state book.ItemState) app.UI {
	return el("p", strongText(title), spanOf("muted", muted), stateSpan(stateText(state), string(state)))
}

// entryItem is an entry's card in a list: a <li> of this class with these children,
// data-KIND=key (data-mutation, data-transfer) and data-state.
func entryItem(class, kind, key, state string, body ...app.UI) app.UI {
	return with(elem("li", body...), class, kind, key, "state", state)
}

// trf is the text of key in the device's language with args in its places {1}, {2}, ...
func trf(key string, args ...string) string { return words.Format(tr(key), args...) }
