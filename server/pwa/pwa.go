// Package pwa serves Gongji's progressive web app: go-app's handler with a pinned version,
// local icons, a service worker that works offline on every route, the update-banner script,
// and app.wasm compressed (brotli or gzip, whichever was built) with Content-Encoding.
package pwa

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/screen"
)

// WebDirEnv names the directory with app.wasm, icons and style.css ("web" by default).
const WebDirEnv = "GONGJI_WEB_DIR"

// wasmLengthHeader carries the raw wasm size for go-app's loader percentage when the body is
// compressed.
const wasmLengthHeader = "X-Wasm-Content-Length"

// updateScript makes go-app's OnAppUpdate fire when the browser switches to a new worker
// (stack-notes 2.4.2: app.js listens for updatefound too late to see it).
const updateScript = `<script>(function(){ if(!("serviceWorker" in navigator)) return;
 var had = !!navigator.serviceWorker.controller;
 navigator.serviceWorker.addEventListener("controllerchange", function(){
   if (had && window.goappOnUpdate) window.goappOnUpdate(); had = true; }); })();</script>`

// Handler serves the app for every path it is given; version pins go-app's cache key and
// ETags, so a new version is an update for every installed client.
func Handler(version string) http.Handler {
	screen.Routes()
	dir := os.Getenv(WebDirEnv)
	if dir == "" {
		dir = "web"
	}
	if version == "" {
		version = "dev"
	}
	h := App(version, "")
	h.Resources = webResources{http.StripPrefix("/web", http.FileServer(noDirs{http.Dir(dir)}))}
	mux := http.NewServeMux()
	mux.Handle("/web/app.wasm", wasmHandler(dir, version))
	for name, typ := range staticTypes {
		mux.Handle("/web/"+name, precompressed(dir, name, typ, version, false))
	}
	mux.Handle("/app.js", appJS(h))
	for _, p := range screen.Paths() {
		if p == "/" {
			mux.Handle("/{$}", h)
			continue
		}
		mux.Handle(p, h)
	}
	// go-app's own files and the static resources; everything else is a 404 page.
	mux.Handle("/", onlyKnown(h))
	return secureHeaders(gzipped(mux)) // headers.go: CSP, nosniff, no framing, no referrer; compress.go
}

// App is go-app's handler for Gongji, for gongji serve and for the static build (make
// static): version pins its cache key and ETags; syncURL is where the client finds the sync
// API ("" for this origin, "none" for a static build used on one phone alone).
func App(version, syncURL string) *app.Handler {
	if version == "" {
		version = "dev"
	}
	h := &app.Handler{
		Name:        "共济 Gongji",
		ShortName:   "共济",
		Title:       "共济 · 家庭医保共济",
		Description: "职工医保个人账户家庭共济：绑定、账单拆分、医保钱包与账本，离线可用。",
		Lang:        "zh-CN",
		// the first screen says 正在载入… itself; go-app's loader shows only a failure (web/style.css)
		LoadingLabel:    "正在载入…",
		BackgroundColor: "#ffffff",
		ThemeColor:      "#0f766e",
		Version:         version,
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-512.png",
			SVG:      "/web/icon.svg",
		},
		Styles: []string{"/web/style.css"},
		// divisions.js: the region table the lean wasm installs at start (make wasm), deferred
		// like app.js so it never holds up the first screen and runs before the wasm can.
		Scripts: []string{"/web/divisions.js defer"},
		// qrcode.js (npm qrcode-generator 2.0.4, make qrcode): invitation QR codes, outside
		// the wasm; only 同步 loads it (app/client/files_js.go), the worker keeps it for offline
		CacheableResources:      []string{"/web/icon.svg", "/web/qrcode.js"},
		RawHeaders:              []string{updateScript},
		ServiceWorkerTemplate:   ServiceWorker(),
		WasmContentLengthHeader: wasmLengthHeader,
	}
	if syncURL != "" {
		h.Env = map[string]string{"GONGJI_SYNC_URL": syncURL}
	}
	return h
}

// staticTypes are the files of web/ that make writes .br and .gz copies of (make wasm, make
// static), with their types; the other files of web/ are small images.
var staticTypes = map[string]string{
	"divisions.js": "text/javascript; charset=utf-8",
	"english.js":   "text/javascript; charset=utf-8",
	"qrcode.js":    "text/javascript; charset=utf-8",
	"style.css":    "text/css; charset=utf-8",
}

// webResources serves /web/ from a directory anywhere on disk under URLs that stay /web/...
// (go-app's LocalDir puts its directory into every URL).
type webResources struct{ http.Handler }

func (webResources) Resolve(location string) string {
	return app.LocalDir("").Resolve(location)
}

// onlyKnown lets go-app serve its own files and /web/, and answers 404 for unknown pages
// (go-app would render the not-found page with status 200).
func onlyKnown(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if strings.HasPrefix(p, "/web/") || strings.Count(p, "/") == 1 && strings.Contains(p, ".") {
			h.ServeHTTP(w, r)
			return
		}
		http.NotFound(w, r)
	})
}

// ServiceWorker is go-app's worker with three changes (stack-notes 2.4.1): install waits for
// the precache before skipWaiting, and a navigation that fails offline gets the cached app
// shell, which the wasm router renders for the URL; web/english.js, which only a device that
// chose English loads, is kept once loaded and carried into the next version's cache (it is
// not in the precache, which every first visit downloads). It panics when go-app's template
// changed.
func ServiceWorker() string {
	js := app.DefaultAppWorkerJS
	replace := func(old, new string) {
		if !strings.Contains(js, old) {
			panic("pwa: go-app's service worker changed; cannot find " + strconv.Quote(old))
		}
		js = strings.Replace(js, old, new, 1)
	}
	replace(`self.addEventListener("install", async (event) => {
  try {
    console.log("installing app worker {{.Version}}");
    await installWorker();
    await self.skipWaiting();
  } catch (error) {
    console.error("error during installation:", error);
  }
});`, `self.addEventListener("install", (event) => {
  console.log("installing app worker {{.Version}}");
  event.waitUntil(installWorker().then(() => self.skipWaiting()));
});`)
	replace(`async function installWorker() {
  const cache = await caches.open(cacheName);
  await cache.addAll(resourcesToCache);
}`, `async function installWorker() {
  const cache = await caches.open(cacheName);
  await cache.addAll(resourcesToCache);
  if (await caches.match(`+englishPath+`)) {
    await cache.add(`+englishPath+`).catch((error) => console.error("english.js:", error));
  }
}`)
	replace(`  return await fetch(request);
}`, `  try {
    const response = await fetch(request);
    if (response.ok && new URL(request.url).pathname === `+englishPath+`) {
      const cache = await caches.open(cacheName);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    if (request.mode === "navigate") {
      const shell = await caches.match("/");
      if (shell) {
        return shell;
      }
    }
    throw error;
  }
}`)
	return js
}

// englishPath is web/english.js's path as a JavaScript string.
const englishPath = `"/web/english.js"`

// loadEnglishJS is the function the lean wasm calls for the English texts (app/words
// LoadEnglish), added to go-app's app.js: it loads web/english.js, which sets
// self.gongjiEnglish (the worker then keeps it), and calls done when it has run or failed.
const loadEnglishJS = `
function gongjiLoadEnglish(done) {
  const s = document.createElement("script");
  s.src = ` + englishPath + `;
  s.onload = () => done();
  s.onerror = () => {
    s.remove();
    done();
  };
  document.head.appendChild(s);
}
`

// wasmHandler sends app.wasm.br or app.wasm.gz when the browser accepts it and the file
// exists, else app.wasm, always as application/wasm with the version as ETag.
func wasmHandler(dir, version string) http.Handler {
	return precompressed(dir, "app.wasm", "application/wasm", version, true)
}

// precompressed serves dir/name, or name.br or name.gz when the browser accepts it and make
// built it, with contentType and the version in the ETag; withLength adds the raw size
// header go-app's loader shows progress with (wasm only).
func precompressed(dir, name, contentType, version string, withLength bool) http.Handler {
	raw := filepath.Join(dir, name)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info, err := os.Stat(raw)
		if err != nil {
			http.Error(w, name+" not built: run make wasm", http.StatusNotFound)
			return
		}
		etag := fmt.Sprintf("%q", fmt.Sprintf("%s-%s-%d-%d", name, version, info.Size(), info.ModTime().UnixNano()))
		h := w.Header()
		h.Set("Content-Type", contentType)
		h.Set("Cache-Control", "no-cache")
		h.Set("Vary", "Accept-Encoding")
		h.Set("ETag", etag)
		if withLength {
			h.Set(wasmLengthHeader, strconv.FormatInt(info.Size(), 10))
		}
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		file := raw
		accept := r.Header.Get("Accept-Encoding")
		for _, enc := range []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
			if !strings.Contains(accept, enc.name) {
				continue
			}
			if _, err := os.Stat(raw + enc.ext); err == nil {
				file = raw + enc.ext
				h.Set("Content-Encoding", enc.name)
				break
			}
		}
		f, err := os.Open(file)
		if err != nil {
			http.Error(w, fmt.Sprintf("open %s: %v", filepath.Base(file), err), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		st, _ := f.Stat()
		h.Set("Content-Length", strconv.FormatInt(st.Size(), 10))
		if r.Method == http.MethodHead {
			return
		}
		http.ServeContent(w, r, "", st.ModTime(), f)
	})
}
