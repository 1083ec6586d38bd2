package book

import (
	"encoding/json"
	"fmt"
	"time"

	"gongji/shared/engine"
)

// MaxPending bounds the queue of mutations not yet confirmed by the server.
const MaxPending = 10000

// ItemState is where one mutation stands between this device and the server.
type ItemState string

// Item states, as the sync screen shows them.
const (
	OnlyLocal ItemState = "local"     // made here, no family on a server yet
	Pending   ItemState = "pending"   // waiting to be pushed or acknowledged
	Confirmed ItemState = "confirmed" // the server applied it as the device did
	Adjusted  ItemState = "adjusted"  // the server applied it with another outcome
	Refused   ItemState = "rejected"  // the server could not apply it
)

// Receipt is the server's word on one mutation.
type Receipt struct {
	State  ItemState `json:"state"`
	Reason string    `json:"reason,omitempty"`
	Before string    `json:"before,omitempty"`
	After  string    `json:"after,omitempty"`
}

// Local is everything a device keeps in browser storage: settings, the family's confirmed
// log from the server, and the queue of mutations made here and not yet confirmed.
type Local struct {
	Lang       string             `json:"lang"`
	FamilyName string             `json:"family_name"`
	ClientID   string             `json:"client_id"`
	Counter    int                `json:"counter"`
	Family     string             `json:"family,omitempty"`
	Token      string             `json:"token,omitempty"`
	Owner      bool               `json:"owner,omitempty"`
	Cursor     int64              `json:"cursor"`
	LastSync   time.Time          `json:"last_sync"`
	Confirmed  []Mutation         `json:"confirmed"`
	Pending    []Mutation         `json:"pending"`
	Receipts   map[string]Receipt `json:"receipts"`
	Devices    []string           `json:"devices,omitempty"`
}

// Decode reads a saved Local; empty input is a fresh device.
func Decode(data []byte) (*Local, error) {
	l := &Local{}
	if len(data) > 0 {
		if err := json.Unmarshal(data, l); err != nil {
			return &Local{}, err
		}
	}
	if l.Receipts == nil {
		l.Receipts = map[string]Receipt{}
	}
	if l.Lang == "" {
		l.Lang = "zh"
	}
	return l, nil
}

// Encode is the JSON saved in browser storage.
func (l *Local) Encode() []byte {
	data, _ := json.Marshal(l)
	return data
}

// Add queues a mutation made on this device; its id is the client id and a counter, so ids
// stay unique across the family's devices.
func (l *Local) Add(name string, args any, at time.Time) (Mutation, error) {
	if len(l.Pending) >= MaxPending {
		return Mutation{}, fmt.Errorf("queue full: %d mutations wait for the server", len(l.Pending))
	}
	raw, err := json.Marshal(args)
	if err != nil {
		return Mutation{}, err
	}
	if l.ClientID == "" {
		return Mutation{}, fmt.Errorf("client id missing")
	}
	l.Counter++
	m := Mutation{ID: fmt.Sprintf("%s-%d", l.ClientID, l.Counter), Name: name, At: at.UTC(), Args: raw}
	l.Pending = append(l.Pending, m)
	return m, nil
}

// All is the confirmed log followed by the pending queue: the order the book replays.
func (l *Local) All() []Mutation {
	out := make([]Mutation, 0, len(l.Confirmed)+len(l.Pending))
	out = append(out, l.Confirmed...)
	return append(out, l.Pending...)
}

// Book replays everything this device knows.
func (l *Local) Book(e *engine.Engine) *Book { return Replay(e, l.All()) }

// StateOf says where a mutation stands.
func (l *Local) StateOf(id string) ItemState {
	if r, ok := l.Receipts[id]; ok {
		return r.State
	}
	for _, m := range l.Pending {
		if m.ID == id {
			if l.Family == "" {
				return OnlyLocal
			}
			return Pending
		}
	}
	return Confirmed
}

// Confirm moves pulled mutations into the confirmed log in order and drops them from the
// queue: pending mutations are then replayed on top of the new confirmed state.
func (l *Local) Confirm(ms []Mutation, cursor int64) {
	seen := map[string]bool{}
	for _, m := range l.Confirmed {
		seen[m.ID] = true
	}
	for _, m := range ms {
		if seen[m.ID] {
			continue
		}
		seen[m.ID] = true
		l.Confirmed = append(l.Confirmed, m)
	}
	kept := l.Pending[:0]
	for _, m := range l.Pending {
		if !seen[m.ID] {
			kept = append(kept, m)
		}
	}
	l.Pending = kept
	if cursor > l.Cursor {
		l.Cursor = cursor
	}
}

// Reject drops a mutation the server refused from the queue, keeping its receipt.
func (l *Local) Reject(id string, r Receipt) {
	l.Receipts[id] = r
	kept := l.Pending[:0]
	for _, m := range l.Pending {
		if m.ID != id {
			kept = append(kept, m)
		}
	}
	l.Pending = kept
}
