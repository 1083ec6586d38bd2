package api

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gongji/server/store"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// ServerClientID is the client id of mutations the server makes itself (the 06:00 refunds).
const ServerClientID = "server"

// DueRefunds is a push, as client "server", of a wallet_refund at now for every pending
// wallet transfer whose refund time (W11: the first 06:00 UTC+8 after it) has come. It is
// nil when none is due. Families' phones may all be offline at 06:00; the server refunds.
func DueRefunds(h *store.Head, now time.Time) *syncwire.PushRequest {
	var req syncwire.PushRequest
	next := h.LastMutationIDs[ServerClientID]
	due, _ := mutation.DueRefunds(&h.State, now) // W11, the family's clock (shared/mutation clock.go)
	for _, d := range due {
		next++
		args, _ := json.Marshal(mutation.WalletRefArgs{Transfer: d.Transfer})
		req.Mutations = append(req.Mutations, syncwire.Mutation{ClientID: ServerClientID, MutationID: next,
			Name: mutation.WalletExpire, At: now, Args: args})
		if len(req.Mutations) == syncwire.MaxBatch {
			break // the rest at the next sweep
		}
	}
	if len(req.Mutations) == 0 {
		return nil
	}
	return &req
}

// refundsDue makes the refunds due at now on h, as the server's client, and returns their
// changes. A push makes them before its own mutations: otherwise a wallet_accept arriving
// after 06:00 but before the sweep (or the Workers alarm) would take a transfer that is
// already the sender's again.
func (s *Server) refundsDue(h *store.Head, now time.Time) []syncwire.Change {
	req := DueRefunds(h, now)
	if req == nil {
		return nil
	}
	changes, _ := Process(s.engine, ServerActor, req, h, now, nil)
	return changes
}

// SweepRefunds runs DueRefunds for every family through the store, so each refund is an
// ordinary durable change that every device pulls. It returns how many it made.
func (s *Server) SweepRefunds(ctx context.Context, families []string) (int, error) {
	made := 0
	now := s.now()
	for _, fam := range families {
		err := s.store.Push(ctx, fam, func(h *store.Head) ([]syncwire.Change, error) {
			changes := s.refundsDue(h, now)
			made += len(changes)
			return changes, nil
		})
		if err != nil {
			return made, fmt.Errorf("refunds of %s: %w", fam, err)
		}
	}
	return made, nil
}
