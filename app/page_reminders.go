package app

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/shared/money"
)

// remindersPage (提醒) lists what the family should do and by when: wallet transfers to
// accept before the 06:00 refund, lapsed Shenzhen bindings to make again, and deadlines of a
// transfer of the insurance relationship counted in working days on the official calendar.
// Web Notifications are asked for only when the person presses the button.
type remindersPage struct {
	pageBase
	asked string // what the browser answered to the notification request
}

func (c *remindersPage) Render() app.UI {
	st := theStore()
	rs := st.Book().Reminders(st.Engine(), st.Now())
	return app.Div().Class("page").Body(
		&shell{Active: PathReminders},
		app.Main().Body(
			app.H1().Text(st.T("remind.title")),
			app.If(len(rs) == 0, func() app.UI { return app.P().ID("reminders-none").Class("empty").Text(st.T("remind.none")) }).
				Else(func() app.UI {
					return app.Ul().ID("reminders").Class("cards").Body(app.Range(rs).Slice(func(i int) app.UI { return reminderItem(rs[i]) }))
				}),
			app.Section().Class("card").Body(
				app.H2().Text(st.T("remind.notify.title")),
				app.If(st.Doc.Notify, func() app.UI { return app.P().ID("notify-state").Class("ok").Text(st.T("remind.notify.on")) }).
					Else(func() app.UI {
						return app.Button().ID("notify-ask").Class("secondary").Text(st.T("remind.notify.ask")).OnClick(c.ask)
					}),
				app.If(c.asked != "", func() app.UI { return app.P().ID("notify-answer").Class("note").Text(c.asked) }),
			),
		),
	)
}

func (c *remindersPage) ask(ctx app.Context, e app.Event) {
	askNotify(func(granted bool) {
		ctx.Dispatch(func(ctx app.Context) {
			st := theStore()
			if !granted {
				c.asked = st.T("remind.notify.denied")
				return
			}
			st.Doc.Notify = true
			st.Save()
			c.asked = ""
		})
	})
}

// reminderText is a reminder as one sentence.
func reminderText(r book.Reminder) string {
	st := theStore()
	amount := ""
	if r.Amount != "" {
		amount = yuan(money.MustParse(r.Amount))
	}
	switch r.Kind {
	case book.AcceptTransfer:
		return tf(st.T("remind.accept"), personName(r.Other), personName(r.Person), amount, shortTime(r.Due))
	case book.RefundDue:
		return tf(st.T("remind.refund"), personName(r.Person), personName(r.Other), amount, shortTime(r.Due))
	case book.Rebind:
		return tf(st.T("remind.rebind"), personName(r.Other), personName(r.Person), shortTime(r.Due))
	case book.TransferDue:
		return tf(st.T("remind.transfer"), personName(r.Person), cityName(st.Lang(), r.Region), day(r.OriginDue),
			strconv.Itoa(book.TransferOriginDays), day(r.DestDue), strconv.Itoa(book.TransferDestDays))
	}
	return ""
}

func reminderItem(r book.Reminder) app.UI {
	st := theStore()
	href := map[book.ReminderKind]string{book.AcceptTransfer: PathWallet, book.RefundDue: PathWallet,
		book.Rebind: PathBindings, book.TransferDue: PathWithdraw}[r.Kind]
	return app.Li().Class("card reminder "+string(r.Kind)).DataSet("kind", string(r.Kind)).DataSet("key", r.Key).Body(
		app.P().Class("what").Text(reminderText(r)),
		app.If(r.Kind == book.AcceptTransfer, func() app.UI {
			return app.P().Class("left").Text(st.T("remind.left") + colon() + duration(r.Left))
		}),
		app.If(r.Kind == book.TransferDue && !r.Known, func() app.UI { return app.P().Class("note").Text(st.T("remind.guess")) }),
		app.A().Href(href).Class("go").Text(st.T("remind.go")),
	)
}

// tf fills {1}, {2}, ... in a text with args.
func tf(text string, args ...string) string {
	for i, a := range args {
		text = strings.ReplaceAll(text, "{"+strconv.Itoa(i+1)+"}", a)
	}
	return text
}

// duration is a time left as the family reads it: 11 小时 59 分 (11 h 59 min).
func duration(d time.Duration) string {
	st := theStore()
	d = d.Truncate(time.Minute)
	h, m := int(d/time.Hour), int((d%time.Hour)/time.Minute)
	return tf(st.T("remind.hm"), strconv.Itoa(h), strconv.Itoa(m))
}

// notifyNew shows a Web Notification when the family asked for them and there are more
// reminders than when it last looked (once per page load and count).
func notifyNew(n int) {
	st := theStore()
	if !st.Doc.Notify || n <= notified {
		return
	}
	notified = n
	showNotification(st.T("remind.title"), tf(st.T("remind.count"), strconv.Itoa(n)))
}

var notified int
