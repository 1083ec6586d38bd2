package screen

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/money"
)

// remindersPage (提醒) lists what the family should do and by when: wallet transfers to
// accept before the 06:00 refund, lapsed Shenzhen bindings to make again, and deadlines of a
// transfer of the insurance relationship counted in working days on the official calendar.
// Web Notifications are asked for only when the person presses the button.
type remindersPage struct {
	_ incomparable
	pageBase
	asked string // what the browser answered to the notification request
}

func (c *remindersPage) Render() app.UI {
	st := client.TheStore()
	rs := reminders()
	var list app.UI = eltr("p#reminders-none.empty", "remind.none")
	if len(rs) > 0 {
		items := make([]app.UI, len(rs))
		for i, r := range rs {
			items[i] = reminderItem(r)
		}
		list = el("ul#reminders.cards", items...)
	}
	var notify app.UI = button("notify-ask", "secondary", st.T("remind.notify.ask"), c.ask)
	if st.Local.Notify {
		notify = eltr("p#notify-state.ok", "remind.notify.on")
	}
	return page(PathReminders, "remind.title",
		list,
		el("section.card", eltr("h2", "remind.notify.title"), notify,
			paraIf(c.asked != "", "notify-answer", "note", c.asked)),
	)
}

func (c *remindersPage) ask(ctx app.Context, e app.Event) {
	client.AskNotify(func(granted bool) {
		ctx.Dispatch(func(ctx app.Context) {
			st := client.TheStore()
			if !granted {
				c.asked = st.T("remind.notify.denied")
				return
			}
			st.Local.Notify = true
			st.Save()
			c.asked = ""
		})
	})
}

// reminderText is a reminder as one sentence.
func reminderText(r book.Reminder) string {
	st := client.TheStore()
	amount := ""
	if r.Amount != "" {
		amount = yuan(money.MustParse(r.Amount))
	}
	var key string
	var args []string // the text's {1}, {2}, ...
	switch r.Kind {
	case book.AcceptTransfer:
		key, args = "remind.accept", []string{personName(r.Other), personName(r.Person), amount, shortTime(r.Due)}
	case book.RefundDue:
		key, args = "remind.refund", []string{personName(r.Person), personName(r.Other), amount, shortTime(r.Due)}
	case book.Rebind:
		key, args = "remind.rebind", []string{personName(r.Other), personName(r.Person), shortTime(r.Due)}
	case book.ConsentWaits:
		key, args = "remind.consent", []string{askerName(st.Book().State.Request(r.Key)), requestLabel(r.Key)}
	case book.TransferDue:
		key, args = "remind.transfer", []string{personName(r.Person), cityName(st.Lang(), r.Region), day(r.OriginDue),
			strconv.Itoa(book.TransferOriginDays), day(r.DestDue), strconv.Itoa(book.TransferDestDays)}
	default:
		return ""
	}
	return trf(key, args...)
}

func reminderItem(r book.Reminder) app.UI {
	st := client.TheStore()
	href, left, guess := PathWallet, "", ""
	switch r.Kind {
	case book.AcceptTransfer:
		left = st.T("remind.left") + colon() + duration(r.Left)
	case book.Rebind:
		href = PathBindings
	case book.ConsentWaits:
		href = PathSync + "#" + requestAnchor(r.Key)
	case book.TransferDue:
		href = PathWithdraw
		if !r.Known {
			guess = st.T("remind.guess")
		}
	}
	return with(elem("li",
		elt("p.what", reminderText(r)),
		paraIf(left != "", "", "left", left),
		paraIf(guess != "", "", "note", guess),
		elemt("a.go", st.T(goKey(r.Kind))).Attr("href", href),
	), "card reminder "+string(r.Kind), "kind", string(r.Kind), "key", r.Key)
}

// duration is a time left as the family reads it: 11 小时 59 分 (11 h 59 min).
func duration(d time.Duration) string {
	d = d.Truncate(time.Minute)
	h, m := int(d/time.Hour), int((d%time.Hour)/time.Minute)
	return trf("remind.hm", strconv.Itoa(h), strconv.Itoa(m))
}

// goKey is the link's text: 去办理, or 去看看 for a request to decide on 同步.
func goKey(k book.ReminderKind) string {
	if k == book.ConsentWaits {
		return "remind.consent.go"
	}
	return "remind.go"
}

// reminders is what the family should do (book.Reminders) after the requests that wait for
// this device's decision: the header's badge counts them all.
func reminders() []book.Reminder {
	st := client.TheStore()
	b := st.Book()
	return append(b.Requests(st.Local.Actor()), b.Reminders(st.Engine(), st.Now())...)
}

// notifyNew shows a Web Notification when the family asked for them, the browser granted
// them (no prompt: showNotification checks), and there are more reminders than when it last
// looked (once per page load and count). A request waiting for this device is named.
func notifyNew(rs []book.Reminder) {
	st := client.TheStore()
	n := len(rs)
	if !st.Local.Notify || n <= st.Notified {
		st.Notified = min(st.Notified, n)
		return
	}
	st.Notified = n
	body := trf("remind.count", strconv.Itoa(n))
	for _, r := range rs { // the newest request waiting for this device, when there is one
		if r.Kind == book.ConsentWaits {
			body = reminderText(r)
		}
	}
	client.ShowNotification(st.T("remind.title"), body)
}
