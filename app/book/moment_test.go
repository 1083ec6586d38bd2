package book

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"gongji/shared/engine"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// The afternoon correction on the phones: 王秀英's 10:30 bill was paid through 李明's
// binding; 200.00 reached her wallet at 13:02; the owner corrects the bill in the afternoon
// while offline. The phone decides it as of 10:30 from its pulled log (李明 pays again, not the
// wallet), shows the 11:00 bill after it restated before and after, and the server, deciding
// the pushed correction from its own log, gives the same outcome; every device then shows the
// same lines.
func TestAfternoonCorrectionOnThePhones(t *testing.T) {
	e := engine.Default()
	w := newWorld(t, e)
	owner, member := w.devices[0], w.devices[1]
	day := time.Date(2026, 1, 31, 0, 0, 0, 0, at.Location())
	clock := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	wangBill := func(total string, visit time.Time) string {
		return fmt.Sprintf(`{"patient":"wang","visit":%q,"place":"社区医院","institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":%q,"policy_self_pay":%[2]q,"category":"drug"}}`, visit.Format(time.RFC3339), total)
	}
	// 王秀英's wallet is spent first (100.00 at the start), so the rest of each bill is 李明's
	w.now = clock(10, 30)
	w.make(t, owner, mutation.Settle, wangBill("400.00", clock(10, 30)))
	w.now = clock(11, 0)
	w.make(t, owner, mutation.Settle, wangBill("700.00", clock(11, 0))) // more than 李明 has left: cash
	w.push(t, owner)
	w.now = clock(13, 2)
	w.make(t, owner, mutation.Credit, `{"person":"wang","account":"wallet","amount":"200.00"}`)
	w.push(t, owner)
	first := owner.l.Confirmed[len(owner.l.Confirmed)-3]
	second := owner.l.Confirmed[len(owner.l.Confirmed)-2]
	before := Build(e, owner.l)
	if second.Outcome.Split.Cash == 0 {
		t.Fatalf("the 11:00 bill must have run out of 李明's account: %+v", second.Outcome.Split)
	}

	// offline in the afternoon: the 10:30 bill was 300.00, not 400.00
	w.now = clock(15, 0)
	o := w.make(t, owner, mutation.AmendBill, fmt.Sprintf(`{"target":%q,"settle":%s,"reason":"收据上是300元"}`, first.Mutation.Key(), wangBill("300.00", clock(10, 30))))
	if !o.Status.Applied() || from(o.Split, engine.FromPurse) != money.MustParse("100.00") {
		t.Fatalf("the phone decides %s %+v: the wallet held 100.00 at 10:30; its money of 13:02 must not pay", o.Status, o.Split)
	}
	if len(o.Restated) != 1 || o.Restated[0].Record != second.Mutation.Key() || !o.Restated[0].Changed() {
		t.Fatalf("the phone restates %+v", o.Restated)
	}
	phone := Build(e, owner.l)
	w.push(t, owner)
	server := w.log[len(w.log)-1].Outcome
	if !server.Split.Equal(o.Split) || len(server.Restated) != 1 || !server.Restated[0].After.Equal(o.Restated[0].After) {
		t.Fatalf("the server decides %+v %+v, the phone %+v %+v", server.Split, server.Restated, o.Split, o.Restated)
	}
	w.pull(member)
	// the ledger view: the 11:00 bill shows its split as it stands, restated by the correction,
	// on both phones; the correction carries its reason; balances equal their lines
	for _, d := range []*modelDevice{owner, member} {
		b := Build(e, d.l)
		var eleven *Line
		for i, l := range b.Lines() {
			if l.Key == second.Mutation.Key() {
				eleven = &b.Lines()[i]
			}
			if l.Name == mutation.AmendBill && l.Reason != "收据上是300元" {
				t.Errorf("%s: the correction's reason is %q", d.actor.Device, l.Reason)
			}
		}
		if eleven == nil || !eleven.Split.Equal(o.Restated[0].After) || len(eleven.RestatedBy) != 1 {
			t.Fatalf("%s: the 11:00 line %+v", d.actor.Device, eleven)
		}
		rs := b.Resplits(eleven.RestatedBy[0])
		if len(rs) != 1 || rs[0].Bill.Key != second.Mutation.Key() || rs[0].Before.Cash == 0 || rs[0].After.Cash != 0 {
			t.Fatalf("%s: resplits %+v", d.actor.Device, rs)
		}
	}
	w.check(t, "after the afternoon correction")
	li := func(b *Book) money.Amount { return b.State.Person("li").Balance() }
	t.Logf("李明 before %s, on the phone %s, after sync %s", li(before), li(phone), li(Build(e, owner.l)))
	if li(phone) != li(Build(e, owner.l)) {
		t.Errorf("the phone showed %s before syncing, the server's log gives %s", li(phone), li(Build(e, owner.l)))
	}
	_ = json.Valid
}

func from(sp *mutation.Split, s engine.PaySource) money.Amount {
	var sum money.Amount
	if sp == nil {
		return 0
	}
	for _, l := range sp.Lines {
		if l.Source == s {
			sum += l.Amount
		}
	}
	return sum
}
