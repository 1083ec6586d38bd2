package book

import (
	"encoding/json"
	"fmt"
	"time"

	"gongji/shared/engine"
	"gongji/shared/mutation"
	"gongji/shared/order"
	"gongji/shared/syncwire"
)

// MaxPending bounds the queue of mutations not yet in the family's log.
const MaxPending = 10000

// Local is everything a device keeps in browser storage: settings, its session with the
// family on the server, the family's log as pulled, and the queue of its own mutations.
type Local struct {
	// Format is the JSON format version it was saved with (syncwire.FormatVersion); 0 is
	// version 1, read through syncwire.UpgradeV1.
	Format     int                 `json:"format"`
	Lang       string              `json:"lang"`
	FamilyName string              `json:"family_name"`
	ClientID   string              `json:"client_id"`
	LastID     int64               `json:"last_id"` // the last mutation id given out
	Family     string              `json:"family,omitempty"`
	Device     string              `json:"device,omitempty"`
	Token      string              `json:"token,omitempty"`
	Owner      bool                `json:"owner,omitempty"`
	Cursor     int64               `json:"cursor"`
	Epoch      string              `json:"epoch,omitempty"` // the family log's epoch the cursor counts in
	LastSync   time.Time           `json:"last_sync"`
	Confirmed  []syncwire.Change   `json:"confirmed"`
	Pending    []syncwire.Mutation `json:"pending"`
	Devices    []Device            `json:"device_list,omitempty"`
	// Seen is the log's seq up to which the family has looked at the sync screen: refused or
	// adjusted items after it need attention.
	Seen int64 `json:"seen,omitempty"`
	// Notify says the person asked for Web Notifications of reminders.
	Notify bool `json:"notify,omitempty"`
}

// Decode reads a saved Local of either format version; empty input is a fresh device.
func Decode(data []byte) (*Local, error) {
	l := &Local{}
	if len(data) > 0 {
		var probe struct {
			Format int `json:"format"`
		}
		err := json.Unmarshal(data, &probe)
		if err == nil && probe.Format < 2 {
			data, err = syncwire.UpgradeV1(data) // saved before format 2: the queue is kept
		}
		if err == nil {
			err = json.Unmarshal(data, l)
		}
		if err != nil {
			return &Local{Lang: "zh"}, err
		}
	}
	l.Format = syncwire.FormatVersion
	if l.Lang == "" {
		l.Lang = "zh"
	}
	return l, nil
}

// Encode is the JSON saved in browser storage.
func (l *Local) Encode() []byte {
	l.Format = syncwire.FormatVersion
	data, _ := json.Marshal(l)
	return data
}

// Actor is who this device's mutations come from (consent): its device, and whether it is
// the owner's. A device not in a family yet acts as the owner of what is only its own.
func (l *Local) Actor() mutation.Actor {
	return mutation.Actor{Device: l.Device, Owner: l.Owner || l.Family == "", Clock: l.KeepsClock()}
}

// KeepsClock says whether this device keeps its family's clock: a family kept only here
// (never shared, or imported from a backup) has no server to make its 06:00 refunds.
func (l *Local) KeepsClock() bool { return l.Family == "" }

// KeepClock queues, when this device keeps its family's clock, every refund due by now, each
// at its own moment (shared/mutation clock.go), and returns how many it queued and the moment
// of the next one still to come (zero when none waits, or when a server keeps the clock: the
// server makes them, once, and the device's push of one would be refused). b is the book of
// l; queue changes it, so the caller builds it again when any was queued.
func (l *Local) KeepClock(e *engine.Engine, b *Book, now time.Time) (queued int, next time.Time, err error) {
	if !l.KeepsClock() {
		return 0, time.Time{}, nil
	}
	due, next := mutation.DueRefunds(&b.State, now)
	state := b.State
	for _, d := range due {
		raw, _ := json.Marshal(mutation.WalletRefArgs{Transfer: d.Transfer})
		m := syncwire.Mutation{ClientID: l.ClientID, MutationID: l.LastID + 1, Name: mutation.WalletExpire, At: d.At, Args: raw}
		o, after := mutation.ApplyAs(e, &state, l.Actor(), m.Intent(), d.At)
		if !o.Status.Applied() {
			continue // the rules say no (already accepted): nothing to make
		}
		if err := l.Queue(m); err != nil {
			return queued, next, err
		}
		state, queued = after, queued+1
	}
	return queued, next, nil
}

// NewClientID mints a client id that no other device can have: the device id the server
// gave, a dot, and a random suffix (server/API.md: a client id belongs to one device). It
// changes only with an empty queue, so nothing queued under the old id is lost.
func (l *Local) NewClientID(suffix string) {
	if l.Device == "" || len(l.Pending) > 0 {
		return
	}
	l.ClientID, l.LastID = l.Device+"."+suffix, 0
}

// Try applies a mutation to the current state without queuing it: what the person would get.
func (l *Local) Try(e *engine.Engine, b *Book, name mutation.Name, args any, at time.Time) (syncwire.Mutation, mutation.Outcome, error) {
	raw, err := json.Marshal(args)
	if err != nil {
		return syncwire.Mutation{}, mutation.Outcome{}, err
	}
	if l.ClientID == "" {
		return syncwire.Mutation{}, mutation.Outcome{}, fmt.Errorf("client id missing")
	}
	m := syncwire.Mutation{ClientID: l.ClientID, MutationID: l.LastID + 1, Name: name, At: at, Args: raw}
	intent := m.Intent()
	intent.History = b.History() // a correction of a bill is decided as of the bill's moment
	o, _ := mutation.ApplyAs(e, &b.State, l.Actor(), intent, at)
	if o.Split != nil {
		m.Expected = o.Split
	}
	return m, o, nil
}

// Queue saves m as the next mutation of this device (its id was given by Try).
func (l *Local) Queue(m syncwire.Mutation) error {
	if len(l.Pending) >= MaxPending {
		return fmt.Errorf("queue full: %d mutations wait for the server", len(l.Pending))
	}
	if m.MutationID != l.LastID+1 || m.ClientID != l.ClientID {
		return fmt.Errorf("mutation %s out of order (last id %d)", m.Key(), l.LastID)
	}
	l.LastID = m.MutationID
	l.Pending = append(l.Pending, m)
	return nil
}

// Pulled adds a page of the family's log (changes after the cursor, in seq order) and drops
// from the queue what is now in it. On the last page, ids up to lastMutationIDs[clientID] are
// dropped too (processed, whatever page their change was on).
func (l *Local) Pulled(p syncwire.PullResponse) {
	if p.Epoch != "" {
		l.Epoch = p.Epoch
	}
	in := map[string]bool{}
	for _, c := range p.Changes {
		if c.Seq <= l.Cursor {
			continue
		}
		// Redo needs the entries, not the explanation; keep it only where the sync screen
		// shows it (rejected and adjusted items), so browser storage grows slowly.
		if c.Outcome.Status == mutation.Confirmed {
			c.Outcome.Explanation = nil
		}
		l.Confirmed = append(l.Confirmed, c)
		l.Cursor = c.Seq
		in[c.Mutation.Key()] = true
	}
	kept := l.Pending[:0]
	for _, m := range l.Pending {
		if !in[m.Key()] {
			kept = append(kept, m)
		}
	}
	l.Pending = kept
	if !p.More {
		l.Processed(p.LastMutationIDs[l.ClientID])
	}
}

// Rebase starts again from an empty log at epoch: the server's log was replaced by an older
// copy (a restore), so it may lack changes this device has seen. This device's own
// mutations from its old log are queued again before its queue, in id order, so nothing it
// made is lost: the server answers duplicate for those it still has and processes the others
// again. Other devices' changes come back with the next pull, or from those devices.
func (l *Local) Rebase(epoch string) {
	seen := map[int64]bool{}
	var mine []syncwire.Mutation
	for _, c := range l.Confirmed {
		if c.Mutation.ClientID == l.ClientID && !seen[c.Mutation.MutationID] {
			seen[c.Mutation.MutationID] = true
			mine = append(mine, c.Mutation)
		}
	}
	for _, m := range l.Pending {
		if !seen[m.MutationID] {
			seen[m.MutationID] = true
			mine = append(mine, m)
		}
	}
	order.Sort(len(mine), func(i, j int) bool { return mine[i].MutationID < mine[j].MutationID },
		func(i, j int) { mine[i], mine[j] = mine[j], mine[i] })
	l.Pending, l.Confirmed, l.Cursor, l.Epoch = mine, nil, 0, epoch
}

// Processed drops queued mutations with ids up to last: they are in the family's log.
func (l *Local) Processed(last int64) {
	kept := l.Pending[:0]
	for _, m := range l.Pending {
		if m.MutationID > last {
			kept = append(kept, m)
		}
	}
	l.Pending = kept
	if last > l.LastID { // a reinstalled device whose ids the server already knows
		l.LastID = last
	}
}

// Device is one device of the family as the server lists it.
type Device struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	ID      string `json:"id"`
	Name    string `json:"name"`
	Owner   bool   `json:"owner"`
	Revoked bool   `json:"revoked"`
}
