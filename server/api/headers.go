package api

import "net/http"

// secureHeaders marks every API answer as data that is never rendered, framed or sniffed:
// an API answer opened in a browser runs nothing (issue 10, hardened edges).
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// keepsAnOwner answers 409 when revoking target would leave the family without an owner
// device: nobody could invite or revoke any more.
func (s *Server) keepsAnOwner(w http.ResponseWriter, r *http.Request, target string) bool {
	ds, err := s.store.Devices(r.Context(), device(r).Family)
	if err != nil {
		s.storeError(w, r, err)
		return false
	}
	owners, targetIsOwner := 0, false
	for _, d := range ds {
		if d.Owner && !d.Revoked {
			owners++
			targetIsOwner = targetIsOwner || d.ID == target
		}
	}
	if targetIsOwner && owners <= 1 {
		writeError(w, http.StatusConflict, "last_owner", "device", "this is the family's last owner device: it cannot be revoked")
		return false
	}
	return true
}
