package pwa

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// appJS serves go-app's app.js with the wasm fetched by the browser itself: go-app pipes the
// download through a JavaScript stream to count its progress, which hands every chunk of
// the 11 MB to the page's main thread (issue 22); fetch straight into
// WebAssembly.instantiateStreaming compiles it off the main thread. The first screen says
// 正在载入… itself, so the percentage is not missed. It panics when go-app's script changed.
func appJS(h *app.Handler) http.Handler {
	var once sync.Once
	var js []byte
	var header http.Header
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/app.js", nil))
			header = rec.Header().Clone()
			js = []byte(PatchAppJS(rec.Body.String()))
			header.Set("Content-Length", strconv.Itoa(len(js)))
		})
		if match := header.Get("ETag"); match != "" && r.Header.Get("If-None-Match") == match {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		for k, v := range header {
			w.Header()[k] = v
		}
		w.Write(js)
	})
}

// PatchAppJS is go-app's app.js with five changes: the wasm is fetched without the progress
// stream, and only after the first screen has painted (the next task after the first
// frame, or at once in a hidden tab, which paints no frames), so its download and compile
// never hold up the page the server sent; it is handed to the compiler in slices of 64 KiB,
// a task each (sliceWasmJS); Go starts in a task after the one that instantiated the module
// (the browser's instantiation and Go's runtime and package init were one task of 300-480
// ms on a phone four times slower); and the service worker is registered once the wasm has come
// (or failed to), not at once: its install precaches app.wasm, and started with the page it
// downloaded the 1.8 MB a second time alongside the page's own request, halving a weak
// network for the first visit (issue 22); afterwards it is a revalidation (304) of the
// copy the page just fetched. It adds gongjiLoadEnglish (loadEnglishJS), with which the wasm
// loads the English texts it leaves out.
func PatchAppJS(js string) string {
	replace := func(old, new string) {
		if !strings.Contains(js, old) {
			panic("pwa: go-app's app.js changed; cannot find " + strconv.Quote(old))
		}
		js = strings.Replace(js, old, new, 1)
	}
	replace(`fetchWithProgress("/web/app.wasm", showProgress)`, `goappFetchInSlices("/web/app.wasm")`)
	replace("\ngoappInitServiceWorker();\n", "\n")
	replace("    go.run(wasm.instance);\n", "    await goappYield();\n    go.run(wasm.instance);\n    goappInitServiceWorker();\n")
	replace("    console.error(\"loading wasm failed: \", err);\n", "    console.error(\"loading wasm failed: \", err);\n    goappInitServiceWorker();\n")
	replace("  if (!goappCanLoadWebAssembly()) {\n    loader.remove();\n", "  if (!goappCanLoadWebAssembly()) {\n    loader.remove();\n    goappInitServiceWorker();\n")
	replace("\ngoappInitWebAssembly();\n", `
if (document.visibilityState === "hidden") {
  goappInitWebAssembly();
} else {
  requestAnimationFrame(() => setTimeout(goappInitWebAssembly, 0));
}
`)
	return js + sliceWasmJS + loadEnglishJS
}

// sliceWasmJS hands the wasm to WebAssembly.instantiateStreaming in slices of 64 KiB with a
// yield to the page between them. The browser decodes what it is given on the page's main
// thread: given the whole 11 MB at once (a fast network, the worker's cache) that was one task
// of about 110 ms, 450 ms on a phone four times slower, during which a tap waited (issue 22).
// Slices make it about 180 tasks of under a millisecond with input handled between them; the work is the
// same. A MessageChannel yields without the 4 ms floor of nested timers.
const sliceWasmJS = `
function goappYield() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function goappFetchInSlices(url) {
  const response = await fetch(url);
  if (!response.ok || !response.body || typeof ReadableStream !== "function" || typeof MessageChannel !== "function") {
    return response;
  }
  const slice = 65536;
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()();
  const yieldToPage = () => new Promise((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });
  const reader = response.body.getReader();
  const body = new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      for (let at = 0; at < value.byteLength; at += slice) {
        controller.enqueue(value.subarray(at, at + slice));
        await yieldToPage();
      }
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
`

// compressible are the answer types gzipped works on; images and the wasm are not (the wasm
// and the files of staticTypes are sent precompressed).
var compressible = []string{"text/", "application/javascript", "application/json", "application/manifest+json", "image/svg+xml"}

// gzipped compresses go-app's pages and scripts (HTML, app.js, wasm_exec.js, app-worker.js,
// app.css, the manifest) when the browser takes gzip; an answer that already has an
// encoding passes unchanged.
func gzipped(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		next.ServeHTTP(gw, r)
		gw.close()
	})
}

type gzipWriter struct {
	http.ResponseWriter
	decided bool
	buf     *bytes.Buffer // the uncompressed body when compressing
	status  int
}

func (g *gzipWriter) WriteHeader(status int) {
	if g.decided {
		return
	}
	g.decided = true
	h := g.Header()
	h.Add("Vary", "Accept-Encoding")
	typ := h.Get("Content-Type")
	if status == http.StatusOK && h.Get("Content-Encoding") == "" && typ != "" && hasPrefix(typ, compressible) {
		g.buf, g.status = new(bytes.Buffer), status
		return
	}
	g.ResponseWriter.WriteHeader(status)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.buf != nil {
		return g.buf.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

// close sends the compressed body (small answers: pages and scripts of a few tens of kB).
func (g *gzipWriter) close() {
	if g.buf == nil {
		return
	}
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	zw.Write(g.buf.Bytes())
	zw.Close()
	h := g.Header()
	h.Set("Content-Encoding", "gzip")
	h.Set("Content-Length", strconv.Itoa(out.Len()))
	g.ResponseWriter.WriteHeader(g.status)
	g.ResponseWriter.Write(out.Bytes())
}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
