package apitest

import (
	"net/http"
	"strings"
	"testing"
)

// attackInput is the input half of issue 18's attack suite: bodies that two readers could
// read differently (a value with more after it, a key twice, an amount in another spelling,
// a control character) are refused by the strict reader with a 400 naming the value's path,
// on a push, a family's creation and a join alike, and the family's log is as it was.
func attackInput(t *testing.T, base string) {
	owner := newFamily(t, base, "input")
	owner.push(t, familyMutations("c1")...)
	raw := func(name, args string) string {
		return `{"mutations":[{"client_id":"c1","mutation_id":6,"name":"` + name +
			`","at":"2025-06-01T10:00:00+08:00","args":` + args + `}]}`
	}
	credit := func(amount, memo string) string {
		return raw("credit", `{"person":"A","account":"account","amount":"`+amount+`","memo":"`+memo+`"}`)
	}
	person := func(id, name string) string {
		return raw("add_person", `{"id":"`+id+`","name":"`+name+`","region":"130100","insurance":"employee","status":"active"}`)
	}
	cases := []struct{ name, path, body, field string }{
		{"a stray } after a push", "/push", credit("1.00", "") + "}", "body"},
		{"a stray ] after a push", "/push", credit("1.00", "") + "]", "body"},
		{"a key twice: the amount", "/push", raw("credit", `{"person":"A","account":"account","amount":"1.00","amount":"9999.00"}`), "mutations[0].args.amount"},
		{"a key twice in another case", "/push", raw("credit", `{"person":"A","account":"account","amount":"1.00","AMOUNT":"9999.00"}`), "mutations[0].args.AMOUNT"},
		{"a key twice at depth", "/push", raw("settle", `{"patient":"B","institution":{"region":"130100","kind":"pharmacy","kind":"hospital","designated":true},"bill":{"total":"1.00","policy_self_pay":"1.00","category":"drug"}}`), "mutations[0].args.institution.kind"},
		{"a second mutations array", "/push", `{"mutations":[],"mutations":` + credit("1.00", "")[len(`{"mutations":`):], "mutations"},
		{"minus zero", "/push", credit("-0.00", ""), "mutations[0].args.amount"},
		{"leading zeros", "/push", credit("00012.30", ""), "mutations[0].args.amount"},
		{"one decimal", "/push", credit("12.3", ""), "mutations[0].args.amount"},
		{"an escaped NUL in a person id", "/push", person(`C\u0000`, "丙"), "mutations[0].args.id"},
		{"a tab in a person id", "/push", person(`C\t`, "丙"), "mutations[0].args.id"},
		{"an escaped NUL in a name", "/push", person("C", `丙\u0000`), "mutations[0].args.name"},
		{"an escaped NUL in a memo", "/push", credit("1.00", `x\u0000`), "mutations[0].args.memo"},
		{"an escape sequence in a memo", "/push", credit("1.00", `\u001b[2J`), "mutations[0].args.memo"},
		{"a C1 control in a memo", "/push", credit("1.00", `\u0085`), "mutations[0].args.memo"},
		{"a lone surrogate in a memo", "/push", credit("1.00", `\udc00`), "mutations[0].args.memo"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, owner)
			a := call(t, base, "POST", owner.path(c.path), owner.token, []byte(c.body))
			if a.status != http.StatusBadRequest || a.errorField() != c.field {
				t.Fatalf("%d %s, want 400 naming %s", a.status, a.body, c.field)
			}
			logUnchanged(t, owner, before)
		})
	}
	// What a person may write in free text still goes through: tab and line breaks.
	t.Run("a memo of two lines is accepted", func(t *testing.T) {
		if a := call(t, base, "POST", owner.path("/push"), owner.token, []byte(credit("1.00", `第一行\n第二行\t完`))); a.status != http.StatusOK {
			t.Fatalf("%d %s", a.status, a.body)
		}
	})
	code := owner.invite(t)
	for _, c := range []struct{ name, path, body, field string }{
		{"a stray } after a family's creation", "/api/v1/families", `{"name":"王家","device":"手机"}}`, "body"},
		{"a family's name twice", "/api/v1/families", `{"name":"王家","name":"李家","device":"手机"}`, "name"},
		{"an escaped NUL in a family's name", "/api/v1/families", `{"name":"王家\u0000","device":"手机"}`, "name"},
		{"a stray ] after a join", "/api/v1/join", `{"code":"` + code + `","device":"手机"}]`, "body"},
		{"an escaped NUL in a joining device's name", "/api/v1/join", `{"code":"` + code + `","device":"手机\u0000"}`, "device"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := call(t, base, "POST", c.path, "", []byte(c.body))
			if a.status != http.StatusBadRequest || a.errorField() != c.field {
				t.Fatalf("%d %s, want 400 naming %s", a.status, a.body, c.field)
			}
		})
	}
	// The invitation was not used by the refused joins.
	if _, a := join(t, base, code, "手机"); a.status != http.StatusCreated || strings.Contains(string(a.body), `"error"`) {
		t.Fatalf("the invitation after the refused joins: %d %s", a.status, a.body)
	}
}
