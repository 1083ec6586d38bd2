package buntstore

import (
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
	"time"

	"gongji/server/store"
	"gongji/shared/family"
)

// SnapshotVersion is the format of a family's snapshot (its head at some seq, key
// "f/<family>/c"). A snapshot is derived from the log, so one of an older format is ignored
// and the head is redone from the whole log; bump this whenever family.State's JSON changes
// (TestSnapshotGolden fails when it does).
//
//	1  {"v":1,"seq":N,"lastMutationIDs":{...},"state":family.State}   (money in fen)
//	2  {"v":2,"seq":N,"last_mutation_ids":{...},"state":family.State} (sync.FormatVersion 2)
//	3  2 + "clients":{"<client id>":{"device","sums"}} (store.Client: who owns each client id)
//	4  {"v":4,"z":"<base64>"}: the JSON of format 3 (with "v":4) deflated. A family's state
//	   now keeps its correctable actions (family.Record, with their entries), so a snapshot of
//	   a family with 200 bills is about 60 KB of repetitive JSON; deflated it is a few KB, and
//	   BuntDB keeps every rewritten value in its file until it is shrunk.
const SnapshotVersion = 4

// snapshotEvery and snapshotGap bound the log redone at start after a crash: a family's
// snapshot is rewritten once its head is snapshotEvery changes past it, and at most once per
// snapshotGap (a clean stop writes every family's). A snapshot costs about a millisecond for a
// family with 1,000 records; the gap keeps a family that pushes fast from paying it every
// few hundred milliseconds (it was 4% of a push under `make load`), at the price of up to
// snapshotGap of its changes more to redo after a crash. Redoing costs about 40 us a change.
const (
	snapshotEvery = 128
	snapshotGap   = 5 * time.Second
)

// snapshot is a family's head as stored.
// State comes last so that snapshotJSON can append its records (see there).
type snapshot struct {
	V               int                     `json:"v"`
	Seq             int64                   `json:"seq"`
	LastMutationIDs map[string]int64        `json:"last_mutation_ids"`
	Clients         map[string]store.Client `json:"clients,omitempty"`
	State           family.State            `json:"state"`
}

// snapshotKey sorts before the family's other keys ('c' < 'd', 'i', 'l', 'm'), so start-up
// reads it before the log it shortens.
func snapshotKey(fam string) string { return "f/" + fam + "/c" }

// snapshotJSON is the snapshot's JSON before it is deflated (the golden test pins it).
// The state's records, up to family.MaxRecords of them, are most of a snapshot: they are
// encoded by family.AppendRecordsJSON (7 times faster than reflection) as the state's last
// member, which JSON readers take in any order, so the format is unchanged.
func snapshotJSON(h *store.Head) []byte {
	st := h.State
	st.Records = family.Records{}
	b, err := json.Marshal(snapshot{V: SnapshotVersion, Seq: h.Seq, LastMutationIDs: h.LastMutationIDs, State: st, Clients: h.Clients})
	if err != nil {
		panic(err) // plain structs and checked amounts
	}
	if h.State.Records.Len() == 0 {
		return b
	}
	// b ends with the state's "}" and the snapshot's "}"; the state is never empty ("people").
	out := make([]byte, 0, len(b)+260*h.State.Records.Len()) // a settled bill's record: 250 bytes
	out = append(append(out, b[:len(b)-2]...), `,"records":`...)
	out = family.AppendRecordsJSON(out, h.State.Records)
	return append(out, "}}"...)
}

func encodeSnapshot(h *store.Head) string {
	return `{"v":` + strconv.Itoa(SnapshotVersion) + `,"z":` + deflateSnapshot(snapshotJSON(h)) + `}`
}

// decodeSnapshot returns the head a snapshot holds, or nil for a snapshot of an older format
// (the log is redone instead).
func decodeSnapshot(v string) (*store.Head, error) {
	var version struct {
		V int `json:"v"`
	}
	if err := unmarshalRecord(v, &version); err != nil {
		return nil, fmt.Errorf("%w: snapshot: %v", ErrDamaged, err)
	}
	if version.V > SnapshotVersion {
		return nil, fmt.Errorf("%w: snapshot format %d, this build reads up to %d", ErrNewerFormat, version.V, SnapshotVersion)
	}
	if version.V < SnapshotVersion {
		return nil, nil
	}
	var packed struct {
		Z json.RawMessage `json:"z"`
	}
	if err := json.Unmarshal([]byte(v), &packed); err != nil { // checked above
		return nil, fmt.Errorf("%w: snapshot: %v", ErrDamaged, err)
	}
	text, err := inflateSnapshot(string(packed.Z))
	if err != nil {
		return nil, fmt.Errorf("%w: snapshot: %v", ErrDamaged, err)
	}
	var sn snapshot
	if err := unmarshalRecord(text, &sn); err != nil {
		return nil, fmt.Errorf("%w: snapshot: %v", ErrDamaged, err)
	}
	if sn.Seq < 0 {
		return nil, fmt.Errorf("%w: snapshot at seq %d", ErrDamaged, sn.Seq)
	}
	if sn.LastMutationIDs == nil {
		sn.LastMutationIDs = map[string]int64{}
	}
	return &store.Head{Seq: sn.Seq, LastMutationIDs: maps.Clone(sn.LastMutationIDs), State: sn.State, Clients: sn.Clients}, nil
}
