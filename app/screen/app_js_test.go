//go:build js && wasm

package screen

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
)

// These tests run in wasm under Node with a jsdom window (build/jsdom): components mount,
// take input and clicks, and save to localStorage as in a browser.

var testNow = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

type ui struct {
	t *testing.T
	e app.TestEngine
}

func mount(t *testing.T, c app.Composer, seeds ...func(*testing.T)) *ui {
	t.Helper()
	app.Window().Get("localStorage").Call("clear")
	client.TheStore().Reset(client.BrowserStorage(), func() time.Time { return testNow })
	for _, s := range seeds {
		s(t)
	}
	u := &ui{t: t, e: app.NewTestEngine()}
	if err := u.e.Load(c); err != nil {
		t.Fatal(err)
	}
	u.e.ConsumeAll()
	return u
}

func (u *ui) el(id string) app.Value {
	u.t.Helper()
	v := app.Window().GetElementByID(id)
	if !v.Truthy() {
		u.t.Fatalf("no element #%s", id)
	}
	return v
}

func (u *ui) event(v app.Value, name string) {
	ev := app.Window().Get("Event").New(name, map[string]any{"bubbles": true})
	v.Call("dispatchEvent", ev)
	u.e.ConsumeAll()
}

func (u *ui) fill(id, value string) {
	v := u.el(id)
	v.Set("value", value)
	u.event(v, "input")
}

func (u *ui) choose(id, value string) {
	v := u.el(id)
	v.Set("value", value)
	u.event(v, "change")
}

func (u *ui) tick(id string, on bool) {
	v := u.el(id)
	v.Set("checked", on)
	u.event(v, "change")
}

// submit sends the form's submit event (jsdom does not submit on a button's click).
func (u *ui) submit(id string) {
	ev := app.Window().Get("Event").New("submit", map[string]any{"bubbles": true, "cancelable": true})
	u.el(id).Call("dispatchEvent", ev)
	u.e.ConsumeAll()
}

func (u *ui) click(id string) {
	u.el(id).Call("click")
	u.e.ConsumeAll()
}

func (u *ui) text(id string) string { return u.el(id).Get("textContent").String() }

func (u *ui) has(id string) bool { return app.Window().GetElementByID(id).Truthy() }

func addPerson(u *ui, name, region, insurance, account string) {
	u.fill("person-name", name)
	u.choose("person-region", region)
	u.choose("person-insurance", insurance)
	if account != "" {
		u.fill("person-account", account)
	}
	u.submit("person-form")
}

func TestFamilyScreenAddsPeopleAndRelations(t *testing.T) {
	u := mount(t, &familyPage{})
	if !strings.Contains(u.text("wasm-status"), "") || u.el("wasm-status").Get("dataset").Get("status").String() != "ready" {
		t.Fatal("the shell did not mount in the client")
	}
	addPerson(u, "张三", "330100", "employee", "1000")
	addPerson(u, "王芳", "330100", "resident", "")
	rows := u.el("people").Call("querySelectorAll", "tbody tr")
	if n := rows.Length(); n != 2 {
		t.Fatalf("%d people rows, want 2", n)
	}
	if got := u.text("people"); !strings.Contains(got, "1000.00 元") || !strings.Contains(got, "杭州") {
		t.Errorf("people table: %q", got)
	}
	// the name input is empty again after saving (go-app #1083 workaround)
	if v := u.el("person-name").Get("value").String(); v != "" {
		t.Errorf("name input kept %q", v)
	}
	// a duplicate name is refused with a message
	addPerson(u, "张三", "330100", "employee", "")
	if !u.has("person-name-error") {
		t.Error("duplicate name accepted without an error")
	}
	u.choose("relation-person", "王芳")
	u.choose("relation-of", "张三")
	u.choose("relation-kind", "parent")
	u.submit("relation-form")
	if got := u.text("relations"); !strings.Contains(got, "王芳是张三的父亲或母亲") {
		t.Errorf("relations: %q", got)
	}
	// everything is in localStorage, and a new store reads it back
	saved := client.NewStore(client.BrowserStorage(), func() time.Time { return testNow })
	if n := len(saved.Book().State.People); n != 2 || len(saved.Book().State.Links) != 1 {
		t.Errorf("reloaded store: %d people, %d links", n, len(saved.Book().State.Links))
	}
}

// seed puts a Hangzhou family in the store: 张三 (employee, 1000.00), his mother 王芳 and a
// friend 赵六 (no close relation).
func seed(t *testing.T) {
	st := client.TheStore()
	for _, a := range []mutation.PersonArgs{
		{ID: "张三", Name: "张三", Region: "330100", Insurance: "employee", Status: "active", Account: 100000},
		{ID: "王芳", Name: "王芳", Region: "330100", Insurance: "resident", Status: "active"},
		{ID: "赵六", Name: "赵六", Region: "330100", Insurance: "resident", Status: "active"},
	} {
		if _, err := st.Do(mutation.AddPerson, a); err != nil {
			t.Fatal(err)
		}
	}
	st.Do(mutation.Link, mutation.LinkArgs{Person: "王芳", Of: "张三", Relation: "parent"})
	st.Do(mutation.Link, mutation.LinkArgs{Person: "赵六", Of: "张三", Relation: "other"})
}

func TestBindingScreenChecksLive(t *testing.T) {
	u := mount(t, &bindingsPage{}, seed)
	u.choose("bind-authorizer", "张三")
	u.choose("bind-beneficiary", "赵六")
	if u.el("bind-verdict").Get("dataset").Get("allowed").String() != "false" {
		t.Fatal("a friend was allowed")
	}
	exp := u.text("bind-explain")
	if !strings.Contains(exp, "B3") || !strings.Contains(u.text("bind-verdict"), "不能绑定") {
		t.Errorf("refusal without rule B3: %q", exp)
	}
	if !u.el("bind-save").Get("disabled").Bool() {
		t.Error("save enabled for a refused binding")
	}
	u.choose("bind-beneficiary", "王芳")
	if u.el("bind-verdict").Get("dataset").Get("allowed").String() != "true" {
		t.Fatalf("mother refused: %q", u.text("bind-explain"))
	}
	u.tick("scope-medical", false)
	if u.el("bind-verdict").Get("dataset").Get("allowed").String() != "false" || !strings.Contains(u.text("bind-explain"), "B8") {
		t.Errorf("no scope allowed: %q", u.text("bind-explain"))
	}
	u.tick("scope-medical", true)
	u.submit("bind-form")
	if got := u.text("bindings"); !strings.Contains(got, "张三 → 王芳") {
		t.Fatalf("bindings list: %q", got)
	}
	if n := len(client.TheStore().Book().State.Bindings); n != 1 {
		t.Fatalf("%d bindings in the book", n)
	}
}

func TestBillScreenSplitsAsYouType(t *testing.T) {
	u := mount(t, &billPage{}, seed, func(t *testing.T) {
		client.TheStore().Do(mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}})
	})
	u.choose("bill-patient", "王芳")
	u.fill("bill-policy", "80")
	lines := u.el("bill-lines").Call("querySelectorAll", "li")
	if lines.Length() < 1 || u.has("bill-cash") { // paid in full: no 「现金 0.00 元」 row
		t.Fatalf("split: %q", u.text("bill-lines"))
	}
	first := lines.Index(0).Get("dataset")
	if first.Get("payer").String() != "张三" || first.Get("source").String() != "mutual_aid" {
		t.Errorf("first line: %q", u.text("bill-lines"))
	}
	u.fill("bill-full", "20.5")
	if got := u.text("bill-cash"); got != "20.50 元" {
		t.Errorf("cash with full self-pay %q, want 20.50 元", got)
	}
	u.fill("bill-full", "1.234")
	if !u.has("bill-full-error") {
		t.Error("three decimals accepted")
	}
	u.fill("bill-full", "")
	u.submit("bill-form")
	if !u.has("bill-saved") {
		t.Fatal("bill not saved")
	}
	if got := client.TheStore().Book().State.Person("张三").Balance().String(); got != "920.00" {
		t.Errorf("张三's balance %s, want 920.00", got)
	}
	if v := u.el("bill-policy").Get("value").String(); v != "" {
		t.Errorf("amount kept %q after saving", v)
	}
}

func TestWalletScreenShowsLimitsAndTransfers(t *testing.T) {
	u := mount(t, &walletPage{}, seed, func(t *testing.T) {
		st := client.TheStore()
		st.Do(mutation.AddPerson, mutation.PersonArgs{ID: "小明", Name: "小明", Region: "330100", Insurance: "resident",
			Status: "active", WalletOpen: true})
		st.Do(mutation.Link, mutation.LinkArgs{Person: "小明", Of: "张三", Relation: "child"})
	})
	u.choose("wallet-from", "张三")
	if got := u.text("wallet-left"); !strings.Contains(got, "3 / 3") {
		t.Errorf("count left before any transfer: %q", got)
	}
	// 18:00 in UTC+8: the refund time is 06:00 the next morning
	if got := u.text("wallet-refund-at"); !strings.Contains(got, "2026年3月3日 06:00") {
		t.Errorf("refund time: %q", got)
	}
	u.choose("wallet-to", "赵六")
	u.fill("wallet-amount", "100")
	if !strings.Contains(u.text("wallet-check"), "W2") {
		t.Errorf("a friend as recipient: %q", u.text("wallet-check"))
	}
	u.choose("wallet-to", "小明")
	u.fill("wallet-amount", "2000.01")
	if !strings.Contains(u.text("wallet-check"), "W5") {
		t.Errorf("over the per-transfer limit: %q", u.text("wallet-check"))
	}
	u.fill("wallet-amount", "100")
	if !strings.Contains(u.text("wallet-check"), "可以办理") {
		t.Fatalf("transfer refused: %q", u.text("wallet-check"))
	}
	u.submit("wallet-form")
	if !u.has("wallet-sent") {
		t.Fatalf("not sent: %q", u.text("wallet-form"))
	}
	// the success message goes when the next entry starts
	u.fill("wallet-amount", "5")
	if u.has("wallet-sent") {
		t.Error("the last transfer's success message stays while the next is typed")
	}
	u.fill("wallet-amount", "")
	if got := u.text("wallet-left"); !strings.Contains(got, "2 / 3") {
		t.Errorf("count left after one transfer: %q", got)
	}
	li := u.el("transfers").Call("querySelector", "li")
	if li.Get("dataset").Get("state").String() != "pending" {
		t.Fatalf("transfer state %q", li.Get("dataset").Get("state").String())
	}
	li.Call("querySelector", "button.accept").Call("click")
	u.e.ConsumeAll()
	li = u.el("transfers").Call("querySelector", "li")
	if li.Get("dataset").Get("state").String() != "accepted" {
		t.Fatalf("after accept: %q", u.text("transfers"))
	}
	b := client.TheStore().Book().State
	if b.Person("小明").Wallet.Balance.String() != "100.00" || b.Person("张三").Balance().String() != "900.00" {
		t.Errorf("balances after accept: 小明 wallet %s, 张三 %s", b.Person("小明").Wallet.Balance, b.Person("张三").Balance())
	}
}

func TestWithdrawScreenAsksForAGround(t *testing.T) {
	u := mount(t, &withdrawPage{}, seed)
	u.choose("withdraw-person", "张三")
	if got := u.text("withdraw-check"); !strings.Contains(got, "不能办理") || !strings.Contains(got, "D2") {
		t.Errorf("no ground: %q", got)
	}
	u.choose("withdraw-ground", "voluntary_exit")
	if got := u.text("withdraw-check"); !strings.Contains(got, "不能办理") || !strings.Contains(got, "D1") {
		t.Errorf("voluntary exit is not a Hangzhou ground: %q", got)
	}
	u.choose("withdraw-ground", "emigration")
	if got := u.text("withdraw-check"); !strings.Contains(got, "可以办理") || !strings.Contains(got, "D3") {
		t.Errorf("emigration in Hangzhou: %q", got)
	}
	u.choose("transfer-to", "330100")
	if got := u.text("transfer-check"); !strings.Contains(got, "T2") {
		t.Errorf("transfer within the same city: %q", got)
	}
}

func TestLedgerAndSyncScreens(t *testing.T) {
	u := mount(t, &ledgerPage{}, seed, func(t *testing.T) {
		st := client.TheStore()
		st.Do(mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}})
		st.Do(mutation.Settle, mutation.SettleArgs{Patient: "王芳", Institution: engine.Institution{Region: "330100", Kind: "clinic", Designated: true},
			Bill: engine.Bill{Total: 4000, PolicySelfPay: 4000, Category: engine.Treatment}})
	})
	if got := u.text("year-summary"); !strings.Contains(got, "3月 · 张三 → 王芳 · 共济支付 40.00 元") {
		t.Errorf("year summary: %q", got)
	}
	stmt := u.el("statements").Call("querySelector", `[data-account="张三"]`)
	if !stmt.Truthy() {
		t.Fatalf("no statement for 张三's account: %q", u.text("statements"))
	}
	if got := stmt.Get("textContent").String(); !strings.Contains(got, "期初余额") || !strings.Contains(got, "-40.00 元") || !strings.Contains(got, "960.00 元") {
		t.Errorf("statement: %q", got)
	}
	if got := u.el("bills").Call("querySelector", "li").Get("dataset").Get("state").String(); got != "local" {
		t.Errorf("bill state before the family is on a server: %q", got)
	}
	v := mount(t, &syncPage{}, seed)
	if !v.has("create-form") || !v.has("join-form") {
		t.Fatal("no create or join form without a family")
	}
	if n := v.el("sync-items").Get("children").Length(); n != 5 {
		t.Errorf("%d items, want 5", n)
	}
}

func TestBindingsListWarnsAndRevokes(t *testing.T) {
	u := mount(t, &bindingsPage{}, func(t *testing.T) {
		st := client.TheStore()
		st.Do(mutation.AddPerson, mutation.PersonArgs{ID: "A", Name: "A", Region: "440300", Insurance: "employee", Status: "active", Tier: 1, Account: 100000})
		st.Do(mutation.AddPerson, mutation.PersonArgs{ID: "B", Name: "B", Region: "440300", Insurance: "resident", Status: "active"})
		st.Do(mutation.Link, mutation.LinkArgs{Person: "B", Of: "A", Relation: "child", CardLinked: true})
		if o, err := st.Do(mutation.Bind, mutation.BindArgs{Authorizer: "A", Beneficiary: "B",
			Scopes: []family.Scope{family.ResidentPremium}, Created: civil.MustDate("2022-05-01")}); err != nil || !o.Status.Applied() {
			t.Fatalf("legacy binding: %v %+v", err, o)
		}
	})
	li := u.el("bindings").Call("querySelector", "li")
	if !li.Call("querySelector", ".binding-invalid").Truthy() {
		t.Fatalf("no SZ5 warning: %q", u.text("bindings"))
	}
	li.Call("querySelector", "button.revoke").Call("click")
	u.e.ConsumeAll()
	u.click("revoke-yes") // 解除 asks first
	if got := u.text("bindings"); !strings.Contains(got, "已解除") || strings.Contains(got, "深圳2023年10月1日起的新规失效") {
		t.Errorf("after revoke: %q", got)
	}
}

// The region picker: province → city → county saves a county-level code, shown by its full
// name; the search finds a county by Chinese name and by pinyin.
func TestRegionPickerChoosesACounty(t *testing.T) {
	u := mount(t, &familyPage{})
	u.fill("person-name", "李四")
	u.choose("person-region-province", "430000")
	u.choose("person-region-city", "430400")
	u.choose("person-region-county", "430424")
	if got := u.text("person-region-name"); got != "湖南省衡阳市衡东县" {
		t.Errorf("chosen region reads %q", got)
	}
	u.choose("person-insurance", "resident")
	u.submit("person-form")
	p := client.TheStore().Book().State.Person("李四")
	if p == nil || p.Region != "430424" {
		t.Fatalf("saved person: %+v", p)
	}
	if got := u.text("people"); !strings.Contains(got, "湖南省衡阳市衡东县") {
		t.Errorf("people table: %q", got)
	}

	// a municipality: its districts come straight after the province
	u.choose("person-region-province", "110000")
	u.choose("person-region-city", "110105")
	if got := u.text("person-region-name"); got != "北京市朝阳区" || u.has("person-region-county") {
		t.Errorf("Beijing district reads %q", got)
	}

	for _, q := range []string{"衡东", "hengdong"} {
		u.fill("person-region-search", q)
		if got := u.text("person-region-results"); !strings.Contains(got, "湖南省衡阳市衡东县") {
			t.Fatalf("search %q: %q", q, got)
		}
	}
	u.click("person-region-hit-430424")
	if got := u.text("person-region-name"); got != "湖南省衡阳市衡东县" || u.has("person-region-results") {
		t.Errorf("after choosing the hit: %q", got)
	}
	if v := u.el("person-region-county").Get("value").String(); v != "430424" {
		t.Errorf("county select shows %q", v)
	}
	u.fill("person-region-search", "zzzz")
	if !strings.Contains(u.text("person-region-results"), "没有找到") {
		t.Errorf("no hit: %q", u.text("person-region-results"))
	}
	// a code typed in the search is taken as it is
	u.fill("person-region-search", "429004")
	u.choose("person-region-search", "429004")
	if got := u.text("person-region-name"); got != "湖北省仙桃市" {
		t.Errorf("typed code reads %q", got)
	}
	// the family's regions come first among the usual ones
	if v := u.el("person-region").Call("querySelector", "option").Get("value").String(); v != "429004" {
		t.Errorf("first usual region %q", v)
	}
}
