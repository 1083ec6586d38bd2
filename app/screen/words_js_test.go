//go:build js && wasm

package screen

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/app/words"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// The screens speak in sentences: an error is shown under the input it is about, and no
// screen shows a region code, a machine date, a reason code or a field path.

func TestBillPartsThatDoNotAddUpAreExplainedUnderTheTotal(t *testing.T) {
	u := mount(t, &billPage{}, seed)
	u.choose("bill-patient", "王芳")
	u.fill("bill-fund", "10")
	u.fill("bill-policy", "10")
	u.fill("bill-total", "50")
	if got, want := u.text("bill-total-error"), words.ZH["field.bill.total"]; got != want {
		t.Errorf("under the total: %q, want %q", got, want)
	}
	if u.has("bill-preview-error") || u.has("bill-fund-error") {
		t.Errorf("the sentence shows elsewhere too: %q", u.text("bill-form"))
	}
	u.fill("bill-total", "20")
	if u.has("bill-total-error") {
		t.Errorf("still shown once the parts add up: %q", u.text("bill-total-error"))
	}
	u.fill("bill-full", "1.234")
	if got := u.text("bill-full-error"); got != words.ZH["money.decimals"] { // the mistake itself: three decimals
		t.Errorf("under full self-pay: %q", got)
	}
}

func TestRefusalsReadAsSentences(t *testing.T) {
	u := mount(t, &walletPage{}, seed)
	u.submit("wallet-form")
	if got := u.text("wallet-from-error"); got != words.ZH["field.from"] {
		t.Errorf("nobody chosen: %q", got)
	}
	u.choose("wallet-from", "张三")
	u.choose("wallet-to", "赵六")
	u.fill("wallet-amount", "100")
	u.submit("wallet-form")
	got := u.text("wallet-error")
	if !strings.Contains(got, words.ZH["code.RELATION_NOT_ALLOWED"]) {
		t.Errorf("a friend as recipient: %q", got)
	}
	if p := wordProblems(words.Chinese, u.text("wallet-form")); len(p) > 0 {
		t.Errorf("wallet form: %v", p)
	}
}

// scriptedRemote answers create and join with the error it is given.
type scriptedRemote struct {
	err error
}

func (r *scriptedRemote) Invite(client.Session) (string, error)         { return "", r.err }
func (r *scriptedRemote) Devices(client.Session) ([]book.Device, error) { return nil, r.err }
func (r *scriptedRemote) RevokeDevice(client.Session, string) error     { return r.err }
func (r *scriptedRemote) FamilyName(client.Session) (string, error)     { return "", r.err }
func (r *scriptedRemote) Push(client.Session, []syncwire.Mutation) (syncwire.PushResponse, error) {
	return syncwire.PushResponse{}, r.err
}
func (r *scriptedRemote) Pull(client.Session, int64) (syncwire.PullResponse, error) {
	return syncwire.PullResponse{}, r.err
}

func (r *scriptedRemote) Create(string, string) (client.Session, error) {
	return client.Session{}, r.err
}
func (r *scriptedRemote) Join(string, string) (client.Session, error) { return client.Session{}, r.err }

// settle lets the goroutines of ctx.Async run and their dispatches land.
func (u *ui) settle(done func() bool) {
	for i := 0; i < 100 && !done(); i++ {
		time.Sleep(5 * time.Millisecond)
		u.e.ConsumeAll()
	}
}

func TestSyncErrorsReadAsSentences(t *testing.T) {
	r := &scriptedRemote{}
	u := mount(t, &syncPage{}, func(*testing.T) { client.TheStore().UseRemote(r) })

	u.submit("create-form")
	u.settle(func() bool { return u.has("family-name-error") })
	if got := u.text("family-name-error"); got != words.ZH["field.name"] {
		t.Errorf("no family name: %q", got)
	}

	r.err = &client.HTTPError{Status: 404, Code: "invite_not_found", Field: "code", Detail: "unknown, used or expired invitation code"}
	u.fill("join-code", "ABCD-EFGH-JKLM")
	u.submit("join-form")
	u.settle(func() bool { return u.has("join-code-error") })
	if got := u.text("join-code-error"); got != words.ZH["http.invite_not_found"] {
		t.Errorf("a wrong code: %q", got)
	}

	r.err = &client.HTTPError{Detail: "TypeError: Failed to fetch"}
	u.submit("join-form")
	u.settle(func() bool { return u.has("sync-error") })
	if got := u.text("sync-error"); got != words.ZH["net.down"] {
		t.Errorf("offline: %q", got)
	}
	if u.has("join-code-error") {
		t.Error("the old sentence stayed under the code")
	}
}

// fullFamily is the family of the end-to-end proof and more: a son insured in 广州市天河区,
// his mother in 湖南省衡阳市衡东县, a Hangzhou household with a binding, a bill and a wallet
// transfer, the family on a server whose last round failed, and a change another device
// made that the server rejected.
func fullFamily(t *testing.T) {
	seed(t)
	st := client.TheStore()
	for _, a := range []mutation.PersonArgs{
		{ID: "儿子", Name: "儿子", Region: "440106", Insurance: "employee", Status: "active", Account: 50000},
		{ID: "妈妈", Name: "妈妈", Region: "430424", Insurance: "resident", Status: "active", WalletOpen: true},
		{ID: "小明", Name: "小明", Region: "330100", Insurance: "resident", Status: "active", WalletOpen: true},
	} {
		if _, err := st.Do(mutation.AddPerson, a); err != nil {
			t.Fatal(err)
		}
	}
	st.Do(mutation.Link, mutation.LinkArgs{Person: "妈妈", Of: "儿子", Relation: "parent"})
	st.Do(mutation.Link, mutation.LinkArgs{Person: "小明", Of: "张三", Relation: "child"})
	st.Do(mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}})
	st.Do(mutation.Settle, mutation.SettleArgs{Patient: "王芳", Institution: engine.Institution{Region: "330100", Kind: "clinic", Designated: true},
		Bill: engine.Bill{Total: 4000, PolicySelfPay: 4000, Category: engine.Treatment}})
	st.Do(mutation.WalletTransfer, mutation.WalletTransferArgs{From: "张三", To: "小明", Amount: 10000, Source: family.FromAccount})

	args, _ := json.Marshal(mutation.WalletTransferArgs{From: "儿子", To: "妈妈", Amount: 10000, Source: family.FromAccount})
	m := syncwire.Mutation{ClientID: "c_other", MutationID: 1, Name: mutation.WalletTransfer, At: testNow, Args: args}
	o, _ := mutation.Apply(st.Engine(), &st.Book().State, m.Intent(), m.At)
	if o.Status.Applied() {
		o = mutation.Outcome{Status: mutation.Rejected, Codes: []engine.Code{engine.WalletRegionNotEnabled}}
	}
	st.Local.Family, st.Local.Device, st.Local.Token, st.Local.FamilyName = "f_1", "d_1", "t", "张家"
	st.Local.Pulled(syncwire.PullResponse{Changes: []syncwire.Change{{Seq: 1, Device: "d_2", Mutation: m, Outcome: o}}, Cursor: 1, Head: 1})
	st.Rebuild()
	// no sync rounds while these screens are on display; the last one failed
	st.HoldSync(true, &client.HTTPError{Status: 503, Code: "unavailable"})
}

// TestScreensSpeakWords renders every screen for that family in both languages and reads
// what a person sees.
func TestScreensSpeakWords(t *testing.T) {
	// no change-notice stream while these screens are on display (fullFamily holds the rounds)
	app.Window().Call("eval", "globalThis.EventSource ??= class { addEventListener() {} close() {} }")
	pages := []func() app.Composer{
		func() app.Composer { return &familyPage{} }, func() app.Composer { return &bindingsPage{} },
		func() app.Composer { return &billPage{} }, func() app.Composer { return &walletPage{} },
		func() app.Composer { return &ledgerPage{} }, func() app.Composer { return &withdrawPage{} },
		func() app.Composer { return &syncPage{} }, func() app.Composer { return &remindersPage{} },
		func() app.Composer { return &dataPage{} },
	}
	for _, lang := range []string{words.Chinese, words.English} {
		for _, page := range pages {
			p := page()
			u := mount(t, p, func(*testing.T) { client.TheStore().Local.Lang = lang }, fullFamily)
			text := app.Window().Get("document").Get("body").Get("textContent").String()
			if lang == words.Chinese {
				// rule ids and source titles aside, a Chinese screen has no English: names
				// of sources are checked by the engine's own word tests
				text = stripCitations(text)
			}
			for _, prob := range wordProblems(lang, text) {
				t.Errorf("%s %T: %s", lang, p, prob)
			}
			if _, ok := p.(*syncPage); ok {
				items := u.text("sync-items")
				if !strings.Contains(items, words.T(lang, "code.WALLET_REGION_NOT_ENABLED")) || !strings.Contains(items, words.T(lang, "mut.wallet_transfer")) {
					t.Errorf("%s rejected item: %q", lang, items)
				}
				if got := u.text("sync-trouble"); got != words.T(lang, "http.unavailable") {
					t.Errorf("%s sync trouble: %q", lang, got)
				}
			}
			if _, ok := p.(*familyPage); ok && lang == words.Chinese {
				people := u.text("people")
				for _, want := range []string{"广东省广州市天河区", "湖南省衡阳市衡东县", "500.00 元"} {
					if !strings.Contains(people, want) {
						t.Errorf("people table lacks %q: %q", want, people)
					}
				}
			}
		}
	}
}

// stripCitations drops the text of source citations (titles of documents, some in English)
// from a screen's text.
func stripCitations(text string) string {
	doc := app.Window().Get("document")
	for _, sel := range []string{".source", "#lang-switch"} {
		els := doc.Call("querySelectorAll", sel)
		for i := 0; i < els.Length(); i++ {
			text = strings.ReplaceAll(text, els.Index(i).Get("textContent").String(), " ")
		}
	}
	return text
}
