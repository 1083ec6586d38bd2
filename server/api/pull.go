package api

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"gongji/shared/syncwire"
)

// maxWait bounds a long poll.
const maxWait = 30 * time.Second

func queryInt(w http.ResponseWriter, r *http.Request, name string, def, lo, hi int64) (int64, bool) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < lo || n > hi {
		writeError(w, http.StatusBadRequest, "bad_request", name, fmt.Sprintf("%q: want an integer from %d to %d", v, lo, hi))
		return 0, false
	}
	return n, true
}

func (s *Server) pull(w http.ResponseWriter, r *http.Request) {
	cursor, ok := queryInt(w, r, "cursor", 0, 0, 1<<62)
	if !ok {
		return
	}
	limit, ok := queryInt(w, r, "limit", syncwire.DefaultPull, 1, syncwire.MaxPullLimit)
	if !ok {
		return
	}
	wait, ok := queryInt(w, r, "wait", 0, 0, int64(maxWait/time.Second))
	if !ok {
		return
	}
	fam := device(r).Family
	if wait > 0 { // a long poll holds a connection: limits.go
		release, ok := s.openStream(w, r)
		if !ok {
			return
		}
		defer release()
	}
	f, err := s.store.Family(r.Context(), fam)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	deadline := time.NewTimer(time.Duration(wait) * time.Second)
	defer deadline.Stop()
	for {
		changed := s.hub.Wait(fam) // taken before reading, so no change slips between
		page, err := s.store.Pull(r.Context(), fam, cursor, int(limit))
		if err != nil {
			s.storeError(w, r, err)
			return
		}
		if len(page.Changes) > 0 || wait == 0 {
			writeJSON(w, http.StatusOK, pullResponse(page.Changes, cursor, page, f.Epoch))
			return
		}
		select {
		case <-changed:
			if !s.live(r) { // revoked while waiting (identity.go)
				writeError(w, http.StatusUnauthorized, "unauthorized", "Authorization", "unknown or revoked token")
				return
			}
			continue
		case <-deadline.C:
		case <-r.Context().Done():
		case <-s.stopped:
		}
		wait = 0 // one last read, then answer
	}
}
