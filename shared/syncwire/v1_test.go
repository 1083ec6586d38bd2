package syncwire_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or writes it there with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s changed: the wire format is a contract (run go test -update only for a new format version)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func indent(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// v1Balances sums the version-1 postings (fen, Go field names) by account key, independently
// of the upgrade: what the old server's log says every balance is.
func v1Balances(t *testing.T, data []byte) map[string]money.Amount {
	var changes []struct {
		Outcome struct {
			Status  string `json:"status"`
			Entries []struct {
				Postings []struct {
					Account struct{ Kind, Owner string }
					Amount  int64
				}
			} `json:"entries"`
		} `json:"outcome"`
	}
	if err := json.Unmarshal(data, &changes); err != nil {
		t.Fatal(err)
	}
	out := map[string]money.Amount{}
	for _, c := range changes {
		for _, e := range c.Outcome.Entries {
			for _, p := range e.Postings {
				a := ledger.Account{Kind: ledger.Kind(p.Account.Kind), Owner: p.Account.Owner}
				if a.Kind == ledger.PersonalAccount || a.Kind == ledger.Wallet {
					out[a.Key()] += money.FromFen(p.Amount)
				}
			}
		}
	}
	return out
}

// TestDecodeV1Log reads a log written by main at 6d40165 (format version 1: Go field names,
// fen, "premium" and "wallet_refund"), replays it and checks every balance against the old
// postings, and pins its version-2 form.
func TestDecodeV1Log(t *testing.T) {
	data := read(t, "v1/changes.json")
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		t.Fatal(err)
	}
	var changes []syncwire.Change
	for i, raw := range raws {
		c, err := syncwire.DecodeChange(1, raw)
		if err != nil {
			t.Fatalf("change %d: %v", i, err)
		}
		changes = append(changes, c)
	}
	names := map[int64]mutation.Name{5: mutation.Settle, 6: mutation.PayPremium, 10: mutation.WalletExpire}
	for seq, want := range names {
		if got := changes[seq-1].Mutation.Name; got != want {
			t.Errorf("seq %d: name %q, want %q", seq, got, want)
		}
	}
	if c := changes[4]; c.Mutation.ClientID != "c_old" || c.Mutation.MutationID != 5 || c.Outcome.Expected == nil ||
		c.Outcome.Split == nil || len(c.Outcome.Entries) != 1 {
		t.Fatalf("settle change lost members: %+v", c)
	}
	s, err := syncwire.Replay(family.State{}, changes)
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range v1Balances(t, data) {
		p := s.Person(family.PersonID(key))
		acct := ledger.AccountOf(family.PersonID(key))
		if p == nil {
			id := key[:len(key)-len(".wallet")]
			acct = ledger.WalletOf(family.PersonID(id))
		}
		if got := ledger.BalanceOf(&s, acct); got != want {
			t.Errorf("%s: replayed %s, version-1 postings say %s", key, got, want)
		}
	}
	golden(t, "v1/changes.v2.json", indent(t, changes))
}

func TestDecodeV1Record(t *testing.T) {
	up, err := syncwire.UpgradeV1(read(t, "v1/record.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Changes []syncwire.Change `json:"changes"`
	}
	if err := json.Unmarshal(up, &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Changes) != 3 || rec.Changes[0].Outcome.Entries[0].Postings[0].Amount != 80000 {
		t.Fatalf("record upgraded to %s", up)
	}
}

func TestV1Push(t *testing.T) {
	body := read(t, "v1/push_request.json")
	if !syncwire.IsV1Push(body) {
		t.Fatal("a version-1 push not recognized")
	}
	up, err := syncwire.UpgradeV1(body)
	if err != nil {
		t.Fatal(err)
	}
	if syncwire.IsV1Push(up) {
		t.Fatal("an upgraded push still looks like version 1")
	}
	var req syncwire.PushRequest
	if err := json.Unmarshal(up, &req); err != nil {
		t.Fatal(err)
	}
	if err := req.Validate(); err != nil {
		t.Fatal(err)
	}
	if req.Mutations[5].Name != mutation.PayPremium || req.Mutations[9].Name != mutation.WalletExpire {
		t.Fatalf("old names kept: %s, %s", req.Mutations[5].Name, req.Mutations[9].Name)
	}
	if _, err := syncwire.DecodeChange(3, []byte(`{}`)); err == nil {
		t.Fatal("an unknown format version decoded")
	}
}

// TestDecodeStoredChange: a row written by either format reads as the same change.
func TestDecodeStoredChange(t *testing.T) {
	var v1 []json.RawMessage
	if err := json.Unmarshal(read(t, "v1/changes.json"), &v1); err != nil {
		t.Fatal(err)
	}
	for i, raw := range v1 {
		old, err := syncwire.DecodeStoredChange(raw)
		if err != nil {
			t.Fatalf("v1 change %d: %v", i, err)
		}
		v2, _ := json.Marshal(old)
		again, err := syncwire.DecodeStoredChange(v2)
		if err != nil || !reflect.DeepEqual(old, again) {
			t.Fatalf("v2 form of change %d reads differently: %v", i, err)
		}
	}
}
