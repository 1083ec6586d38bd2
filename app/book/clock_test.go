package book

import (
	"testing"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// A family kept only on this device gets its 06:00 refund from the device itself, once, at
// 06:00 (issue 21: a transfer sent at 21:50 was still 待领取 at 06:05). A family on a server
// leaves it to the server, and a family that starts syncing hands the clock over: the
// device's refund is not made twice.
func TestDeviceKeepsTheClockOfAFamilyKeptOnlyHere(t *testing.T) {
	e := engine.Default()
	sent := time.Date(2026, 3, 2, 21, 50, 0, 0, at.Location())
	newFamily := func(t *testing.T) *Local {
		l := family3(t, e)
		do(t, e, l, mutation.AddPerson, mutation.PersonArgs{ID: "小明", Name: "小明", Region: "330100",
			Insurance: family.Resident, Status: family.Active, WalletOpen: true})
		do(t, e, l, mutation.Link, mutation.LinkArgs{Person: "小明", Of: "张三", Relation: family.Child})
		m, o, err := l.Try(e, Build(e, l), mutation.WalletTransfer, mutation.WalletTransferArgs{From: "张三", To: "小明",
			Amount: 30000, Source: family.FromAccount}, sent)
		if err != nil || !o.Status.Applied() {
			t.Fatalf("transfer at 21:50: %v %+v", err, o)
		}
		l.Queue(m)
		return l
	}
	refundAt := time.Date(2026, 3, 3, 6, 0, 0, 0, at.Location())
	steps := []struct {
		name   string
		now    time.Time
		queued int
		state  family.TransferState
	}{
		{"05:59: still waiting", refundAt.Add(-time.Minute), 0, family.Pending},
		{"06:00: refunded", refundAt, 1, family.Refunded},
		{"06:05: nothing more", refundAt.Add(5 * time.Minute), 0, family.Refunded},
		{"a week later: still once", refundAt.Add(7 * 24 * time.Hour), 0, family.Refunded},
	}
	l := newFamily(t)
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			queued, next, err := l.KeepClock(e, Build(e, l), st.now)
			if err != nil || queued != st.queued {
				t.Fatalf("queued %d (%v), want %d", queued, err, st.queued)
			}
			b := Build(e, l)
			if got := b.State.Transfers[0].State; got != st.state {
				t.Fatalf("transfer %s, want %s", got, st.state)
			}
			if st.state == family.Pending && !next.Equal(refundAt) {
				t.Errorf("next event %s, want %s", next, refundAt)
			}
			if st.state == family.Refunded {
				if got := b.State.Person("张三").Balance().String(); got != "1000.00" {
					t.Errorf("张三's account %s after the refund, want 1000.00", got)
				}
				if it := b.Items[len(b.Items)-1]; it.Mutation.Name != mutation.WalletExpire || !it.Mutation.At.Equal(refundAt) {
					t.Errorf("the refund is an item at 06:00: %+v", it.Mutation)
				}
			}
		})
	}
	// accepting after 06:00 finds the money back with the sender
	if o := do(t, e, l, mutation.WalletAccept, mutation.WalletRefArgs{Transfer: Build(e, l).State.Transfers[0].ID}); o.Status.Applied() {
		t.Errorf("accept after the refund: %s", o.Status)
	}

	t.Run("a family on a server leaves the clock to it", func(t *testing.T) {
		l := newFamily(t)
		l.Family, l.Device = "f1", "d1"
		if queued, next, _ := l.KeepClock(e, Build(e, l), refundAt.Add(time.Hour)); queued != 0 || !next.IsZero() {
			t.Fatalf("queued %d, next %s: the server keeps this family's clock", queued, next)
		}
	})
	t.Run("starting to sync hands the clock over once", func(t *testing.T) {
		l := newFamily(t)
		if queued, _, _ := l.KeepClock(e, Build(e, l), refundAt); queued != 1 {
			t.Fatalf("queued %d before syncing", queued)
		}
		l.Family, l.Device, l.Owner = "f1", "d1", true // created on the server: the queue is pushed from here
		b := Build(e, l)
		if it := b.Items[len(b.Items)-1]; it.Outcome.Status != mutation.Rejected || !has(it.Outcome.Codes, mutation.ServerOnly) {
			t.Fatalf("the device's refund once a server keeps the clock: %+v, want SERVER_ONLY", it.Outcome)
		}
		if b.State.Transfers[0].State != family.Pending {
			t.Fatalf("transfer %s: the server makes the refund now, once", b.State.Transfers[0].State)
		}
	})
}

// An approved bill is a bill like any other (issue 21: the mother's 50.00 bill for 陈静, paid
// through 李明's binding and approved by 李明, was in no bill list or year summary): the bill
// list, the year summary and the account rows name it by the request's key and its patient.
func TestApprovedBillShows(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	l.Family, l.Owner = "f1", true // the owner's phone
	do(t, e, l, mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}})
	logAs := func(s family.State, who mutation.Actor, ms []syncwire.Mutation, seq int64) ([]syncwire.Change, family.State) {
		var out []syncwire.Change
		for _, m := range ms {
			o, next := mutation.ApplyAs(e, &s, who, m.Intent(), m.At)
			s, seq = next, seq+1
			out = append(out, syncwire.Change{Seq: seq, Device: who.Device, Mutation: m, Outcome: o})
		}
		return out, s
	}
	log, s := logAs(family.State{}, mutation.Actor{Device: "d-owner", Owner: true}, l.Pending, 0)
	// the mother's phone (nobody's) records a bill for 王芳 paid through 张三's binding
	asked := syncwire.Mutation{ClientID: "c_m", MutationID: 1, Name: mutation.Settle, At: at, Args: mustJSON(bill("王芳", "50.00"))}
	more, s := logAs(s, mutation.Actor{Device: "d-mother"}, []syncwire.Mutation{asked}, int64(len(log)))
	if more[0].Outcome.Status != mutation.PendingConsent {
		t.Fatalf("the member's bill: %s, want a request", more[0].Outcome.Status)
	}
	request := asked.Key()
	approve := syncwire.Mutation{ClientID: "c_o", MutationID: 1, Name: mutation.Approve, At: at.Add(time.Hour), Args: mustJSON(mutation.RequestArgs{Request: request})}
	approved, _ := logAs(s, mutation.Actor{Device: "d-owner", Owner: true}, []syncwire.Mutation{approve}, int64(len(log)+1))
	if !approved[0].Outcome.Status.Applied() {
		t.Fatalf("approve: %+v", approved[0].Outcome)
	}
	all := append(append(log, more...), approved...)
	l.Pulled(syncwire.PullResponse{Changes: all, Cursor: int64(len(all)), LastMutationIDs: map[string]int64{"c_a": int64(len(log))}})
	b := Build(e, l)
	bills := b.Bills()
	if len(bills) != 1 || bills[0].Key != request || bills[0].Patient != "王芳" || bills[0].Total.String() != "50.00" {
		t.Fatalf("bills after the approval: %+v", bills)
	}
	if ys := b.YearSummary(); len(ys) != 1 || ys[0].Authorizer != "张三" || ys[0].Beneficiary != "王芳" || ys[0].Amount.String() != "50.00" {
		t.Fatalf("year summary: %+v", ys)
	}
	for _, a := range b.Accounts() {
		for _, r := range a.Rows {
			if r.Amount < 0 && (r.Key != request || r.For != "王芳") {
				t.Errorf("row %+v: want the bill's key %s, for 王芳", r, request)
			}
		}
	}
}
