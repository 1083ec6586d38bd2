package screen

import (
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/civil"
	"gongji/shared/family"
)

// dataPage (数据) gives the family its data: the whole family (log and ledger) as one JSON
// file, the ledger as CSV for Excel and WPS, and the JSON read back on a new device with no
// server.
type dataPage struct {
	_ incomparable
	pageBase
	done, prob string
}

func (c *dataPage) Render() app.UI {
	st := client.TheStore()
	fresh := len(st.Local.Confirmed) == 0 && len(st.Local.Pending) == 0
	return page(PathData, "data.title",
		el("section.card",
			eltr("h2", "data.export"),
			eltr("p.note", "data.export.note"),
			el("div.actions",
				button("export-json", "", st.T("data.json"), c.exportJSON),
				button("export-csv", "secondary", st.T("data.csv"), c.exportCSV),
			),
		),
		el("section.card",
			eltr("h2", "data.import"),
			eltr("p.note", "data.import.note"),
			paraIf(!fresh, "import-not-fresh", "warning", st.T("data.import.used")),
			field(st.T("data.file"), elem("input#import-file[type=file][accept=.json,application/json]").Attr("disabled", !fresh)),
			elemt("button#import-json", st.T("data.import.do")).Attr("disabled", !fresh).OnClick(c.importJSON),
		),
		paraIf(c.done != "", "data-done", "ok", c.done),
		note("data-error", c.prob),
	)
}

// fileStem is the files' name: 共济-张家-2026-03-02.
func fileStem() string {
	st := client.TheStore()
	name := st.Local.FamilyName
	if name == "" {
		name = st.T("app.name")
	}
	return st.T("app.name") + "-" + name + "-" + civil.DateOf(st.Now()).String()
}

func (c *dataPage) exportJSON(ctx app.Context, e app.Event) {
	st := client.TheStore()
	client.Download(fileStem()+".json", "application/json", st.Local.Export(st.Book(), st.Now()))
	c.done, c.prob = st.T("data.exported"), ""
}

func (c *dataPage) exportCSV(ctx app.Context, e app.Event) {
	st := client.TheStore()
	client.Download(fileStem()+".csv", "text/csv;charset=utf-8", book.CSV(st.Book(), st.Lang(), csvWords))
	c.done, c.prob = st.T("data.exported"), ""
}

// csvWords names people, accounts, entry kinds and states in the CSV.
func csvWords(kind, key string) string {
	st := client.TheStore()
	switch kind {
	case "person":
		return personName(family.PersonID(key))
	case "account":
		return st.T("col." + key)
	case "entry":
		return st.T("entry." + key)
	case "state":
		return stateText(book.ItemState(key))
	case "date":
		if d, err := civil.ParseDate(key); err == nil {
			return day(d)
		}
	case "device":
		return deviceName(key)
	}
	return key
}

// deviceName is a device as the family knows it: its person's name, else the name it joined
// with, else 本机 for this device.
func deviceName(id string) string {
	st := client.TheStore()
	if id == "" || id == st.Local.Device {
		return st.T("device.this")
	}
	if p := st.Book().State.DevicePerson(id); p != "" {
		return personName(p)
	}
	for _, d := range st.Local.Devices {
		if d.ID == id {
			return d.Name
		}
	}
	return st.T("device.other")
}

func (c *dataPage) importJSON(ctx app.Context, e app.Event) {
	st := client.TheStore()
	c.done, c.prob = "", ""
	client.ReadFile("import-file", func(data []byte) {
		ctx.Dispatch(func(ctx app.Context) {
			if data == nil {
				c.prob = st.T("data.nofile")
				return
			}
			c.load(ctx, data)
		})
	})
}

// load replaces the empty document of this device with the file's family.
func (c *dataPage) load(ctx app.Context, data []byte) {
	st := client.TheStore()
	l, err := book.Import(data, st.Lang(), func(l *book.Local) *book.Book { return book.Build(st.Engine(), l) })
	switch {
	case errors.Is(err, book.ErrLedgerDiffers):
		c.prob = st.T("data.differs")
		return
	case err != nil:
		c.prob = st.T("data.notexport")
		return
	}
	st.Local = l
	st.Rebuild()
	if err := st.Save(); err != nil {
		c.prob = st.T("err.storage")
		return
	}
	c.done = st.T("data.imported")
	client.TheStore().Redraw(ctx)
}
