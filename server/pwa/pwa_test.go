package pwa

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// webDir makes a web directory with a raw, a gzip and a brotli "app.wasm" (their contents
// tell them apart) and a style sheet.
func webDir(t *testing.T, br bool) string {
	dir := t.TempDir()
	files := map[string]string{"app.wasm": "RAW", "app.wasm.gz": "GZ", "style.css": "body{}"}
	if br {
		files["app.wasm.br"] = "BR"
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func get(t *testing.T, h http.Handler, path string, header map[string]string) *http.Response {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, r *http.Response) string {
	b, _ := io.ReadAll(r.Body)
	return string(b)
}

func TestWasmIsServedCompressed(t *testing.T) {
	cases := []struct {
		name, accept      string
		br                bool
		wantBody, wantEnc string
	}{
		{"brotli preferred", "gzip, deflate, br", true, "BR", "br"},
		{"gzip when no brotli file", "gzip, br", false, "GZ", "gzip"},
		{"gzip when brotli not accepted", "gzip", true, "GZ", "gzip"},
		{"raw when nothing accepted", "", true, "RAW", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(WebDirEnv, webDir(t, c.br))
			h := Handler("v1")
			r := get(t, h, "/web/app.wasm", map[string]string{"Accept-Encoding": c.accept})
			if r.StatusCode != 200 || body(t, r) != c.wantBody || r.Header.Get("Content-Encoding") != c.wantEnc {
				t.Fatalf("status %d, encoding %q", r.StatusCode, r.Header.Get("Content-Encoding"))
			}
			if r.Header.Get("Content-Type") != "application/wasm" || r.Header.Get(wasmLengthHeader) != "3" ||
				!strings.Contains(r.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("headers %v", r.Header)
			}
			again := get(t, h, "/web/app.wasm", map[string]string{"Accept-Encoding": c.accept, "If-None-Match": r.Header.Get("ETag")})
			if again.StatusCode != http.StatusNotModified {
				t.Errorf("revalidation: %d", again.StatusCode)
			}
		})
	}
}

func TestRoutesAndWorker(t *testing.T) {
	t.Setenv(WebDirEnv, webDir(t, true))
	h := Handler("v7")
	for _, p := range []string{"/", "/bindings", "/bill", "/wallet", "/ledger", "/withdraw", "/sync"} {
		r := get(t, h, p, nil)
		if b := body(t, r); r.StatusCode != 200 || !strings.Contains(b, "wasm-status") || !strings.Contains(b, "共济") {
			t.Errorf("%s: %d", p, r.StatusCode)
		}
	}
	if r := get(t, h, "/no-such-page", nil); r.StatusCode != 404 {
		t.Errorf("unknown page: %d", r.StatusCode)
	}
	if r := get(t, h, "/web/style.css", nil); r.StatusCode != 200 || body(t, r) != "body{}" {
		t.Errorf("style.css: %d", r.StatusCode)
	}
	w := body(t, get(t, h, "/app-worker.js", nil))
	for _, s := range []string{`"app-" + "v7"`, "event.waitUntil(installWorker()", `request.mode === "navigate"`, `caches.match("/")`, `"/web/icon.svg"`,
		`pathname === "/web/english.js"`, `await cache.add("/web/english.js")`} {
		if !strings.Contains(w, s) {
			t.Errorf("worker lacks %q", s)
		}
	}
	// english.js is kept once a device loads it, not downloaded by every install
	if precache, _, _ := strings.Cut(w[strings.Index(w, "resourcesToCache"):], "\n"); strings.Contains(precache, "english.js") {
		t.Errorf("the worker precaches english.js: %s", precache)
	}
	page := body(t, get(t, h, "/", nil))
	for _, s := range []string{"controllerchange", "/web/icon-192.png", "/manifest.webmanifest"} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	m := body(t, get(t, h, "/manifest.webmanifest", nil))
	if !strings.Contains(m, "/web/icon-512.png") || strings.Contains(m, "githubusercontent") {
		t.Errorf("manifest icons: %s", m)
	}
}

// TestFirstScreen: every route's HTML holds its first screen (shell, title, 正在载入…; the
// intro on 家庭), gzipped for a browser that takes it; qrcode.js and english.js are not loaded
// at first load;
// app.js fetches the wasm after the first paint without the progress stream.
func TestFirstScreen(t *testing.T) {
	t.Setenv(WebDirEnv, webDir(t, true))
	h := Handler("v7")
	titles := map[string]string{"/": "家庭成员", "/bill": "记一笔账单", "/sync": "同步", "/data": "备份与导出"}
	for p, title := range titles {
		r := get(t, h, p, map[string]string{"Accept-Encoding": "gzip, br"})
		if r.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: Content-Encoding %q", p, r.Header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(zr)
		html := string(b)
		for _, s := range []string{`id="nav"`, "<h1>" + title + "</h1>", "正在载入…", `data-status="loading"`} {
			if !strings.Contains(html, s) {
				t.Errorf("%s lacks %q", p, s)
			}
		}
		for _, later := range []string{"qrcode.js", "english.js"} {
			if strings.Contains(html, later) {
				t.Errorf("%s loads %s at first load", p, later)
			}
		}
		if intro := strings.Contains(html, `id="intro"`); intro != (p == "/") {
			t.Errorf("%s: intro %v", p, intro)
		}
	}
	js := body(t, get(t, h, "/app.js", nil))
	for _, s := range []string{`goappFetchInSlices("/web/app.wasm")`, "async function goappFetchInSlices(url)", "function gongjiLoadEnglish(done)", "requestAnimationFrame(() => setTimeout(goappInitWebAssembly, 0))",
		"await goappYield();\n    go.run(wasm.instance);\n    goappInitServiceWorker();"} {
		if !strings.Contains(js, s) {
			t.Errorf("app.js lacks %q", s)
		}
	}
	// the worker is registered after the wasm has come, not at once (its precache would
	// download app.wasm a second time beside the page's request)
	if strings.Contains(js, "\ngoappInitServiceWorker();\n") {
		t.Error("app.js registers the service worker before the wasm has come")
	}
	if r := get(t, h, "/web/style.css", map[string]string{"Accept-Encoding": "gzip"}); r.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("style.css: Content-Encoding %q", r.Header.Get("Content-Encoding"))
	}
}
