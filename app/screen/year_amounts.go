package screen

import (
	"strconv"

	"gongji/app/book"
	"gongji/shared/family"
	"gongji/shared/money"
)

// The year chart with its amounts (issue 19): each month's total over its column and each
// payer's year total in the legend, so the chart says how much, not only how it compares.

// paidBy is what p paid for or sent to relatives in fs.
func paidBy(fs []book.Flow, p family.PersonID) money.Amount {
	var t money.Amount
	for _, f := range fs {
		if f.From == p {
			t += f.Amount
		}
	}
	return t
}

// monthTotal is a month's flows summed over the payers.
func monthTotal(m map[family.PersonID]money.Amount) money.Amount {
	var t money.Amount
	for _, a := range m {
		t += a
	}
	return t
}

// wholeYuan is an amount rounded to whole yuan for a chart label: 80, 1235.
func wholeYuan(a money.Amount) string {
	return strconv.FormatInt((a.Fen()+50)/100, 10)
}
