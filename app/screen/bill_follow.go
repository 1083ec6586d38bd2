package screen

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// blank says whether no amount is typed: the form is new or was just saved, so it shows no
// split and no explanation (no ghost 「0.00 元」 beside 「已记入账本」).
func (c *billPage) blank() bool {
	return strings.TrimSpace(c.total+c.fund+c.policy+c.full) == ""
}

// followParts keeps the total equal to its parts when it was: a total that matched the parts
// before one of them changed follows them (editing one part recomputes the total); a total
// typed to differ stays, and the form says the parts do not add up. A total being typed in
// (its field has the focus) is the person's: writing it then would mix with their keys
// (「420.00420」).
func (c *billPage) followParts() {
	sum := c.sumText()
	if sum != "" && c.partsSum != "" && sum != c.partsSum && strings.TrimSpace(c.total) != "" && !focused("bill-total") {
		if t, err := parseYuan(c.total); err == nil && t.String() == c.partsSum {
			c.total = sum
			setInput("bill-total", sum)
		}
	}
	c.partsSum = sum
}

// key is the form as it stands (formKey): the last save's refusal goes once it changes.
func (c *billPage) key() string {
	return strings.Join([]string{c.patient, c.kind, c.category, c.total, c.fund, c.policy, c.full, c.date, c.clock, c.place,
		c.memo, c.amend.reason, flags(c.large, c.designated, c.wallet)}, "\x00")
}

// flags are a form's ticks as one text, for a form's key (a problem set for one key is about
// another form once the key changes: no old refusal stays under a new answer): "101".
func flags(bs ...bool) string {
	out := make([]byte, len(bs))
	for i, b := range bs {
		out[i] = '0'
		if b {
			out[i] = '1'
		}
	}
	return string(out)
}

// focused says whether the input with this id has the keyboard's focus.
func focused(id string) bool {
	el := app.Window().Get("document").Get("activeElement")
	return el.Truthy() && el.Get("id").String() == id
}

// setInput puts text in an input the DOM holds (go-app keeps the typed value, #1083).
func setInput(id, text string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Set("value", text)
	}
}
