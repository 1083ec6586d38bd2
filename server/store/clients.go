package store

import (
	"crypto/sha256"
	"encoding/binary"
	"maps"

	"gongji/shared/jsonw"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// ClientWindow is how many of a client's last mutations keep a digest: a resent id within
// it is compared body for body (one whole push, syncwire.MaxBatch, fits), an older one answers
// duplicate. Each costs 8 bytes of the family's head in memory and about 20 in a snapshot.
const ClientWindow = syncwire.MaxBatch

// Client is what a family's head knows of one client id: the device that first used it (no
// other device may use it, server/API.md) and the digests of its last mutations, oldest
// first, the last one being LastMutationIDs[client id].
type Client struct {
	Device string   `json:"device"`
	Sums   []uint64 `json:"sums,omitempty"`
}

// Note records a change appended to the log: its client's last id, the device that owns the
// client (the first one to use it) and the digest of the mutation.
func (h *Head) Note(c *syncwire.Change) {
	m := &c.Mutation
	h.LastMutationIDs[m.ClientID] = m.MutationID
	if h.Clients == nil {
		h.Clients = map[string]Client{}
	}
	cl, ok := h.Clients[m.ClientID]
	if !ok {
		cl.Device = c.Device
	}
	// A new list: the old one is shared with other heads (cloneClients).
	keep := cl.Sums
	if len(keep) >= ClientWindow {
		keep = keep[len(keep)-ClientWindow+1:]
	}
	sums := make([]uint64, len(keep), len(keep)+1)
	copy(sums, keep)
	cl.Sums = append(sums, Digest(m))
	h.Clients[m.ClientID] = cl
}

// Sum is the digest of the client's processed mutation id, when it is in the window.
func (h *Head) Sum(client string, id int64) (uint64, bool) {
	cl := h.Clients[client]
	back := h.LastMutationIDs[client] - id // 0 for the last one
	if back < 0 || back >= int64(len(cl.Sums)) {
		return 0, false
	}
	return cl.Sums[int64(len(cl.Sums))-1-back], true
}

// Digest is a mutation's body as far as a resend must repeat it: the name (current
// spelling), the moment, the arguments (compact JSON) and the expected split.
// The digested bytes are the JSON {"n":name,"t":unix nanoseconds,"a":args,"e":expected},
// written by hand (jsonw) exactly as json.Marshal wrote them when digests were first stored:
// a digest in a snapshot must match the one a resend computes.
func Digest(m *syncwire.Mutation) uint64 {
	b := make([]byte, 0, 64+len(m.Args))
	b = append(b, `{"n":`...)
	b = jsonw.String(b, string(mutation.Canonical(m.Name)))
	b = append(b, `,"t":`...)
	b = jsonw.Int(b, m.At.UnixNano())
	b = append(b, `,"a":`...)
	b = jsonw.Raw(b, m.Args)
	b = append(b, `,"e":`...)
	if m.Expected == nil {
		b = append(b, "null"...)
	} else {
		b = m.Expected.AppendJSON(b)
	}
	sum := sha256.Sum256(append(b, '}'))
	return binary.BigEndian.Uint64(sum[:8])
}

// cloneClients copies the map; the digest lists are shared, as Note never changes one in
// place (copying them cost a push 1.8 KB of garbage, issue 9).
func cloneClients(c map[string]Client) map[string]Client {
	return maps.Clone(c)
}
