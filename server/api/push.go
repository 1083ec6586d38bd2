package api

import (
	"maps"
	"net/http"
	gosync "sync"
	"time"

	"gongji/server/store"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

func (s *Server) push(w http.ResponseWriter, r *http.Request) {
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	req, fe := DecodePush(body) // issue 10: UTF-8, known names, amounts (pushdecode.go)
	if fe != nil {
		writeError(w, http.StatusBadRequest, "bad_request", fe.Field, fe.Reason)
		return
	}
	d := device(r)
	if !s.admitPush(w, d.Family) { // limits.go: the family's day quota
		return
	}
	f, err := s.store.Family(r.Context(), d.Family)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	var resp syncwire.PushResponse
	var stored []syncwire.Change
	var log *familyLog
	if needsLog(req, nil) {
		log = &familyLog{}
	}
	for try := 0; ; try++ {
		if err := log.read(r.Context(), s.store, d.Family); err != nil {
			s.storeError(w, r, err)
			return
		}
		err = s.store.Push(r.Context(), d.Family, func(h *store.Head) ([]syncwire.Change, error) {
			if err := CheckClients(d.ID, req, h); err != nil { // identity.go
				return nil, err
			}
			if log == nil && needsLog(req, &h.State) {
				return nil, errLogMoved // an approval runs a correction of a bill: read the log
			}
			if !log.at(h.Seq) {
				return nil, errLogMoved // another push came in between: read its changes too
			}
			now := s.now()
			refunds := s.refundsDue(h, now) // refund.go: the 06:00 refunds come before the push
			changes, out := Process(s.engine, actorOf(d), req, h, now, log.with(refunds))
			resp, stored = out, changes
			return append(refunds, changes...), nil
		})
		if err != errLogMoved || try == maxLogReads {
			break
		}
		if log == nil {
			log = &familyLog{}
		}
	}
	if err != nil {
		s.pushError(w, r, err) // identity.go
		return
	}
	s.charge(d.Family, stored)
	resp.Epoch = f.Epoch
	// Every push answers with its outcomes: written by hand (syncwire.PushResponse.AppendJSON,
	// what json.Marshal writes, 4 times faster).
	jsonHeaders(w, http.StatusOK)
	buf := answerBufs.Get().(*[]byte)
	*buf = append(resp.AppendJSON((*buf)[:0]), '\n')
	_, _ = w.Write(*buf) // copied into the connection's buffer: buf is free again
	answerBufs.Put(buf)
}

// answerBufs hold push answers while they are written.
var answerBufs = gosync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// ClockAhead rejects a mutation stamped more than MaxClockAhead after the server's clock: a
// phone with a wrong clock would otherwise date bills, bindings and refunds in the future.
const ClockAhead engine.Code = "CLOCK_AHEAD"

// MaxClockAhead is how far a mutation's moment may run ahead of the server's clock.
const MaxClockAhead = 24 * time.Hour

// Process runs a validated push of who against h in order and changes h: each client's next
// mutation id is applied with mutation.ApplyAs at its own moment and given the next seq; ids
// already processed are duplicates; an id after a gap defers the rest of that client's
// mutations. Given now, it is deterministic and does no I/O, so every store runs the same logic.
//
// log is the family's log up to h.Seq when the push may correct a bill (needsLog): a
// correction is decided as of its bill's moment from it and the changes made before it in
// this push. With nil, a correction is decided at h's balances.
func Process(e *engine.Engine, who mutation.Actor, req *syncwire.PushRequest, h *store.Head, now time.Time, log []syncwire.Change) ([]syncwire.Change, syncwire.PushResponse) {
	var changes []syncwire.Change
	resp := syncwire.PushResponse{Results: make([]syncwire.PushResult, 0, len(req.Mutations))}
	deferred := map[string]bool{}
	for i := range req.Mutations {
		m := &req.Mutations[i]
		last := h.LastMutationIDs[m.ClientID]
		res := syncwire.PushResult{ClientID: m.ClientID, MutationID: m.MutationID}
		switch {
		case m.MutationID <= last:
			res.Result = syncwire.Duplicate
		case deferred[m.ClientID] || m.MutationID > last+1:
			deferred[m.ClientID] = true
			res.Result, res.Expect = syncwire.Deferred, last+1
		default:
			var history mutation.History
			if log != nil {
				history = syncwire.History(log, changes)
			}
			outcome, next := apply(e, who, h, m, req.Args(i), now, history)
			h.State, h.Seq = next, h.Seq+1
			changes = append(changes, syncwire.Change{Seq: h.Seq, Device: who.Device, Mutation: *m, Outcome: outcome})
			h.Note(&changes[len(changes)-1])
			res.Result, res.Seq, res.Outcome = syncwire.Processed, h.Seq, &changes[len(changes)-1].Outcome
		}
		resp.Results = append(resp.Results, res)
	}
	resp.Head = h.Seq
	resp.LastMutationIDs = maps.Clone(h.LastMutationIDs)
	return changes, resp
}

// apply runs one mutation; args are its arguments already decoded, or nil.
func apply(e *engine.Engine, who mutation.Actor, h *store.Head, m *syncwire.Mutation, args any, now time.Time, history mutation.History) (mutation.Outcome, family.State) {
	// C1: architecture.md data flow 3 (the server's order and clock are the reference)
	if m.At.After(now.Add(MaxClockAhead)) {
		return mutation.Outcome{Status: mutation.Rejected, Codes: []engine.Code{ClockAhead},
			Error: &mutation.FieldError{Field: "at", Reason: "more than 24 h after the server's clock"}}, h.State.Clone()
	}
	intent := m.Intent()
	intent.Decoded, intent.History = args, history
	return mutation.ApplyAs(e, &h.State, who, intent, m.At)
}
