package crashtest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"gongji/shared/family"
	"gongji/shared/syncwire"
)

// Expected is what a committed data directory must read back through the API after a
// migration: per family, the credentials of one device, the head, the last mutation ids and
// every person's balances.
type Expected struct {
	Families []ExpectedFamily `json:"families"`
}

// ExpectedFamily is one family of Expected.
type ExpectedFamily struct {
	Family          string                     `json:"family"`
	Token           string                     `json:"token"`
	Head            int64                      `json:"head"`
	LastMutationIDs map[string]int64           `json:"lastMutationIDs"`
	Balances        map[string]ExpectedBalance `json:"balances"`
}

// ExpectedBalance is one person's account and wallet, in fen.
type ExpectedBalance struct {
	Account int64 `json:"account"`
	Wallet  int64 `json:"wallet"`
}

// migrationPushes is the life of a test family: people, relations, a binding, bills, two
// wallet transfers (one accepted, one refunded at 06:00), a credit and a revoke.
var migrationPushes = []string{
	`{"mutations":[
 {"clientID":"setup","mutationID":1,"name":"add_person","at":"2026-03-01T09:00:00+08:00","args":{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":50000,"wallet_open":true}},
 {"clientID":"setup","mutationID":2,"name":"add_person","at":"2026-03-01T09:00:00+08:00","args":{"id":"dad","name":"爸爸","region":"330100","insurance":"employee","status":"active","account":80000,"wallet_open":true}},
 {"clientID":"setup","mutationID":3,"name":"add_person","at":"2026-03-01T09:00:00+08:00","args":{"id":"kid","name":"孩子","region":"330100","insurance":"resident","status":"active","wallet_open":true}},
 {"clientID":"setup","mutationID":4,"name":"link","at":"2026-03-01T09:00:00+08:00","args":{"person":"kid","of":"mom","relation":"child"}},
 {"clientID":"setup","mutationID":5,"name":"link","at":"2026-03-01T09:00:00+08:00","args":{"person":"dad","of":"mom","relation":"spouse"}},
 {"clientID":"setup","mutationID":6,"name":"bind","at":"2026-03-01T09:00:00+08:00","args":{"authorizer":"mom","beneficiary":"kid","scopes":["medical"],"created":"2026-01-05"}}]}`,
	`{"mutations":[
 {"clientID":"c1","mutationID":1,"name":"settle","at":"2026-03-02T10:00:00+08:00","args":{"patient":"mom","institution":{"Region":"330100","Kind":"pharmacy","Designated":true,"Wallet":true},"bill":{"Total":10000,"PolicySelfPay":10000,"Category":"drug"}},"expected":{"lines":[{"payer":"mom","source":"own","amount":10000}],"cash":0}},
 {"clientID":"c1","mutationID":2,"name":"settle","at":"2026-03-02T10:05:00+08:00","args":{"patient":"kid","institution":{"Region":"330100","Kind":"pharmacy","Designated":true,"Wallet":true},"bill":{"Total":%d,"PolicySelfPay":%[1]d,"Category":"drug"}}}]}`,
	`{"mutations":[
 {"clientID":"c1","mutationID":3,"name":"wallet_transfer","at":"2026-03-02T11:00:00+08:00","args":{"from":"dad","to":"mom","amount":3000,"source":"account"}},
 {"clientID":"c1","mutationID":4,"name":"wallet_accept","at":"2026-03-02T11:10:00+08:00","args":{"transfer":"c1/3"}},
 {"clientID":"c1","mutationID":5,"name":"wallet_transfer","at":"2026-03-02T12:00:00+08:00","args":{"from":"dad","to":"kid","amount":2500,"source":"account"}}]}`,
	`{"mutations":[
 {"clientID":"c2","mutationID":1,"name":"wallet_refund","at":"2026-03-03T06:00:00+08:00","args":{"transfer":"c1/5"}},
 {"clientID":"c2","mutationID":2,"name":"credit","at":"2026-03-03T07:00:00+08:00","args":{"person":"dad","account":"account","amount":1200,"memo":"月度划入"}},
 {"clientID":"c2","mutationID":3,"name":"settle","at":"2026-03-03T08:00:00+08:00","args":{"patient":"dad","institution":{"Region":"330100","Kind":"pharmacy","Designated":true},"bill":{"Total":4321,"PolicySelfPay":4321,"Category":"drug"}}},
 {"clientID":"c2","mutationID":4,"name":"teleport","at":"2026-03-03T08:30:00+08:00","args":{"to":"mars"}},
 {"clientID":"c2","mutationID":5,"name":"revoke","at":"2026-03-03T09:00:00+08:00","args":{"binding":"setup/6"}}]}`,
}

// TestWriteMigrationData writes a data directory with the binary built from this checkout,
// through the real HTTP API, and what it must read back (expected.json). It runs only when
// GONGJI_WRITE_MIGRATION_DATA names the output directory; the committed
// server/buntstore/testdata/main-2026-12 was written by main at 6d40165 (log format 1).
func TestWriteMigrationData(t *testing.T) {
	out := os.Getenv("GONGJI_WRITE_MIGRATION_DATA")
	if out == "" {
		t.Skip("set GONGJI_WRITE_MIGRATION_DATA=DIR to write a migration data directory")
	}
	bin, err := Build(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	srv, err := Start(bin, data)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Kill() }()
	var exp Expected
	for i, name := range []string{"张家", "李家"} {
		fam, err := CreateFamily(srv.URL, name)
		if err != nil {
			t.Fatal(err)
		}
		c := NewClient(srv.URL, fam.Token)
		var invite struct{ Code string }
		if err := c.Do("POST", "/api/v1/families/"+fam.Family+"/invites", map[string]any{}, &invite); err != nil {
			t.Fatal(err)
		}
		var joined Family
		if err := NewClient(srv.URL, "").Do("POST", "/api/v1/join", map[string]string{"code": invite.Code, "device": "爸爸的手机"}, &joined); err != nil {
			t.Fatal(err)
		}
		for j, body := range migrationPushes {
			if j == 1 {
				body = fmt.Sprintf(body, 7000+1000*i)
			}
			if err := c.Do("POST", "/api/v1/families/"+fam.Family+"/push", json.RawMessage(body), nil); err != nil {
				t.Fatalf("family %d push %d: %v", i, j, err)
			}
		}
		exp.Families = append(exp.Families, ReadBack(t, srv.URL, fam.Family, fam.Token))
	}
	srv.Cmd.Process.Signal(syscall.SIGTERM)
	if err := srv.Cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	db, err := os.ReadFile(filepath.Join(data, "gongji.db"))
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.MarshalIndent(exp, "", "  ")
	if err := os.WriteFile(filepath.Join(out, "gongji.db"), db, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "expected.json"), append(js, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ReadBack pulls a family's whole log through the API and returns its head, last mutation
// ids and the balances redone from the log.
func ReadBack(t *testing.T, base, fam, token string) ExpectedFamily {
	t.Helper()
	changes := pullAll(t, NewClient(base, token), fam)
	var page syncwire.PullResponse
	if err := NewClient(base, token).Do("GET", "/api/v1/families/"+fam+"/pull?cursor=0&limit=1", nil, &page); err != nil {
		t.Fatal(err)
	}
	s, err := syncwire.Replay(family.State{}, changes)
	if err != nil {
		t.Fatalf("family %s: replay: %v", fam, err)
	}
	var last syncwire.PullResponse
	if err := NewClient(base, token).Do("GET", fmt.Sprintf("/api/v1/families/%s/pull?cursor=%d", fam, page.Head), nil, &last); err != nil {
		t.Fatal(err)
	}
	got := ExpectedFamily{Family: fam, Token: token, Head: page.Head, LastMutationIDs: last.LastMutationIDs,
		Balances: map[string]ExpectedBalance{}}
	for _, p := range s.People {
		got.Balances[string(p.ID)] = ExpectedBalance{Account: int64(p.Balance()), Wallet: int64(p.Wallet.Balance)}
	}
	return got
}
