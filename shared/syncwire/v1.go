package syncwire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/strictjson"
)

// Format version 1 is the JSON written before FormatVersion 2 (logs of 2026): the Go field
// names of engine.Institution, engine.Bill and the ledger types ("PolicySelfPay",
// "Postings"), camelCase sync keys ("clientID", "lastMutationIDs"), money as an integer
// number of fen, and the mutation names "premium" and "wallet_refund". encoding/json matches
// keys case-insensitively, so "Total" would still find a field tagged "total", but
// "PolicySelfPay" would not find "policy_self_pay" and 10000 is no money string: version-1
// bytes go through UpgradeV1 first.

// keysV1 is a version-1 key's version-2 spelling: the camelCase sync keys and the Go field
// names, spelled out so that the upgraded JSON is exactly version 2.
func keysV1(k string) string {
	switch k {
	case "clientID":
		return "client_id"
	case "mutationID":
		return "mutation_id"
	case "lastMutationIDs":
		return "last_mutation_ids"
	case "PolicySelfPay":
		return "policy_self_pay"
	case "FullSelfPay":
		return "full_self_pay"
	case "Region", "Kind", "Designated", "Wallet", "Total", "Fund", "Category", "Postings",
		"Account", "Owner", "Amount":
		return strings.ToLower(k)
	}
	return k
}

// moneyKeyV1 says whether a version-1 number under this (version-2) key is money in fen.
func moneyKeyV1(k string) bool {
	switch k {
	case "amount", "account", "wallet", "total", "fund", "policy_self_pay", "full_self_pay", "cash":
		return true
	}
	return false
}

// UpgradeV1 rewrites any JSON document of format version 1 (a change, a list of changes, a
// store record holding changes, a push request, a mutation, a pull or push answer) as format
// version 2: keys renamed, money in fen turned into "12.34", and the old names of mutations
// ("name" beside "clientID") mapped by mutation.Canonical, and prose explanations dropped.
// Members it does not know are kept as they are. The result's keys are sorted.
//
// The document is checked first as a record (strictjson: one value, no key twice, UTF-8), so
// that the rewriting, which keeps one of two equal keys, never picks between them.
func UpgradeV1(data []byte) ([]byte, error) {
	if err := strictjson.Check(data, strictjson.Record); err != nil {
		return nil, fmt.Errorf("format version 1: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("format version 1: %w", err)
	}
	v, err := upgradeV1(v, "")
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

func upgradeV1(v any, key string) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		_, isMutation := x["clientID"]
		for k, e := range x {
			nk := keysV1(k)
			// Version-1 explanations are prose in two languages; version 2 keeps explanations
			// as structure only, so the old prose is dropped (the facts stay: status, codes,
			// rules, ruleset, split, entries).
			if nk == "explanation" {
				continue
			}
			ne, err := upgradeV1(e, nk)
			if err != nil {
				return nil, err
			}
			if name, ok := ne.(string); ok && isMutation && nk == "name" {
				ne = string(mutation.Canonical(mutation.Name(name)))
			}
			out[nk] = ne
		}
		return out, nil
	case []any:
		for i, e := range x {
			ne, err := upgradeV1(e, key)
			if err != nil {
				return nil, err
			}
			x[i] = ne
		}
		return x, nil
	case json.Number:
		if !moneyKeyV1(key) {
			return x, nil
		}
		fen, err := x.Int64()
		if err != nil {
			return nil, fmt.Errorf("format version 1: %s: %s is not a whole number of fen", key, x)
		}
		return money.FromFen(fen).String(), nil
	}
	return v, nil
}

// DecodeChangeV1 reads one change as format version 1 wrote it.
func DecodeChangeV1(data []byte) (Change, error) {
	var c Change
	up, err := UpgradeV1(data)
	if err == nil {
		err = json.Unmarshal(up, &c)
	}
	return c, err
}

// DecodeMutationV1 reads one pushed or queued mutation as format version 1 wrote it.
func DecodeMutationV1(data []byte) (Mutation, error) {
	var m Mutation
	up, err := UpgradeV1(data)
	if err == nil {
		err = json.Unmarshal(up, &m)
	}
	return m, err
}

// DecodeChange reads one change written with the given format version (1 or FormatVersion).
func DecodeChange(version int, data []byte) (Change, error) {
	switch version {
	case 1:
		return DecodeChangeV1(data)
	case FormatVersion:
		var c Change
		if err := strictjson.Check(data, strictjson.Record); err != nil {
			return c, fmt.Errorf("change: %w", err)
		}
		err := json.Unmarshal(data, &c)
		return c, err
	}
	return Change{}, fmt.Errorf("change: format version %d unknown (this build reads 1 and %d)", version, FormatVersion)
}

// IsV1Push says whether a push body was written by a format-version-1 client: its mutations
// carry "clientID", which version 2 spells "client_id". The server upgrades such a body with
// UpgradeV1 before decoding it, so an old app's queue is not refused.
func IsV1Push(body []byte) bool {
	// Fast path: a body without the bytes "clientID" is not version 1, and decoding every
	// push twice just to look was a measurable share of a push's CPU.
	if !bytes.Contains(body, []byte(`"clientID"`)) {
		return false
	}
	var probe struct {
		Mutations []map[string]json.RawMessage `json:"mutations"`
	}
	if json.Unmarshal(body, &probe) != nil || len(probe.Mutations) == 0 {
		return false
	}
	_, ok := probe.Mutations[0]["clientID"]
	return ok
}

// DecodeStoredChange reads one change stored by any build: a change of format version 1
// carries "clientID" in its mutation, which version 2 never writes (it says "client_id"), so
// stores that keep one change per row without a version column (server/dostore) read both.
func DecodeStoredChange(data []byte) (Change, error) {
	if bytes.Contains(data, []byte(`"clientID"`)) {
		return DecodeChangeV1(data)
	}
	return DecodeChange(FormatVersion, data)
}
