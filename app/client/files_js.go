//go:build js && wasm

package client

import "syscall/js"

// Download offers data as a file named name (a Blob and a temporary link).
func Download(name, mime string, data []byte) {
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": mime})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := js.Global().Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	js.Global().Get("document").Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	js.Global().Get("URL").Call("revokeObjectURL", url)
}

// ReadFile reads the first file chosen in the file input with this id and calls done with
// its bytes (nil when none was chosen or it could not be read).
func ReadFile(inputID string, done func([]byte)) {
	in := js.Global().Get("document").Call("getElementById", inputID)
	if !in.Truthy() || in.Get("files").Length() == 0 {
		done(nil)
		return
	}
	var ok, fail js.Func
	release := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		buf := js.Global().Get("Uint8Array").New(args[0])
		b := make([]byte, buf.Length())
		js.CopyBytesToGo(b, buf)
		done(b)
		return nil
	})
	fail = js.FuncOf(func(js.Value, []js.Value) any { release(); done(nil); return nil })
	in.Get("files").Index(0).Call("arrayBuffer").Call("then", ok, fail)
}

// CanShare says whether the browser has the Web Share API.
func CanShare() bool { return js.Global().Get("navigator").Get("share").Truthy() }

// Share hands text to the system's share sheet; a cancelled share is not an error.
func Share(title, text string) {
	nav := js.Global().Get("navigator")
	if !nav.Get("share").Truthy() {
		return
	}
	p := nav.Call("share", map[string]any{"title": title, "text": text})
	var ignore js.Func
	ignore = js.FuncOf(func(js.Value, []js.Value) any { ignore.Release(); return nil })
	p.Call("catch", ignore)
}

// QRSVG is text as a QR code in SVG markup, drawn by the static qrcode-generator script
// (web/qrcode.js, outside the wasm); "" when it has not loaded.
func QRSVG(text string) string {
	q := js.Global().Get("qrcode")
	if !q.Truthy() {
		return ""
	}
	code := q.Invoke(0, "M")
	code.Call("addData", text)
	code.Call("make")
	return code.Call("createSvgTag", map[string]any{"cellSize": 4, "margin": 4, "scalable": true, "alt": text, "title": text}).String()
}

// LoadQR loads web/qrcode.js once (only 同步 draws QR codes, so the first load of every
// other screen goes without it) and calls done when it has run; at once when it is there.
func LoadQR(done func()) {
	if js.Global().Get("qrcode").Truthy() {
		done()
		return
	}
	doc := js.Global().Get("document")
	s := doc.Call("getElementById", "qrcode-js")
	if !s.Truthy() {
		s = doc.Call("createElement", "script")
		s.Set("id", "qrcode-js")
		s.Set("src", "/web/qrcode.js")
		doc.Get("head").Call("appendChild", s)
	}
	var onload js.Func
	onload = js.FuncOf(func(js.Value, []js.Value) any {
		onload.Release()
		done()
		return nil
	})
	s.Call("addEventListener", "load", onload, map[string]any{"once": true})
}
