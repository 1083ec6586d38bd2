//go:build js && wasm

package screen

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/shared/mutation"
)

// seedTransfer adds 小明 (wallet open, 张三's child) and a transfer of 100.00 from 张三 to him,
// made at testNow: 18:00 UTC+8, twelve hours before the 06:00 refund.
func seedTransfer(t *testing.T) {
	st := client.TheStore()
	st.Do(mutation.AddPerson, mutation.PersonArgs{ID: "小明", Name: "小明", Region: "330100", Insurance: "resident",
		Status: "active", WalletOpen: true})
	st.Do(mutation.Link, mutation.LinkArgs{Person: "小明", Of: "张三", Relation: "child"})
	if o, err := st.Do(mutation.WalletTransfer, mutation.WalletTransferArgs{From: "张三", To: "小明", Amount: 10000,
		Source: "account"}); err != nil || !o.Status.Applied() {
		t.Fatalf("transfer: %v %+v", err, o)
	}
}

func TestRemindersShowTheTimeLeftBeforeTheRefund(t *testing.T) {
	u := mount(t, &remindersPage{}, seed, seedTransfer)
	li := u.el("reminders").Call("querySelector", `li[data-kind="accept_transfer"]`)
	if !li.Truthy() {
		t.Fatalf("no reminder to accept: %q", u.text("reminders"))
	}
	got := li.Get("textContent").String()
	for _, want := range []string{"张三 转给 小明 的医保钱包 100.00 元 等待领取", "2026年3月3日 06:00", "剩余时间：12 小时 0 分"} {
		if !strings.Contains(got, want) {
			t.Errorf("reminder %q lacks %q", got, want)
		}
	}
	// the badge on 提醒 and on 更多 counts it
	if u.text("nav-reminders-badge") != "1" || u.text("nav-more-badge") != "1" {
		t.Errorf("badges %q %q", u.text("nav-reminders-badge"), u.text("nav-more-badge"))
	}
	// notifications are asked for only on the button; no notification API here is a no
	if client.TheStore().Local.Notify {
		t.Fatal("notifications on before anyone asked")
	}
	u.click("notify-ask")
	if client.TheStore().Local.Notify || !u.has("notify-answer") {
		t.Errorf("without the Notification API: notify %v", client.TheStore().Local.Notify)
	}
}

func TestShellShowsSyncStatusAndEveryScreen(t *testing.T) {
	u := mount(t, &familyPage{}, seed)
	pill := u.el("sync-pill")
	if s := pill.Get("dataset").Get("status").String(); s != "local" {
		t.Errorf("no family on a server: status %q", s)
	}
	app.Window().Call("eval", "globalThis.EventSource ??= class { addEventListener() {} close() {} }")
	u = mount(t, &familyPage{}, seed, func(t *testing.T) {
		st := client.TheStore()
		st.HoldSync(true, nil) // no round starts: the family is not on a real server
		st.Local.Family = "f1"
		st.Rebuild()
	})
	pill = u.el("sync-pill")
	if s, n := pill.Get("dataset").Get("status").String(), pill.Get("dataset").Get("count").String(); s != "pending" || n != "5" {
		t.Errorf("five mutations waiting: status %q count %q (%q)", s, n, pill.Get("textContent").String())
	}
	for _, s := range screens {
		if !u.has("nav" + pathID(s.Path)) {
			t.Errorf("no link to %s", s.Path)
		}
	}
	if u.el("nav-more").Call("getAttribute", "aria-expanded").String() != "false" {
		t.Error("更多 open at first")
	}
	u.click("nav-more")
	if u.el("nav-more").Call("getAttribute", "aria-expanded").String() != "true" || !strings.Contains(u.el("nav").Get("className").String(), "open") {
		t.Error("更多 did not open")
	}
}

// TestPagesReleaseTheirWindowListeners: every screen's shell listens to the window's online
// and offline events while it is mounted; after moving through three screens one pair is
// left, not three.
func TestPagesReleaseTheirWindowListeners(t *testing.T) {
	app.Window().Call("eval", `(() => {
		const add = window.addEventListener, remove = window.removeEventListener;
		window.gongjiListeners = 0;
		window.addEventListener = function (type, ...rest) {
			if (type === "online" || type === "offline") window.gongjiListeners++;
			return add.call(this, type, ...rest);
		};
		window.removeEventListener = function (type, ...rest) {
			if (type === "online" || type === "offline") window.gongjiListeners--;
			return remove.call(this, type, ...rest);
		};
		window.gongjiRestore = () => { window.addEventListener = add; window.removeEventListener = remove; };
	})()`)
	defer app.Window().Call("eval", "window.gongjiRestore()")
	u := mount(t, &familyPage{}, seed)
	for _, c := range []app.Composer{&billPage{}, &ledgerPage{}} {
		if err := u.e.Load(c); err != nil {
			t.Fatal(err)
		}
		u.e.ConsumeAll()
	}
	if n := app.Window().Get("gongjiListeners").Int(); n != 2 {
		t.Errorf("online and offline listeners after three screens: %d, want 2", n)
	}
}
