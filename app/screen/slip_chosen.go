package screen

import "gongji/app/book"

// chosenBill is the bill the slip panel's picker holds, in full under it (a closed <select>
// cannot wrap, and at 200% text it shows 「李明 45.80 …」): 李明 · 45.80 元 · 2026年12月7日 10:00.
func chosenBill(bills []book.Bill, key string) string {
	for _, b := range bills {
		if b.Key == key && key != "" {
			return personName(b.Patient) + " · " + yuan(b.Total) + " · " + shortTime(b.At)
		}
	}
	return ""
}
