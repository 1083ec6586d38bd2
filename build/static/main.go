// Command static writes Gongji's PWA as a folder of static files any static host serves
// (make static, issue 22): every route's first screen as HTML (index.html, bindings.html, ...),
// go-app's scripts, worker and manifest, and web/ with app.wasm. make static then adds .br and
// .gz copies of every text file.
//
//	go run ./build/static -out build/out/static -web web -version v1 -sync https://sync.example
//
// -sync is where the client finds the sync API: "" for the same origin (the static files and
// /api/v1 behind one host), an origin (that server must allow this one), or "none" for one
// phone alone (同步 says so; backup and export still work).
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"gongji/app/screen"
	"gongji/server/pwa"
)

func main() {
	out := flag.String("out", "build/out/static", "output directory (emptied first)")
	web := flag.String("web", "web", "the web directory made by make wasm")
	version := flag.String("version", "dev", "the app's version (the worker's cache key)")
	sync := flag.String("sync", "", `sync API origin: "" same origin, "none" one phone alone`)
	flag.Parse()
	if err := build(*out, *web, *version, *sync); err != nil {
		fmt.Fprintln(os.Stderr, "static:", err)
		os.Exit(1)
	}
}

func build(out, web, version, sync string) error {
	if sync != "" && sync != "none" && !strings.HasPrefix(sync, "https://") && !strings.HasPrefix(sync, "http://") {
		return fmt.Errorf("-sync %q: give an origin such as https://sync.example.com, or none", sync)
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	screen.Routes()
	h := pwa.App(version, sync)
	files := map[string]string{ // URL path -> file
		"/wasm_exec.js": "wasm_exec.js", "/app.js": "app.js", "/app-worker.js": "app-worker.js",
		"/manifest.webmanifest": "manifest.webmanifest", "/app.css": "app.css",
	}
	for _, p := range screen.Paths() {
		if p == "/" {
			files[p] = "index.html"
		} else {
			files[p] = strings.TrimPrefix(p, "/") + ".html"
		}
	}
	for p, name := range files {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			return fmt.Errorf("%s: status %d", p, rec.Code)
		}
		body := rec.Body.String()
		if p == "/app.js" {
			body = pwa.PatchAppJS(body)
		}
		if err := write(filepath.Join(out, name), strings.NewReader(body)); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(web)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		f, err := os.Open(filepath.Join(web, e.Name()))
		if err != nil {
			return err
		}
		err = write(filepath.Join(out, "web", e.Name()), f)
		f.Close()
		if err != nil {
			return err
		}
	}
	if _, err := os.Stat(filepath.Join(out, "web", "app.wasm")); err != nil {
		return fmt.Errorf("no app.wasm in %s: run make wasm", web)
	}
	return nil
}

func write(path string, r io.Reader) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
