// Package store is the sync server's storage interface: families, devices, invitation codes
// and each family's append-only log of processed mutations. It is small on purpose so that a
// BuntDB file (server/buntstore) and a Cloudflare Durable Object per family can both
// implement it and pass the same conformance tests (server/store/storetest).
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"sort"
	"time"

	"gongji/shared/family"
	"gongji/shared/syncwire"
)

// Sentinel errors.
var (
	// ErrNotFound: no such family, device, token or invitation code (or not this family's).
	ErrNotFound = errors.New("store: not found")
	// ErrExists: an id that must be new is taken.
	ErrExists = errors.New("store: already exists")
	// ErrClosed: the store is shutting down; nothing was written.
	ErrClosed = errors.New("store: closed")
)

// Family is a family's record.
// Epoch names its log (syncwire.PullResponse.Epoch): chosen at creation, changed by a restore;
// empty for a family created before epochs, which then has only the head check.
type Family struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Created time.Time `json:"created"`
	Epoch   string    `json:"epoch,omitempty"`
}

// Device is one phone or browser of a family. TokenHash is the SHA-256 of its bearer token
// (hex); the token itself is never stored.
type Device struct {
	ID        string    `json:"id"`
	Family    string    `json:"family"`
	Name      string    `json:"name"`
	Owner     bool      `json:"owner"`
	TokenHash string    `json:"token_hash"`
	Invite    string    `json:"invite,omitempty"` // the hash of the code it joined with
	Created   time.Time `json:"created"`
	Revoked   bool      `json:"revoked"`
}

// Invite is a single-use invitation code, stored by the hash of the code.
type Invite struct {
	CodeHash string    `json:"code_hash"`
	Family   string    `json:"family"`
	Expires  time.Time `json:"expires"`
}

// Head is a family's current state: the last seq of its log, the last processed mutation id
// per client and the state after the whole log.
type Head struct {
	Seq             int64
	LastMutationIDs map[string]int64
	State           family.State
	// Clients are the client ids' owning devices and last digests (clients.go, Note).
	Clients map[string]Client
}

// Clone is a copy the push function may change freely, except State: a state is a value
// that is replaced, never changed in place (every shared/mutation function returns a new
// one), so the copy shares it. Copying the state here as well cost a push a second deep copy
// of up to 1,000 records (issue 9).
func (h *Head) Clone() *Head {
	return &Head{Seq: h.Seq, LastMutationIDs: maps.Clone(h.LastMutationIDs), State: h.State,
		Clients: cloneClients(h.Clients)}
}

// PushFunc processes a push against a copy of the family's head, changes it, and returns the
// changes to append (seq head.Seq+1, +2, ...; none is fine). An error discards everything.
type PushFunc func(h *Head) ([]syncwire.Change, error)

// Page is a page of a family's log after a cursor, consistent with Head and LastMutationIDs.
type Page struct {
	Changes         []syncwire.Change
	Head            int64
	More            bool
	LastMutationIDs map[string]int64
}

// Store keeps families. Every method is safe for concurrent use. Push returns only after its
// changes are durable and is crash-atomic: after a crash a push is there whole or not at all.
type Store interface {
	CreateFamily(ctx context.Context, f Family, owner Device) error
	Family(ctx context.Context, id string) (Family, error)
	AddInvite(ctx context.Context, inv Invite) error
	// Join uses the invite with codeHash (unused, not expired at now) to add d to its family.
	Join(ctx context.Context, codeHash string, now time.Time, d Device) (Device, error)
	DeviceByToken(ctx context.Context, tokenHash string) (Device, error)
	Devices(ctx context.Context, family string) ([]Device, error)
	RevokeDevice(ctx context.Context, family, device string) error
	Push(ctx context.Context, family string, fn PushFunc) error
	Pull(ctx context.Context, family string, cursor int64, limit int) (Page, error)
	Head(ctx context.Context, family string) (seq int64, err error)
	Close() error
}

// CheckChanges asserts the push function numbered its changes base+1..head.
func CheckChanges(base, head int64, changes []syncwire.Change) error {
	for i, c := range changes {
		if c.Seq != base+int64(i)+1 {
			return fmt.Errorf("push: change %d has seq %d, want %d", i, c.Seq, base+int64(i)+1)
		}
	}
	if head != base+int64(len(changes)) {
		return fmt.Errorf("push: head %d after %d changes from %d", head, len(changes), base)
	}
	return nil
}

// SortDevices orders devices by creation time, then id, as every store lists them.
func SortDevices(ds []Device) {
	sort.Slice(ds, func(i, j int) bool {
		if !ds[i].Created.Equal(ds[j].Created) {
			return ds[i].Created.Before(ds[j].Created)
		}
		return ds[i].ID < ds[j].ID
	})
}

// UnmarshalJSON reads a device record of either format version: version 1 spelled the hash
// "tokenHash" (the other keys match case-insensitively).
func (d *Device) UnmarshalJSON(b []byte) error {
	type plain Device
	var v struct {
		plain
		TokenHashV1 string `json:"tokenHash"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*d = Device(v.plain)
	if d.TokenHash == "" {
		d.TokenHash = v.TokenHashV1
	}
	return nil
}

// UnmarshalJSON reads an invitation record of either format version ("codeHash" in version 1).
func (inv *Invite) UnmarshalJSON(b []byte) error {
	type plain Invite
	var v struct {
		plain
		CodeHashV1 string `json:"codeHash"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*inv = Invite(v.plain)
	if inv.CodeHash == "" {
		inv.CodeHash = v.CodeHashV1
	}
	return nil
}
