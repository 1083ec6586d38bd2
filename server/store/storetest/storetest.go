// Package storetest is the conformance suite every store.Store must pass (the BuntDB store
// now, a Durable Object store later): families, devices, invitations, push and pull.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"gongji/server/store"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// Run runs every conformance test on stores made by open (a fresh, empty store each call).
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"devices and tokens", testDevices},
		{"invitations are single use and expire", testInvites},
		{"push appends and pull pages", testPushPull},
		{"a failed push changes nothing", testPushError},
		{"families are isolated", testIsolation},
		{"a long log pulls whole, page by page", testLongLog},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			tc.fn(t, s)
		})
	}
}

// Cooler is a store that can let its families go from memory now and read them back at their
// next use (buntstore's cold families, issue 23). The suite lets every family go in the
// middle of each test, so each operation also runs on a family just read back.
type Cooler interface{ CoolAll() error }

func cool(t *testing.T, s store.Store) {
	t.Helper()
	if c, ok := s.(Cooler); ok {
		if err := c.CoolAll(); err != nil {
			t.Fatal(err)
		}
	}
}

var (
	ctx = context.Background()
	t0  = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
)

func family(t *testing.T, s store.Store, id string) {
	t.Helper()
	err := s.CreateFamily(ctx, store.Family{ID: id, Name: id, Created: t0},
		store.Device{ID: id + "-owner", Name: "owner", Owner: true, TokenHash: id + "-hash", Created: t0})
	if err != nil {
		t.Fatal(err)
	}
	cool(t, s)
}

func testDevices(t *testing.T, s store.Store) {
	family(t, s, "fa")
	if err := s.CreateFamily(ctx, store.Family{ID: "fa"}, store.Device{ID: "x", TokenHash: "y"}); !errors.Is(err, store.ErrExists) {
		t.Errorf("second family with the same id: %v, want ErrExists", err)
	}
	d, err := s.DeviceByToken(ctx, "fa-hash")
	if err != nil || d.ID != "fa-owner" || d.Family != "fa" || !d.Owner {
		t.Fatalf("DeviceByToken: %+v, %v", d, err)
	}
	cool(t, s)
	if err := s.RevokeDevice(ctx, "fa", "fa-owner"); err != nil {
		t.Fatal(err)
	}
	cool(t, s)
	if _, err := s.DeviceByToken(ctx, "fa-hash"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("revoked token: %v, want ErrNotFound", err)
	}
	ds, err := s.Devices(ctx, "fa")
	if err != nil || len(ds) != 1 || !ds[0].Revoked {
		t.Errorf("Devices: %+v, %v", ds, err)
	}
}

func testInvites(t *testing.T, s store.Store) {
	family(t, s, "fa")
	if err := s.AddInvite(ctx, store.Invite{CodeHash: "c1", Family: "fa", Expires: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddInvite(ctx, store.Invite{CodeHash: "c2", Family: "fa", Expires: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	cool(t, s)
	d, err := s.Join(ctx, "c1", t0, store.Device{ID: "d1", Name: "phone", TokenHash: "h1", Created: t0})
	if err != nil || d.Family != "fa" || d.Owner {
		t.Fatalf("Join: %+v, %v", d, err)
	}
	cool(t, s)
	if _, err := s.Join(ctx, "c1", t0, store.Device{ID: "d2", TokenHash: "h2"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second use: %v, want ErrNotFound", err)
	}
	if _, err := s.Join(ctx, "c2", t0.Add(time.Hour), store.Device{ID: "d3", TokenHash: "h3"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired: %v, want ErrNotFound", err)
	}
	cool(t, s)
	if _, err := s.DeviceByToken(ctx, "h1"); err != nil {
		t.Errorf("joined device's token: %v", err)
	}
}

// credit is a push function adding n credits of client c.
func credit(c string, n int) store.PushFunc {
	return func(h *store.Head) ([]syncwire.Change, error) {
		var out []syncwire.Change
		for range n {
			id := h.LastMutationIDs[c] + 1
			h.LastMutationIDs[c], h.Seq = id, h.Seq+1
			out = append(out, syncwire.Change{Seq: h.Seq, Device: "d", Outcome: mutation.Outcome{Status: mutation.Unknown},
				Mutation: syncwire.Mutation{ClientID: c, MutationID: id, Name: "note", At: t0, Args: json.RawMessage(`{}`)}})
		}
		return out, nil
	}
}

func testPushPull(t *testing.T, s store.Store) {
	family(t, s, "fa")
	for _, n := range []int{3, 1, 4} {
		if err := s.Push(ctx, "fa", credit("c", n)); err != nil {
			t.Fatal(err)
		}
		cool(t, s)
	}
	if head, err := s.Head(ctx, "fa"); err != nil || head != 8 {
		t.Fatalf("Head: %d, %v, want 8", head, err)
	}
	page, err := s.Pull(ctx, "fa", 2, 3)
	if err != nil || len(page.Changes) != 3 || page.Changes[0].Seq != 3 || page.Changes[2].Seq != 5 || !page.More {
		t.Fatalf("Pull(2, 3): %+v, %v", page, err)
	}
	cool(t, s)
	page, err = s.Pull(ctx, "fa", 5, 100)
	if err != nil || len(page.Changes) != 3 || page.More || page.LastMutationIDs["c"] != 8 || page.Head != 8 {
		t.Fatalf("Pull(5, 100): %+v, %v", page, err)
	}
	if page, _ = s.Pull(ctx, "fa", 8, 100); len(page.Changes) != 0 || page.Head != 8 {
		t.Errorf("Pull at the head: %+v", page)
	}
	if err := s.Push(ctx, "nofamily", credit("c", 1)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("push to no family: %v, want ErrNotFound", err)
	}
}

func testPushError(t *testing.T, s store.Store) {
	family(t, s, "fa")
	boom := errors.New("boom")
	err := s.Push(ctx, "fa", func(h *store.Head) ([]syncwire.Change, error) {
		credit("c", 2)(h)
		return nil, boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Push: %v, want boom", err)
	}
	bad := s.Push(ctx, "fa", func(h *store.Head) ([]syncwire.Change, error) {
		changes, _ := credit("c", 2)(h)
		return changes[:1], nil // head says 2, one change returned
	})
	if bad == nil {
		t.Error("a push whose changes do not match its head was accepted")
	}
	cool(t, s)
	if head, _ := s.Head(ctx, "fa"); head != 0 {
		t.Errorf("head %d after failed pushes, want 0", head)
	}
}

func testIsolation(t *testing.T, s store.Store) {
	family(t, s, "fa")
	family(t, s, "fb")
	if err := s.Push(ctx, "fa", credit("c", 2)); err != nil {
		t.Fatal(err)
	}
	cool(t, s)
	page, err := s.Pull(ctx, "fb", 0, 100)
	if err != nil || len(page.Changes) != 0 || page.Head != 0 {
		t.Errorf("family fb sees %+v, %v", page, err)
	}
	if err := s.RevokeDevice(ctx, "fb", "fa-owner"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("revoke fa's device through fb: %v, want ErrNotFound", err)
	}
}

// testLongLog pushes more changes than a store's snapshot interval (buntstore: 128) in pushes
// of varied sizes and pulls them back in small pages: every seq once, in order.
func testLongLog(t *testing.T, s store.Store) {
	family(t, s, "fa")
	total := 0
	for i := range 40 {
		n := 1 + i%13
		if err := s.Push(ctx, "fa", credit("c", n)); err != nil {
			t.Fatal(err)
		}
		total += n
		if i%7 == 3 {
			cool(t, s)
		}
	}
	var seen int64
	for cursor := int64(0); ; {
		page, err := s.Pull(ctx, "fa", cursor, 7)
		if err != nil {
			t.Fatal(err)
		}
		if seen%21 == 0 {
			cool(t, s)
		}
		for _, c := range page.Changes {
			if seen++; c.Seq != seen || c.Mutation.MutationID != seen {
				t.Fatalf("change %d has seq %d, mutation %d", seen, c.Seq, c.Mutation.MutationID)
			}
		}
		if len(page.Changes) > 0 {
			cursor = page.Changes[len(page.Changes)-1].Seq
		}
		if !page.More {
			if page.LastMutationIDs["c"] != int64(total) || page.Head != int64(total) {
				t.Fatalf("last page: head %d, last mutation %d; want %d", page.Head, page.LastMutationIDs["c"], total)
			}
			break
		}
	}
	if seen != int64(total) {
		t.Errorf("pulled %d changes, pushed %d", seen, total)
	}
}
