package screen

import (
	"strings"
	"testing"
	"time"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// A request reads as the person asked reads it: whose account, before and after, who asked,
// and where it stands, by name and never by id; it counts among the reminders of a device
// that may decide it, and not of the one that asked.
func TestRequestReadsByName(t *testing.T) {
	at := time.Date(2025, 10, 13, 2, 5, 0, 0, time.UTC) // 10:05 in UTC+8
	client.TheStore().Reset(client.BrowserStorage(), func() time.Time { return at })
	defer client.TheStore().Reset(client.BrowserStorage(), time.Now)
	st := client.TheStore()
	s := &st.Book().State
	s.People = []family.Person{{ID: "p1", Name: "李明"}, {ID: "p2", Name: "王秀英"}}
	s.Devices = []family.DeviceLink{{Device: "d_owner", Person: "p1"}, {Device: "d_mum", Person: "p2"}}
	r := family.Request{ID: "d_mum.ab/1", Name: string(mutation.Void), At: at, State: family.Waiting,
		Ask: &family.Ask{From: "p2", Persons: []family.PersonID{"p1"}, Effects: []family.Effect{
			{Person: "p1", Account: family.FromAccount, Before: money.MustParse("2920.00"), After: money.MustParse("2870.00")},
			{Person: "p1", What: family.EffectProfile}}}}
	s.Requests = []family.Request{r}

	if got := effectText(r.Ask.Effects[0]); got != "李明的医保个人账户：2,920.00 元 → 2,870.00 元" {
		t.Errorf("effect: %q", got)
	}
	if got := effectText(r.Ask.Effects[1]); got != "李明的个人资料会改变" {
		t.Errorf("profile effect: %q", got)
	}
	if got := requestState(&r); got != "等待 李明 同意" {
		t.Errorf("waiting: %q", got)
	}
	if got := askerName(&r); got != "王秀英" {
		t.Errorf("asker: %q", got)
	}
	owner := mutation.Actor{Device: "d_owner", Owner: true}
	if rs := st.Book().Requests(owner); len(rs) != 1 || rs[0].Kind != book.ConsentWaits || rs[0].Other != "p2" {
		t.Errorf("owner's reminders: %+v", rs)
	}
	if rs := st.Book().Requests(mutation.Actor{Device: "d_mum"}); len(rs) != 0 {
		t.Errorf("the asker's own request counts for her: %+v", rs)
	}
	r.State, r.Decided = family.Declined, &family.Decision{By: "p1", At: at.Add(time.Hour), Reason: "药是我买的"}
	got := requestState(&r)
	if got != "已拒绝：李明，2025年10月13日 11:05。理由：药是我买的" {
		t.Errorf("declined: %q", got)
	}
	for _, id := range []string{"p1", "p2", "d_mum", "ab/1"} {
		if strings.Contains(got, id) {
			t.Errorf("%q shows the id %s", got, id)
		}
	}
	r.Decided = &family.Decision{Owner: true, At: at}
	r.State = family.Approved
	if got := requestState(&r); got != "已同意：家庭管理员，2025年10月13日 10:05" {
		t.Errorf("approved by a device of nobody's: %q", got)
	}
	for in, want := range map[string]string{"0": "0.00 元", "999.99": "999.99 元", "1000": "1,000.00 元", "-1234567.8": "-1,234,567.80 元"} {
		if got := grouped(money.MustParse(in)); got != want {
			t.Errorf("grouped(%s) = %q, want %q", in, got, want)
		}
	}
}
