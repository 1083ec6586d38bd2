package pwa

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHardenedHeaders(t *testing.T) {
	dir := webDir(t, false)
	if err := os.MkdirAll(filepath.Join(dir, "icons"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(WebDirEnv, dir)
	h := Handler("v7")
	cases := []struct {
		name, path string
		status     int
	}{
		{"the app", "/", 200},
		{"a style sheet", "/web/style.css", 200},
		{"the web directory lists nothing", "/web/", 404},
		{"nor a directory below it", "/web/icons/", 404},
		{"an unknown page", "/nothing", 404},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := get(t, h, c.path, nil)
			b := body(t, r)
			if r.StatusCode != c.status {
				t.Fatalf("%s: %d, want %d\n%.300s", c.path, r.StatusCode, c.status, b)
			}
			if c.status == 404 && strings.Contains(b, "style.css") {
				t.Fatalf("%s lists the directory: %.300s", c.path, b)
			}
			csp := r.Header.Get("Content-Security-Policy")
			for _, want := range []string{"'wasm-unsafe-eval'", "frame-ancestors 'none'", scriptHash(updateScript)} {
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %s", csp, want)
				}
			}
			if r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Referrer-Policy") != "no-referrer" {
				t.Errorf("headers: %v", r.Header)
			}
		})
	}
	if r := get(t, h, "/", nil); !strings.Contains(body(t, r), strings.TrimSuffix(strings.TrimPrefix(updateScript, "<script>"), "</script>")) {
		t.Error("the page's inline script is not the one whose hash the CSP allows")
	}
}
