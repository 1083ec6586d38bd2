package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"gongji/shared/syncwire"
)

// TestStrictInput: every input the strict reader refuses (issue 18) is a 400 naming the field
// by its path, through the real handler, and nothing is written: the log's head stays where it
// was, and no family or device is made.
func TestStrictInput(t *testing.T) {
	h := newHarness(t)
	p := "/api/v1/families/{family}/push"
	credit := func(amount string) string {
		return push("c", 1, "credit", `{"person":"mom","account":"account","amount":"`+amount+`"}`)
	}
	person := func(id, name string) string {
		return push("c", 1, "add_person", `{"id":"`+id+`","name":"`+name+`","region":"330100","insurance":"employee","status":"active"}`)
	}
	// four mutations, the fourth one wrong, so that the path names its index
	four := func(args string) string {
		ok := `{"person":"mom","account":"account","amount":"1.00"}`
		var ms []string
		for i, a := range []string{ok, ok, ok, args} {
			ms = append(ms, `{"client_id":"c","mutation_id":`+string(rune('1'+i))+`,"name":"credit","at":"2026-03-02T10:00:00+08:00","args":`+a+`}`)
		}
		return `{"mutations":[` + strings.Join(ms, ",") + `]}`
	}
	cases := []struct{ name, path, token, body, field, says string }{
		{"a stray } after a push", p, "owner", credit("1.00") + "}", "body", "trailing data"},
		{"a stray ] after a push", p, "owner", credit("1.00") + "]", "body", "trailing data"},
		{"a second push after a push", p, "owner", credit("1.00") + credit("2.00"), "body", "trailing data"},
		{"a stray } after a family's creation", "/api/v1/families", "none", `{"name":"王家","device":"手机"}}`, "body", "trailing data"},
		{"a stray ] after a join", "/api/v1/join", "none", `{"code":"ABCD-EFGH","device":"手机"}]`, "body", "trailing data"},
		{"a stray } after an invitation", "/api/v1/families/{family}/invites", "owner", `{"ttl_minutes":60}}`, "body", "trailing data"},
		{"a second amount", p, "owner", push("c", 1, "credit", `{"person":"mom","account":"account","amount":"1.00","amount":"9999.00"}`),
			"mutations[0].args.amount", "a second key"},
		{"a second amount in capitals", p, "owner", push("c", 1, "credit", `{"person":"mom","account":"account","amount":"1.00","Amount":"9999.00"}`),
			"mutations[0].args.Amount", "a second key"},
		{"a second amount in the fourth mutation", p, "owner", four(`{"person":"mom","account":"account","amount":"1.00","amount":"9999.00"}`),
			"mutations[3].args.amount", "a second key"},
		{"a second bill total at depth", p, "owner", push("c", 1, "settle", `{"patient":"kid",`+pharmacy+`,"bill":{"total":"1.00","total":"2.00","policy_self_pay":"1.00","category":"drug"}}`),
			"mutations[0].args.bill.total", "a second key"},
		{"a second mutations array", p, "owner", `{"mutations":[],"mutations":` + credit("1.00")[len(`{"mutations":`):], "mutations", "a second key"},
		{"a second name of a family", "/api/v1/families", "none", `{"name":"王家","name":"李家","device":"手机"}`, "name", "a second key"},
		{"minus zero", p, "owner", four(`{"person":"mom","account":"account","amount":"-0.00"}`), "mutations[3].args.amount", "minus zero"},
		{"minus zero in a correction", p, "owner", push("c", 1, "correct", `{"person":"mom","account":"account","amount":"-0.00","memo":"x"}`),
			"mutations[0].args.amount", "minus zero"},
		{"leading zeros", p, "owner", credit("00012.30"), "mutations[0].args.amount", "leading zero"},
		{"one decimal", p, "owner", credit("12.3"), "mutations[0].args.amount", "two decimals"},
		{"no decimals", p, "owner", credit("12"), "mutations[0].args.amount", "two decimals"},
		{"a sign on a credit", p, "owner", credit("-5.00"), "mutations[0].args.amount", "more than 0.00"},
		{"a sign on an opening balance", p, "owner", push("c", 1, "add_person", `{"id":"x","name":"新","region":"330100","insurance":"employee","status":"active","account":"-1.00"}`),
			"mutations[0].args.account", "negative"},
		{"a sign on an amended bill", p, "owner", push("c", 1, "amend_bill", `{"target":"setup/1","settle":{"patient":"kid",`+pharmacy+`,"bill":{"total":"-1.00","policy_self_pay":"-1.00","category":"drug"}}}`),
			"mutations[0].args.settle.bill.total", "negative"},
		{"a leading zero in an expected split", p, "owner", `{"mutations":[{"client_id":"c","mutation_id":1,"name":"credit","at":"2026-03-02T10:00:00+08:00",` +
			`"args":{"person":"mom","account":"account","amount":"1.00"},"expected":{"lines":[{"payer":"mom","source":"own","amount":"01.00"}],"cash":"0.00"}}]}`,
			"mutations[0].expected.lines[0].amount", "leading zero"},
		{"an escaped NUL in a person id", p, "owner", person(`P\u0000`, "新"), "mutations[0].args.id", "U+0000"},
		{"a tab in a person id", p, "owner", person(`P\t`, "新"), "mutations[0].args.id", "control character"},
		{"a line feed in a binding id", p, "owner", push("c", 1, "revoke", `{"binding":"b\n1"}`), "mutations[0].args.binding", "control character"},
		{"an escaped NUL in a name", p, "owner", person("x", `新\u0000`), "mutations[0].args.name", "U+0000"},
		{"an escaped NUL in a memo", p, "owner", push("c", 1, "credit", `{"person":"mom","account":"account","amount":"1.00","memo":"退款\u0000"}`),
			"mutations[0].args.memo", "U+0000"},
		{"an escape character in a memo", p, "owner", push("c", 1, "credit", `{"person":"mom","account":"account","amount":"1.00","memo":"\u001b[2J"}`),
			"mutations[0].args.memo", "U+001B"},
		{"a raw control character in a reason", p, "owner", push("c", 1, "void", "{\"target\":\"setup/1\",\"reason\":\"a\x07\"}"),
			"mutations[0].args.reason", "control character"},
		{"DEL in a name", p, "owner", person("x", "新\x7f"), "mutations[0].args.name", "U+007F"},
		{"a C1 control in a name", p, "owner", person("x", `新\u0085`), "mutations[0].args.name", "U+0085"},
		{"a lone surrogate in a name", p, "owner", person("x", `\ud800`), "mutations[0].args.name", "surrogate"},
		{"an escaped NUL in a client id", p, "owner", `{"mutations":[{"client_id":"c\u0000","mutation_id":1,"name":"credit","at":"2026-03-02T10:00:00+08:00","args":{}}]}`,
			"mutations[0].client_id", "U+0000"},
		{"an escaped NUL in a family's name", "/api/v1/families", "none", `{"name":"王家\u0000","device":"手机"}`, "name", "U+0000"},
		{"an escaped NUL in a device's name", "/api/v1/join", "none", `{"code":"ABCD-EFGH","device":"手机\u0000"}`, "device", "U+0000"},
		{"an escaped NUL in a joining person", "/api/v1/join", "none", `{"code":"ABCD-EFGH","device":"手机","person":"mom\u0000"}`, "person", "U+0000"},
		{"a tab in a joining person", "/api/v1/join", "none", `{"code":"ABCD-EFGH","device":"手机","person":"mom\t"}`, "person", "an id holds none"},
	}
	head := func() int64 {
		page, err := h.db.Pull(context.Background(), h.ids["family"], 0, 1)
		if err != nil {
			t.Fatal(err)
		}
		return page.Head
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h.t = t
			before := head()
			status, body := h.do("POST", c.path, c.token, c.body)
			if status != 400 {
				t.Fatalf("status %d, want 400: %s", status, body)
			}
			var e struct {
				Error struct{ Code, Field, Message string }
			}
			h.decode(body, &e)
			if e.Error.Field != c.field || !strings.Contains(e.Error.Message, c.says) {
				t.Fatalf("answered field %q (%s), want field %q saying %q", e.Error.Field, e.Error.Message, c.field, c.says)
			}
			if after := head(); after != before {
				t.Fatalf("the log moved from %d to %d", before, after)
			}
		})
	}
	// What was refused above, sent well-formed, is accepted: the test refuses the input, not
	// the request.
	h.t = t
	out := h.mustDo("POST", p, "owner", four(`{"person":"mom","account":"account","amount":"1.00","memo":"退款\t第二行\n"}`), 200)
	var resp syncwire.PushResponse
	if err := json.Unmarshal([]byte(out), &resp); err != nil || len(resp.Results) != 4 || resp.Results[3].Result != syncwire.Processed {
		t.Fatalf("the well-formed push answered %s", out)
	}
}
