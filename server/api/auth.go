package api

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"

	"gongji/server/store"
)

type ctxKey struct{}

// device is the authenticated device of a request inside inFamily.
func device(r *http.Request) store.Device { return r.Context().Value(ctxKey{}).(store.Device) }

// HashToken is the stored form of a bearer token or invitation code.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// newToken is 32 random bytes, base64url: what a device sends as its bearer token.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// newID is prefix + 16 lowercase base32 characters (80 random bits, no '/').
// NewEpoch names a family's log: at creation, and again when a restore replaces the log with
// an older copy (sync.PullResponse.Epoch).
func NewEpoch() string { return newID("e") }

func newID(prefix string) string {
	b := make([]byte, 10)
	rand.Read(b)
	return prefix + strings.ToLower(base32.StdEncoding.EncodeToString(b))
}

// codeAlphabet has no 0/O, 1/I/L: codes are read aloud and typed on phones.
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// newCode is an invitation code, XXXX-XXXX-XXXX (about 59 bits).
func newCode() string {
	b := make([]byte, 12)
	rand.Read(b)
	var sb strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(codeAlphabet[int(c)%len(codeAlphabet)])
	}
	return sb.String()
}

// normalizeCode forgives case, spaces and dashes.
func normalizeCode(code string) string {
	code = strings.ToUpper(code)
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, code)
}

// deviceToken is what a device sends: its family id, a dot, and the secret whose hash the
// store keeps. Family ids and base64url secrets have no dot.
func deviceToken(family, secret string) string { return family + "." + secret }

// splitToken reads a device token; a token without a dot is all secret.
func splitToken(token string) (family, secret string) {
	if f, s, ok := strings.Cut(token, "."); ok {
		return f, s
	}
	return "", token
}

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if t, ok := strings.CutPrefix(h, "Bearer "); ok {
		return strings.TrimSpace(t)
	}
	// EventSource cannot set headers: the events stream may carry the token in the query.
	if strings.HasSuffix(r.URL.Path, "/events") {
		return r.URL.Query().Get("token")
	}
	return ""
}

// inFamily authenticates the bearer token and confines the request to the token's family:
// any other family id in the path is 404, exactly like an id that does not exist.
func (s *Server) inFamily(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token := bearer(r)
		if token == "" {
			writeError(w, http.StatusUnauthorized, "unauthorized", "Authorization", "missing bearer token")
			return
		}
		familyHint, secret := splitToken(token)
		// A token names its family, so another family's path is 404 before any lookup: the
		// same answer on one server and on a Durable Object that only knows its own devices.
		if familyHint != "" && familyHint != r.PathValue("family") {
			writeError(w, http.StatusNotFound, "not_found", "family", "no such family")
			return
		}
		d, err := s.store.DeviceByToken(r.Context(), HashToken(secret))
		if errors.Is(err, store.ErrNotFound) {
			writeError(w, http.StatusUnauthorized, "unauthorized", "Authorization", "unknown or revoked token")
			return
		}
		if err != nil {
			s.storeError(w, r, err)
			return
		}
		if r.PathValue("family") != d.Family {
			writeError(w, http.StatusNotFound, "not_found", "family", "no such family")
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, d)))
	}
}
