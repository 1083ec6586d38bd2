package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"gongji/shared/money"
	"gongji/shared/syncwire"
)

func push(client string, id int, name, args string) string {
	return fmt.Sprintf(`{"mutations":[{"client_id":%q,"mutation_id":%d,"name":%q,"at":"2026-03-02T10:00:00+08:00","args":%s}]}`,
		client, id, name, args)
}

const pharmacy = `"institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true}`

func bill(patient string, fen int) string {
	return fmt.Sprintf(`{"patient":%q,%s,"bill":{"total":"%s","policy_self_pay":"%[3]s","category":"drug"}}`, patient, pharmacy, money.FromFen(int64(fen)))
}

func TestAuth(t *testing.T) {
	h := newHarness(t)
	runScenarios(t, h, []scenario{
		{name: "create a family without a name", method: "POST", path: "/api/v1/families", token: "none",
			body: `{"device":"x"}`, status: 400, contains: []string{`"field":"name"`}},
		{name: "owner reads the family", method: "GET", path: "/api/v1/families/{family}", token: "owner",
			status: 200, contains: []string{`"name":"张家"`, `"owner":true`, `"head":6`}},
		{name: "no token", method: "GET", path: "/api/v1/families/{family}/devices", token: "none",
			status: 401, contains: []string{`"code":"unauthorized"`}},
		{name: "forged token", method: "GET", path: "/api/v1/families/{family}/devices", token: "not-a-token",
			status: 401},
		{name: "revoked device's token", method: "POST", path: "/api/v1/families/{family}/push", token: "revoked",
			body: push("r", 1, "credit", `{"person":"mom","account":"account","amount":"1.00"}`), status: 401},
		{name: "member lists devices, revoked one marked", method: "GET", path: "/api/v1/families/{family}/devices",
			token: "member", status: 200, contains: []string{`"name":"爸爸的手机"`, `"revoked":true`}},
		{name: "member cannot invite", method: "POST", path: "/api/v1/families/{family}/invites", token: "member",
			body: `{}`, status: 403},
		{name: "invite with a bad lifetime", method: "POST", path: "/api/v1/families/{family}/invites", token: "owner",
			body: `{"ttl_minutes":0.5}`, status: 400, contains: []string{`"field":"ttl_minutes"`}},
		{name: "join with an unknown code", method: "POST", path: "/api/v1/join", token: "none",
			body: `{"code":"AAAA-BBBB-CCCC","device":"x"}`, status: 404, contains: []string{`"code":"invite_not_found"`}},
		{name: "member cannot revoke the owner", method: "DELETE", path: "/api/v1/families/{family}/devices/{otherDevice}",
			token: "member", status: 403},
		{name: "a member device of nobody credits dad: a request, nothing written", method: "POST", path: "/api/v1/families/{family}/push", token: "member",
			body: push("m1", 1, "credit", `{"person":"dad","account":"account","amount":"25.00"}`), status: 200,
			contains: []string{`"status":"pending_consent"`, `"CONSENT_REQUIRED"`}},
		{name: "the owner approves it: written now", method: "POST", path: "/api/v1/families/{family}/push", token: "owner",
			body: push("o1", 1, "approve", `{"request":"m1/1"}`), status: 200,
			contains: []string{`"status":"confirmed"`, `"request":"m1/1"`}, entries: []string{"credit: dad 25.00, external:credit -25.00"}},
	})
}

func TestInviteIsSingleUseAndExpires(t *testing.T) {
	h := newHarness(t)
	var inv struct{ Code string }
	h.decode(h.mustDo("POST", "/api/v1/families/{family}/invites", "owner", `{"ttl_minutes":60}`, 201), &inv)
	h.mustDo("POST", "/api/v1/join", "none", `{"code":"`+strings.ToLower(inv.Code)+`","device":"a"}`, 201)
	h.mustDo("POST", "/api/v1/join", "none", `{"code":"`+inv.Code+`","device":"b"}`, 404)
	h.decode(h.mustDo("POST", "/api/v1/families/{family}/invites", "owner", `{"ttl_minutes":60}`, 201), &inv)
	h.now = h.now.Add(61 * time.Minute)
	h.mustDo("POST", "/api/v1/join", "none", `{"code":"`+inv.Code+`","device":"c"}`, 404)
}

func TestPush(t *testing.T) {
	h := newHarness(t)
	runScenarios(t, h, []scenario{
		{name: "own account pays mom's bill", method: "POST", path: "/api/v1/families/{family}/push", token: "owner",
			body: push("c1", 1, "settle", bill("mom", 10000)), status: 200,
			contains: []string{`"result":"processed"`, `"seq":7`, `"status":"confirmed"`},
			entries:  []string{"settle: external:settle 100.00, mom -100.00"}},
		{name: "retry of the same mutation is a duplicate", method: "POST", path: "/api/v1/families/{family}/push", token: "owner",
			body: push("c1", 1, "settle", bill("mom", 10000)), status: 200, contains: []string{`"result":"duplicate"`}},
		{name: "mom pays kid's bill through the binding", method: "POST", path: "/api/v1/families/{family}/push", token: "owner",
			body: push("c3", 1, "settle", bill("kid", 20000)), status: 200, contains: []string{`"source":"mutual_aid"`},
			entries: []string{"settle: external:settle 200.00, mom -200.00"}},
		{name: "phone's split differs: adjusted, both kept", method: "POST", path: "/api/v1/families/{family}/push", token: "owner",
			body: `{"mutations":[{"client_id":"c1","mutation_id":2,"name":"settle","at":"2026-03-02T11:00:00+08:00","args":` + bill("kid", 30000) +
				`,"expected":{"lines":[{"payer":"mom","source":"mutual_aid","amount":"300.00"}],"cash":"0.00"}}]}`,
			status: 200, contains: []string{`"status":"adjusted"`, `"expected":{"lines":[{"payer":"mom","source":"mutual_aid","amount":"300.00"}]`, `"cash":"100.00"`},
			entries: []string{"settle: external:settle 200.00, mom -200.00"}},
		{name: "a gap defers the rest", method: "POST", path: "/api/v1/families/{family}/push", token: "owner",
			body: push("c1", 5, "credit", `{"person":"mom","account":"account","amount":"1.00"}`), status: 200,
			contains: []string{`"result":"deferred"`, `"expect":3`}},
		{name: "refused bill is processed as rejected, nothing written", method: "POST", path: "/api/v1/families/{family}/push", token: "owner",
			body:   push("c1", 3, "settle", `{"patient":"kid","card_holder":"mom",`+pharmacy+`,"bill":{"total":"1.00","policy_self_pay":"1.00","category":"drug"}}`),
			status: 200, contains: []string{`"status":"rejected"`, `"IMPERSONATION"`}},
		{name: "unknown name from a newer client is refused, not stored", method: "POST", path: "/api/v1/families/{family}/push", token: "owner",
			body: push("c1", 4, "teleport", `{"to":"mars"}`), status: 400, contains: []string{`"field":"mutations[0].name"`, `unknown mutation`}},
		{name: "the client's next id is still 4", method: "POST", path: "/api/v1/families/{family}/push", token: "owner",
			body: push("c1", 4, "link", `{"person":"kid","of":"dad","relation":"child"}`), status: 200, contains: []string{`"status":"confirmed"`, `"seq":11`}},
		{name: "wallet transfer moves money into transit", method: "POST", path: "/api/v1/families/{family}/push", token: "owner",
			body: push("c1", 5, "wallet_transfer", `{"from":"dad","to":"mom","amount":"30.00","source":"account"}`), status: 200,
			contains: []string{`"status":"confirmed"`}, entries: []string{"wallet_transfer: dad -30.00, pending:c1/5 30.00"}},
		{name: "recipient accepts", method: "POST", path: "/api/v1/families/{family}/push", token: "owner",
			body: push("c1", 6, "wallet_accept", `{"transfer":"c1/5"}`), status: 200,
			entries: []string{"wallet_accept: mom.wallet 30.00, pending:c1/5 -30.00"}},
		{name: "a phone clock days ahead is rejected, not blocking", method: "POST", path: "/api/v1/families/{family}/push", token: "member",
			body:   `{"mutations":[{"client_id":"c2","mutation_id":1,"name":"credit","at":"2026-03-05T10:00:00+08:00","args":{"person":"mom","account":"account","amount":"1.00"}}]}`,
			status: 200, contains: []string{`"status":"rejected"`, `"CLOCK_AHEAD"`, `"field":"at"`}},
		{name: "correction that would overdraw is rejected", method: "POST", path: "/api/v1/families/{family}/push", token: "owner",
			body: push("c1", 7, "correct", `{"person":"dad","account":"account","amount":"-99.99","memo":"typo"}`), status: 200,
			contains: []string{`"NEGATIVE_BALANCE"`}},
	})
	if got := h.ledger(h.ids["family"]); len(got) != 2+5 {
		t.Errorf("family ledger has %d entries, want 7 (2 openings, 5 written here): %v", len(got), got)
	}
}

func TestPull(t *testing.T) {
	h := newHarness(t)
	h.mustDo("POST", "/api/v1/families/{family}/push", "member", push("c2", 1, "settle", bill("mom", 1000)), 200)
	runScenarios(t, h, []scenario{
		{name: "everything from the start", method: "GET", path: "/api/v1/families/{family}/pull", token: "member",
			status: 200, contains: []string{`"seq":1,`, `"seq":7,`, `"cursor":7`, `"head":7`, `"more":false`, `"last_mutation_ids":{"c2":1,"setup":6}`}},
		{name: "a page of two after seq 2", method: "GET", path: "/api/v1/families/{family}/pull?cursor=2&limit=2", token: "owner",
			status: 200, contains: []string{`"seq":3,`, `"seq":4,`, `"cursor":4`, `"more":true`, `"last_mutation_ids":null`}},
		{name: "nothing after the head", method: "GET", path: "/api/v1/families/{family}/pull?cursor=7", token: "owner",
			status: 200, contains: []string{`"changes":[]`, `"cursor":7`}},
		{name: "long poll that times out answers empty", method: "GET", path: "/api/v1/families/{family}/pull?cursor=7&wait=1", token: "owner",
			status: 200, contains: []string{`"changes":[]`}},
		{name: "bad cursor", method: "GET", path: "/api/v1/families/{family}/pull?cursor=-1", token: "owner",
			status: 400, contains: []string{`"field":"cursor"`}},
		{name: "limit too big", method: "GET", path: "/api/v1/families/{family}/pull?limit=5000", token: "owner",
			status: 400, contains: []string{`"field":"limit"`}},
	})
}

func TestFamilyIsolation(t *testing.T) {
	h := newHarness(t)
	runScenarios(t, h, []scenario{
		{name: "pull another family's log", method: "GET", path: "/api/v1/families/{other}/pull", token: "owner", status: 404},
		{name: "push into another family", method: "POST", path: "/api/v1/families/{other}/push", token: "owner",
			body: push("x", 1, "credit", `{"person":"mom","account":"account","amount":"1.00"}`), status: 404},
		{name: "list another family's devices", method: "GET", path: "/api/v1/families/{other}/devices", token: "member", status: 404},
		{name: "invite into another family", method: "POST", path: "/api/v1/families/{other}/invites", token: "owner", body: `{}`, status: 404},
		{name: "revoke another family's device", method: "DELETE", path: "/api/v1/families/{family}/devices/{otherDevice}", token: "other", status: 404},
		{name: "a family that does not exist looks the same", method: "GET", path: "/api/v1/families/fnosuchfamily/pull", token: "owner", status: 404},
		{name: "family B sees only its own empty log", method: "GET", path: "/api/v1/families/{other}/pull", token: "other",
			status: 200, contains: []string{`"changes":[]`, `"head":0`}},
		{name: "family B's push writes only in B", method: "POST", path: "/api/v1/families/{other}/push", token: "other",
			body:   push("b1", 1, "add_person", `{"id":"li","name":"李","region":"110100","insurance":"employee","status":"active","account":"7.00"}`),
			status: 200, entries: []string{"opening: external:opening -7.00, li 7.00"}},
	})
}

func TestBadInput(t *testing.T) {
	h := newHarness(t)
	p := "/api/v1/families/{family}/push"
	big := `{"mutations":[{"client_id":"c","mutation_id":1,"name":"x","at":"2026-03-02T10:00:00+08:00","args":"` + strings.Repeat("a", 1<<20) + `"}]}`
	var many []string
	for i := 1; i <= 101; i++ {
		many = append(many, fmt.Sprintf(`{"client_id":"c","mutation_id":%d,"name":"x","at":"2026-03-02T10:00:00+08:00","args":{}}`, i))
	}
	runScenarios(t, h, []scenario{
		{name: "malformed JSON", method: "POST", path: p, token: "owner", body: `{"mutations":[`, status: 400, contains: []string{`"field":"body"`}},
		{name: "wrong type", method: "POST", path: p, token: "owner", body: `{"mutations":[{"client_id":"c","mutation_id":"one"}]}`,
			status: 400, contains: []string{`"field":"mutations.mutation_id"`}},
		{name: "empty push", method: "POST", path: p, token: "owner", body: `{"mutations":[]}`, status: 400, contains: []string{`"field":"mutations"`}},
		{name: "body over 1 MiB", method: "POST", path: p, token: "owner", body: big, status: 413, contains: []string{`"code":"too_large"`}},
		{name: "batch over 100", method: "POST", path: p, token: "owner", body: `{"mutations":[` + strings.Join(many, ",") + `]}`,
			status: 400, contains: []string{`"field":"mutations"`, "at most 100"}},
		{name: "missing client id", method: "POST", path: p, token: "owner", body: push("", 1, "credit", `{}`), status: 400,
			contains: []string{`"field":"mutations[0].client_id"`}},
		{name: "client id too long", method: "POST", path: p, token: "owner", body: push(strings.Repeat("c", 65), 1, "credit", `{}`),
			status: 400, contains: []string{`"field":"mutations[0].client_id"`}},
		{name: "the server's own client id is reserved", method: "POST", path: p, token: "owner", body: push("server", 1, "credit", `{"person":"mom","account":"account","amount":"1.00"}`),
			status: 400, contains: []string{`"field":"mutations[0].client_id"`, "reserved"}},
		{name: "mutation id zero", method: "POST", path: p, token: "owner", body: push("c", 0, "credit", `{}`), status: 400,
			contains: []string{`"field":"mutations[0].mutation_id"`}},
		{name: "missing time", method: "POST", path: p, token: "owner",
			body: `{"mutations":[{"client_id":"c","mutation_id":1,"name":"credit","args":{}}]}`, status: 400, contains: []string{`"field":"mutations[0].at"`}},
		{name: "known name, bad args: nothing of the push applies", method: "POST", path: p, token: "owner",
			body: `{"mutations":[{"client_id":"c","mutation_id":1,"name":"credit","at":"2026-03-02T10:00:00+08:00","args":{"person":"mom","account":"account","amount":"1.00"}},` +
				`{"client_id":"c","mutation_id":2,"name":"credit","at":"2026-03-02T10:00:00+08:00","args":{"person":"mom","account":"account","amount":"-0.01"}}]}`,
			status: 400, contains: []string{`"field":"mutations[1].args.amount"`}},
		{name: "name too long", method: "POST", path: p, token: "owner", body: push("c", 1, strings.Repeat("n", 65), `{}`),
			status: 400, contains: []string{`"field":"mutations[0].name"`}},
		{name: "person name too long", method: "POST", path: p, token: "owner",
			body:   push("c", 1, "add_person", `{"id":"x","name":"`+strings.Repeat("名", 201)+`","region":"330100","insurance":"employee","status":"active"}`),
			status: 400, contains: []string{`"field":"mutations[0].args.name"`}},
		{name: "wrong method", method: "GET", path: p, token: "owner", status: 404, contains: []string{`"code":"not_found"`}},
		{name: "unknown endpoint", method: "GET", path: "/api/v1/nothing", token: "owner", status: 404, contains: []string{`"code":"not_found"`}},
		{name: "after all that, the client's first push still applies", method: "POST", path: p, token: "owner",
			body: push("c", 1, "credit", `{"person":"mom","account":"account","amount":"1.00"}`), status: 200,
			contains: []string{`"seq":7`}, entries: []string{"credit: external:credit -1.00, mom 1.00"}},
	})
}

// TestPushFromAVersion1Client: an app still running format version 1 ("clientID", money in
// fen, "premium") pushes its queue; the server reads it as version 2 and loses nothing.
func TestPushFromAVersion1Client(t *testing.T) {
	h := newHarness(t)
	tok, fam, _ := h.newFamily("张家")
	body := `{"mutations":[
 {"clientID":"old","mutationID":1,"name":"add_person","at":"2026-03-02T10:00:00+08:00","args":{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":100000}},
 {"clientID":"old","mutationID":2,"name":"premium","at":"2026-03-02T10:01:00+08:00","args":{"insured":"mom","premium":"resident","amount":38000},
  "expected":{"lines":[{"payer":"mom","source":"own","amount":38000}],"cash":0}}]}`
	out := h.mustDo("POST", "/api/v1/families/"+fam+"/push", tok, body, 200)
	var resp syncwire.PushResponse
	h.decode(out, &resp)
	if resp.LastMutationIDs["old"] != 2 || resp.Results[1].Outcome == nil || resp.Results[1].Outcome.Status != "confirmed" {
		t.Fatalf("version-1 push answered %s", out)
	}
	got := strings.Join(h.ledger(fam), "\n")
	if !strings.Contains(got, "mom -380.00") || !strings.Contains(got, "mom 1000.00") {
		t.Fatalf("ledger after a version-1 push:\n%s", got)
	}
	page := h.mustDo("GET", "/api/v1/families/"+fam+"/pull?cursor=0", tok, "", 200)
	if !strings.Contains(page, `"name":"pay_premium"`) || !strings.Contains(page, `"epoch":"e`) {
		t.Fatalf("pull after a version-1 push: %s", page)
	}
}
