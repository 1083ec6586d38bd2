package mutation

import (
	"encoding/json"
	"testing"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
)

// A slip that differs because the patient's 医保钱包 paid is explained by that fact, naming
// the wallet's amount, not by a guess about relatives' balances; the wallet's part comes from
// the wallet; and no balance adjustment is offered on the account a resident does not have
// (issue 21).
func TestSlipDifferenceFromTheWallet(t *testing.T) {
	e := engine.Default()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("UTC+8", 8*3600))
	own := Actor{Device: "d-own", Owner: true}
	var s family.State
	steps := []struct {
		name Name
		args string
	}{
		{AddPerson, `{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"500.00"}`},
		{AddPerson, `{"id":"kid","name":"孩子","region":"330100","insurance":"resident","status":"active","wallet_open":true,"wallet":"220.00"}`},
		{Link, `{"person":"kid","of":"mom","relation":"child"}`},
		{Bind, `{"authorizer":"mom","beneficiary":"kid","scopes":["medical"],"created":"2026-01-05"}`},
		{Settle, `{"patient":"kid","institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"300.00","policy_self_pay":"300.00","category":"drug"}}`},
	}
	for i, st := range steps {
		o, next := ApplyAs(e, &s, own, Mutation{ID: "o/" + string(rune('1'+i)), Name: st.name, Args: json.RawMessage(st.args)}, at)
		if !o.Status.Applied() {
			t.Fatalf("%s: %+v", st.name, o)
		}
		s = next
	}
	bill := s.Record("o/5")
	if bill == nil {
		t.Fatal("the bill is not remembered")
	}
	slip := `{"target":"o/5","settle":{"patient":"kid","institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"300.00","policy_self_pay":"300.00","category":"drug"}},` +
		`"slip":{"medfee_sumamt":"300.00","acct_pay":"0.00","acct_mulaid_pay":"300.00","psn_cash_pay":"0.00","balc":"0.00"},"adjust_balance":true}`
	o, next := ApplyAs(e, &s, own, Mutation{ID: "o/9", Name: RecordSlip, Args: json.RawMessage(slip)}, at.Add(time.Hour))
	if !o.Status.Applied() {
		t.Fatalf("record_slip: %+v", o)
	}
	for _, c := range o.Codes {
		if c == engine.SlipMutualAidHigher || c == engine.SlipBalanceMismatch {
			t.Errorf("code %s: the wallet's payment is a fact, and a resident has no account to adjust", c)
		}
	}
	named := false
	for _, l := range o.Explanation {
		named = named || (l.Msg == "slip.wallet_paid" && len(l.Args) == 2 && l.Args[1].Value == "220.00")
	}
	if !named {
		t.Errorf("no line names the wallet's 220.00: %+v", o.Explanation)
	}
	if got := next.Person("kid").Wallet.Balance.String(); got != "0.00" {
		t.Errorf("kid's wallet %s, want 0.00 (it paid 220.00)", got)
	}
	if got := next.Person("mom").Balance().String(); got != "420.00" {
		t.Errorf("mom's account %s, want 420.00 (she paid 80.00)", got)
	}
	for _, en := range o.Entries {
		if en.Kind == "slip_balance" {
			t.Errorf("an adjustment was posted: %+v", en)
		}
		for _, p := range en.Postings {
			if p.Account == ledger.AccountOf("kid") {
				t.Errorf("a posting on kid's personal account, which a resident does not have: %+v", p)
			}
		}
	}
}
