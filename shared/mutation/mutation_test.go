package mutation_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

var day = time.Date(2026, 3, 3, 10, 0, 0, 0, time.FixedZone("UTC+8", 8*3600))

func mut(id string, name mutation.Name, args string) mutation.Mutation {
	return mutation.Mutation{ID: id, Name: name, Args: json.RawMessage(args)}
}

// household is mom (employee, 500.00), dad (employee, 80.00) and kid (resident), Hangzhou,
// kid bound to mom for medical.
func household() []mutation.Mutation {
	return []mutation.Mutation{
		mut("p1", mutation.AddPerson, `{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"500.00","wallet_open":true}`),
		mut("p2", mutation.AddPerson, `{"id":"dad","name":"爸爸","region":"330100","insurance":"employee","status":"active","account":"80.00","wallet_open":true}`),
		mut("p3", mutation.AddPerson, `{"id":"kid","name":"孩子","region":"330100","insurance":"resident","status":"active","wallet_open":true}`),
		mut("l1", mutation.Link, `{"person":"kid","of":"mom","relation":"child"}`),
		mut("l2", mutation.Link, `{"person":"dad","of":"mom","relation":"spouse"}`),
		mut("l3", mutation.Link, `{"person":"kid","of":"dad","relation":"child"}`),
		mut("b1", mutation.Bind, `{"authorizer":"mom","beneficiary":"kid","scopes":["medical"],"created":"2025-01-02"}`),
	}
}

func run(t *testing.T, e *engine.Engine, ms []mutation.Mutation) (family.State, []mutation.Outcome) {
	t.Helper()
	var s family.State
	var outs []mutation.Outcome
	for _, m := range ms {
		o, next := mutation.Apply(e, &s, m, day)
		s = next
		outs = append(outs, o)
	}
	return s, outs
}

func bill(patient string, fen int) string {
	return fmt.Sprintf(`{"patient":%q,"institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":%q,"policy_self_pay":%q,"category":"drug"}}`, patient, money.FromFen(int64(fen)), money.FromFen(int64(fen)))
}

func TestApply(t *testing.T) {
	e := engine.Default()
	tests := []struct {
		name     string
		m        mutation.Mutation
		status   mutation.Status
		code     engine.Code
		field    string
		balances map[string]money.Amount // ledger keys after the mutation
	}{
		{"bill paid by own account", mut("s1", mutation.Settle, bill("mom", 10000)), mutation.Confirmed, "", "",
			map[string]money.Amount{"mom": 40000}},
		{"kid's bill paid by mom through the binding", mut("s2", mutation.Settle, bill("kid", 20000)), mutation.Confirmed, "", "",
			map[string]money.Amount{"mom": 30000, "kid": 0}},
		{"unknown patient is rejected with the field", mut("s3", mutation.Settle, bill("ghost", 100)), mutation.Rejected, mutation.InvalidInput, "action.patient", nil},
		{"another person's card is refused by S0", mut("s4", mutation.Settle, `{"patient":"kid","card_holder":"mom","institution":{"region":"330100","kind":"pharmacy","designated":true},"bill":{"total":"1.00","policy_self_pay":"1.00","category":"drug"}}`),
			mutation.Rejected, engine.Impersonation, "", map[string]money.Amount{"mom": 50000}},
		{"credit adds to the wallet", mut("c1", mutation.Credit, `{"person":"dad","account":"wallet","amount":"12.34"}`), mutation.Confirmed, "", "",
			map[string]money.Amount{"dad.wallet": 1234}},
		{"correction below zero is rejected", mut("c2", mutation.Correct, `{"person":"dad","account":"account","amount":"-80.01","memo":"typo"}`),
			mutation.Rejected, mutation.NegativeBalance, "", map[string]money.Amount{"dad": 8000}},
		{"correction within the balance", mut("c3", mutation.Correct, `{"person":"dad","account":"account","amount":"-80.00","memo":"typo"}`),
			mutation.Confirmed, "", "", map[string]money.Amount{"dad": 0}},
		{"duplicate binding is refused by B6", mut("b2", mutation.Bind, `{"authorizer":"mom","beneficiary":"kid","scopes":["medical"]}`),
			mutation.Rejected, engine.DuplicateBinding, "", nil},
		{"wallet transfer leaves the account at once", mut("w1", mutation.WalletTransfer, `{"from":"mom","to":"dad","amount":"200.00","source":"account"}`),
			mutation.Confirmed, "", "", map[string]money.Amount{"mom": 30000, "dad.wallet": 0}},
		{"revoking an unknown binding names the field", mut("r1", mutation.Revoke, `{"binding":"nope"}`), mutation.Rejected, mutation.InvalidInput, "args.binding", nil},
		{"a newer client's name is kept as unknown", mut("u1", "teleport", `{}`), mutation.Unknown, "", "", map[string]money.Amount{"mom": 50000}},
	}
	base, outs := run(t, e, household())
	for i, o := range outs {
		if o.Status != mutation.Confirmed {
			t.Fatalf("household mutation %d: %+v", i, o)
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := base.Clone()
			o, next := mutation.Apply(e, &base, tc.m, day)
			if o.Status != tc.status {
				t.Fatalf("status %s, want %s (%+v)", o.Status, tc.status, o)
			}
			if tc.code != "" && !hasCode(o.Codes, tc.code) {
				t.Errorf("codes %v, want %s", o.Codes, tc.code)
			}
			if tc.field != "" && (o.Error == nil || o.Error.Field != tc.field) {
				t.Errorf("error %+v, want field %s", o.Error, tc.field)
			}
			for key, want := range tc.balances {
				if got := balance(&next, key); got != want {
					t.Errorf("balance %s = %s, want %s", key, got, want)
				}
			}
			if !o.Status.Applied() && len(o.Entries) != 0 {
				t.Errorf("not applied but entries %v", o.Entries)
			}
			if fmt.Sprint(before) != fmt.Sprint(base) {
				t.Error("Apply modified the state passed in")
			}
			redone, err := mutation.Redo(&base, tc.m, day, o)
			if err != nil || fmt.Sprint(redone) != fmt.Sprint(next) {
				t.Errorf("Redo differs from Apply: %v\n%v\n%v", err, redone, next)
			}
		})
	}
}

func TestAdjustedKeepsBothSplits(t *testing.T) {
	e := engine.Default()
	s, _ := run(t, e, household())
	m := mut("s1", mutation.Settle, bill("mom", 10000))
	m.Expected = &mutation.Split{Lines: []mutation.Line{{Payer: "mom", Source: engine.Own, Amount: 10000}}}
	if o, _ := mutation.Apply(e, &s, m, day); o.Status != mutation.Confirmed {
		t.Fatalf("same split: %s, want confirmed", o.Status)
	}
	m.Expected = &mutation.Split{Lines: []mutation.Line{{Payer: "mom", Source: engine.Own, Amount: 5000}}, Cash: 5000}
	o, _ := mutation.Apply(e, &s, m, day)
	if o.Status != mutation.Adjusted || o.Expected == nil || o.Split == nil || o.Split.Equal(o.Expected) {
		t.Fatalf("different split: %+v, want adjusted with both splits", o)
	}
	if o.Split.Lines[0].Amount != 10000 || o.Expected.Lines[0].Amount != 5000 {
		t.Errorf("splits %+v / %+v", o.Split, o.Expected)
	}
}

func TestDecodeNamesTheField(t *testing.T) {
	tests := []struct {
		name  mutation.Name
		args  string
		field string
	}{
		{mutation.AddPerson, `{"id":"x","name":"x","region":"99","insurance":"employee","status":"active"}`, "args.region"},
		{mutation.AddPerson, `{"id":"x","name":"x","region":"330100","insurance":"employee","status":"active","account":"-0.01"}`, "args.account"},
		{mutation.AddPerson, `{"id":"x","name":"x","region":"310101","insurance":"employee","status":"active","account":"5.00","account_history":"-0.01"}`, "args.account_history"},
		{mutation.AddPerson, `{"id":"x","name":"x","region":"310101","insurance":"none","status":"active","account_history":"1.00"}`, "args.account_history"},
		{mutation.EditPerson, `{"person":"x","account_history":"1.001"}`, "args.account_history"},
		{mutation.EditPerson, `{"person":"x","account_history":"-3.00"}`, "args.account_history"},
		{mutation.PayPremium, `{"insured":"x","premium":"resident","amount":"0.00"}`, "args.amount"},
		{mutation.Credit, `{"person":"a","account":"account","amount":"1.234"}`, "args.amount"},
		{mutation.Credit, `{"person":"a","account":"account","amount":1234}`, "args.amount"},
		{mutation.Settle, `{"patient":"a","bill":{"total":"1.00","fund":"0.001"}}`, "args.bill.fund"},
		{mutation.Bind, `{"authorizer":"a","beneficiary":"b","created":"2025-13-01"}`, "args.created"},
		{mutation.PayPremium, `{"insured":"x","premium":"gold","amount":"0.10"}`, "args.premium"},
		{mutation.Settle, `{"patient":5}`, "args.patient"},
		{mutation.WalletTransfer, `{"from":"a","to":"b","amount":"0.01","source":"cash"}`, "args.source"},
		{mutation.Bind, `{"authorizer":"a","beneficiary":"b","scopes":["gold"]}`, "args.scopes[0]"},
		{mutation.Credit, `{"person":"a","account":"account","amount":"-0.05"}`, "args.amount"},
		{mutation.Settle, ``, "args"},
	}
	for _, tc := range tests {
		t.Run(string(tc.name)+" "+tc.field, func(t *testing.T) {
			_, err := mutation.Decode(tc.name, json.RawMessage(tc.args))
			fe, ok := err.(*mutation.FieldError)
			if !ok || fe.Field != tc.field {
				t.Fatalf("error %v, want field %s", err, tc.field)
			}
		})
	}
}

func TestWalletAcceptAndRefund(t *testing.T) {
	e := engine.Default()
	ms := append(household(), mut("w1", mutation.WalletTransfer, `{"from":"mom","to":"dad","amount":"200.00","source":"account"}`))
	s, outs := run(t, e, ms)
	if outs[len(outs)-1].Status != mutation.Confirmed {
		t.Fatalf("transfer: %+v", outs[len(outs)-1])
	}
	early, _ := mutation.Apply(e, &s, mut("x1", mutation.WalletExpire, `{"transfer":"w1"}`), day)
	if early.Status != mutation.Rejected || !hasCode(early.Codes, mutation.NoChange) {
		t.Errorf("refund before 06:00: %+v, want rejected NO_CHANGE", early)
	}
	accepted, next := mutation.Apply(e, &s, mut("x2", mutation.WalletAccept, `{"transfer":"w1"}`), day.Add(time.Hour))
	if accepted.Status != mutation.Confirmed || balance(&next, "dad.wallet") != 20000 || next.Transfer("w1").State != family.Accepted {
		t.Errorf("accept: %+v, dad.wallet %s", accepted, balance(&next, "dad.wallet"))
	}
	refunded, back := mutation.Apply(e, &s, mut("x3", mutation.WalletExpire, `{"transfer":"w1"}`), day.Add(24*time.Hour))
	if refunded.Status != mutation.Confirmed || balance(&back, "mom") != 50000 || back.Transfer("w1").State != family.Refunded {
		t.Errorf("refund: %+v, mom %s", refunded, balance(&back, "mom"))
	}
}

func hasCode(cs []engine.Code, c engine.Code) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// balance reads a ledger key: "mom" is mom's account, "mom.wallet" her wallet.
func balance(s *family.State, key string) money.Amount {
	for _, p := range s.People {
		if key == string(p.ID) {
			return ledger.BalanceOf(s, ledger.AccountOf(p.ID))
		}
		if key == string(p.ID)+".wallet" {
			return ledger.BalanceOf(s, ledger.WalletOf(p.ID))
		}
	}
	return -1
}
