package pwa

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"os"
	"strings"
)

// CSP is the Content-Security-Policy of every PWA answer (issue 10). go-app needs:
//   - 'wasm-unsafe-eval' to compile app.wasm (WebAssembly.instantiateStreaming in app.js);
//   - scripts only from this origin (/wasm_exec.js, /app.js, the worker /app-worker.js),
//     plus the one inline script of RawHeaders (updateScript), allowed by its SHA-256;
//   - style attributes that go-app sets from Go (the ledger's bar widths): style-src-attr
//     'unsafe-inline' only, style sheets from this origin; fonts are the system's;
//   - fetch and EventSource to this origin only (the API is /api/v1 on the same server);
//   - the manifest and icons from this origin (data: for images the browser makes).
//
// Nothing may frame the app (clickjacking), and no plugin, <base> or foreign form target.
func CSP() string {
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' 'wasm-unsafe-eval' " + scriptHash(updateScript),
		"style-src 'self'",
		"style-src-attr 'unsafe-inline'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		"manifest-src 'self'",
		"worker-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}, "; ")
}

// scriptHash is the CSP source of an inline <script>...</script>: the SHA-256 of its text.
func scriptHash(tag string) string {
	body := strings.TrimPrefix(tag, "<script>")
	body = strings.TrimSuffix(body, "</script>")
	sum := sha256.Sum256([]byte(body))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// secureHeaders adds the CSP and the other hardening headers to every answer.
func secureHeaders(next http.Handler) http.Handler {
	csp := CSP()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// noDirs serves files only: a directory is "not found", so /web/ lists nothing.
type noDirs struct{ http.FileSystem }

func (d noDirs) Open(name string) (http.File, error) {
	f, err := d.FileSystem.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || st.IsDir() {
		f.Close()
		return nil, os.ErrNotExist
	}
	return f, nil
}
