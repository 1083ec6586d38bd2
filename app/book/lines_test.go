package book

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"gongji/shared/engine"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// TestLinesOnePerChange: the ledger view has one line per change of the log and queue (and
// per monthly credit), each line's postings are what its change moved, balances run per
// account, and the export carries the lines for programs.
func TestLinesOnePerChange(t *testing.T) {
	e := engine.Default()
	w := newWorld(t, e)
	owner := w.devices[0]
	w.now = time.Date(2026, 1, 31, 10, 0, 0, 0, at.Location())
	w.make(t, owner, mutation.Settle, `{"patient":"wang","place":"社区医院","institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"150.00","policy_self_pay":"150.00","category":"drug"}}`)
	w.push(t, owner)
	w.make(t, owner, mutation.Credit, `{"person":"chen","account":"wallet","amount":"20.00"}`) // queued
	b := Build(e, owner.l)
	lines := b.Lines()
	items, credits := 0, 0
	var bill *Line
	for i := range lines {
		l := &lines[i]
		switch {
		case l.Name == "monthly_credit":
			credits++
		default:
			items++
		}
		if l.Class == mutation.ClassBill && l.Place == "社区医院" {
			bill = l
		}
	}
	if items != len(b.Items) || credits == 0 {
		t.Fatalf("%d lines for %d items, %d credits", items, len(b.Items), credits)
	}
	if bill == nil || bill.Person != "wang" || bill.Split == nil || bill.Total != money.MustParse("150.00") || bill.State != Confirmed || len(bill.Postings) == 0 {
		t.Fatalf("the bill's line: %+v", bill)
	}
	var x Export
	if err := json.Unmarshal(owner.l.Export(b, w.now), &x); err != nil {
		t.Fatal(err)
	}
	if len(x.Ledger.Lines) != len(lines) || !strings.Contains(string(owner.l.Export(b, w.now)), `"class":"bill"`) {
		t.Errorf("the export has %d lines, want %d", len(x.Ledger.Lines), len(lines))
	}
}
