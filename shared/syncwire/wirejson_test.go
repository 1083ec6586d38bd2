package syncwire_test

import (
	"encoding/json"
	"testing"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/ledger/posting"
	"gongji/shared/mutation"
	"gongji/shared/source"
	"gongji/shared/syncwire"
)

// TestWireJSONMatchesMarshal: the hand-written encoders write what json.Marshal writes, for
// every optional member set and unset and for strings json.Marshal escapes.
func TestWireJSONMatchesMarshal(t *testing.T) {
	at := time.Date(2025, 10, 13, 6, 0, 0, 123456789, time.FixedZone("", 8*3600))
	split := &mutation.Split{Lines: []mutation.Line{
		{Payer: "mom", Source: engine.Own, Amount: 1234},
		{Payer: "son", Source: engine.MutualAid, Binding: "c/1", Amount: -5, NotClaimableElsewhere: true}}, Cash: 7}
	full := mutation.Outcome{Status: mutation.Rejected, Codes: []engine.Code{"A", "B"}, Rules: []string{"S1"}, Ruleset: "v2-x",
		Error: &mutation.FieldError{Field: "args.bill", Reason: `wants "12.34" <not> & so on`},
		Split: split, Expected: &mutation.Split{},
		Entries:     []posting.Entry{{Kind: "settle", Postings: []posting.Posting{{Account: posting.Account{Kind: posting.Wallet, Owner: "妈妈"}, Amount: -1}}}, {Kind: "void"}},
		Explanation: []engine.Line{{Rule: "S1", Code: "X", Msg: "pay.own", Args: []engine.Arg{{Kind: "person", Value: "王秀英"}, {Kind: "amount", Value: "1.00"}}, Sources: []source.ID{"gbf-2021-14"}, Grade: "U", Unverified: true}, {Rule: "S4", Msg: "m"}},
		Request:     "c/9",
		Credits:     []mutation.MonthlyCredit{{Person: "mom", Due: civil.MustDate("2026-03-15"), Amount: 10000, Skip: "STOPPED"}, {Person: "dad", Due: civil.MustDate("2026-04-15"), Amount: 1}},
		Restated: []mutation.Restated{{Record: "c/<2>", Before: split, After: &mutation.Split{}, Undone: []posting.Entry{{Kind: "void"}},
			Entries: []posting.Entry{{Kind: "settle", Postings: []posting.Posting{{Account: posting.Account{Kind: posting.Wallet, Owner: "妈妈"}, Amount: -1}}}}}, {Record: "c/3"}}}
	tests := []struct {
		name    string
		changes []syncwire.Change
		resp    syncwire.PushResponse
	}{
		{"empty", nil, syncwire.PushResponse{}},
		{"every member", []syncwire.Change{{Seq: 7, Device: "d<1>", Outcome: full,
			Mutation: syncwire.Mutation{ClientID: "c", MutationID: 9, Name: "settle", At: at, Args: json.RawMessage(`{"a": "<b>", "c":"宝"}`), Expected: split}}},
			syncwire.PushResponse{Results: []syncwire.PushResult{{ClientID: "c", MutationID: 9, Result: syncwire.Processed, Seq: 7, Outcome: &full}, {ClientID: "c", MutationID: 12, Result: syncwire.Deferred, Expect: 10}},
				Head: 7, Epoch: "e", LastMutationIDs: map[string]int64{"z": 1, "a": 2, "m\u2028": 3}}},
		{"bare", []syncwire.Change{{Seq: 1, Mutation: syncwire.Mutation{At: time.Unix(0, 0).UTC()}, Outcome: mutation.Outcome{Status: mutation.Confirmed, Split: &mutation.Split{}}}},
			syncwire.PushResponse{Results: []syncwire.PushResult{}, LastMutationIDs: map[string]int64{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := json.Marshal(tt.changes)
			if err != nil {
				t.Fatal(err)
			}
			if got := syncwire.AppendChangesJSON(nil, tt.changes); string(got) != string(want) {
				t.Errorf("changes:\n got %s\nwant %s", got, want)
			}
			if want, err = json.Marshal(&tt.resp); err != nil {
				t.Fatal(err)
			}
			if got := tt.resp.AppendJSON(nil); string(got) != string(want) {
				t.Errorf("answer:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// FuzzMutationJSON: any client id, name, arguments and moment are written as json.Marshal
// writes them.
func FuzzMutationJSON(f *testing.F) {
	f.Add("c", "settle", `{"x":1}`, int64(1760306400), int64(5), int32(8*3600))
	f.Add("\x00", "<>", "[1, 2]", int64(-62135596800), int64(0), int32(0))
	f.Fuzz(func(t *testing.T, client, name, args string, unix, nanos int64, offset int32) {
		if !json.Valid([]byte(args)) {
			return
		}
		m := syncwire.Mutation{ClientID: client, Name: mutation.Name(name), Args: json.RawMessage(args),
			At: time.Unix(unix%(1<<36), nanos%1e9).In(time.FixedZone("", int(offset%(18*3600))))}
		want, err := json.Marshal(&m)
		if err != nil {
			return // json.Marshal's own limits: years beyond 9999
		}
		if got := m.AppendJSON(nil); string(got) != string(want) {
			t.Fatalf("got  %s\nwant %s", got, want)
		}
	})
}
