package api

import (
	"net/http/httptest"
	"testing"
)

// rawPath reads the path as sent, in origin form and in absolute form alike.
func TestRawPath(t *testing.T) {
	cases := []struct{ name, target, want string }{
		{"origin form", "/api/v1/famil%69es?x=%2F", "/api/v1/famil%69es"},
		{"absolute form", "http://example.com/api/v1/famil%69es?x=1", "/api/v1/famil%69es"},
		{"absolute form with a port and dot segments", "http://example.com:8080/api/v1/x/../join", "/api/v1/x/../join"},
		{"absolute form without a path", "http://example.com", "/"},
		{"a query holding a scheme", "/api/v1/join?u=http://x/y", "/api/v1/join"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", c.target, nil)
			r.RequestURI = c.target // as the server reads it off the wire
			if got := rawPath(r); got != c.want {
				t.Errorf("rawPath(%q) = %q, want %q", c.target, got, c.want)
			}
		})
	}
}
