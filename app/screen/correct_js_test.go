//go:build js && wasm

package screen

import (
	"strings"
	"testing"

	"gongji/app/client"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/region"
)

func TestEditMemberFixesANameAndABalance(t *testing.T) {
	u := mount(t, &familyPage{}, seed)
	u.choose("edit-person", "王芳")
	if v := u.el("edit-name").Get("value").String(); v != "王芳" {
		t.Fatalf("edit form shows %q", v)
	}
	// a blank name, then another member's name, are refused next to the name
	u.fill("edit-name", "  ")
	u.submit("edit-form")
	if got := u.text("edit-name-error"); got != "请填写姓名" {
		t.Errorf("blank name: %q", got)
	}
	u.fill("edit-name", "张三")
	u.submit("edit-form")
	if !strings.Contains(u.text("edit-name-error"), "已经有人叫这个名字") {
		t.Errorf("taken name: %q", u.text("edit-name-error"))
	}
	u.fill("edit-name", "王 芳")
	u.submit("edit-form")
	if !u.has("edit-saved") {
		t.Fatalf("not saved: %q", u.text("edit-form"))
	}
	if p := client.TheStore().Book().State.Person("王芳"); p.Name != "王 芳" {
		t.Fatalf("name %q", p.Name)
	}
	if !strings.Contains(u.text("people"), "王 芳") {
		t.Errorf("people table: %q", u.text("people"))
	}
	// a balance: letters, three decimals, a minus sign, then a change without a reason
	u.choose("edit-person", "张三")
	refusesBeside(t, u, "edit-form", "edit-account", map[string]string{"12a": "只能填数字", "1.234": "最多两位小数", "-5": "不能是负数", "999999999999": "100,000,000.00"})
	u.fill("edit-account", "950.00")
	u.submit("edit-form")
	if !strings.Contains(u.text("edit-reason-error"), "原因") {
		t.Errorf("no reason asked: %q", u.text("edit-form"))
	}
	u.fill("edit-reason", "按医保卡余额核对")
	u.submit("edit-form")
	if got := client.TheStore().Book().State.Person("张三").Balance().String(); got != "950.00" {
		t.Fatalf("balance %s, want 950.00", got)
	}
	// the balance came from a correcting entry, not an edit
	var kinds []string
	for _, it := range client.TheStore().Book().Items {
		kinds = append(kinds, string(it.Mutation.Name))
	}
	if got := strings.Join(kinds, " "); !strings.HasSuffix(got, "edit_person correct") {
		t.Errorf("mutations: %s", got)
	}
}

func TestLifeEventsAndDeath(t *testing.T) {
	u := mount(t, &familyPage{}, seed)
	u.choose("edit-person", "张三")
	u.click("event-retire")
	if !client.TheStore().Book().State.Person("张三").Retired || !strings.Contains(u.text("edit-saved"), "退休") {
		t.Fatalf("retire: %q", u.text("edit-form"))
	}
	if u.has("event-retire") {
		t.Error("退休 offered twice")
	}
	u.click("event-death")
	if !u.has("event-death-yes") {
		t.Fatal("death asked no confirmation")
	}
	u.click("event-death-yes")
	p := client.TheStore().Book().State.Person("张三")
	if !p.Deceased || p.Status != family.Stopped {
		t.Fatalf("after death: %+v", p)
	}
	if got := u.text("edit-after-death"); !strings.Contains(got, "死亡") || !strings.Contains(got, "钱包") {
		t.Errorf("after death: %q", got)
	}
}

func TestLedgerVoidsUndoesAndShowsCorrections(t *testing.T) {
	u := mount(t, &billPage{}, seed)
	u.choose("bill-patient", "张三")
	u.fill("bill-date", "2026-02-20")
	u.fill("bill-time", "09:30")
	u.fill("bill-place", "杭州市第一人民医院")
	u.fill("bill-fund", "100")
	u.fill("bill-policy", "50")
	u.fill("bill-full", "10")
	u.fill("bill-total", "160")
	u.submit("bill-form")
	if !u.has("bill-saved") {
		t.Fatalf("bill not saved: %q", u.text("bill-form"))
	}
	// a visit in the future is refused under the date
	u.choose("bill-patient", "张三")
	u.fill("bill-policy", "1")
	u.fill("bill-date", "2026-03-09")
	u.submit("bill-form")
	if !u.has("bill-date-error") {
		t.Errorf("a future visit was not refused: %q", u.text("bill-form"))
	}
	u.fill("bill-date", "")
	// a bill over 1,000,000.00 asks for a confirmation
	u.fill("bill-policy", "2000000")
	u.submit("bill-form")
	if !u.has("bill-large-error") {
		t.Errorf("no confirmation for a large bill: %q", u.text("bill-form"))
	}

	l := mount(t, &ledgerPage{}, seed, func(t *testing.T) {
		client.TheStore().Do(mutation.Settle, mutation.SettleArgs{Patient: "张三", Place: "杭州市第一人民医院",
			Institution: billAt("330100"), Bill: billOf("50.00")})
	})
	if got := l.text("bills"); !strings.Contains(got, "杭州市第一人民医院") {
		t.Errorf("bills: %q", got)
	}
	key := client.TheStore().Book().Bills()[0].Key
	l.el("bills").Call("querySelector", "[data-void='"+key+"']").Call("click")
	l.e.ConsumeAll()
	l.click("void-yes")
	if got := client.TheStore().Book().State.Person("张三").Balance().String(); got != "1000.00" {
		t.Fatalf("after void: %s", got)
	}
	if got := l.text("bills"); !strings.Contains(got, "已作废") {
		t.Errorf("voided bill: %q", got)
	}
	if got := l.text("undo"); !strings.Contains(got, "作废") {
		t.Errorf("undo button: %q", got)
	}
	l.click("undo")
	if got := client.TheStore().Book().State.Person("张三").Balance().String(); got != "950.00" {
		t.Fatalf("after undo: %s", got)
	}
	if got := l.text("corrections"); !strings.Contains(got, "已更正") || !strings.Contains(got, "恢复") {
		t.Errorf("corrections: %q", got)
	}
	// the statement says for whom
	if got := l.text("statements"); !strings.Contains(got, "为 张三") {
		t.Errorf("statements: %q", got)
	}
}

// refusesBeside submits form with each input in field and wants the sentence beside the field
// (its id with "-error") to hold the input's wanted words.
func refusesBeside(t *testing.T, u *ui, form, field string, want map[string]string) {
	t.Helper()
	for in, words := range want {
		u.fill(field, in)
		u.submit(form)
		if got := u.text(field + "-error"); !strings.Contains(got, words) {
			t.Errorf("%s %q: %q, want %q", field, in, got, words)
		}
	}
}

func billAt(r string) engine.Institution {
	return engine.Institution{Region: region.Code(r), Kind: "pharmacy", Designated: true, Wallet: true}
}

func billOf(amount string) engine.Bill {
	a := money.MustParse(amount)
	return engine.Bill{Total: a, PolicySelfPay: a, Category: engine.Drug}
}

func TestPriorYearsBalanceIsAskedWhereTheAccountIsSplit(t *testing.T) {
	u := mount(t, &familyPage{}, seed) // 杭州: the account is split
	u.choose("edit-person", "张三")
	if !u.has("edit-history") || u.el("edit-history").Get("value").String() != "" {
		t.Fatalf("edit form: %q", u.text("edit-form"))
	}
	if got := u.text("edit-history-hint"); !strings.Contains(got, "历年账户") || strings.Contains(got, "上海") {
		t.Errorf("hint in Hangzhou: %q", got)
	}
	refusesBeside(t, u, "edit-form", "edit-history", map[string]string{"1.234": "最多两位小数", "-5": "不能是负数"})
	u.fill("edit-history", "300")
	u.submit("edit-form")
	if !u.has("edit-saved") {
		t.Fatalf("not saved: %q", u.text("edit-form"))
	}
	p := client.TheStore().Book().State.Person("张三")
	if !p.HasHistory || p.AccountHistory.String() != "300.00" || p.Balance().String() != "1000.00" {
		t.Fatalf("张三: prior-years %s (given %t), balance %s", p.AccountHistory, p.HasHistory, p.Balance())
	}
	if got := u.text("people"); !strings.Contains(got, "1000.00 元 · 其中历年账户 300.00 元") {
		t.Errorf("people table: %q", got)
	}
	// a resident has no account to split
	u.choose("edit-person", "王芳")
	if u.has("edit-history") {
		t.Error("asked a resident's 历年账户")
	}
	// the add form asks it of an employee here, and refuses a negative one beside it
	u.fill("person-name", "李四")
	u.fill("person-account", "500")
	u.fill("person-history", "-1")
	u.submit("person-form")
	if got := u.text("person-history-error"); !strings.Contains(got, "不能是负数") {
		t.Errorf("negative 历年账户 in the add form: %q", got)
	}
	u.fill("person-history", "100")
	u.submit("person-form")
	if p := client.TheStore().Book().State.Person("李四"); p == nil || p.AccountHistory.String() != "100.00" || p.Account.String() != "400.00" {
		t.Fatalf("李四: %+v", p)
	}
}
