package api

import (
	"strings"
	"testing"
)

func TestDecodePush(t *testing.T) {
	one := func(name, args string) string {
		return `{"mutations":[{"client_id":"c1","mutation_id":1,"name":"` + name + `","at":"2025-06-01T10:00:00+08:00","args":` + args + `}]}`
	}
	cases := []struct{ name, body, field string }{
		{"a credit", one("credit", `{"person":"A","account":"account","amount":"1.00"}`), ""},
		{"an unknown name", one("teleport", `{}`), "mutations[0].name"},
		{"the server's client id", strings.Replace(one("credit", `{"person":"A","account":"account","amount":"1.00"}`), `"c1"`, `"server"`, 1), "mutations[0].client_id"},
		{"invalid UTF-8 in a person's name", one("add_person", `{"id":"A","name":"`+"\xff"+`","region":"330100","insurance":"employee","status":"active"}`), "mutations[0].args.name"},
		{"invalid UTF-8 in a client id", strings.Replace(one("credit", `{}`), `"c1"`, "\"c\xc3\"", 1), "mutations[0].client_id"},
		{"int64 max opening balance", one("add_person", `{"id":"A","name":"甲","region":"330100","insurance":"employee","status":"active","account":"92233720368547758.07"}`), "mutations[0].args.account"},
		{"a negative opening balance", one("add_person", `{"id":"A","name":"甲","region":"330100","insurance":"employee","status":"active","wallet":"-1.00"}`), "mutations[0].args.wallet"},
		{"a prior-years balance", one("add_person", `{"id":"A","name":"甲","region":"310101","insurance":"employee","status":"active","account":"1000.00","account_history":"200.00"}`), ""},
		{"a negative prior-years balance", one("add_person", `{"id":"A","name":"甲","region":"310101","insurance":"employee","status":"active","account":"1.00","account_history":"-1.00"}`), "mutations[0].args.account_history"},
		{"an edited prior-years balance", one("edit_person", `{"person":"A","account_history":"200.00"}`), ""},
		{"an edited negative prior-years balance", one("edit_person", `{"person":"A","account_history":"-0.01"}`), "mutations[0].args.account_history"},
		{"a negative bill", one("settle", `{"patient":"A","institution":{"region":"330100","kind":"pharmacy"},"bill":{"total":"-1.00","policy_self_pay":"-1.00","category":"drug"}}`), "mutations[0].args.bill.total"},
		{"a negative wallet transfer", one("wallet_transfer", `{"from":"A","to":"B","amount":"-5.00","source":"account"}`), "mutations[0].args.amount"},
		{"a signed correction", one("correct", `{"person":"A","account":"account","amount":"-5.00","memo":"typo"}`), ""},
		{"not JSON", `{"mutations":`, "body"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, fe := DecodePush([]byte(c.body))
			switch {
			case c.field == "" && fe != nil:
				t.Fatalf("refused: %v", fe)
			case c.field != "" && (fe == nil || fe.Field != c.field):
				t.Fatalf("got %v, want an error on %s", fe, c.field)
			}
		})
	}
}

// FuzzDecodePush: the push decoder never panics, and anything it refuses names a field.
func FuzzDecodePush(f *testing.F) {
	f.Add([]byte(`{"mutations":[{"client_id":"c1","mutation_id":1,"name":"credit","at":"2025-06-01T10:00:00+08:00","args":{"person":"A","account":"account","amount":"1.00"}}]}`))
	f.Add([]byte(`{"mutations":[{"client_id":"c1","mutation_id":1,"name":"settle","at":"2025-06-01T10:00:00+08:00","args":{"patient":"A","bill":{"total":"1.00"}},"expected":{"lines":[{"payer":"A","amount":"1.00"}],"cash":"0.00"}}]}`))
	f.Add([]byte(`{"mutations":[{"clientID":"c1","mutationID":1,"name":"premium","at":"2025-06-01T10:00:00+08:00","args":{"Insured":"A","Premium":"resident","Amount":100}}]}`))
	f.Add([]byte(`{"mutations":[{"client_id":"c1","mutation_id":1,"name":"edit_person","at":"2025-06-01T10:00:00+08:00","args":{"person":"A","account_history":"200.00"}}]}`))
	f.Add([]byte("{\"mutations\":[{\"name\":\"\xff\"}]}"))
	f.Fuzz(func(t *testing.T, body []byte) {
		req, fe := DecodePush(body)
		if fe != nil && fe.Field == "" {
			t.Fatalf("an error without a field: %v", fe)
		}
		if fe == nil && (req == nil || len(req.Mutations) == 0) {
			t.Fatalf("accepted without mutations: %q", body)
		}
	})
}
