package apitest

import (
	"net/http"
	"strings"
	"testing"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// Suite runs every conformance scenario against the server at base (no trailing slash).
func Suite(t *testing.T, base string) {
	t.Run("auth", func(t *testing.T) { testAuth(t, base) })
	t.Run("invites", func(t *testing.T) { testInvites(t, base) })
	t.Run("isolation", func(t *testing.T) { testIsolation(t, base) })
	t.Run("push", func(t *testing.T) { testPush(t, base) })
	t.Run("pull", func(t *testing.T) { testPull(t, base) })
	t.Run("bad input", func(t *testing.T) { testBadInput(t, base) })
	t.Run("long poll", func(t *testing.T) { testLongPoll(t, base) })
	t.Run("events", func(t *testing.T) { testEvents(t, base) })
	t.Run("attack: consent", func(t *testing.T) { AttackConsent(t, base) }) // attack_consent.go
	t.Run("attack: limits", func(t *testing.T) { attackLimits(t, base) })   // attack_limits.go (issue 10)
	t.Run("attack: input", func(t *testing.T) { attackInput(t, base) })     // attack_input.go (issue 18)
}

const day = "2025-06-01T10:00:00+08:00"

// familyMutations sets up a Hebei family: A (employee, 500.00), B (resident, A's child),
// a medical binding, then a 120.00 pharmacy bill of B of which 100.00 is policy self-pay.
func familyMutations(client string) []syncwire.Mutation {
	return []syncwire.Mutation{
		mut(client, 1, mutation.AddPerson, day, mutation.PersonArgs{ID: "A", Name: "甲", Region: "130100", Insurance: family.Employee, Status: family.Active, Account: 50000}),
		mut(client, 2, mutation.AddPerson, day, mutation.PersonArgs{ID: "B", Name: "乙", Region: "130100", Insurance: family.Resident, Status: family.Active}),
		mut(client, 3, mutation.Link, day, mutation.LinkArgs{Person: "B", Of: "A", Relation: family.Child}),
		mut(client, 4, mutation.Bind, day, mutation.BindArgs{Authorizer: "A", Beneficiary: "B", Scopes: []family.Scope{family.Medical}}),
		mut(client, 5, mutation.Settle, day, mutation.SettleArgs{Patient: "B",
			Institution: engine.Institution{Region: "130100", Kind: "pharmacy", Designated: true},
			Bill:        engine.Bill{Total: 12000, PolicySelfPay: 10000, FullSelfPay: 2000, Category: engine.Drug}}),
	}
}

func testAuth(t *testing.T, base string) {
	owner := newFamily(t, base, "auth")
	cases := []struct {
		name, method, path, token string
		want                      int
		wantCode                  string
	}{
		{"owner reads the family", "GET", owner.path(""), owner.token, 200, ""},
		{"no token", "GET", owner.path(""), "", 401, "unauthorized"},
		{"a made-up token", "GET", owner.path(""), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 401, "unauthorized"},
		{"no token on pull", "GET", owner.path("/pull?cursor=0"), "", 401, "unauthorized"},
		{"no token on push", "POST", owner.path("/push"), "", 401, "unauthorized"},
		{"unknown endpoint", "GET", "/api/v1/nothing", owner.token, 404, "not_found"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := call(t, base, c.method, c.path, c.token, nil)
			if a.status != c.want || (c.wantCode != "" && a.errorCode() != c.wantCode) {
				t.Fatalf("%s %s: %d %s, want %d %s", c.method, c.path, a.status, a.body, c.want, c.wantCode)
			}
		})
	}
}

func testInvites(t *testing.T, base string) {
	owner := newFamily(t, base, "invites")
	code := owner.invite(t)
	phone, a := join(t, base, strings.ToLower(code), "phone")
	if phone == nil || phone.family != owner.family {
		t.Fatalf("join with a lower-case code: %d %s", a.status, a.body)
	}
	if _, a := join(t, base, code, "again"); a.status != http.StatusNotFound || a.errorCode() != "invite_not_found" {
		t.Fatalf("a used code: %d %s, want 404 invite_not_found", a.status, a.body)
	}
	if _, a := join(t, base, "ABCD-EFGH-JKMN", "guess"); a.status != http.StatusNotFound {
		t.Fatalf("an unknown code: %d %s, want 404", a.status, a.body)
	}
	if a := phone.do(t, "POST", "/invites", map[string]int{}); a.status != http.StatusForbidden {
		t.Fatalf("a non-owner invites: %d %s, want 403", a.status, a.body)
	}
	var list struct {
		Devices []struct {
			ID      string `json:"id"`
			Owner   bool   `json:"owner"`
			Revoked bool   `json:"revoked"`
		} `json:"devices"`
	}
	owner.do(t, "GET", "/devices", nil).json(t, &list)
	if len(list.Devices) != 2 {
		t.Fatalf("devices: %+v, want owner and phone", list.Devices)
	}
	if a := owner.do(t, "DELETE", "/devices/"+phone.id, nil); a.status != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", a.status, a.body)
	}
	if a := phone.do(t, "GET", "", nil); a.status != http.StatusUnauthorized {
		t.Fatalf("a revoked device reads: %d, want 401", a.status)
	}
}

func testIsolation(t *testing.T, base string) {
	mine, theirs := newFamily(t, base, "mine"), newFamily(t, base, "theirs")
	mine.push(t, familyMutations("c1")...)
	cases := []struct{ method, suffix string }{
		{"GET", ""}, {"GET", "/pull?cursor=0"}, {"GET", "/devices"}, {"POST", "/invites"}, {"POST", "/push"},
		{"DELETE", "/devices/" + mine.id},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.suffix, func(t *testing.T) {
			body := any(nil)
			if c.method == "POST" {
				body = syncwire.PushRequest{Mutations: familyMutations("x")[:1]}
			}
			a := call(t, base, c.method, mine.path(c.suffix), theirs.token, body)
			if a.status != http.StatusNotFound || strings.Contains(string(a.body), "甲") {
				t.Fatalf("another family's token: %d %s, want 404 and no data", a.status, a.body)
			}
		})
	}
	if changes, _ := mine.changes(t, 0); len(changes) != 5 {
		t.Fatalf("the other family's attempts changed this one: %d changes", len(changes))
	}
}

func testPush(t *testing.T, base string) {
	owner := newFamily(t, base, "push")
	ms := familyMutations("c1")
	r := owner.push(t, ms...)
	if r.Head != 5 || r.LastMutationIDs["c1"] != 5 || len(r.Results) != 5 {
		t.Fatalf("push: head %d last %v results %d", r.Head, r.LastMutationIDs, len(r.Results))
	}
	for i, res := range r.Results {
		if res.Result != syncwire.Processed || res.Seq != int64(i+1) || res.Outcome == nil || res.Outcome.Status != mutation.Confirmed {
			t.Fatalf("result %d: %+v", i, res)
		}
	}
	checkSettleEntries(t, r.Results[4].Outcome)
	again := owner.push(t, ms[3:]...)
	for _, res := range again.Results {
		if res.Result != syncwire.Duplicate {
			t.Fatalf("a retried mutation: %+v, want duplicate", res)
		}
	}
	if again.Head != 5 {
		t.Fatalf("a retry moved the head to %d", again.Head)
	}
	gap := owner.push(t, mut("c1", 9, mutation.Credit, day, mutation.CreditArgs{Person: "A", Account: mutation.PersonalAccount, Amount: 100}))
	if gap.Results[0].Result != syncwire.Deferred || gap.Results[0].Expect != 6 {
		t.Fatalf("a gap: %+v, want deferred expecting 6", gap.Results[0])
	}
	refused := owner.push(t, mut("c1", 6, mutation.Bind, day, mutation.BindArgs{Authorizer: "B", Beneficiary: "A", Scopes: []family.Scope{family.Medical}}))
	if o := refused.Results[0].Outcome; o == nil || o.Status != mutation.Rejected || !hasCode(o.Codes, engine.AuthorizerNotEmployee) {
		t.Fatalf("a refused binding: %+v", refused.Results[0])
	}
	if refused.Head != 6 {
		t.Fatalf("rejected mutations are still processed: head %d, want 6", refused.Head)
	}
	// issue 10: a new push of an unknown name is refused (400 naming it), not stored
	unknown := call(t, base, "POST", owner.path("/push"), owner.token,
		syncwire.PushRequest{Mutations: []syncwire.Mutation{mut("c1", 7, mutation.Name("future_feature"), day, map[string]int{"x": 1})}})
	if unknown.status != http.StatusBadRequest || unknown.errorField() != "mutations[0].name" {
		t.Fatalf("an unknown mutation name: %d %s, want 400 on mutations[0].name", unknown.status, unknown.body)
	}
}

// checkSettleEntries asserts the ledger entry of the bill: A pays 100.00 to the pharmacy.
func checkSettleEntries(t *testing.T, o *mutation.Outcome) {
	t.Helper()
	if len(o.Entries) != 1 {
		t.Fatalf("settle wrote %d entries, want 1: %+v", len(o.Entries), o.Entries)
	}
	e := o.Entries[0]
	if e.Sum() != 0 {
		t.Fatalf("settle entry does not balance: %+v", e)
	}
	var fromA money.Amount
	for _, p := range e.Postings {
		if p.Account == ledger.AccountOf("A") {
			fromA += p.Amount
		}
	}
	if fromA != -10000 {
		t.Fatalf("A's posting %s, want -100.00: %+v", fromA, e.Postings)
	}
}

func hasCode(codes []engine.Code, c engine.Code) bool {
	for _, k := range codes {
		if k == c {
			return true
		}
	}
	return false
}

func testPull(t *testing.T, base string) {
	owner := newFamily(t, base, "pull")
	owner.push(t, familyMutations("c1")...)
	pages := owner.pull(t, 0, 2)
	if len(pages) != 3 || !pages[0].More || pages[2].More {
		t.Fatalf("pages of 2: %d pages", len(pages))
	}
	var seqs []int64
	for _, p := range pages {
		for _, c := range p.Changes {
			seqs = append(seqs, c.Seq)
		}
	}
	if len(seqs) != 5 || seqs[0] != 1 || seqs[4] != 5 {
		t.Fatalf("seqs %v, want 1..5", seqs)
	}
	if last := pages[2]; last.Head != 5 || last.LastMutationIDs["c1"] != 5 || last.Cursor != 5 {
		t.Fatalf("last page: head %d cursor %d last %v", last.Head, last.Cursor, last.LastMutationIDs)
	}
	changes, _ := owner.changes(t, 0)
	state, err := syncwire.Replay(family.State{}, changes)
	if err != nil {
		t.Fatal(err)
	}
	if a := state.Person("A"); a == nil || a.Balance() != 40000 {
		t.Fatalf("replayed A: %+v, want 400.00 left", a)
	}
	if rest, _ := owner.changes(t, 5); len(rest) != 0 {
		t.Fatalf("pull after the head: %d changes", len(rest))
	}
}

func testBadInput(t *testing.T, base string) {
	owner := newFamily(t, base, "bad")
	many := make([]syncwire.Mutation, syncwire.MaxBatch+1)
	for i := range many {
		many[i] = mut("c1", int64(i+1), mutation.Credit, day, mutation.CreditArgs{Person: "A", Account: mutation.PersonalAccount, Amount: 1})
	}
	cases := []struct {
		name      string
		body      any
		want      int
		wantField string
	}{
		{"not JSON", "{", 400, ""},
		{"no mutations", syncwire.PushRequest{}, 400, "mutations"},
		{"too many mutations", syncwire.PushRequest{Mutations: many}, 400, "mutations"},
		{"no client id", syncwire.PushRequest{Mutations: []syncwire.Mutation{mut("", 1, mutation.Credit, day, mutation.CreditArgs{})}}, 400, "mutations[0].client_id"},
		{"a body over 1 MiB", `{"mutations":[{"client_id":"` + strings.Repeat("x", syncwire.MaxBodyBytes) + `"}]}`, 413, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := owner.do(t, "POST", "/push", c.body)
			if a.status != c.want || (c.wantField != "" && !strings.HasPrefix(a.errorField(), c.wantField)) {
				t.Fatalf("%d %s, want %d naming %q", a.status, a.body, c.want, c.wantField)
			}
		})
	}
	if changes, p := owner.changes(t, 0); len(changes) != 0 || p.Head != 0 {
		t.Fatalf("bad pushes changed the log: %d changes, head %d", len(changes), p.Head)
	}
	if a := call(t, base, "POST", "/api/v1/families", "", `{"name":"","device":"x"}`); a.status != 400 || a.errorField() != "name" {
		t.Fatalf("a family without a name: %d %s", a.status, a.body)
	}
}
