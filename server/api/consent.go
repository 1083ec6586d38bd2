package api

import (
	"context"
	"encoding/json"

	"gongji/server/store"
	"gongji/shared/family"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// claimPerson records, right after a device joined naming person, the device's claim to be
// that person's as a link_device request of the server (client "server") that the owner
// approves (shared/mutation consent.go). It returns the request's key, or "" when the family
// has no such person (the device can claim later by pushing link_device itself).
func (s *Server) claimPerson(ctx context.Context, fam, deviceID string, person family.PersonID) (string, error) {
	key := ""
	err := s.store.Push(ctx, fam, func(h *store.Head) ([]syncwire.Change, error) {
		if h.State.Person(person) == nil {
			return nil, nil
		}
		args, _ := json.Marshal(mutation.LinkDeviceArgs{Device: deviceID, Person: person})
		now := s.now()
		req := syncwire.PushRequest{Mutations: []syncwire.Mutation{{ClientID: ServerClientID,
			MutationID: h.LastMutationIDs[ServerClientID] + 1, Name: mutation.LinkDevice, At: now, Args: args}}}
		changes, _ := Process(s.engine, ServerActor, &req, h, now, nil)
		if len(changes) == 1 && changes[0].Outcome.Status == mutation.PendingConsent {
			key = changes[0].Mutation.Key()
		}
		return changes, nil
	})
	return key, err
}
