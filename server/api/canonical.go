package api

import (
	"fmt"
	"net/http"
	"path"
	"strings"
)

// MaxPathBytes bounds an API path: the longest route (a device under a family) with 64-byte
// ids is about 160 bytes.
const MaxPathBytes = 512

// CanonicalPath reports whether raw, a request's path as sent (still percent-encoded, no
// query), is the one spelling of an API path the router matches: "/" then segments of
// letters, digits, "-", ".", "_" and "~", none empty, none "." or "..". So no percent
// escapes (`/api/v1/famil%69es` would be routed by one reader and not another), no double
// or trailing slash and no dot segment. build/worker/paths.mjs holds the same rule for the
// Workers entry; testdata/canonical_paths.json is the table both are tested against.
func CanonicalPath(raw string) bool {
	if len(raw) < 2 || len(raw) > MaxPathBytes || raw[0] != '/' {
		return false
	}
	for _, seg := range strings.Split(raw[1:], "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
		for i := 0; i < len(seg); i++ {
			if !unreserved(seg[i]) {
				return false
			}
		}
	}
	return true
}

// unreserved is RFC 3986's unreserved set: the bytes a path never needs to escape.
func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// rawPath is the path of r as the client sent it: the request target without its query
// (r.URL.Path is already decoded, and ServeMux would redirect a path it cleans). A target in
// absolute form (http://host/path, what a proxy may send) counts by its path.
func rawPath(r *http.Request) string {
	raw := r.RequestURI
	if raw == "" {
		raw = r.URL.EscapedPath()
	}
	if _, rest, ok := strings.Cut(raw, "://"); ok && !strings.HasPrefix(raw, "/") {
		raw = "/"
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			raw = rest[i:]
		}
	}
	raw, _, _ = strings.Cut(raw, "?")
	return raw
}

// isAPIPath says whether a request is meant for the API: its decoded path, or that path
// cleaned of dot segments and double slashes, starts with /api.
func isAPIPath(r *http.Request) bool {
	p := r.URL.Path
	c := path.Clean("/" + p)
	return p == "/api" || strings.HasPrefix(p, "/api/") || c == "/api" || strings.HasPrefix(c, "/api/")
}

// Canonical answers 404 to an API request whose path is not canonical (CanonicalPath), before
// any route or store sees it, and passes everything else to next. `gongji serve` wraps its
// whole mux with it (the mux would otherwise redirect a cleaned path); Handler wraps the API.
func Canonical(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// "/api" itself is refused here too: a mux would redirect it to "/api/"
		if raw := rawPath(r); isAPIPath(r) && (!CanonicalPath(raw) || raw == "/api") {
			notCanonical.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// notCanonical is the 404 of a non-canonical API path, with the API's security headers.
var notCanonical = secureHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, "not_found", "", fmt.Sprintf("no endpoint %s %.100q: not a canonical path", r.Method, rawPath(r)))
}))
