//go:build js && wasm

package screen

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"gongji/app/client"
	"gongji/app/words"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// Issue 20: who can pay for her. An invented family: 李明 employed in 广州市天河区, his mother
// 王秀英 with resident insurance in 湖南省衡阳市衡东县, his father 李建国 a retired employee in
// the same county.

var routesNow2026 = time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC) // 10:00 in China

// liFamily seeds the family; without the father when father is false.
func liFamily(father bool) func(*testing.T) {
	return func(t *testing.T) {
		st := client.TheStore()
		st.SetClock(func() time.Time { return routesNow2026 })
		people := []mutation.PersonArgs{
			{ID: "李明", Name: "李明", Region: "440106", Insurance: "employee", Status: "active", Account: money.MustParse("3000.00")},
			{ID: "王秀英", Name: "王秀英", Region: "430424", Insurance: "resident", Status: "active"},
		}
		links := []mutation.LinkArgs{{Person: "王秀英", Of: "李明", Relation: "parent"}}
		if father {
			people = append(people, mutation.PersonArgs{ID: "李建国", Name: "李建国", Region: "430424", Insurance: "employee",
				Status: "active", Retired: true, Account: money.MustParse("2000.00")})
			links = append(links, mutation.LinkArgs{Person: "李建国", Of: "李明", Relation: "parent"},
				mutation.LinkArgs{Person: "王秀英", Of: "李建国", Relation: "spouse"})
		}
		for _, a := range people {
			if o, err := st.Do(mutation.AddPerson, a); err != nil || !o.Status.Applied() {
				t.Fatalf("add %s: %v %+v", a.Name, err, o)
			}
		}
		for _, l := range links {
			if o, err := st.Do(mutation.Link, l); err != nil || !o.Status.Applied() {
				t.Fatalf("link %+v: %v %+v", l, err, o)
			}
		}
	}
}

// routeItem is the routes view's entry for a person under #root.
func (u *ui) routeOf(root, person string) (way, text string) {
	u.t.Helper()
	el := u.el(root).Call("querySelector", "li.route[data-person='"+person+"']")
	if !el.Truthy() {
		u.t.Fatalf("no route for %s in #%s: %q", person, root, u.text(root))
	}
	return el.Get("dataset").Get("way").String(), el.Get("textContent").String()
}

// readable is the view's text outside 依据 (where rule ids and sources are folded).
func (u *ui) readable(root string) string {
	c := u.el(root).Call("cloneNode", true)
	for {
		d := c.Call("querySelector", ".route-basis")
		if !d.Truthy() {
			break
		}
		d.Call("remove")
	}
	return c.Get("textContent").String()
}

func TestRefusedBindShowsWhoCanPayAndStartsTheFathersBinding(t *testing.T) {
	u := mount(t, &bindingsPage{}, liFamily(true))
	u.choose("bind-authorizer", "李明")
	u.choose("bind-beneficiary", "王秀英")
	if u.el("bind-verdict").Get("dataset").Get("allowed").String() != "false" {
		t.Fatal("the son's binding across provinces was allowed")
	}
	if got := u.text("bind-routes-title"); got != "谁能为王秀英付钱" {
		t.Errorf("title %q", got)
	}
	if way, text := u.routeOf("bind-routes", "李建国"); way != "can_bind" || !strings.Contains(text, "可以绑定") {
		t.Errorf("father: %s %q", way, text)
	}
	way, text := u.routeOf("bind-routes", "李明")
	if way != "none" || !strings.Contains(text, "不能") || !strings.Contains(text, "广东省在2026年12月7日还没有开通医保钱包") ||
		!strings.Contains(text, "须在同一省份参保") {
		t.Errorf("son: %s %q", way, text)
	}
	if p := wordProblems(words.Chinese, u.readable("bind-routes")); len(p) > 0 {
		t.Errorf("routes outside 依据: %v", p)
	}
	// 依据 has the rules and their sources
	if got := u.text("bind-routes-basis-李明"); !strings.Contains(got, "B4") || !strings.Contains(got, "W1") || !strings.Contains(got, "来源") {
		t.Errorf("依据: %q", got)
	}
	// a link that opens a reprint names its site beside it
	if site := u.el("bind-routes").Call("querySelector", ".source .site"); !site.Truthy() ||
		!strings.Contains(site.Get("textContent").String(), "转载：") {
		t.Errorf("no reprint named beside its link in 依据: %q", u.text("bind-routes"))
	}
	if got := u.text("bind-routes-basis-李建国"); !strings.Contains(got, "B1") || !strings.Contains(got, "来源") {
		t.Errorf("依据 of the father's binding lacks the checks that passed: %q", got)
	}
	// one tap fills the form with the father's binding, scope medical, and it is allowed
	u.clickSel("bind-routes", "button.route-start[data-person='李建国']")
	if a, b := u.el("bind-authorizer").Get("value").String(), u.el("bind-beneficiary").Get("value").String(); a != "李建国" || b != "王秀英" {
		t.Fatalf("form: %q → %q", a, b)
	}
	if !u.el("scope-medical").Get("checked").Bool() {
		t.Error("medical not ticked")
	}
	if u.el("bind-verdict").Get("dataset").Get("allowed").String() != "true" {
		t.Fatalf("the father's binding: %q", u.text("bind-check"))
	}
	if u.has("bind-routes") {
		t.Error("routes still shown under an allowed binding")
	}
	u.submit("bind-form")
	bs := client.TheStore().Book().State.Bindings
	if len(bs) != 1 || bs[0].Authorizer != "李建国" || bs[0].Beneficiary != "王秀英" {
		t.Fatalf("bindings: %+v", bs)
	}
}

func TestPersonPageSaysWhoCanPayForHer(t *testing.T) {
	u := mount(t, &familyPage{}, liFamily(true))
	if u.has("person-routes") {
		t.Fatal("routes before anyone is chosen")
	}
	u.choose("edit-person", "王秀英")
	if got := u.text("person-routes-title"); got != "谁能为王秀英付钱" {
		t.Errorf("title %q", got)
	}
	if way, _ := u.routeOf("person-routes", "李建国"); way != "can_bind" {
		t.Errorf("father: %s", way)
	}
	if way, _ := u.routeOf("person-routes", "李明"); way != "none" {
		t.Errorf("son: %s", way)
	}
	if u.has("person-routes-nobody") {
		t.Error("nobody, with the father able to bind")
	}
	if p := wordProblems(words.Chinese, u.readable("person-routes")); len(p) > 0 {
		t.Errorf("%v", p)
	}
	// once the father's binding is in force it reads 已绑定, with no button
	client.TheStore().Do(mutation.Bind, mutation.BindArgs{Authorizer: "李建国", Beneficiary: "王秀英", Scopes: []family.Scope{family.Medical}})
	u.choose("edit-person", "李明")
	u.choose("edit-person", "王秀英")
	if way, text := u.routeOf("person-routes", "李建国"); way != "bound" || !strings.Contains(text, "已绑定") {
		t.Errorf("father after binding: %s %q", way, text)
	}
	if u.el("person-routes").Call("querySelector", "button.route-start").Truthy() {
		t.Error("a button for a way already in force")
	}
	// English is complete
	client.TheStore().SetLang(words.English)
	u.choose("edit-person", "李明")
	u.choose("edit-person", "王秀英")
	if got := u.text("person-routes-title"); got != "Who can pay for 王秀英" {
		t.Errorf("English title %q", got)
	}
	if _, text := u.routeOf("person-routes", "李建国"); !strings.Contains(text, "already bound") {
		t.Errorf("English: %q", text)
	}
	if p := wordProblems(words.English, u.readable("person-routes")); len(p) > 0 {
		t.Errorf("English: %v", p)
	}
	client.TheStore().SetLang(words.Chinese)
}

func TestNobodyCanPaySaysWhatWouldChangeIt(t *testing.T) {
	u := mount(t, &familyPage{}, liFamily(false))
	u.choose("edit-person", "王秀英")
	got := u.text("person-routes-nobody")
	for _, want := range []string{"今天家里没有人能为王秀英付钱", "广东省开通医保钱包、王秀英开通自己的医保钱包后，李明就可以用医保钱包转钱给王秀英"} {
		if !strings.Contains(got, want) {
			t.Errorf("nobody: %q lacks %q", got, want)
		}
	}
}

func TestNobodyTodaySaysTheDayAWayOpens(t *testing.T) {
	// Jiangsu opened the wallet on 2025-09-18; a week before, a resident son with a wallet in
	// Nanjing cannot bind (no personal account) and cannot send yet
	u := mount(t, &familyPage{}, func(t *testing.T) {
		st := client.TheStore()
		st.SetClock(func() time.Time { return time.Date(2025, 9, 10, 2, 0, 0, 0, time.UTC) })
		for _, a := range []mutation.PersonArgs{
			{ID: "儿子", Name: "儿子", Region: "320102", Insurance: "resident", Status: "active", WalletOpen: true, Wallet: money.MustParse("100.00")},
			{ID: "妈妈", Name: "妈妈", Region: "320102", Insurance: "resident", Status: "active", WalletOpen: true},
		} {
			if o, err := st.Do(mutation.AddPerson, a); err != nil || !o.Status.Applied() {
				t.Fatalf("add %s: %v %+v", a.Name, err, o)
			}
		}
		st.Do(mutation.Link, mutation.LinkArgs{Person: "妈妈", Of: "儿子", Relation: "parent"})
	})
	u.choose("edit-person", "妈妈")
	got := u.text("person-routes-nobody")
	for _, want := range []string{"从2025年9月18日起，儿子就可以用医保钱包转钱给妈妈", "儿子参加职工医保、有了个人账户后，就可以为妈妈办理家庭共济绑定"} {
		if !strings.Contains(got, want) {
			t.Errorf("nobody: %q lacks %q", got, want)
		}
	}
	if p := wordProblems(words.Chinese, u.readable("person-routes")); len(p) > 0 {
		t.Errorf("%v", p)
	}
	client.TheStore().SetLang(words.English)
	defer client.TheStore().SetLang(words.Chinese)
	u.choose("edit-person", "儿子")
	u.choose("edit-person", "妈妈")
	got = u.text("person-routes-nobody")
	for _, want := range []string{"Nobody in the family can pay for 妈妈 today", "From 18 September 2025, 儿子 can send money to 妈妈's medical-insurance wallet",
		"Once 儿子 has employee medical insurance with a personal account"} {
		if !strings.Contains(got, want) {
			t.Errorf("English: %q lacks %q", got, want)
		}
	}
	if p := wordProblems(words.English, u.readable("person-routes")); len(p) > 0 {
		t.Errorf("English: %v", p)
	}
}

func TestRefusedTransferShowsWhoCanPay(t *testing.T) {
	u := mount(t, &walletPage{}, liFamily(true))
	u.choose("wallet-from", "李明")
	u.choose("wallet-to", "王秀英")
	u.fill("wallet-amount", "100")
	if way, _ := u.routeOf("wallet-routes", "李建国"); way != "can_bind" {
		t.Errorf("father: %s %q", way, u.text("wallet-routes"))
	}
	if way, text := u.routeOf("wallet-routes", "李明"); way != "none" || !strings.Contains(text, "广东省") {
		t.Errorf("son: %s %q", way, text)
	}
}

func TestRefusedTransferStartsTheWalletWayThatWorks(t *testing.T) {
	// a son in 杭州 and his mother in 南京 with her wallet open: no binding across provinces,
	// but his account can send to her wallet; a friend's transfer to her is refused
	u := mount(t, &walletPage{}, func(t *testing.T) {
		st := client.TheStore()
		for _, a := range []mutation.PersonArgs{
			{ID: "张三", Name: "张三", Region: "330100", Insurance: "employee", Status: "active", Account: money.MustParse("1000.00")},
			{ID: "王芳", Name: "王芳", Region: "320102", Insurance: "resident", Status: "active", WalletOpen: true},
			{ID: "赵六", Name: "赵六", Region: "330100", Insurance: "employee", Status: "active", Account: money.MustParse("500.00")},
		} {
			if o, err := st.Do(mutation.AddPerson, a); err != nil || !o.Status.Applied() {
				t.Fatalf("add %s: %v %+v", a.Name, err, o)
			}
		}
		st.Do(mutation.Link, mutation.LinkArgs{Person: "王芳", Of: "张三", Relation: "parent"})
		st.Do(mutation.Link, mutation.LinkArgs{Person: "赵六", Of: "张三", Relation: "other"})
	})
	u.choose("wallet-from", "赵六")
	u.choose("wallet-to", "王芳")
	u.fill("wallet-amount", "100")
	if way, text := u.routeOf("wallet-routes", "张三"); way != "wallet" || !strings.Contains(text, "可以用医保钱包转账") ||
		!strings.Contains(text, "张三可以从自己的个人账户转钱到王芳的医保钱包") {
		t.Fatalf("son: %s %q", way, text)
	}
	if way, _ := u.routeOf("wallet-routes", "赵六"); way != "none" {
		t.Errorf("friend: %s", way)
	}
	u.clickSel("wallet-routes", "button.route-start[data-person='张三']")
	if f, to, src := u.el("wallet-from").Get("value").String(), u.el("wallet-to").Get("value").String(),
		u.el("wallet-source").Get("value").String(); f != "张三" || to != "王芳" || src != "account" {
		t.Fatalf("form: %s → %s from %s", f, to, src)
	}
	if u.has("wallet-routes") {
		t.Errorf("routes still shown: %q", u.text("wallet-check"))
	}
	u.submit("wallet-form")
	ts := client.TheStore().Book().State.Transfers
	if len(ts) != 1 || ts[0].From != "张三" || ts[0].To != "王芳" {
		t.Fatalf("transfers: %+v (%q)", ts, u.text("wallet-form"))
	}
}

func TestARouteOpensTheOtherScreensFormFilledIn(t *testing.T) {
	bind := engine.Route{Person: "李建国", Binding: engine.BindingRoute{State: engine.RoutePossible}}
	q := mustQuery(t, routeURL(bind, "王秀英"), PathBindings)
	if q.Get("authorizer") != "李建国" || q.Get("beneficiary") != "王秀英" {
		t.Errorf("bind address: %v", q)
	}
	wallet := engine.Route{Person: "李明", Binding: engine.BindingRoute{State: engine.RouteRefused},
		Wallet: engine.WalletRoute{Possible: true, Source: family.FromWallet}}
	q = mustQuery(t, routeURL(wallet, "王秀英"), PathWallet)
	if q.Get("from") != "李明" || q.Get("to") != "王秀英" || q.Get("source") != "wallet" {
		t.Errorf("wallet address: %v", q)
	}
	// the wallet form takes what the address says
	u := mount(t, &walletPage{}, liFamily(true))
	var c walletPage
	c.fill("李明", "王秀英", "wallet")
	if c.from != "李明" || c.to != "王秀英" || c.source != "wallet" {
		t.Errorf("wallet fill: %+v", c)
	}
	c.fill("李明", "王秀英", "bogus")
	if c.source != "wallet" {
		t.Errorf("a bogus source was taken: %q", c.source)
	}
	_ = u
}

func mustQuery(t *testing.T, raw, path string) url.Values {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Path != path {
		t.Fatalf("address %q: %v", raw, err)
	}
	return u.Query()
}
