package apitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// maxQuotaPushes bounds how many pushes of syncwire.MaxBatch the quota case sends before it
// expects a 429: the servers under test run with a small day quota (300 changes: the
// conformance test sets GONGJI_QUOTA_CHANGES, workertest passes --var).
const maxQuotaPushes = 10

// attackLimits is the limits half of issue 10's attack suite: each refused push answers
// 4xx naming the field (or 429 with Retry-After), and the family's log and head are exactly
// what they were before (pulled and compared).
func attackLimits(t *testing.T, base string) {
	owner := newFamily(t, base, "attack")
	owner.push(t, familyMutations("c1")...)
	raw := func(name, args string) string {
		return `{"mutations":[{"client_id":"c1","mutation_id":6,"name":"` + name +
			`","at":"2025-06-01T10:00:00+08:00","args":` + args + `}]}`
	}
	person := func(extra string) string {
		return raw("add_person", `{"id":"C","name":"丙","region":"130100","insurance":"employee","status":"active"`+extra+`}`)
	}
	cases := []struct {
		name, body string
		status     int
		field      string
	}{
		{"an int64-max opening balance", person(`,"account":"92233720368547758.07"`), 400, "mutations[0].args.account"},
		{"an opening balance over money.Max", person(`,"account":"100000000.01"`), 400, "mutations[0].args.account"},
		{"a negative opening balance", person(`,"wallet":"-0.01"`), 400, "mutations[0].args.wallet"},
		{"a negative bill", raw("settle", `{"patient":"B","institution":{"region":"130100","kind":"pharmacy","designated":true},"bill":{"total":"-10.00","policy_self_pay":"-10.00","category":"drug"}}`), 400, "mutations[0].args.bill.total"},
		{"bill parts whose sum passes the maximum", raw("settle", `{"patient":"B","institution":{"region":"130100","kind":"pharmacy","designated":true},"bill":{"total":"100000000.00","fund":"100000000.00","policy_self_pay":"100000000.00","category":"drug"}}`), 400, "mutations[0].args.bill.total"},
		{"a negative credit", raw("credit", `{"person":"A","account":"account","amount":"-1.00"}`), 400, "mutations[0].args.amount"},
		{"a negative wallet transfer", raw("wallet_transfer", `{"from":"A","to":"B","amount":"-1.00","source":"account"}`), 400, "mutations[0].args.amount"},
		{"a credit as a JSON number", raw("credit", `{"person":"A","account":"account","amount":9223372036854775807}`), 400, "mutations[0].args.amount"},
		{"invalid UTF-8 in a name", person(`,"tier":0`) + "", 0, ""}, // replaced below
		{"invalid UTF-8 in a memo", raw("credit", `{"person":"A","account":"account","amount":"1.00","memo":"`+"\xc3\x28"+`"}`), 400, "mutations[0].args.memo"},
		{"invalid UTF-8 in a client id", strings.Replace(raw("credit", `{"person":"A","account":"account","amount":"1.00"}`), `"c1"`, "\"c\xff\"", 1), 400, "mutations[0].client_id"},
		{"an unknown mutation", raw("mint_money", `{"amount":"1.00"}`), 400, "mutations[0].name"},
	}
	cases[8].body = raw("add_person", `{"id":"C","name":"`+"\xff\xfe"+`","region":"130100","insurance":"employee","status":"active"}`)
	cases[8].status, cases[8].field = 400, "mutations[0].args.name"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, owner)
			a := call(t, base, "POST", owner.path("/push"), owner.token, []byte(c.body))
			if a.status != c.status || a.errorField() != c.field {
				t.Fatalf("%d %s, want %d naming %s", a.status, a.body, c.status, c.field)
			}
			if !json.Valid(a.body) || !strings.Contains(string(a.body), `"error"`) {
				t.Fatalf("the answer is not a JSON error: %q", a.body)
			}
			logUnchanged(t, owner, before)
		})
	}
	t.Run("invite ttl out of range", func(t *testing.T) { attackTTL(t, owner) })
	t.Run("the last owner device stays", func(t *testing.T) {
		a := owner.do(t, "DELETE", "/devices/"+owner.id, nil)
		if a.status != http.StatusConflict || a.errorCode() != "last_owner" {
			t.Fatalf("revoking the last owner: %d %s, want 409 last_owner", a.status, a.body)
		}
		if a := owner.do(t, "GET", "", nil); a.status != http.StatusOK {
			t.Fatalf("the owner after the refused revoke: %d", a.status)
		}
	})
	t.Run("security headers", func(t *testing.T) {
		resp, err := http.Get(base + owner.path(""))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Fatalf("API headers: %v", resp.Header)
		}
	})
	t.Run("day quota answers 429 with Retry-After", func(t *testing.T) { attackQuota(t, base) })
}

func attackTTL(t *testing.T, owner *device) {
	for _, ttl := range []string{"0", "-5", "10081", "9223372036854775807", "153722867280912931"} {
		a := owner.do(t, "POST", "/invites", `{"ttl_minutes":`+ttl+`}`)
		want := http.StatusBadRequest
		if ttl == "0" { // 0 is the default, one day
			want = http.StatusCreated
		}
		if a.status != want {
			t.Fatalf("ttl_minutes %s: %d %s, want %d", ttl, a.status, a.body, want)
		}
	}
}

// attackQuota pushes credits of 0.01 in batches of syncwire.MaxBatch until the family's day
// quota answers 429; the refused push must store nothing.
func attackQuota(t *testing.T, base string) {
	fam := newFamily(t, base, "quota")
	fam.push(t, familyMutations("q")...)
	next := int64(6)
	for i := 0; i < maxQuotaPushes; i++ {
		batch := make([]syncwire.Mutation, syncwire.MaxBatch)
		for j := range batch {
			batch[j] = mut("q", next+int64(j), mutation.Credit, day, mutation.CreditArgs{Person: "A", Account: mutation.PersonalAccount, Amount: 1})
		}
		before := snapshot(t, fam)
		a := fam.do(t, "POST", "/push", syncwire.PushRequest{Mutations: batch})
		if a.status == http.StatusOK {
			next += syncwire.MaxBatch
			continue
		}
		if a.status != http.StatusTooManyRequests || a.errorCode() != "quota_exceeded" {
			t.Fatalf("push %d: %d %s, want 200 or 429 quota_exceeded", i, a.status, a.body)
		}
		retry := retryAfter(t, fam)
		if retry < 1 || retry > 24*3600 {
			t.Fatalf("Retry-After %d s, want 1 s to a day", retry)
		}
		logUnchanged(t, fam, before)
		return
	}
	t.Fatalf("%d pushes of %d changes, no 429: is the server's day quota small (GONGJI_QUOTA_CHANGES)?", maxQuotaPushes, syncwire.MaxBatch)
}

// retryAfter sends one more push and reads its Retry-After (the answer helper drops headers).
func retryAfter(t *testing.T, d *device) int {
	body, _ := json.Marshal(syncwire.PushRequest{Mutations: []syncwire.Mutation{mut("q", 1, mutation.Credit, day,
		mutation.CreditArgs{Person: "A", Account: mutation.PersonalAccount, Amount: 1})}})
	req, _ := http.NewRequest("POST", d.base+d.path("/push"), strings.NewReader(string(body)))
	req.Header.Set("Authorization", "Bearer "+d.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("a push over the quota: %d, want 429", resp.StatusCode)
	}
	n, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil {
		t.Fatalf("Retry-After %q: %v", resp.Header.Get("Retry-After"), err)
	}
	return n
}

// familySnapshot is what a device can see of a family: its log, head and client ids.
type familySnapshot struct {
	changes []syncwire.Change
	head    int64
	last    map[string]int64
}

func snapshot(t *testing.T, d *device) familySnapshot {
	t.Helper()
	changes, last := d.changes(t, 0)
	return familySnapshot{changes: changes, head: last.Head, last: last.LastMutationIDs}
}

// unchanged pulls the family again and compares it with before.
func logUnchanged(t *testing.T, d *device, before familySnapshot) {
	t.Helper()
	after := snapshot(t, d)
	if after.head != before.head || !reflect.DeepEqual(after.last, before.last) || len(after.changes) != len(before.changes) {
		t.Fatalf("the family changed: head %d -> %d, last ids %v -> %v, %d -> %d changes",
			before.head, after.head, before.last, after.last, len(before.changes), len(after.changes))
	}
	a, _ := json.Marshal(before.changes)
	b, _ := json.Marshal(after.changes)
	if string(a) != string(b) {
		t.Fatal(fmt.Sprintf("the family's log changed:\n%s\n%s", a, b))
	}
}
