// Package syncwire holds the wire types of Gongji's sync protocol (server/API.md): what a device
// pushes, what the server answers, what a pull returns, and the checks on a push that need no
// state. It is pure Go (no I/O, no clock, no globals) and builds for GOOS=js GOARCH=wasm, so
// the app and the server share one definition.
package syncwire

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"gongji/shared/mutation"
)

// Version is the protocol version, the {v} in /api/v{v}/.
const Version = 1

// FormatVersion is the version of the JSON form of every type here and in shared/mutation
// and shared/ledger (snake_case keys, money as "12.34", dates as "2025-01-05"). Stores record
// it beside what they write; version 1 (Go field names, money in fen) is read by
// DecodeChangeV1 and DecodeMutationV1.
const FormatVersion = 2

// Limits of one push. The server answers 400 (or 413 for the body) naming the field.
const (
	MaxBodyBytes  = 1 << 20 // a push body
	MaxBatch      = 100     // mutations in one push
	MaxClientID   = 64      // bytes of a client id
	MaxNameLen    = 64      // bytes of a mutation name
	MaxPullLimit  = 1000    // changes in one pull page
	DefaultPull   = 500     // changes in a pull page when no limit is given
	MaxDeviceName = 64      // characters of a device or family name
)

// Mutation is one intent a device pushes: client ids are chosen by the device (one per
// install), mutation ids count 1, 2, 3... per client and are saved before the first send.
// At is the moment the person entered it; the server decides with it, so a replay anywhere
// gives the same outcome. Expected is the split the phone computed (settle, premium).
type Mutation struct {
	ClientID   string          `json:"client_id"`
	MutationID int64           `json:"mutation_id"`
	Name       mutation.Name   `json:"name"`
	At         time.Time       `json:"at"`
	Args       json.RawMessage `json:"args"`
	Expected   *mutation.Split `json:"expected,omitempty"`
}

// Key is the mutation's id in the family: "<clientID>/<mutationID>". Bindings and wallet
// transfers created by the mutation take it as their id.
func (m *Mutation) Key() string { return m.ClientID + "/" + strconv.FormatInt(m.MutationID, 10) }

// Intent is the mutation as mutation.Apply takes it.
func (m *Mutation) Intent() mutation.Mutation {
	return mutation.Mutation{ID: m.Key(), Name: m.Name, Args: m.Args, Expected: m.Expected}
}

// PushRequest is the body of POST /api/v1/push: mutations in the order they were made.
type PushRequest struct {
	Mutations []Mutation `json:"mutations"`
	// args are the known mutations' arguments as Validate decoded them (Args).
	args []any
}

// Args is mutation i's arguments as Validate decoded them (mutation.Decode), or nil when
// Validate did not decode them (an unknown name, a request Validate has not seen). A push
// that would otherwise decode its arguments three times (Validate, the server's edge checks,
// mutation.ApplyAs) decodes them once.
func (r *PushRequest) Args(i int) any {
	if i < len(r.args) {
		return r.args[i]
	}
	return nil
}

// Result statuses of one pushed mutation.
const (
	// Processed: applied now; Outcome says confirmed, adjusted, rejected or unknown.
	Processed = "processed"
	// Duplicate: this client's mutation id was processed before (a retry); nothing changed.
	Duplicate = "duplicate"
	// Deferred: an earlier mutation id of this client is missing; push again from Expect.
	Deferred = "deferred"
)

// PushResult is the server's word on one pushed mutation, in the order pushed.
type PushResult struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	ClientID   string            `json:"client_id"`
	MutationID int64             `json:"mutation_id"`
	Result     string            `json:"result"`
	Seq        int64             `json:"seq,omitempty"`
	Outcome    *mutation.Outcome `json:"outcome,omitempty"`
	// Expect is the next mutation id the server wants from this client (Deferred).
	Expect int64 `json:"expect,omitempty"`
}

// PushResponse answers a push once everything in it is on disk. Epoch is the family's log
// epoch (see PullResponse).
type PushResponse struct {
	Results         []PushResult     `json:"results"`
	Head            int64            `json:"head"`
	Epoch           string           `json:"epoch,omitempty"`
	LastMutationIDs map[string]int64 `json:"last_mutation_ids"`
}

// Change is one processed mutation in the family's log, at sequence number Seq (1, 2, 3...).
type Change struct {
	Seq      int64            `json:"seq"`
	Device   string           `json:"device"`
	Mutation Mutation         `json:"mutation"`
	Outcome  mutation.Outcome `json:"outcome"`
}

// PullResponse is a page of changes after the cursor. Cursor is the seq of the last change
// returned (the request's cursor when none); More says another page is waiting.
// LastMutationIDs are the last processed mutation id of every client of the family.
//
// Epoch names the family's log: chosen when the family is created and changed when the log is
// replaced by an older copy (gongji restore). A device that saw another epoch, or whose
// cursor is beyond Head, holds changes the log no longer has: it pulls again from 0 and pushes
// again what of its own is missing (Stale).
type PullResponse struct {
	Changes         []Change         `json:"changes"`
	Cursor          int64            `json:"cursor"`
	Head            int64            `json:"head"`
	Epoch           string           `json:"epoch,omitempty"`
	More            bool             `json:"more"`
	LastMutationIDs map[string]int64 `json:"last_mutation_ids"`
}

// Stale says whether a device that last saw epoch seen and pulled up to cursor must start
// again from 0: the server's log is another one (a restore changed the epoch) or shorter than
// what the device has seen. An empty seen epoch (a device that never saw one) only checks the
// head.
func Stale(seen string, cursor int64, epoch string, head int64) bool {
	return cursor > head || (seen != "" && epoch != "" && seen != epoch)
}

// FieldError is a request that cannot be read; Field names the input ("mutations[2].name").
type FieldError = mutation.FieldError

func fieldErr(field, reason string) *FieldError { return &FieldError{Field: field, Reason: reason} }

// Validate checks a push without any state: sizes, ids in order per client, known names'
// arguments. Unknown but well-formed names pass (they are kept and reported as unknown).
func (r *PushRequest) Validate() error {
	if len(r.Mutations) == 0 {
		return fieldErr("mutations", "empty")
	}
	if len(r.Mutations) > MaxBatch {
		return fieldErr("mutations", fmt.Sprintf("%d mutations, at most %d in one push", len(r.Mutations), MaxBatch))
	}
	last := map[string]int64{}
	args := make([]any, len(r.Mutations))
	for i := range r.Mutations {
		a, err := validateMutation(&r.Mutations[i], last)
		if err != nil {
			err.Field = fmt.Sprintf("mutations[%d].%s", i, err.Field)
			return err
		}
		args[i] = a
	}
	r.args = args
	return nil
}

// validateMutation checks one mutation and returns its decoded arguments (nil for an
// unknown name).
func validateMutation(m *Mutation, last map[string]int64) (any, *FieldError) {
	switch {
	case m.ClientID == "":
		return nil, fieldErr("client_id", "missing")
	case len(m.ClientID) > MaxClientID || !printable(m.ClientID):
		return nil, fieldErr("client_id", fmt.Sprintf("want 1 to %d printable ASCII characters without '/'", MaxClientID))
	case m.MutationID <= 0:
		return nil, fieldErr("mutation_id", fmt.Sprintf("%d: want 1 or more", m.MutationID))
	case m.MutationID <= last[m.ClientID]:
		return nil, fieldErr("mutation_id", fmt.Sprintf("%d after %d: a client's ids must increase within a push", m.MutationID, last[m.ClientID]))
	case m.Name == "":
		return nil, fieldErr("name", "missing")
	case len(m.Name) > MaxNameLen || !printable(string(m.Name)):
		return nil, fieldErr("name", fmt.Sprintf("want 1 to %d printable ASCII characters", MaxNameLen))
	case m.At.IsZero():
		return nil, fieldErr("at", "missing (RFC 3339 time the mutation was made)")
	case m.At.Year() < 2000 || m.At.Year() > 2200:
		return nil, fieldErr("at", fmt.Sprintf("%s: out of range", m.At.Format(time.RFC3339)))
	case len(m.Args) > mutation.MaxArgsBytes:
		return nil, fieldErr("args", fmt.Sprintf("%d bytes, at most %d", len(m.Args), mutation.MaxArgsBytes))
	}
	last[m.ClientID] = m.MutationID
	if !mutation.Known(m.Name) {
		return nil, nil
	}
	args, err := mutation.Decode(m.Name, m.Args)
	if err != nil {
		if fe, ok := err.(*mutation.FieldError); ok {
			return nil, fe
		}
		return nil, fieldErr("args", err.Error())
	}
	return args, nil
}

// printable is ASCII 0x21-0x7e without '/', so ids are safe in keys and URLs.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x21 || c > 0x7e || c == '/' {
			return false
		}
	}
	return true
}
