package ledger

import (
	"testing"

	"gongji/shared/family"
	"gongji/shared/money"
)

func TestApply(t *testing.T) {
	state := func() family.State {
		return family.State{People: []family.Person{
			{ID: "A", HasAccount: true, Account: money.MustParse("100.00")},
			{ID: "M", Wallet: family.Wallet{Opened: true}},
		}}
	}
	cases := []struct {
		name     string
		entry    Entry
		wantErr  bool
		wantA    string
		wantM    string
		changedN int
	}{
		{"transfer to pending", Entry{Kind: "wallet_transfer", Postings: []Posting{
			{Account: AccountOf("A"), Amount: money.MustParse("-40.00")}, {Account: Account{Kind: InTransit, Owner: "w1"}, Amount: money.MustParse("40.00")}}}, false, "60.00", "0.00", 1},
		{"accept from pending", Entry{Kind: "wallet_accept", Postings: []Posting{
			{Account: Account{Kind: InTransit, Owner: "w1"}, Amount: money.MustParse("-40.00")}, {Account: WalletOf("M"), Amount: money.MustParse("40.00")}}}, false, "100.00", "40.00", 1},
		{"unbalanced entry is refused and changes nothing", Entry{Kind: "settle", Postings: []Posting{
			{Account: AccountOf("A"), Amount: money.MustParse("-40.00")}}}, true, "100.00", "0.00", 0},
		{"unknown person after a good posting changes nothing", Entry{Kind: "credit", Postings: []Posting{
			{Account: AccountOf("A"), Amount: money.MustParse("1.00")}, {Account: AccountOf("Z"), Amount: money.MustParse("1.00")}, {Account: Account{Kind: External, Owner: "x"}, Amount: money.MustParse("-2.00")}}}, true, "100.00", "0.00", 0},
		{"a debit from a person without an account changes nothing", Entry{Kind: "correction", Postings: []Posting{
			{Account: AccountOf("M"), Amount: money.MustParse("-1.00")}, {Account: Account{Kind: External, Owner: "x"}, Amount: money.MustParse("1.00")}}}, true, "100.00", "0.00", 0},
		{"a debit from an unopened wallet changes nothing", Entry{Kind: "correction", Postings: []Posting{
			{Account: AccountOf("A"), Amount: money.MustParse("1.00")}, {Account: WalletOf("A"), Amount: money.MustParse("-1.00")}}}, true, "100.00", "0.00", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := state()
			changed, err := Apply(&s, c.entry)
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v", err)
			}
			if got := BalanceOf(&s, AccountOf("A")).String(); got != c.wantA {
				t.Errorf("A = %s, want %s", got, c.wantA)
			}
			if got := BalanceOf(&s, WalletOf("M")).String(); got != c.wantM {
				t.Errorf("M.wallet = %s, want %s", got, c.wantM)
			}
			if len(changed) != c.changedN {
				t.Errorf("changed %v", changed)
			}
		})
	}
}

func TestKeys(t *testing.T) {
	if AccountOf("A").Key() != "A" || WalletOf("A").Key() != "A.wallet" || (Account{Kind: External, Owner: "settle"}).Key() != "external:settle" {
		t.Fatal("keys")
	}
}

// TestParts: a posting on the prior-years part (SH1) moves that part only; one on the account
// takes the current-year part first (rules.md section 8); the whole balance is the same.
func TestParts(t *testing.T) {
	cases := []struct {
		name             string
		split            bool // the account is split (account_history given)
		amount           string
		part             Part
		current, history string
	}{
		{"SH1 debit from the prior-years part", true, "-150.00", History, "800.00", "50.00"},
		{"its reversal puts it back there", true, "150.00", History, "800.00", "350.00"},
		{"an account debit takes the current-year part first", true, "-150.00", "", "650.00", "200.00"},
		{"a part on an account not split is the account", false, "-150.00", History, "850.00", "0.00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := family.Person{ID: "A", HasAccount: true, Account: money.MustParse("800.00")}
			if c.split {
				a.HasHistory, a.AccountHistory = true, money.MustParse("200.00")
			} else {
				a.Account = money.MustParse("1000.00")
			}
			s := family.State{People: []family.Person{a}}
			amt := money.MustParse(c.amount)
			e := Entry{Kind: "settle", Postings: []Posting{{Account: AccountOf("A"), Amount: amt, Part: c.part},
				{Account: Account{Kind: External, Owner: "settle"}, Amount: -amt}}}
			if _, err := Apply(&s, e); err != nil {
				t.Fatal(err)
			}
			p := s.Person("A")
			if p.Account.String() != c.current || p.AccountHistory.String() != c.history {
				t.Fatalf("current %s, prior-years %s; want %s and %s", p.Account, p.AccountHistory, c.current, c.history)
			}
			if r := e.Reversed("void"); r.Postings[0].Part != c.part {
				t.Fatalf("the reversal lost the part: %+v", r.Postings[0])
			}
		})
	}
}
