package crashtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidwall/buntdb"

	"gongji/shared/syncwire"
)

func logKey(fam string, seq int64) string { return fmt.Sprintf("f/%s/l/%020d", fam, seq) }

// setRaw writes one key into the stopped server's file, as another build would.
func setRaw(t *testing.T, data, key, value string) {
	t.Helper()
	db, err := buntdb.Open(filepath.Join(data, "gongji.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *buntdb.Tx) error { _, _, err := tx.Set(key, value, nil); return err }); err != nil {
		t.Fatal(err)
	}
}

// The real `gongji serve` over a damaged file: any damage but a torn tail stops the start
// with the family, the record and the command to run, and leaves the file byte for byte.
//
// The families stay warm here (no bound): a clean stop with a bound makes every family cold,
// its records and snapshot in the archive, which is read at a family's first use
// (TestColdFrameDamage).
func TestServeRefusesDamage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real server")
	}
	t.Setenv("GONGJI_MAX_WARM_FAMILIES", "0")
	bin, err := Build(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		damage func(t *testing.T, data, fam string)
		key    func(fam string) string
		reason string
	}{
		{"one flipped byte in a middle record", func(t *testing.T, data, fam string) {
			path := filepath.Join(data, "gongji.db")
			b, _ := os.ReadFile(path)
			i := bytes.Index(b, []byte(logKey(fam, 3)))
			j := bytes.Index(b[i:], []byte(`"changes":"`))
			b[i+j+20] ^= 1 // a byte of the deflated payload
			os.WriteFile(path, b, 0o600)
		}, func(fam string) string { return logKey(fam, 3) }, "checksum"},
		{"a record with a mutation this build cannot redo", func(t *testing.T, data, fam string) {
			setRaw(t, data, logKey(fam, 5), `{"changes":[{"seq":5,"device":"d","mutation":{"clientID":"c9","mutationID":1,"name":"teleport","at":"2026-03-02T10:00:00+08:00","args":{}},"outcome":{"status":"confirmed"}}]}`)
		}, func(fam string) string { return logKey(fam, 5) }, `"teleport"`},
		{"a record of a newer format", func(t *testing.T, data, fam string) {
			setRaw(t, data, logKey(fam, 5), `{"v":9,"sum":"00000000","changes":[]}`)
		}, func(fam string) string { return logKey(fam, 5) }, "format 9"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, fam := fourChanges(t, bin)
			tc.damage(t, data, fam)
			before, _ := os.ReadFile(filepath.Join(data, "gongji.db"))
			srv, err := Start(bin, data)
			if err == nil {
				srv.Kill()
				t.Fatal("gongji serve started over a damaged file")
			}
			for _, want := range []string{"family " + fam, tc.key(fam), tc.reason, "gongji repair -data " + data} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the refusal does not say %q:\n%v", want, err)
				}
			}
			if after, _ := os.ReadFile(filepath.Join(data, "gongji.db")); !bytes.Equal(before, after) {
				t.Errorf("the file changed: %d bytes before, %d after", len(before), len(after))
			}
		})
	}
	t.Run("a torn tail is dropped and logged", func(t *testing.T) {
		data, fam := fourChanges(t, bin)
		f, _ := os.OpenFile(filepath.Join(data, "gongji.db"), os.O_APPEND|os.O_WRONLY, 0)
		f.WriteString("*3\r\n$3\r\nset\r\n$40\r\nf/" + fam + "/l/000")
		f.Close()
		srv, err := Start(bin, data)
		if err != nil {
			t.Fatal(err)
		}
		defer srv.Kill()
		if err := srv.Stop(); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(srv.Stderr(), "torn tail dropped") {
			t.Errorf("no log of the torn tail:\n%s", srv.Stderr())
		}
	})
}

// fourChanges is a stopped server's data directory with one family whose log has records
// ending at seq 1, 3 and 4.
func fourChanges(t *testing.T, bin string) (string, string) {
	t.Helper()
	data := t.TempDir()
	srv, err := Start(bin, data)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Kill()
	fam, err := CreateFamily(srv.URL, "damage")
	if err != nil {
		t.Fatal(err)
	}
	c := NewClient(srv.URL, fam.Token)
	bills := func(ids ...int64) syncwire.PushRequest {
		var req syncwire.PushRequest
		for _, id := range ids {
			req.Mutations = append(req.Mutations, syncwire.Mutation{ClientID: "c1", MutationID: id, Name: "settle", At: at,
				Args: json.RawMessage(fmt.Sprintf(`{"patient":"mom","card_holder":"mom","institution":{"region":"330100","kind":"pharmacy","designated":true},"bill":{"total":"%d.00","fund":"0.00","policy_self_pay":"%[1]d.00","full_self_pay":"0.00","category":"drug"}}`, 10*id))})
		}
		return req
	}
	setup := syncwire.PushRequest{Mutations: []syncwire.Mutation{{ClientID: "setup", MutationID: 1, Name: "add_person", At: at,
		Args: json.RawMessage(`{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"1000.00"}`)}}}
	for _, req := range []syncwire.PushRequest{setup, bills(1, 2), bills(3)} {
		if err := c.Do("POST", "/api/v1/families/"+fam.Family+"/push", req, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	return data, fam.Family
}
