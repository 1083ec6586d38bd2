package syncwire_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// wireLog is one mutation of every name, with typed arguments, in an order where each applies.
func wireLog() []struct {
	name mutation.Name
	args any
} {
	m := money.MustParse
	return []struct {
		name mutation.Name
		args any
	}{
		{mutation.AddPerson, mutation.PersonArgs{ID: "son", Name: "儿子", Region: "330100", Insurance: family.Employee,
			Status: family.Active, Account: m("800.00"), WalletOpen: true, Wallet: m("50.00")}},
		{mutation.AddPerson, mutation.PersonArgs{ID: "mom", Name: "妈妈", Region: "330100", Insurance: family.Employee,
			Status: family.Active, Retired: true, Tier: 1, Account: m("1.00"), WalletOpen: true}},
		{mutation.Link, mutation.LinkArgs{Person: "mom", Of: "son", Relation: "parent", CardLinked: true}},
		{mutation.Bind, mutation.BindArgs{Authorizer: "son", Beneficiary: "mom", Scopes: []family.Scope{family.Medical},
			Created: civil.MustDate("2024-01-05")}},
		{mutation.Settle, mutation.SettleArgs{Patient: "mom", CardHolder: "mom",
			Institution: engine.Institution{Region: "330100", Kind: "pharmacy", Designated: true, Wallet: true},
			Bill:        engine.Bill{Total: m("120.00"), PolicySelfPay: m("100.00"), FullSelfPay: m("20.00"), Category: engine.Drug}}},
		{mutation.PayPremium, mutation.PremiumArgs{Insured: "mom", Premium: "resident", Amount: m("380.00")}},
		{mutation.WalletTransfer, mutation.WalletTransferArgs{From: "son", To: "mom", Amount: m("10.00"), Source: family.FromAccount}},
		{mutation.WalletAccept, mutation.WalletRefArgs{Transfer: "c/7"}},
		{mutation.WalletTransfer, mutation.WalletTransferArgs{From: "son", To: "mom", Amount: m("5.00"), Source: family.FromWallet}},
		{mutation.WalletExpire, mutation.WalletRefArgs{Transfer: "c/9"}},
		{mutation.Credit, mutation.CreditArgs{Person: "son", Account: mutation.PersonalAccount, Amount: m("100.00"), Memo: "划入"}},
		{mutation.Correct, mutation.CorrectArgs{Person: "son", Account: mutation.WalletAccount, Amount: m("-1.00"), Corrects: "c/11", Memo: "fix"}},
		{mutation.Revoke, mutation.RevokeArgs{Binding: "c/4"}},
		{mutation.Withdraw, mutation.WithdrawArgs{Person: "son", Ground: "emigration"}},
		{mutation.Transfer, mutation.TransferArgs{Person: "mom", ToRegion: "440300", OriginStopped: true, DestEnrolled: true}},
		{"teleport", map[string]int{"x": 1}},
	}
}

// TestWireGolden pins the JSON of every mutation's arguments, every outcome, a change, and
// the push and pull bodies: renaming a Go field must not change what logs and clients read.
func TestWireGolden(t *testing.T) {
	at := time.Date(2025, 10, 10, 10, 0, 0, 0, civil.Zone())
	e := engine.Default()
	var s family.State
	var req syncwire.PushRequest
	var changes []syncwire.Change
	for i, w := range wireLog() {
		args, err := json.Marshal(w.args)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, fmt.Sprintf("golden/args/%02d_%s.json", i+1, w.name), indent(t, w.args))
		when := at.Add(time.Duration(i) * time.Minute)
		if w.name == mutation.WalletExpire {
			when = when.Add(24 * time.Hour) // after the 06:00 refund time
		}
		m := syncwire.Mutation{ClientID: "c", MutationID: int64(i + 1), Name: w.name, At: when, Args: args}
		if w.name == mutation.Settle { // the phone's split, differing from the server's: adjusted
			m.Expected = &mutation.Split{Lines: []mutation.Line{{Payer: "mom", Source: engine.Own, Amount: m1()}}, Cash: money.MustParse("119.00")}
		}
		o, next := mutation.Apply(e, &s, m.Intent(), m.At)
		s = next
		// The explanation's form is engine.Line's, pinned by the engine's own goldens, and
		// the rule-set version moves with every policy row: neither is this file's contract.
		if o.Explanation != nil {
			o.Explanation = o.Explanation[:0:0]
		}
		if o.Ruleset != "" {
			o.Ruleset = "v-test"
		}
		req.Mutations = append(req.Mutations, m)
		changes = append(changes, syncwire.Change{Seq: int64(i + 1), Device: "d", Mutation: m, Outcome: o})
	}
	golden(t, "golden/push_request.json", indent(t, req))
	golden(t, "golden/changes.json", indent(t, changes))
	last := map[string]int64{"c": int64(len(changes))}
	golden(t, "golden/push_response.json", indent(t, syncwire.PushResponse{Head: 16, Epoch: "e_1", LastMutationIDs: last,
		Results: []syncwire.PushResult{
			{ClientID: "c", MutationID: 5, Result: syncwire.Processed, Seq: 5, Outcome: &changes[4].Outcome},
			{ClientID: "c", MutationID: 5, Result: syncwire.Duplicate},
			{ClientID: "c", MutationID: 20, Result: syncwire.Deferred, Expect: 17}}}))
	golden(t, "golden/pull_response.json", indent(t, syncwire.PullResponse{Changes: changes[3:5], Cursor: 5, Head: 16,
		Epoch: "e_1", More: true}))
	statuses := map[mutation.Status]bool{}
	for _, c := range changes {
		statuses[c.Outcome.Status] = true
	}
	if len(statuses) != 4 {
		t.Errorf("the golden log has outcomes %v, want all four statuses", statuses)
	}
}

func m1() money.Amount { return money.MustParse("1.00") }
