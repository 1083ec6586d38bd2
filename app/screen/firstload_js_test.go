//go:build js && wasm

package screen

import (
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
)

// 家庭's first mount is what the first screen shows (the title and the intro); the person
// form, the region picker's lists and the relations come in the steps after it (showInSteps),
// and once go-app has run them all everything is there.
func TestFamilyMountsInSteps(t *testing.T) {
	app.Window().Get("localStorage").Call("clear")
	client.TheStore().Reset(client.BrowserStorage(), func() time.Time { return testNow })
	u := &ui{t: t, e: app.NewTestEngine()}
	page := &familyPage{}
	if err := u.e.Load(page); err != nil {
		t.Fatal(err)
	}
	if !u.has("intro") {
		t.Fatal("the first mount has no intro")
	}
	for _, id := range []string{"person-form", "relations"} {
		if u.has(id) {
			t.Errorf("#%s is in the first mount", id)
		}
	}

	u.e.ConsumeAll()
	if page.shown != familySteps {
		t.Errorf("shown %d after go-app ran everything, want %d", page.shown, familySteps)
	}
	for _, id := range []string{"intro", "person-form", "person-region", "person-insurance", "person-save", "relations"} {
		if !u.has(id) {
			t.Errorf("no #%s once every step has mounted", id)
		}
	}
	// the usual regions and the provinces are listed in full, not only the current choice
	for _, id := range []string{"person-region", "person-region-province"} {
		if n := u.el(id).Get("options").Length(); n < 30 {
			t.Errorf("#%s has %d options once every step has mounted", id, n)
		}
	}
}

// While the picker is short, each list holds the current choice only, and the code it names
// is the same as in the full lists.
func TestShortPickerListsTheChoiceOnly(t *testing.T) {
	cases := []struct {
		name, code string
		province   string // the province select's value
	}{
		{"nothing chosen", "", ""},
		{"a city", "330100", "330000"},
		{"a county", "430424", "430000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := &pickerHost{code: tc.code}
			c.picker.short = true
			u := mount(t, c)
			if n := u.el("p-region").Get("options").Length(); n != 1 {
				t.Errorf("%d usual options, want 1", n)
			}
			short := u.el("p-region").Get("value").String()
			if tc.code != "" && short != tc.code {
				t.Errorf("usual select reads %q, want %q", short, tc.code)
			}
			if got := u.el("p-region-province").Get("value").String(); tc.province != "" && got != tc.province {
				t.Errorf("province select reads %q, want %q", got, tc.province)
			}
			u.click("p-full")
			if n := u.el("p-region").Get("options").Length(); n < 30 {
				t.Errorf("%d usual options once full", n)
			}
			if got := u.el("p-region").Get("value").String(); got != short {
				t.Errorf("once full the usual select reads %q, short it read %q", got, short)
			}
		})
	}
}

// pickerHost is a region picker alone on a page.
type pickerHost struct {
	app.Compo
	picker regionPicker
	code   string
}

func (c *pickerHost) Render() app.UI {
	c.picker.id = "p-region"
	return app.Div().Body(c.picker.render("地区", &c.code),
		button("p-full", "", "full", func(app.Context, app.Event) { c.picker.short = false }))
}
