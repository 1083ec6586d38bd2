package book

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/strictjson"
	"gongji/shared/syncwire"
	"gongji/shared/vocab"
)

// ExportFormat names the family export file; ExportVersion is its version.
const (
	ExportFormat  = "gongji.family"
	ExportVersion = 1
	// MaxExportBytes bounds a file read for import (a family's log of many years is far less).
	MaxExportBytes = 32 << 20
)

// Export is the whole family as one JSON file: the log as pulled and this device's queue
// (everything needed to rebuild it), and the ledger those give (balances and every
// account's postings) for people and spreadsheets to read. Import rebuilds the ledger from
// the log and refuses the file unless it is the exported one, so the round trip is exact.
type Export struct {
	Format     string              `json:"format"`
	Version    int                 `json:"version"`
	ExportedAt time.Time           `json:"exported_at"`
	FamilyName string              `json:"family_name"`
	ClientID   string              `json:"client_id"`
	LastID     int64               `json:"last_id"`
	Confirmed  []syncwire.Change   `json:"log"`
	Pending    []syncwire.Mutation `json:"pending"`
	Ledger     Ledger              `json:"ledger"`
}

// Ledger is what the log gives: each person's balances, each account's statement, and the
// ledger view's lines (Book.Lines: one per thing that happened), for programs to read.
type Ledger struct {
	People   []Balance     `json:"people"`
	Accounts []AccountRows `json:"accounts"`
	Lines    []Line        `json:"lines"`
}

// Balance is one person's balances.
type Balance struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person  family.PersonID `json:"person"`
	Name    string          `json:"name"`
	Account money.Amount    `json:"account"`
	History money.Amount    `json:"account_history"`
	Wallet  money.Amount    `json:"wallet"`
}

// LedgerOf is the ledger of a book.
func LedgerOf(b *Book) Ledger {
	l := Ledger{People: []Balance{}, Accounts: b.Accounts(), Lines: b.Lines()}
	for _, p := range b.State.People {
		l.People = append(l.People, Balance{Person: p.ID, Name: p.Name, Account: p.Account,
			History: p.AccountHistory, Wallet: p.Wallet.Balance})
	}
	if l.Accounts == nil {
		l.Accounts = []AccountRows{}
	}
	return l
}

// Export is the family file of this device at now.
func (l *Local) Export(b *Book, now time.Time) []byte {
	x := Export{Format: ExportFormat, Version: ExportVersion, ExportedAt: now, FamilyName: l.FamilyName,
		ClientID: l.ClientID, LastID: l.LastID, Confirmed: l.Confirmed, Pending: l.Pending, Ledger: LedgerOf(b)}
	if x.Confirmed == nil {
		x.Confirmed = []syncwire.Change{}
	}
	if x.Pending == nil {
		x.Pending = []syncwire.Mutation{}
	}
	data, _ := json.Marshal(x)
	return data
}

// ErrNotExport is a file that is not a family export of a version this build reads.
var ErrNotExport = errors.New("not a family export file")

// ErrLedgerDiffers is an export whose log does not give the ledger written in it (the file
// was changed, or made by a build with other rules).
var ErrLedgerDiffers = errors.New("the export's log does not give its ledger")

// Import reads a family file into a fresh local document for a device with no server: the
// exporting device's client id and queue (so its pending mutations stay in order), the log,
// the family's name; no session. build rebuilds the book the way the app does.
func Import(data []byte, lang string, build func(*Local) *Book) (*Local, error) {
	if len(data) > MaxExportBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrNotExport, MaxExportBytes)
	}
	var x Export
	if err := strictjson.Unmarshal(data, &x); err != nil { // issue 18: one strict reader
		return nil, fmt.Errorf("%w: %v", ErrNotExport, err)
	}
	if x.Format != ExportFormat || x.Version != ExportVersion || x.ClientID == "" {
		return nil, ErrNotExport
	}
	l, _ := Decode(nil)
	l.Lang, l.FamilyName, l.ClientID, l.LastID = lang, x.FamilyName, x.ClientID, x.LastID
	l.Confirmed, l.Pending = x.Confirmed, x.Pending
	for _, c := range x.Confirmed {
		l.Cursor = max(l.Cursor, c.Seq)
	}
	if !bytes.Equal(money2json(LedgerOf(build(l))), money2json(x.Ledger)) {
		return nil, ErrLedgerDiffers
	}
	return l, nil
}

// money2json is a ledger's JSON without the items' sync states (on the new device, with no
// server, pending items are local ones): the amounts and balances the round trip keeps.
func money2json(l Ledger) []byte {
	l.Lines = nil // states and devices differ on the new device; the money is in the accounts
	for i := range l.Accounts {
		rows := append([]Row(nil), l.Accounts[i].Rows...)
		for j := range rows {
			rows[j].State = ""
		}
		l.Accounts[i].Rows = rows
	}
	data, _ := json.Marshal(l)
	return data
}

// CSV is the ledger as a spreadsheet reads it in Excel and WPS: UTF-8 with a byte order
// mark, CRLF line ends, every field quoted; one row per posting on a personal account or
// wallet, in each account's order, dated by when it happened (a bill by its visit), with a
// number a person can quote. words names people, account kinds, entry kinds, states and
// devices in the family's language and writes dates ("date", an ISO date) for people.
func CSV(b *Book, lang string, words func(kind, key string) string) []byte {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	writeRow(&buf, vocab.CSVHeader(lang != "en")) // the columns' names: shared/vocab
	for _, a := range b.Accounts() {
		for _, r := range a.Rows {
			t := r.At.In(civil.Zone())
			day := t.Format("2006-01-02")
			var whom string
			if r.For != "" {
				whom = text(words("person", string(r.For)))
			}
			writeRow(&buf, []string{r.Ref, words("date", day), t.Format("15:04"), text(words("person", string(a.Person))),
				words("account", string(a.Account.Kind)), words("entry", r.Kind), whom, text(r.Place), r.Amount.String(),
				r.Balance.String(), words("state", string(r.State)), text(words("device", r.By)), day, t.Format(time.RFC3339)})
		}
	}
	return buf.Bytes()
}

// text keeps a name from being read as a formula by a spreadsheet (=, +, -, @ first).
func text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func writeRow(buf *bytes.Buffer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteByte('"')
		buf.WriteString(strings.ReplaceAll(f, `"`, `""`))
		buf.WriteByte('"')
	}
	buf.WriteString("\r\n")
}
