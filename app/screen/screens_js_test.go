//go:build js && wasm

package screen

import (
	"strings"
	"testing"

	"gongji/app/client"
	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// The screens of issue 11 item 1: correct a bill's amounts, void a premium or a credit, revoke
// after a confirmation, record a transfer and its arrival. Each drives the screen and checks
// what the mutation did to the book.

// clickSel clicks the first element under #root matching sel.
func (u *ui) clickSel(root, sel string) {
	u.t.Helper()
	el := u.el(root).Call("querySelector", sel)
	if !el.Truthy() {
		u.t.Fatalf("no %s in #%s: %q", sel, root, u.text(root))
	}
	el.Call("click")
	u.e.ConsumeAll()
}

func balance(id family.PersonID) string {
	return client.TheStore().Book().State.Person(id).Balance().String()
}

func lastMutation() mutation.Name {
	items := client.TheStore().Book().Items
	return items[len(items)-1].Mutation.Name
}

func TestAmendBillFromTheLedger(t *testing.T) {
	u := mount(t, &ledgerPage{}, seed, func(t *testing.T) {
		client.TheStore().Do(mutation.Settle, mutation.SettleArgs{Patient: "张三", Place: "杭州市第一人民医院", Note: "复诊",
			Institution: billAt("330100"), Bill: billOf("50.00")})
	})
	if got := balance("张三"); got != "950.00" {
		t.Fatalf("before: %s", got)
	}
	key := client.TheStore().Book().Bills()[0].Key
	u.clickSel("bills", "[data-amend='"+key+"']")
	// the form shows the saved bill
	for id, want := range map[string]string{"bill-patient": "张三", "bill-policy": "50.00", "bill-total": "50.00",
		"bill-place": "杭州市第一人民医院", "bill-note": "复诊", "bill-category": "drug", "bill-kind": "pharmacy",
		"bill-date": "2026-03-02", "bill-time": "18:00", "bill-fund": ""} {
		if got := u.el(id).Get("value").String(); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if !u.el("bill-designated").Get("checked").Bool() {
		t.Error("designated not ticked")
	}
	// the receipt said 80.00: the total that matched its parts follows the part (issue 19)
	u.fill("bill-policy", "80")
	if got := u.el("bill-total").Get("value").String(); got != "80.00" || u.has("bill-total-error") {
		t.Errorf("total after the part changed: %q (%q)", got, u.text("bill-form"))
	}
	// a total typed to differ from its parts is refused under it
	u.fill("bill-total", "70")
	if !u.has("bill-total-error") {
		t.Errorf("parts and total disagree without a word: %q", u.text("bill-form"))
	}
	u.fill("bill-total", "80")
	// the preview counts the saved bill's money back first: 张三 pays all 80 from his account
	if got := u.text("bill-lines"); !strings.Contains(got, "80.00 元") {
		t.Errorf("preview: %q", got)
	}
	u.submit("bill-form")
	if got := u.text("bill-reason-error"); !strings.Contains(got, "原因") {
		t.Fatalf("no reason asked: %q", got)
	}
	if lastMutation() != mutation.Settle {
		t.Fatal("saved without a reason")
	}
	u.fill("bill-reason", "按收据改金额")
	u.submit("bill-form")
	if u.has("bill-form") {
		t.Fatalf("form still open: %q", u.text("bill-form"))
	}
	if got := balance("张三"); got != "920.00" {
		t.Errorf("after the correction: %s, want 920.00", got)
	}
	it := client.TheStore().Book().Items[len(client.TheStore().Book().Items)-1]
	if it.Mutation.Name != mutation.AmendBill || !strings.Contains(string(it.Mutation.Args), "按收据改金额") ||
		!strings.Contains(string(it.Mutation.Args), `"target":"`+key+`"`) {
		t.Fatalf("last mutation: %s %s", it.Mutation.Name, it.Mutation.Args)
	}
	if strings.Contains(string(it.Mutation.Args), `"visit"`) {
		t.Errorf("the visit was not left to the original: %s", it.Mutation.Args)
	}
	if got := u.text("bills"); !strings.Contains(got, "已更正：原 50.00 元 → 现 80.00 元") || !strings.Contains(got, "已作废") {
		t.Errorf("bills: %q", got)
	}
	if got := u.text("corrections"); !strings.Contains(got, "更正账单：50.00 元 → 80.00 元") {
		t.Errorf("corrections: %q", got)
	}
	// 取消 closes the form and changes nothing
	bills := client.TheStore().Book().Bills()
	u.clickSel("bills", "[data-amend='"+bills[len(bills)-1].Key+"']")
	u.click("amend-cancel")
	if u.has("bill-form") || balance("张三") != "920.00" {
		t.Errorf("cancel: form %v, balance %s", u.has("bill-form"), balance("张三"))
	}
}

func TestVoidAPremiumAndACredit(t *testing.T) {
	u := mount(t, &ledgerPage{}, seed, func(t *testing.T) {
		st := client.TheStore()
		st.Do(mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.ResidentPremium}})
		o, err := st.Do(mutation.PayPremium, mutation.PremiumArgs{Insured: "王芳", Premium: engine.ResidentContribution, Amount: money.MustParse("400.00")})
		if err != nil || !o.Status.Applied() {
			t.Fatalf("premium: %v %+v", err, o)
		}
		if o, err := st.Do(mutation.Credit, mutation.CreditArgs{Person: "张三", Account: mutation.PersonalAccount,
			Amount: money.MustParse("20.00"), Memo: "药店退款"}); err != nil || !o.Status.Applied() {
			t.Fatalf("credit: %v %+v", err, o)
		}
	})
	if got := balance("张三"); got != "620.00" {
		t.Fatalf("before: %s", got)
	}
	pays := client.TheStore().Book().Payments()
	if len(pays) != 2 {
		t.Fatalf("%d payments listed", len(pays))
	}
	if got := u.text("payments"); !strings.Contains(got, "缴费：王芳 400.00 元") || !strings.Contains(got, "划入：张三") {
		t.Errorf("payments: %q", got)
	}
	// the premium: 作废 asks first; 取消 changes nothing
	u.clickSel("payments", "[data-void='"+pays[0].Key+"']")
	if !strings.Contains(u.text("payments"), "确定作废这一笔吗") {
		t.Fatalf("no confirmation: %q", u.text("payments"))
	}
	u.click("void-no")
	if balance("张三") != "620.00" || u.has("void-yes") {
		t.Fatal("cancel changed something")
	}
	u.clickSel("payments", "[data-void='"+pays[0].Key+"']")
	u.click("void-yes")
	if got := balance("张三"); got != "1020.00" {
		t.Fatalf("after voiding the premium: %s", got)
	}
	// the credit
	u.clickSel("payments", "[data-void='"+pays[1].Key+"']")
	u.click("void-yes")
	if got := balance("张三"); got != "1000.00" {
		t.Fatalf("after voiding the credit: %s", got)
	}
	if n := u.el("payments").Call("querySelectorAll", "li.voided").Length(); n != 2 {
		t.Errorf("%d voided entries: %q", n, u.text("payments"))
	}
	if u.el("payments").Call("querySelector", "[data-void]").Truthy() {
		t.Error("a voided entry still offers 作废")
	}
	for _, p := range client.TheStore().Book().Payments() {
		if p.VoidedBy == "" {
			t.Errorf("%s not voided", p.Key)
		}
	}
}

func TestRevokeAsksFirst(t *testing.T) {
	u := mount(t, &bindingsPage{}, seed, func(t *testing.T) {
		client.TheStore().Do(mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}})
	})
	u.clickSel("bindings", "button.revoke")
	if got := u.text("revoke-confirm"); !strings.Contains(got, "确定解除 张三 为 王芳 的共济绑定吗") {
		t.Fatalf("confirmation: %q", got)
	}
	if client.TheStore().Book().State.Bindings[0].Revoked != civil.Never || lastMutation() == mutation.Revoke {
		t.Fatal("revoked before the confirmation")
	}
	u.click("revoke-no")
	if u.has("revoke-confirm") || lastMutation() == mutation.Revoke {
		t.Fatal("取消 revoked or kept the question")
	}
	u.clickSel("bindings", "button.revoke")
	u.click("revoke-yes")
	if lastMutation() != mutation.Revoke {
		t.Fatalf("not revoked: %s", lastMutation())
	}
	if got := u.text("bindings"); !strings.Contains(got, "已解除") {
		t.Errorf("bindings: %q", got)
	}
	if client.TheStore().Book().State.Bindings[0].Revoked == civil.Never {
		t.Error("the binding is still in force")
	}
	if u.el("bindings").Call("querySelector", "button.revoke").Truthy() {
		t.Error("a revoked binding still offers 解除")
	}
}

func TestTransferAndItsArrival(t *testing.T) {
	u := mount(t, &withdrawPage{}, seed)
	u.choose("withdraw-person", "张三")
	u.choose("transfer-to", "310100")
	if u.has("transfer-record") {
		t.Fatal("record offered while the check refuses")
	}
	u.tick("transfer-stopped", true)
	u.tick("transfer-enrolled", true)
	u.fill("transfer-gap", "1")
	u.click("transfer-record")
	if got := u.text("transfer-saved"); !strings.Contains(got, "1000.00 元") || !strings.Contains(got, "在途") {
		t.Fatalf("saved: %q", got)
	}
	p := client.TheStore().Book().State.Person("张三")
	if p.Balance() != 0 || p.Region != "310100" {
		t.Fatalf("after the transfer: %s in %s", p.Balance(), p.Region)
	}
	if got := client.TheStore().Book().InTransit("张三").String(); got != "1000.00" {
		t.Fatalf("in transit: %s", got)
	}
	if got := u.text("transits"); !strings.Contains(got, "张三：1000.00 元 在途") {
		t.Errorf("transits: %q", got)
	}
	u.clickSel("transits", "button.arrive")
	if got := balance("张三"); got != "1000.00" {
		t.Fatalf("after arrival: %s", got)
	}
	if lastMutation() != mutation.TransferArrive || u.has("transits") || client.TheStore().Book().InTransit("张三") != 0 {
		t.Errorf("arrival: last %s, transits shown %v", lastMutation(), u.has("transits"))
	}
	if got := u.text("transfer-saved"); !strings.Contains(got, "已记录到账") {
		t.Errorf("arrival saved: %q", got)
	}
}

func TestTransferInsideGuangdongNeedsNoArrival(t *testing.T) {
	u := mount(t, &withdrawPage{}, func(t *testing.T) {
		client.TheStore().Do(mutation.AddPerson, mutation.PersonArgs{ID: "李四", Name: "李四", Region: "440100",
			Insurance: "employee", Status: "active", Account: 50000})
	})
	u.choose("withdraw-person", "李四")
	u.choose("transfer-to", "440300")
	u.tick("transfer-stopped", true)
	u.tick("transfer-enrolled", true)
	if got := u.text("transfer-check"); !strings.Contains(got, "T5") {
		t.Errorf("check: %q", got)
	}
	u.click("transfer-record")
	if got := u.text("transfer-saved"); !strings.Contains(got, "不需要等待到账") {
		t.Fatalf("saved: %q", got)
	}
	if lastMutation() != mutation.Transfer || balance("李四") != "500.00" || u.has("transits") {
		t.Errorf("T5: last %s, balance %s, transits %v", lastMutation(), balance("李四"), u.has("transits"))
	}
	if p := client.TheStore().Book().State.Person("李四"); p.Region != "440300" {
		t.Errorf("region %s", p.Region)
	}
}

func TestFamilyShowsTheBalanceInTransit(t *testing.T) {
	u := mount(t, &familyPage{}, seed, func(t *testing.T) {
		o, err := client.TheStore().Do(mutation.Transfer, mutation.TransferArgs{Person: "张三", ToRegion: "310100",
			OriginStopped: true, DestEnrolled: true})
		if err != nil || !o.Status.Applied() {
			t.Fatalf("transfer: %v %+v", err, o)
		}
	})
	row := u.el("people").Call("querySelector", "tr[data-person='张三']").Get("textContent").String()
	if !strings.Contains(row, "0.00 元 · 在途 1000.00 元") || !strings.Contains(row, "上海") {
		t.Errorf("张三: %q", row)
	}
}

// TestTransferPicksAnyRegion: 转移 offers the family page's region picker (province, city,
// county, search) and its usual regions come from the policy table: Xi'an, which has rows of
// its own, is among them.
func TestTransferPicksAnyRegion(t *testing.T) {
	u := mount(t, &withdrawPage{}, seed)
	for _, id := range []string{"transfer-to", "transfer-to-province", "transfer-to-search"} {
		if !u.has(id) {
			t.Errorf("no #%s", id)
		}
	}
	if !u.el("transfer-to").Call("querySelector", `option[value="610100"]`).Truthy() {
		t.Error("Xi'an (rows of its own in the policy table) is not offered")
	}
	u.choose("withdraw-person", "张三")
	u.choose("transfer-to-province", "430000")
	u.choose("transfer-to-city", "430400")
	u.choose("transfer-to-county", "430424")
	if got := u.text("transfer-to-name"); got != "湖南省衡阳市衡东县" {
		t.Errorf("chosen: %q", got)
	}
}
