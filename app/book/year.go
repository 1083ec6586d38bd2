package book

import (
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/order"
)

// FlowKind is how one relative's money went to another.
type FlowKind string

// Flow kinds the year view counts.
const (
	MutualAid FlowKind = "mutual_aid" // a 共济 line of a bill or a premium
	Wallet    FlowKind = "wallet"     // a 医保钱包 transfer, pending or accepted (not refunded)
)

// Flow is money of one person that paid for, or went to, another in one month.
type Flow struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Year, Month int
	From, To    family.PersonID
	Kind        FlowKind
	Amount      money.Amount
}

// Flows lists, per month, payer, receiver and kind, the 共济 lines of the bills and premiums
// that stand (not voided; an amended bill or a recorded slip in place of the one it
// corrects) and the wallet transfers not refunded, in order of year, month, payer, receiver,
// kind.
func (b *Book) Flows() []Flow {
	type key struct {
		y, m     int
		from, to family.PersonID
		k        FlowKind
	}
	sum := map[key]money.Amount{}
	add := func(at time.Time, lines []engine.Payment, to family.PersonID) {
		t := at.In(civil.Zone())
		for _, l := range lines {
			if l.Source == engine.MutualAid {
				sum[key{t.Year(), int(t.Month()), l.Payer, to, MutualAid}] += l.Amount
			}
		}
	}
	// bills as they stand: an amended bill or a recorded slip replaces the one it corrects,
	// and a voided one counts no more (its postings were reversed)
	for _, bill := range b.Bills() {
		if bill.VoidedBy == "" {
			add(bill.At, bill.Split.Lines, bill.Patient)
		}
	}
	for _, l := range b.Lines() { // premiums as they stand
		if l.Class == mutation.ClassPremium && l.Split != nil && l.Standing() && l.Item >= 0 {
			add(l.At, l.Split.Lines, l.Person)
		}
	}
	for _, tr := range b.State.Transfers {
		if tr.State == family.Refunded {
			continue
		}
		t := tr.At.In(civil.Zone())
		sum[key{t.Year(), int(t.Month()), tr.From, tr.To, Wallet}] += tr.Amount
	}
	out := make([]Flow, 0, len(sum))
	for k, v := range sum {
		out = append(out, Flow{Year: k.y, Month: k.m, From: k.from, To: k.to, Kind: k.k, Amount: v})
	}
	order.Sort(len(out), func(i, j int) bool {
		x, y := out[i], out[j]
		switch {
		case x.Year != y.Year:
			return x.Year < y.Year
		case x.Month != y.Month:
			return x.Month < y.Month
		case x.From != y.From:
			return x.From < y.From
		case x.To != y.To:
			return x.To < y.To
		}
		return x.Kind < y.Kind
	}, func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// Years lists the years that have flows, oldest first.
func Years(fs []Flow) []int {
	var ys []int
	for _, f := range fs {
		if len(ys) == 0 || ys[len(ys)-1] != f.Year {
			ys = append(ys, f.Year)
		}
	}
	return ys
}
