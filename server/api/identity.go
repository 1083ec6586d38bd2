package api

import (
	"errors"
	"fmt"
	"net/http"

	"gongji/server/store"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// ServerActor makes the server's own mutations (the 06:00 refunds, a joining device's claim).
var ServerActor = mutation.Actor{Device: ServerClientID, Server: true}

// actorOf is who a device pushes as: its id and whether it is the owner's. Its person is in
// the family's state (family.State.Devices), so every replay decides the same.
func actorOf(d store.Device) mutation.Actor { return mutation.Actor{Device: d.ID, Owner: d.Owner} }

// identityError refuses a whole push: nothing of it was processed.
type identityError struct {
	status int
	code   string
	field  string
	msg    string
}

func (e *identityError) Error() string { return e.code + ": " + e.field + ": " + e.msg }

// CheckClients refuses a push that uses a client id another device used first (403
// client_id_taken) or resends a processed mutation id with another body (409 conflict).
// A resend is compared within the client's last store.ClientWindow ids; an older one is a
// duplicate as before. It reads h only.
func CheckClients(deviceID string, req *syncwire.PushRequest, h *store.Head) error {
	for i := range req.Mutations {
		m := &req.Mutations[i]
		if cl, ok := h.Clients[m.ClientID]; ok && cl.Device != deviceID {
			return &identityError{http.StatusForbidden, "client_id_taken", fmt.Sprintf("mutations[%d].client_id", i),
				fmt.Sprintf("client id %q belongs to another device of the family; make a new one", m.ClientID)}
		}
		if m.MutationID > h.LastMutationIDs[m.ClientID] {
			continue
		}
		if sum, ok := h.Sum(m.ClientID, m.MutationID); ok && sum != store.Digest(m) {
			return &identityError{http.StatusConflict, "conflict", fmt.Sprintf("mutations[%d]", i),
				fmt.Sprintf("mutation %s was processed with another body; a new mutation needs a new id", m.Key())}
		}
	}
	return nil
}

// pushError answers a push the store or CheckClients refused.
func (s *Server) pushError(w http.ResponseWriter, r *http.Request, err error) {
	var ie *identityError
	if errors.As(err, &ie) {
		s.log.Info("push refused", "family", device(r).Family, "device", device(r).ID, "code", ie.code, "field", ie.field)
		writeError(w, ie.status, ie.code, ie.field, ie.msg)
		return
	}
	s.storeError(w, r, err)
}

// live says whether the request's device may still read: false once it was revoked (or the
// store cannot tell). Long polls and event streams ask after every wake-up; revokeDevice
// wakes them at once.
func (s *Server) live(r *http.Request) bool {
	d, err := s.store.DeviceByToken(r.Context(), device(r).TokenHash)
	return err == nil && !d.Revoked && d.ID == device(r).ID
}
