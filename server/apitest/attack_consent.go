package apitest

import (
	"bufio"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
	"gongji/shared/region"
	"gongji/shared/syncwire"
)

// AttackConsent is issue 10's attack suite, consent half: each case attacks a family
// through the API and then asserts that the family's money (balances, bindings, transfers,
// replayed from a pull) is what it was before.
func AttackConsent(t *testing.T, base string) {
	t.Run("spending for another person is a request", func(t *testing.T) { attackSpendForOther(t, base) })
	t.Run("every door to another person's money is a request", func(t *testing.T) { attackEveryDoor(t, base) })
	t.Run("a foreign client id is refused", func(t *testing.T) { attackForeignClient(t, base) })
	t.Run("same id, other body is a conflict", func(t *testing.T) { attackConflict(t, base) })
	t.Run("a revoked device's stream ends", func(t *testing.T) { attackRevokedStream(t, base) })
	t.Run("a device cannot refund early", func(t *testing.T) { attackEarlyRefund(t, base) })
}

// moneyOf is what an attack must not change: every balance, binding and wallet transfer.
func moneyOf(tb testing.TB, d *device) string {
	tb.Helper()
	changes, _ := d.changes(tb, 0)
	s, err := syncwire.Replay(family.State{}, changes)
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	for _, p := range s.People {
		fmt.Fprintf(&b, "%s account %s wallet %s %s %s %s %s; ", p.ID, p.Balance(), p.Wallet.Balance, p.Status, p.Insurance, p.Region, p.Name)
	}
	for _, x := range s.Schedules {
		fmt.Fprintf(&b, "schedule %s %s %d; ", x.Person, x.Amount, x.Day)
	}
	for _, x := range s.Bindings {
		fmt.Fprintf(&b, "binding %s %s->%s revoked %s; ", x.ID, x.Authorizer, x.Beneficiary, x.Revoked)
	}
	for _, x := range s.Transfers {
		fmt.Fprintf(&b, "transfer %s %s %s; ", x.ID, x.Amount, x.State)
	}
	return b.String()
}

func unchanged(tb testing.TB, d *device, before, what string) {
	tb.Helper()
	if after := moneyOf(tb, d); after != before {
		tb.Fatalf("%s changed the family's money:\nbefore %s\nafter  %s", what, before, after)
	}
}

// joinAs joins a device naming its person; the owner approves the claim.
func joinAs(tb testing.TB, owner *device, name string, person family.PersonID, client string) *device {
	tb.Helper()
	a := call(tb, owner.base, "POST", "/api/v1/join", "", map[string]string{"code": owner.invite(tb), "device": name, "person": string(person)})
	var c struct{ Family, Device, Token, Request string }
	a.json(tb, &c)
	if a.status != http.StatusCreated || c.Request == "" {
		tb.Fatalf("join as %s: %d %s, want 201 with a request", person, a.status, a.body)
	}
	r := owner.push(tb, mut(client, 1, mutation.Approve, day, mutation.RequestArgs{Request: c.Request}))
	if o := r.Results[0].Outcome; o == nil || o.Status != mutation.Confirmed {
		tb.Fatalf("owner approves the claim: %+v", r.Results[0])
	}
	return &device{base: owner.base, family: c.Family, id: c.Device, token: c.Token}
}

func outcome(tb testing.TB, r syncwire.PushResponse) *mutation.Outcome {
	tb.Helper()
	if len(r.Results) != 1 || r.Results[0].Outcome == nil {
		tb.Fatalf("push answered %+v", r)
	}
	return r.Results[0].Outcome
}

// attackSpendForOther: B's phone withdraws, corrects and moves A's money; each is a request
// that changes nothing; B cannot approve its own; the owner's decline changes nothing; the
// owner's approval applies it then. B's own bill paid through A's binding needs no request.
func attackSpendForOther(t *testing.T, base string) {
	owner := newFamily(t, base, "consent")
	owner.push(t, familyMutations("setup")[:4]...)
	phone := joinAs(t, owner, "B-phone", "B", "o")
	before := moneyOf(t, owner)
	attacks := []syncwire.Mutation{
		mut("b", 1, mutation.Correct, day, mutation.CorrectArgs{Person: "A", Account: mutation.PersonalAccount, Amount: -40000, Memo: "x"}),
		mut("b", 2, mutation.Withdraw, day, mutation.WithdrawArgs{Person: "A", Ground: "death"}),
		mut("b", 3, mutation.Credit, day, mutation.CreditArgs{Person: "A", Account: mutation.PersonalAccount, Amount: 100}),
		mut("b", 4, mutation.Bind, day, mutation.BindArgs{Authorizer: "A", Beneficiary: "B", Scopes: []family.Scope{family.Medical}}),
		mut("b", 5, mutation.LinkDevice, day, mutation.LinkDeviceArgs{Device: phone.id, Person: "A"}),
	}
	for _, m := range attacks {
		o := outcome(t, phone.push(t, m))
		if o.Status == mutation.Confirmed || o.Status == mutation.Adjusted || len(o.Entries) > 0 {
			t.Fatalf("%s of A's money from B's phone: %+v, want a request or a refusal", m.Name, o)
		}
		unchanged(t, owner, before, string(m.Name)+" from B's phone")
	}
	self := outcome(t, phone.push(t, mut("b", 6, mutation.Approve, day, mutation.RequestArgs{Request: "b/1"})))
	if self.Status != mutation.Rejected || !hasCode(self.Codes, mutation.NotEntitled) {
		t.Fatalf("B approves its own request on A's money: %+v, want NOT_ENTITLED", self)
	}
	unchanged(t, owner, before, "B's own approval")
	if o := outcome(t, owner.push(t, mut("o", 2, mutation.Decline, day, mutation.RequestArgs{Request: "b/1"}))); o.Status != mutation.Confirmed {
		t.Fatalf("owner declines: %+v", o)
	}
	unchanged(t, owner, before, "a declined request")
	if o := outcome(t, owner.push(t, mut("o", 3, mutation.Approve, day, mutation.RequestArgs{Request: "b/1"}))); o.Status != mutation.Rejected {
		t.Fatalf("approving a declined request: %+v, want rejected", o)
	}
	unchanged(t, owner, before, "approving a declined request")
	if o := outcome(t, owner.push(t, mut("o", 4, mutation.Approve, day, mutation.RequestArgs{Request: "b/3"}))); o.Status != mutation.Confirmed || len(o.Entries) != 1 {
		t.Fatalf("owner approves the credit: %+v", o)
	}
	if after := moneyOf(t, owner); !strings.Contains(after, "A account 501.00") {
		t.Fatalf("after the approved credit: %s", after)
	}
	bill := familyMutations("b")[4] // B's own bill, paid through A's binding: the binding is A's consent
	bill.MutationID = 7
	if o := outcome(t, phone.push(t, bill)); !o.Status.Applied() {
		t.Fatalf("B's own bill from B's phone: %+v, want applied", o)
	}
}

// attackEveryDoor: from B's phone, every mutation that reaches A's money or profile, the
// doors issue 18 found open (corrections of a bill A paid for B, of a credit to A, an undo of
// what the owner approved, A's credit schedule, profile and life events), is a request or a
// refusal that changes nothing.
func attackEveryDoor(t *testing.T, base string) {
	owner := newFamily(t, base, "doors")
	owner.push(t, familyMutations("setup")...)
	owner.push(t, mut("o", 1, mutation.Credit, day, mutation.CreditArgs{Person: "A", Account: mutation.PersonalAccount, Amount: 5000}))
	phone := joinAs(t, owner, "B-phone", "B", "o2")
	// B asks for a credit to A; the owner approves it: only the owner may take it back now
	if o := outcome(t, phone.push(t, mut("b", 1, mutation.Credit, day, mutation.CreditArgs{Person: "A", Account: mutation.PersonalAccount, Amount: 700}))); o.Status != mutation.PendingConsent {
		t.Fatalf("B's credit to A: %+v, want a request", o)
	}
	if o := outcome(t, owner.push(t, mut("o", 2, mutation.Approve, day, mutation.RequestArgs{Request: "b/1"}))); !o.Status.Applied() {
		t.Fatalf("owner approves: %+v", o)
	}
	bill := mutation.SettleArgs{Patient: "B", Institution: engine.Institution{Region: "130100", Kind: "pharmacy", Designated: true},
		Bill: engine.Bill{Total: 3000, PolicySelfPay: 3000, Category: engine.Drug}}
	setupBill := mutation.SettleArgs{Patient: "B", Institution: engine.Institution{Region: "130100", Kind: "pharmacy", Designated: true},
		Bill: engine.Bill{Total: 12000, PolicySelfPay: 10000, FullSelfPay: 2000, Category: engine.Drug}}
	status := family.Stopped
	none := family.Uninsured
	beijing := region.Code("110100")
	doors := []struct {
		name string
		m    mutation.Name
		args any
	}{
		{"void of B's bill A paid", mutation.Void, mutation.VoidArgs{Target: "setup/5"}},
		{"void of A's credit", mutation.Void, mutation.VoidArgs{Target: "o/1"}},
		{"amend of B's bill A paid", mutation.AmendBill, mutation.AmendArgs{Target: "setup/5", Settle: bill}},
		{"slip setting A's balance", mutation.RecordSlip, mutation.RecordSlipArgs{Target: "setup/5", Settle: setupBill,
			Slip: []byte(`{"medfee_sumamt":"120.00","acct_mulaid_pay":"100.00","psn_cash_pay":"20.00","balc":"0.00"}`), AdjustBalance: true}},
		{"undo of the approved credit", mutation.Undo, mutation.UndoArgs{Target: "b/1"}},
		{"A's credit schedule", mutation.SetCreditSchedule, mutation.CreditScheduleArgs{Person: "A", Amount: 100000, Day: 1}},
		{"A stopped by an edit", mutation.EditPerson, mutation.EditPersonArgs{Person: "A", Status: &status}},
		{"A's insurance by an edit", mutation.EditPerson, mutation.EditPersonArgs{Person: "A", Insurance: &none}},
		{"A moved to Beijing", mutation.EditPerson, mutation.EditPersonArgs{Person: "A", Region: &beijing}},
		{"A stops", mutation.LifeEvent, mutation.LifeEventArgs{Person: "A", Event: mutation.EventStop}},
		{"A's death", mutation.LifeEvent, mutation.LifeEventArgs{Person: "A", Event: mutation.EventDeath}},
		{"A's checkpoint", mutation.Checkpoint, mutation.CheckpointArgs{Person: "A", Balance: 1}},
	}
	before := moneyOf(t, owner)
	for i, d := range doors {
		t.Run(d.name, func(t *testing.T) {
			o := outcome(t, phone.push(t, mut("b", int64(i+2), d.m, day, d.args)))
			if o.Status.Applied() || len(o.Entries) > 0 {
				t.Fatalf("%s from B's phone: %+v, want a request or a refusal", d.m, o)
			}
			if o.Status != mutation.PendingConsent {
				t.Errorf("%s from B's phone: %s %v %v, want a request (the owner could apply it)", d.m, o.Status, o.Codes, o.Error)
			}
			unchanged(t, owner, before, d.name+" from B's phone")
		})
	}
}

// attackForeignClient: a phone pushes under the owner's client id: 403, nothing processed,
// and the owner's next mutation under it is processed, not answered "duplicate".
func attackForeignClient(t *testing.T, base string) {
	owner := newFamily(t, base, "foreign")
	owner.push(t, familyMutations("own")[:2]...)
	phone, a := join(t, base, owner.invite(t), "phone")
	if phone == nil {
		t.Fatalf("join: %d %s", a.status, a.body)
	}
	before := moneyOf(t, owner)
	next := mut("own", 3, mutation.Credit, day, mutation.CreditArgs{Person: "A", Account: mutation.PersonalAccount, Amount: 100})
	if a := phone.do(t, "POST", "/push", syncwire.PushRequest{Mutations: []syncwire.Mutation{next}}); a.status != http.StatusForbidden || a.errorCode() != "client_id_taken" {
		t.Fatalf("another device's client id: %d %s, want 403 client_id_taken", a.status, a.body)
	}
	unchanged(t, owner, before, "a foreign client id")
	if r := owner.push(t, next); r.Results[0].Result != syncwire.Processed {
		t.Fatalf("the owner's own mutation after the attack: %+v, want processed", r.Results[0])
	}
}

// attackConflict: the same client id and mutation id with another body is 409, never
// "duplicate"; the same body is still a duplicate.
func attackConflict(t *testing.T, base string) {
	owner := newFamily(t, base, "conflict")
	ms := familyMutations("c")[:2]
	owner.push(t, ms...)
	before := moneyOf(t, owner)
	other := mut("c", 1, mutation.AddPerson, day, mutation.PersonArgs{ID: "A", Name: "甲", Region: "130100", Insurance: "employee", Status: "active", Account: 99999999})
	if a := owner.do(t, "POST", "/push", syncwire.PushRequest{Mutations: []syncwire.Mutation{other}}); a.status != http.StatusConflict || a.errorCode() != "conflict" {
		t.Fatalf("same id, other body: %d %s, want 409 conflict", a.status, a.body)
	}
	unchanged(t, owner, before, "a conflicting resend")
	if r := owner.push(t, ms[0]); r.Results[0].Result != syncwire.Duplicate {
		t.Fatalf("same id, same body: %+v, want duplicate", r.Results[0])
	}
}

// attackRevokedStream: the event stream and the long poll of a device end within a second
// of its revocation.
func attackRevokedStream(t *testing.T, base string) {
	owner := newFamily(t, base, "revoked")
	owner.push(t, familyMutations("c")[:1]...)
	phone, a := join(t, base, owner.invite(t), "phone")
	if phone == nil {
		t.Fatalf("join: %d %s", a.status, a.body)
	}
	req, _ := http.NewRequest("GET", base+phone.path("/events"), nil)
	req.Header.Set("Authorization", "Bearer "+phone.token)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := (&http.Client{Timeout: httpTimeout}).Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("events: %v %v", resp, err)
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	for lines.Scan() && !strings.HasPrefix(lines.Text(), "data:") {
	}
	ended := make(chan string, 1)
	go func() {
		var rest []string
		for lines.Scan() {
			rest = append(rest, lines.Text())
		}
		ended <- strings.Join(rest, "\n")
	}()
	polled := make(chan answer, 1)
	go func() { polled <- phone.do(t, "GET", "/pull?cursor=1&wait=30", nil) }()
	time.Sleep(300 * time.Millisecond) // both are waiting
	before := moneyOf(t, owner)
	if a := owner.do(t, "DELETE", "/devices/"+phone.id, nil); a.status != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", a.status, a.body)
	}
	revoked := time.Now()
	select {
	case rest := <-ended:
		if strings.Contains(rest, "data:") {
			t.Errorf("the revoked stream got more events: %q", rest)
		}
	case <-time.After(time.Second):
		t.Fatalf("the revoked device's event stream is still open 1 s after revocation")
	}
	select {
	case a := <-polled:
		if a.status != http.StatusUnauthorized {
			t.Errorf("the revoked device's long poll: %d %s, want 401", a.status, a.body)
		}
	case <-time.After(time.Second - time.Since(revoked)):
		t.Fatalf("the revoked device's long poll is still open 1 s after revocation")
	}
	unchanged(t, owner, before, "a revocation")
}

// attackEarlyRefund: a device's wallet_expire (or version 1's wallet_refund) is refused,
// before its time or after: the 06:00 refund is the server's.
func attackEarlyRefund(t *testing.T, base string) {
	owner := newFamily(t, base, "refund")
	ms := familyMutations("c")[:3]
	ms = append(ms, mut("c", 4, mutation.WalletTransfer, day, mutation.WalletTransferArgs{From: "A", To: "B", Amount: 1000, Source: family.FromAccount}))
	r := owner.push(t, ms...)
	transfer := "c/4"
	if o := r.Results[3].Outcome; o == nil || !o.Status.Applied() {
		transfer = "no-such-transfer" // the region refused the transfer: the push is still refused
	}
	before := moneyOf(t, owner)
	for i, name := range []mutation.Name{mutation.WalletExpire, mutation.WalletRefundV1} {
		at := "2025-06-02T06:30:00+08:00" // after its 06:00: still not a device's to make
		if i == 1 {
			at = "2025-06-01T10:05:00+08:00"
		}
		o := outcome(t, owner.push(t, mut("c", int64(5+i), name, at, mutation.WalletRefArgs{Transfer: transfer})))
		if o.Status != mutation.Rejected || !hasCode(o.Codes, mutation.ServerOnly) {
			t.Fatalf("a device pushes %s: %+v, want rejected SERVER_ONLY", name, o)
		}
		unchanged(t, owner, before, "a pushed "+string(name))
	}
}
