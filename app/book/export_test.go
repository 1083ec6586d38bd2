package book

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/vocab"
)

func TestExportImportRoundTrip(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	l.FamilyName = "张家"
	do(t, e, l, mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}})
	do(t, e, l, mutation.Settle, bill("王芳", "80.00"))
	history := money.MustParse("300.00") // 历年账户, given later (Hangzhou splits the account)
	if o := do(t, e, l, mutation.EditPerson, mutation.EditPersonArgs{Person: "张三", AccountHistory: &history}); o.Status != mutation.Confirmed {
		t.Fatalf("edit_person account_history: %+v", o)
	}
	b := Build(e, l)
	data := l.Export(b, at)
	if !bytes.Contains(data, []byte(`"account_history":"300.00"`)) {
		t.Fatal("the export has no prior-years balance 300.00")
	}
	got, err := Import(data, "zh", func(l *Local) *Book { return Build(e, l) })
	if err != nil {
		t.Fatal(err)
	}
	if p := Build(e, got).State.Person("张三"); !p.HasHistory || p.AccountHistory != history || p.Balance() != money.MustParse("920.00") {
		t.Errorf("imported 张三: prior-years %s (given %t), balance %s", p.AccountHistory, p.HasHistory, p.Balance())
	}
	if got.ClientID != l.ClientID || got.LastID != l.LastID || got.FamilyName != "张家" || got.Family != "" {
		t.Errorf("imported document: %+v", got)
	}
	a, _ := json.Marshal(LedgerOf(b).People)
	c, _ := json.Marshal(LedgerOf(Build(e, got)).People)
	if !bytes.Equal(a, c) {
		t.Errorf("balances differ:\n%s\n%s", a, c)
	}
	// the re-exported file is the same apart from the sync states of the rows
	again := got.Export(Build(e, got), at)
	if !bytes.Equal(money2json(decodeExport(t, again).Ledger), money2json(decodeExport(t, data).Ledger)) {
		t.Error("re-export differs")
	}
	// a file whose ledger does not follow from its log is refused
	bad := bytes.Replace(data, []byte(`"amount":"-80.00"`), []byte(`"amount":"-81.00"`), 1)
	if bytes.Equal(bad, data) {
		t.Fatal("test file has no -80.00 posting")
	}
	if _, err := Import(bad, "zh", func(l *Local) *Book { return Build(e, l) }); !errors.Is(err, ErrLedgerDiffers) {
		t.Errorf("changed ledger: %v", err)
	}
	if _, err := Import([]byte(`{"format":"other"}`), "zh", nil); !errors.Is(err, ErrNotExport) {
		t.Errorf("another file: %v", err)
	}
	// issue 18: the file is read by the strict reader, whatever follows or repeats in it
	for name, changed := range map[string][]byte{
		"a stray } after the file":  append(bytes.TrimSpace(bytes.Clone(data)), '}'),
		"a second family name":      bytes.Replace(data, []byte(`"family_name":`), []byte(`"family_name":"李家","family_name":`), 1),
		"an escaped NUL in the log": bytes.Replace(data, []byte(`"name":"王芳"`), []byte(`"name":"王芳\u0000"`), 1),
	} {
		if bytes.Equal(changed, data) {
			t.Fatalf("%s: the test file did not change", name)
		}
		if _, err := Import(changed, "zh", func(l *Local) *Book { return Build(e, l) }); !errors.Is(err, ErrNotExport) {
			t.Errorf("%s: %v, want %v", name, err, ErrNotExport)
		}
	}
}

func decodeExport(t *testing.T, data []byte) Export {
	var x Export
	if err := json.Unmarshal(data, &x); err != nil {
		t.Fatal(err)
	}
	return x
}

func TestCSVOpensInSpreadsheets(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	do(t, e, l, mutation.AddPerson, person("=SUM(1)", family.Employee, "5.00"))
	data := CSV(Build(e, l), "zh", func(kind, key string) string { return key })
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Fatal("no byte order mark")
	}
	body := string(data[3:])
	if strings.Count(body, "\r\n") != strings.Count(body, "\n") {
		t.Error("a line ends without CR")
	}
	for _, line := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if !strings.HasPrefix(line, `"`) || !strings.HasSuffix(line, `"`) {
			t.Errorf("unquoted field in %q", line)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(vocab.CSVHeader(true), ",") || len(rows) != 3 {
		t.Fatalf("rows: %q", rows)
	}
	if r := rows[1]; r[0] != "L1.1" || r[3] != "张三" || r[4] != "account" || r[5] != "opening" || r[8] != "1000.00" || r[9] != "1000.00" ||
		r[12] != "2026-03-02" || r[13] != "2026-03-02T10:00:00+08:00" {
		t.Errorf("opening row: %q", r)
	}
	if r := rows[2]; r[3] != "'=SUM(1)" {
		t.Errorf("a formula-like name: %q", r[3])
	}
}

// The CSV answers "what happened": a bill recorded on 12月7日 for a visit on 12月6日 is dated
// by the visit, names its patient and place, and every row has its own number to quote.
func TestCSVSaysWhatHappened(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	do(t, e, l, mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical},
		Created: civil.DateOf(at.Add(-60 * 24 * time.Hour))})
	b := bill("王芳", "80.00")
	b.Visit = at.Add(-20 * time.Hour) // the day before, at 14:00
	b.Place = "社区卫生服务中心"
	if o := do(t, e, l, mutation.Settle, b); !o.Status.Applied() {
		t.Fatalf("bill: %+v", o)
	}
	data := CSV(Build(e, l), "zh", func(kind, key string) string {
		if kind == "date" {
			return "day " + key
		}
		return key
	})
	rows, err := csv.NewReader(strings.NewReader(string(data[3:]))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	refs := map[string]bool{}
	var billRow []string
	for _, r := range rows[1:] {
		if refs[r[0]] {
			t.Errorf("number %s twice", r[0])
		}
		refs[r[0]] = true
		if r[5] == "settle" {
			billRow = r
		}
	}
	if billRow == nil || billRow[1] != "day 2026-03-01" || billRow[2] != "14:00" || billRow[6] != "王芳" ||
		billRow[7] != "社区卫生服务中心" || billRow[8] != "-80.00" || billRow[12] != "2026-03-01" {
		t.Errorf("the bill's row: %q", billRow)
	}
}

func TestRemindersForAPendingTransferAndARelationshipTransfer(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	do(t, e, l, mutation.AddPerson, mutation.PersonArgs{ID: "小明", Name: "小明", Region: "330100",
		Insurance: family.Resident, Status: family.Active, WalletOpen: true})
	do(t, e, l, mutation.Link, mutation.LinkArgs{Person: "小明", Of: "张三", Relation: family.Child})
	if o := do(t, e, l, mutation.WalletTransfer, mutation.WalletTransferArgs{From: "张三", To: "小明",
		Amount: 10000, Source: family.FromAccount}); !o.Status.Applied() {
		t.Fatalf("transfer: %+v", o)
	}
	b := Build(e, l)
	// at is 10:00 UTC+8: the refund comes at 06:00 the next morning, 20 hours later
	rs := b.Reminders(e, at)
	if len(rs) != 1 || rs[0].Kind != AcceptTransfer || rs[0].Person != "小明" || rs[0].Left != 20*time.Hour {
		t.Fatalf("reminders at 10:00: %+v", rs)
	}
	rs = b.Reminders(e, at.Add(21*time.Hour))
	if len(rs) != 1 || rs[0].Kind != RefundDue || rs[0].Person != "张三" {
		t.Fatalf("reminders after 06:00: %+v", rs)
	}
}

func TestTransferDeadlineSkipsNationalDay(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	m, o, err := l.Try(e, Build(e, l), mutation.Transfer, mutation.TransferArgs{Person: "张三", ToRegion: "440300",
		OriginStopped: true, DestEnrolled: true}, time.Date(2026, 9, 28, 10, 0, 0, 0, civil.Zone()))
	if err != nil || !o.Status.Applied() {
		t.Fatalf("transfer: %v %+v", err, o)
	}
	l.Queue(m)
	b := Build(e, l)
	rs := b.Reminders(e, time.Date(2026, 9, 29, 9, 0, 0, 0, civil.Zone()))
	if len(rs) != 1 || rs[0].Kind != TransferDue {
		t.Fatalf("reminders: %+v", rs)
	}
	// 10 working days from Monday 28 September 2026: 29, 30 September, then 8, 9, 10 (a
	// Saturday worked), 12-16 October; 5 more from there
	if rs[0].OriginDue != civil.MustDate("2026-10-16") || rs[0].DestDue != civil.MustDate("2026-10-23") || !rs[0].Known {
		t.Errorf("deadlines %s, %s (known %v)", rs[0].OriginDue, rs[0].DestDue, rs[0].Known)
	}
	if rs := b.Reminders(e, time.Date(2026, 10, 24, 9, 0, 0, 0, civil.Zone())); len(rs) != 0 {
		t.Errorf("after the last deadline: %+v", rs)
	}
}

func TestFlowsCountWalletTransfersAndMutualAid(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	do(t, e, l, mutation.AddPerson, mutation.PersonArgs{ID: "小明", Name: "小明", Region: "330100",
		Insurance: family.Resident, Status: family.Active, WalletOpen: true})
	do(t, e, l, mutation.Link, mutation.LinkArgs{Person: "小明", Of: "张三", Relation: family.Child})
	do(t, e, l, mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}})
	do(t, e, l, mutation.Settle, bill("王芳", "80.00"))
	do(t, e, l, mutation.WalletTransfer, mutation.WalletTransferArgs{From: "张三", To: "小明", Amount: 10000, Source: family.FromAccount})
	fs := Build(e, l).Flows()
	want := []Flow{
		{Year: 2026, Month: 3, From: "张三", To: "王芳", Kind: MutualAid, Amount: 8000},
		{Year: 2026, Month: 3, From: "张三", To: "小明", Kind: Wallet, Amount: 10000},
	}
	sort.Slice(want, func(i, j int) bool { return want[i].To < want[j].To })
	if !reflect.DeepEqual(fs, want) {
		t.Errorf("flows %+v, want %+v", fs, want)
	}
	if ys := Years(fs); len(ys) != 1 || ys[0] != 2026 {
		t.Errorf("years %v", ys)
	}
}

// TestFlowsFollowCorrections: a voided bill no longer counts in the year view, as its
// postings were reversed.
func TestFlowsFollowCorrections(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	do(t, e, l, mutation.Bind, mutation.BindArgs{Authorizer: "张三", Beneficiary: "王芳", Scopes: []family.Scope{family.Medical}})
	do(t, e, l, mutation.Settle, bill("王芳", "80.00"))
	do(t, e, l, mutation.Settle, bill("王芳", "20.00"))
	b := Build(e, l)
	bills := b.Bills()
	if fs := b.Flows(); len(fs) != 1 || fs[0].Amount != 10000 {
		t.Fatalf("flows before the void %+v, want 100.00 in one flow", fs)
	}
	do(t, e, l, mutation.Void, mutation.VoidArgs{Target: bills[0].Key})
	if fs := Build(e, l).Flows(); len(fs) != 1 || fs[0].Amount != 2000 {
		t.Errorf("flows after voiding the 80.00 bill %+v, want 20.00", fs)
	}
}

// TestMovedSince: a slip's balance can be checked only against the last bill on the account.
func TestMovedSince(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	do(t, e, l, mutation.Settle, bill("张三", "80.00"))
	do(t, e, l, mutation.Settle, bill("张三", "20.00"))
	b := Build(e, l)
	bills := b.Bills()
	if len(bills) != 2 {
		t.Fatalf("bills %+v", bills)
	}
	if !b.MovedSince(bills[0].Key, "张三") {
		t.Error("the first bill: a later bill moved the account, want true")
	}
	if b.MovedSince(bills[1].Key, "张三") {
		t.Error("the last bill: nothing moved since, want false")
	}
}
