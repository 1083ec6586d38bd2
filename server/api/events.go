package api

import (
	"fmt"
	"net/http"
	gosync "sync"
	"time"

	"gongji/server/store"
	"gongji/shared/syncwire"
)

// Hub tells waiting long polls and event streams that a family's head moved.
type Hub struct {
	mu      gosync.Mutex
	waiting map[string]chan struct{}
}

// NewHub makes an empty hub.
func NewHub() *Hub { return &Hub{waiting: map[string]chan struct{}{}} }

// Wait returns a channel closed at the family's next change.
func (h *Hub) Wait(family string) <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch, ok := h.waiting[family]
	if !ok {
		ch = make(chan struct{})
		h.waiting[family] = ch
	}
	return ch
}

// Notify wakes every waiter of these families (a store's commit callback).
func (h *Hub) Notify(families []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, f := range families {
		if ch, ok := h.waiting[f]; ok {
			close(ch)
			delete(h.waiting, f)
		}
	}
}

// pingEvery keeps proxies from closing an idle event stream.
const pingEvery = 25 * time.Second

// events streams "event: head" whenever the family's head moves (server-sent events).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fam := device(r).Family
	release, ok := s.openStream(w, r) // limits.go: streams per device and in total
	if !ok {
		return
	}
	defer release()
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	sent := int64(-1)
	for {
		changed := s.hub.Wait(fam)
		head, err := s.store.Head(r.Context(), fam)
		if err != nil {
			return
		}
		if head != sent {
			fmt.Fprintf(w, "event: head\ndata: {\"head\": %d}\n\n", head)
			sent = head
		}
		if rc.Flush() != nil {
			return
		}
		select {
		case <-changed:
			if !s.live(r) { // revoked: the stream ends at once (identity.go)
				return
			}
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		case <-r.Context().Done():
			return
		case <-s.stopped:
			return
		}
	}
}

func pullResponse(changes []syncwire.Change, cursor int64, page store.Page, epoch string) syncwire.PullResponse {
	if n := len(changes); n > 0 {
		cursor = changes[n-1].Seq
	}
	return syncwire.PullResponse{Changes: changes, Cursor: cursor, Head: page.Head, Epoch: epoch, More: page.More,
		LastMutationIDs: page.LastMutationIDs}
}
