package api

import (
	"errors"
	"fmt"
	"maps"
	"net/http"

	"gongji/server/store"
	"gongji/shared/engine"
	"gongji/shared/mutation"
	"gongji/shared/sync"
)

func (s *Server) push(w http.ResponseWriter, r *http.Request) {
	var req sync.PushRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if err := req.Validate(); err != nil {
		var fe *sync.FieldError
		errors.As(err, &fe)
		writeError(w, http.StatusBadRequest, "bad_request", fe.Field, fe.Reason)
		return
	}
	for i, m := range req.Mutations {
		if m.ClientID == ServerClientID {
			writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("mutations[%d].clientID", i),
				fmt.Sprintf("%q is reserved for the server's own mutations", ServerClientID))
			return
		}
	}
	d := device(r)
	var resp sync.PushResponse
	err := s.store.Push(r.Context(), d.Family, func(h *store.Head) ([]sync.Change, error) {
		changes, out := Process(s.engine, d.ID, &req, h)
		resp = out
		return changes, nil
	})
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// Process runs a validated push against h in order and changes h: each client's next
// mutation id is applied with mutation.Apply at its own moment and given the next seq; ids
// already processed are duplicates; an id after a gap defers the rest of that client's
// mutations. It is deterministic and does no I/O, so every store runs the same logic.
func Process(e *engine.Engine, deviceID string, req *sync.PushRequest, h *store.Head) ([]sync.Change, sync.PushResponse) {
	var changes []sync.Change
	resp := sync.PushResponse{Results: make([]sync.PushResult, 0, len(req.Mutations))}
	deferred := map[string]bool{}
	for i := range req.Mutations {
		m := &req.Mutations[i]
		last := h.LastMutationIDs[m.ClientID]
		res := sync.PushResult{ClientID: m.ClientID, MutationID: m.MutationID}
		switch {
		case m.MutationID <= last:
			res.Result = sync.Duplicate
		case deferred[m.ClientID] || m.MutationID > last+1:
			deferred[m.ClientID] = true
			res.Result, res.Expect = sync.Deferred, last+1
		default:
			outcome, next := mutation.Apply(e, &h.State, m.Intent(), m.At)
			h.State, h.Seq = next, h.Seq+1
			h.LastMutationIDs[m.ClientID] = m.MutationID
			changes = append(changes, sync.Change{Seq: h.Seq, Device: deviceID, Mutation: *m, Outcome: outcome})
			res.Result, res.Seq, res.Outcome = sync.Processed, h.Seq, &changes[len(changes)-1].Outcome
		}
		resp.Results = append(resp.Results, res)
	}
	resp.Head = h.Seq
	resp.LastMutationIDs = maps.Clone(h.LastMutationIDs)
	return changes, resp
}
