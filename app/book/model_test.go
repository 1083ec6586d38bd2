package book

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// TestEveryYuanVisible is the ledger's model-based test (issue 21): random sequences of every
// mutation kind from three devices (the owner's phone and a member's, both syncing through a
// model of the server, and a phone that keeps a family of its own only locally), with offline
// gaps, approvals and refusals, corrections and a clock that crosses 06:00 and month ends.
// After each step, on every device: each balance equals the sum of the lines the ledger shows
// for it, no line is shown twice, and every wallet transfer is accepted or refunded by the
// first 06:00 after it (on the server by its sweep, on the lone phone by its own clock), once.
func TestEveryYuanVisible(t *testing.T) {
	e := engine.Default()
	runs := 40
	if testing.Short() {
		runs = 8
	}
	tried := map[mutation.Name]int{}
	defer func() {
		if tried["as of its moment"] == 0 {
			t.Error("no corrected bill was checked against the independent replay")
		}
		t.Logf("corrected bills checked against the independent replay: %d (%d with changes in between)", tried["as of its moment"], tried["as of its moment, with changes in between"])
	}()
	for seed := range runs {
		r := rand.New(rand.NewPCG(uint64(seed), 21))
		w := newWorld(t, e)
		w.tried = tried
		for step := range 80 {
			w.step(t, r, tried)
			w.check(t, fmt.Sprintf("seed %d step %d", seed, step))
		}
	}
	for _, n := range mutation.Names() {
		if n != mutation.WalletExpire && tried[n] == 0 {
			t.Errorf("%s was never tried", n)
		}
	}
}

// world is the model: a server's log and state for the synced family, two devices of it, and
// a lone device with a family of its own.
type world struct {
	e       *engine.Engine
	now     time.Time
	log     []syncwire.Change
	state   family.State
	last    map[string]int64 // the server's last mutation id per client
	devices []*modelDevice
	tried   map[mutation.Name]int
}

type modelDevice struct {
	l     *Local
	actor mutation.Actor // as the server knows it
}

func newWorld(t *testing.T, e *engine.Engine) *world {
	w := &world{e: e, now: time.Date(2026, 1, 30, 20, 0, 0, 0, at.Location()), last: map[string]int64{}, tried: map[mutation.Name]int{}}
	mk := func(family, device string, owner bool) *modelDevice {
		l, _ := Decode(nil)
		l.ClientID, l.Family, l.Device, l.Owner = device+".x", family, device, owner
		return &modelDevice{l: l, actor: mutation.Actor{Device: device, Owner: owner}}
	}
	owner, member, lone := mk("f", "d-owner", true), mk("f", "d-member", false), mk("", "d-lone", true)
	w.devices = []*modelDevice{owner, member, lone}
	for _, d := range []*modelDevice{owner, lone} {
		for _, m := range [][2]string{
			{"add_person", `{"id":"li","name":"李明","region":"330100","insurance":"employee","status":"active","account":"600.00","wallet_open":true}`},
			{"add_person", `{"id":"wang","name":"王秀英","region":"330100","insurance":"resident","status":"active","wallet_open":true,"wallet":"100.00"}`},
			{"add_person", `{"id":"chen","name":"陈静","region":"330100","insurance":"employee","status":"active","account":"800.00","wallet_open":true}`},
			{"link", `{"person":"wang","of":"li","relation":"parent"}`},
			{"link", `{"person":"chen","of":"li","relation":"spouse"}`},
			{"bind", `{"authorizer":"li","beneficiary":"wang","scopes":["medical"],"created":"2026-01-05"}`},
			{"bind", `{"authorizer":"li","beneficiary":"chen","scopes":["medical"],"created":"2026-01-05"}`},
			{"set_credit_schedule", `{"person":"li","amount":"300.00","day":31}`},
		} {
			if o := w.make(t, d, mutation.Name(m[0]), m[1]); !o.Status.Applied() {
				t.Fatalf("setup %s: %+v", m[0], o)
			}
		}
	}
	w.push(t, owner)
	w.make(t, owner, mutation.LinkDevice, `{"device":"d-member","person":"wang"}`)
	w.push(t, owner)
	w.pull(member)
	return w
}

// make is what the app's store does: try the mutation at the device's clock, queue it when it
// applies or waits for consent.
func (w *world) make(t *testing.T, d *modelDevice, name mutation.Name, args string) mutation.Outcome {
	b := Build(w.e, d.l)
	m, o, err := d.l.Try(w.e, b, name, json.RawMessage(args), w.now)
	if err != nil {
		t.Fatalf("try %s: %v", name, err)
	}
	if o.Status.Applied() || o.Status == mutation.PendingConsent {
		if err := d.l.Queue(m); err != nil {
			t.Fatal(err)
		}
	}
	return o
}

// push sends the device's queue to the model server, which first makes the refunds due at its
// clock (as gongji serve does before a push), then processes each mutation in order.
func (w *world) push(t *testing.T, d *modelDevice) {
	if d.l.Family == "" {
		return
	}
	w.sweep()
	for _, m := range d.l.Pending {
		if m.MutationID <= w.last[m.ClientID] {
			continue
		}
		intent := m.Intent()
		intent.History = syncwire.History(w.log) // a correction of a bill: as of the bill's moment
		o, next := mutation.ApplyAs(w.e, &w.state, d.actor, intent, m.At)
		w.state = next
		w.last[m.ClientID] = m.MutationID
		w.log = append(w.log, syncwire.Change{Seq: int64(len(w.log) + 1), Device: d.actor.Device, Mutation: m, Outcome: o})
		w.checkAsOfMoment(t)
	}
	w.pull(d)
}

// sweep is the server's 06:00 refunds, at its clock.
func (w *world) sweep() {
	due, _ := mutation.DueRefunds(&w.state, w.now)
	for _, rf := range due {
		w.last["server"]++
		args, _ := json.Marshal(mutation.WalletRefArgs{Transfer: rf.Transfer})
		m := syncwire.Mutation{ClientID: "server", MutationID: w.last["server"], Name: mutation.WalletExpire, At: w.now, Args: args}
		o, next := mutation.ApplyAs(w.e, &w.state, mutation.Actor{Device: "server", Server: true}, m.Intent(), w.now)
		w.state = next
		w.log = append(w.log, syncwire.Change{Seq: int64(len(w.log) + 1), Device: "server", Mutation: m, Outcome: o})
	}
}

func (w *world) pull(d *modelDevice) {
	if d.l.Family == "" {
		return
	}
	d.l.Pulled(syncwire.PullResponse{Changes: w.log, Cursor: int64(len(w.log)), LastMutationIDs: w.last})
}

func (w *world) step(t *testing.T, r *rand.Rand, tried map[mutation.Name]int) {
	d := w.devices[r.IntN(len(w.devices))]
	switch k := r.IntN(10); {
	case k < 6:
		names := mutation.Names()
		name := names[r.IntN(len(names))]
		if r.IntN(6) == 0 {
			name = mutation.AmendBill // corrections as of their moment need bills to correct often
		}
		if name == mutation.WalletExpire {
			return // the clock's alone (server sweep, or KeepClock on the lone phone)
		}
		tried[name]++
		w.make(t, d, name, w.args(r, d, name))
	case k < 8:
		w.push(t, d)
	case k < 9:
		w.pull(d)
	default:
		// time passes: minutes, hours, or days (crossing 06:00 and month ends)
		w.now = w.now.Add([]time.Duration{7 * time.Minute, 3 * time.Hour, 26 * time.Hour, 9 * 24 * time.Hour}[r.IntN(4)])
	}
	// the lone phone keeps its family's clock; the server sweeps every minute
	lone := w.devices[2]
	if _, _, err := lone.l.KeepClock(w.e, Build(w.e, lone.l), w.now); err != nil {
		t.Fatal(err)
	}
	w.sweep()
}

// args are usually valid arguments against what the device sees, sometimes a near miss.
func (w *world) args(r *rand.Rand, d *modelDevice, name mutation.Name) string {
	s := Build(w.e, d.l).State
	people := []string{"li", "wang", "chen"}
	a, b := people[r.IntN(3)], people[r.IntN(3)]
	amount := money.FromFen(int64(100 * (1 + r.IntN(400))))
	pick := func(ids []string) string {
		if len(ids) == 0 {
			return "none/1"
		}
		return ids[r.IntN(len(ids))]
	}
	var records, bills, requests, transfers, moves []string
	for rec := range s.Records.All() {
		records = append(records, rec.ID)
		switch mutation.Name(rec.Name) {
		case mutation.Settle, mutation.AmendBill, mutation.RecordSlip:
			bills = append(bills, rec.ID)
		case mutation.Transfer:
			moves = append(moves, rec.ID)
		}
	}
	for _, q := range s.Requests {
		requests = append(requests, q.ID)
	}
	for _, tr := range s.Transfers {
		transfers = append(transfers, tr.ID)
	}
	bill := fmt.Sprintf(`{"patient":%q,"institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"%s","policy_self_pay":"%[2]s","category":"drug"}}`, a, amount)
	switch name {
	case mutation.AddPerson:
		return fmt.Sprintf(`{"id":"p%d","name":"新人%[1]d","region":"330100","insurance":"resident","status":"active"}`, r.IntN(1000))
	case mutation.Link:
		return fmt.Sprintf(`{"person":%q,"of":%q,"relation":"child"}`, a, b)
	case mutation.FixLink:
		return fmt.Sprintf(`{"person":%q,"of":%q,"relation":"spouse"}`, a, b)
	case mutation.Bind:
		return fmt.Sprintf(`{"authorizer":%q,"beneficiary":%q,"scopes":["medical"]}`, a, b)
	case mutation.Revoke:
		var ids []string
		for _, x := range s.Bindings {
			ids = append(ids, x.ID)
		}
		return fmt.Sprintf(`{"binding":%q}`, pick(ids))
	case mutation.Settle:
		return bill
	case mutation.PayPremium:
		return fmt.Sprintf(`{"insured":%q,"premium":"resident","amount":"%s"}`, a, amount)
	case mutation.WalletTransfer:
		return fmt.Sprintf(`{"from":%q,"to":%q,"source":"account","amount":"%s"}`, a, b, amount)
	case mutation.WalletAccept:
		return fmt.Sprintf(`{"transfer":%q}`, pick(transfers))
	case mutation.Withdraw:
		return fmt.Sprintf(`{"person":%q,"ground":"death"}`, a)
	case mutation.Transfer:
		return fmt.Sprintf(`{"person":%q,"to_region":"110100","origin_stopped":true,"dest_enrolled":true}`, a)
	case mutation.Credit:
		return fmt.Sprintf(`{"person":%q,"account":"wallet","amount":"%s"}`, a, amount)
	case mutation.Correct:
		return fmt.Sprintf(`{"person":%q,"account":"account","amount":"-%s","memo":"改错"}`, a, amount)
	case mutation.Approve, mutation.Decline:
		return fmt.Sprintf(`{"request":%q,"reason":"不对"}`, pick(requests))
	case mutation.LinkDevice:
		return fmt.Sprintf(`{"device":"d-member","person":%q}`, a)
	case mutation.EditPerson:
		return fmt.Sprintf(`{"person":%q,"status":"%s"}`, a, []string{"active", "suspended"}[r.IntN(2)])
	case mutation.Void:
		return fmt.Sprintf(`{"target":%q,"reason":"记错了"}`, pick(records))
	case mutation.AmendBill:
		return fmt.Sprintf(`{"target":%q,"settle":%s,"reason":"金额不对"}`, pick(bills), bill)
	case mutation.Undo:
		target := "none/1"
		if last := mutation.LastAction(&s, d.l.ClientID); last != nil {
			target = last.ID
		}
		return fmt.Sprintf(`{"target":%q}`, target)
	case mutation.LifeEvent:
		return fmt.Sprintf(`{"person":%q,"event":%q}`, a, []string{"suspend", "resume", "retire"}[r.IntN(3)])
	case mutation.TransferArrive:
		return fmt.Sprintf(`{"transfer":%q}`, pick(moves))
	case mutation.RecordSlip:
		return fmt.Sprintf(`{"target":%q,"settle":%s,"slip":{"medfee_sumamt":"%s","psn_cash_pay":"%[3]s"}}`, pick(bills), bill, amount)
	case mutation.SetCreditSchedule:
		return fmt.Sprintf(`{"person":%q,"amount":"%s","day":%d}`, a, amount, 1+r.IntN(31))
	case mutation.Checkpoint:
		return fmt.Sprintf(`{"person":%q,"balance":"%s"}`, a, amount)
	}
	return "{}"
}

// check holds the ledger's promises on every device.
func (w *world) check(t *testing.T, where string) {
	for _, d := range w.devices {
		b := Build(w.e, d.l)
		b.AccrueTo(w.now)
		who := d.actor.Device
		sums := map[string]money.Amount{}
		refs := map[string]bool{}
		for _, a := range b.Accounts() {
			var sum money.Amount
			for _, r := range a.Rows {
				sum += r.Amount
				if refs[r.Ref+" "+a.Account.Key()] {
					t.Fatalf("%s, %s: line %s shown twice on %s", where, who, r.Ref, a.Account.Key())
				}
				refs[r.Ref+" "+a.Account.Key()] = true
			}
			sums[a.Account.Key()] = sum
		}
		// every applied bill and premium is listed once, under the key corrections name it by
		// (an approved request's is the request's)
		listed := map[string]int{}
		for _, bl := range b.Bills() {
			listed[bl.Key]++
		}
		for _, pm := range b.Payments() {
			listed[pm.Key]++
		}
		for _, it := range b.Items {
			if !it.Outcome.Status.Applied() || len(it.Outcome.Entries) == 0 {
				continue
			}
			name, key := it.Mutation.Name, it.Key()
			if name == mutation.Approve && it.Outcome.Request != "" {
				q := b.State.Request(it.Outcome.Request)
				name, key = mutation.Name(q.Name), q.ID
			}
			switch name {
			case mutation.Settle, mutation.AmendBill, mutation.RecordSlip, mutation.PayPremium, mutation.Credit, mutation.Correct:
				if listed[key] != 1 {
					t.Fatalf("%s, %s: %s %s (item %s) is listed %d times", where, who, name, key, it.Key(), listed[key])
				}
			}
		}
		for _, p := range b.State.People {
			if got, want := sums[ledger.AccountOf(p.ID).Key()], p.Balance(); got != want && p.HasAccount {
				t.Fatalf("%s, %s: %s's account is %s, its lines add up to %s", where, who, p.ID, want, got)
			}
			if got, want := sums[ledger.WalletOf(p.ID).Key()], p.Wallet.Balance; got != want {
				t.Fatalf("%s, %s: %s's wallet is %s, its lines add up to %s", where, who, p.ID, want, got)
			}
		}
	}
	// every transfer is settled by the first 06:00 after it, where the clock is kept
	for _, s := range []family.State{w.state, Build(w.e, w.devices[2].l).State} {
		for _, tr := range s.Transfers {
			if tr.State == family.Pending && !w.now.Before(engine.RefundAt(tr.At)) {
				t.Fatalf("%s: transfer %s of %s still pending at %s", where, tr.ID, tr.At, w.now)
			}
		}
	}
}

// checkAsOfMoment: when the server's newest change is an amended bill, it was decided as of
// the bill's moment. An independent replay says what that gives: the log redone up to the
// bill, the corrected bill settled afresh in its place (mutation.Apply), each later bill and
// premium decided afresh, every other change redone as recorded; the corrected bill's split
// and every balance must match it. (Cases with another correction of a bill or an approval
// in between are left out: the replay stays simple.)
func (w *world) checkAsOfMoment(t *testing.T) {
	j := len(w.log) - 1
	a := w.log[j]
	if a.Mutation.Name != mutation.AmendBill || !a.Outcome.Status.Applied() {
		return
	}
	var args mutation.AmendArgs
	if err := json.Unmarshal(a.Mutation.Args, &args); err != nil {
		t.Fatal(err)
	}
	k := -1
	for i, c := range w.log[:j] {
		if c.Mutation.Key() == args.Target && c.Mutation.Name == mutation.Settle && c.Outcome.Status.Applied() {
			k = i
		}
	}
	if k < 0 {
		return // the target is itself a corrected bill, or was approved
	}
	for _, c := range w.log[k+1 : j] {
		switch c.Mutation.Name {
		case mutation.AmendBill, mutation.RecordSlip, mutation.Void, mutation.Undo, mutation.Approve:
			if c.Outcome.Status.Applied() {
				return
			}
		}
	}
	ref, err := syncwire.Replay(family.State{}, w.log[:k])
	if err != nil {
		t.Fatal(err)
	}
	orig := w.log[k]
	var first mutation.SettleArgs
	if err := json.Unmarshal(orig.Mutation.Args, &first); err != nil {
		t.Fatal(err)
	}
	corrected := args.Settle
	if corrected.Visit.IsZero() {
		corrected.Visit = first.Visit
		if corrected.Visit.IsZero() {
			corrected.Visit = orig.Mutation.At
		}
	}
	raw, _ := json.Marshal(corrected)
	o, next := mutation.Apply(w.e, &ref, mutation.Mutation{ID: a.Mutation.Key(), Name: mutation.Settle, Args: raw}, orig.Mutation.At)
	if !o.Status.Applied() || !o.Split.Equal(a.Outcome.Split) {
		t.Fatalf("amended bill %s: %+v, the replay decides %s %+v", a.Mutation.Key(), a.Outcome.Split, o.Status, o.Split)
	}
	ref = next
	for _, c := range w.log[k+1 : j] {
		if kind, _ := mutation.KindOf(c.Mutation.Name); kind.Split() && c.Outcome.Status.Applied() {
			o, next = mutation.Apply(w.e, &ref, c.Mutation.Intent(), c.Mutation.At)
			if !o.Status.Applied() {
				t.Fatalf("the replay refuses %s: %v", c.Mutation.Key(), o.Codes)
			}
		} else if next, err = mutation.Redo(&ref, c.Mutation.Intent(), c.Mutation.At, c.Outcome); err != nil {
			t.Fatal(err)
		}
		ref = next
	}
	if ref, _, err = mutation.Accrue(&ref, a.Mutation.At); err != nil {
		t.Fatal(err)
	}
	for _, p := range w.state.People {
		q := ref.Person(p.ID)
		if q == nil || q.Balance() != p.Balance() || q.Wallet.Balance != p.Wallet.Balance {
			t.Fatalf("after amending %s: %s has %s and %s in the wallet; the replay says %+v", args.Target, p.ID, p.Balance(), p.Wallet.Balance, q)
		}
	}
	w.tried["as of its moment"]++
	if j-k > 1 {
		w.tried["as of its moment, with changes in between"]++
	}
}
