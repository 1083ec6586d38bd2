package scenario_test

import (
	"strings"
	"testing"

	"gongji/shared/engine"
	"gongji/shared/scenario"
)

const base = `{"id":"x","at":"2025-06-01T10:00:00+08:00",
 "people":[{"id":"A","region":"130100","insurance":"employee","account":"500.00"},{"id":"B","region":"130100","insurance":"resident"}],
 "relations":[{"person":"B","of":"A","relation":"child"}],"bindings":[],"wallet_transfers":[],
 "action":{"type":"bind","authorizer":"A","beneficiary":"B","scopes":["medical"]}}`

// TestMalformedScenarios: each malformed input exits 2 with an error whose message names the
// offending field.
func TestMalformedScenarios(t *testing.T) {
	cases := []struct {
		name, from, to, field string
	}{
		{"bad JSON", `"id":"x"`, `"id":`, "scenario"},
		{"unknown action", `"type":"bind"`, `"type":"bond"`, "action.type"},
		{"unknown person", `"authorizer":"A"`, `"authorizer":"Z"`, "action.authorizer"},
		{"three decimals", `"account":"500.00"`, `"account":"500.001"`, "people[0].account"},
		{"signed account", `"account":"500.00"`, `"account":"-500.00"`, "people[0].account"},
		{"exponent", `"account":"500.00"`, `"account":"5e2"`, "people[0].account"},
		{"number instead of string", `"account":"500.00"`, `"account":500`, "people.account"},
		{"bad region", `"region":"130100","insurance":"employee"`, `"region":"1301","insurance":"employee"`, "people[0].region"},
		{"unknown insurance", `"insurance":"resident"`, `"insurance":"private"`, "people[1].insurance"},
		{"unknown status", `"insurance":"resident"`, `"insurance":"resident","status":"gone"`, "people[1].status"},
		{"bad tier", `"account":"500.00"`, `"account":"500.00","tier":3`, "people[0].tier"},
		{"relation to an unknown person", `"of":"A"`, `"of":"Q"`, "relations[0].of"},
		{"conflicting relations", `{"person":"B","of":"A","relation":"child"}`, `{"person":"B","of":"A","relation":"child"},{"person":"A","of":"B","relation":"child"}`, "relations[1]"},
		{"duplicate person", `{"id":"B","region"`, `{"id":"A","region"`, "people[1].id"},
		{"missing at", `"at":"2025-06-01T10:00:00+08:00",`, ``, "at"},
		{"bad at", `"at":"2025-06-01T10:00:00+08:00"`, `"at":"2025-06-01"`, "at"},
		{"unknown scope", `"scopes":["medical"]`, `"scopes":["dental"]`, "action.scopes[0]"},
		{"bad binding date", `"bindings":[]`, `"bindings":[{"id":"b","authorizer":"A","beneficiary":"B","scopes":["medical"],"created":"2025-13-01"}]`, "bindings[0].created"},
		{"missing action", `,
 "action":{"type":"bind","authorizer":"A","beneficiary":"B","scopes":["medical"]}`, ``, "action"},
	}
	e := engine.Default()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := strings.Replace(base, c.from, c.to, 1)
			if in == base {
				t.Fatalf("the replacement of %q did not apply", c.from)
			}
			out, code := scenario.Run(e, []byte(in))
			if code != 2 || !strings.Contains(string(out), `"error"`) || !strings.Contains(string(out), c.field) {
				t.Fatalf("exit %d, want 2 with an error naming %q:\n%s", code, c.field, out)
			}
		})
	}
	if out, code := scenario.Run(e, []byte(base)); code != 0 {
		t.Fatalf("the base scenario fails: %s", out)
	}
}

func TestCompareFindsDifferences(t *testing.T) {
	got := []byte(`{"allowed":false,"reasons":["B","A"],"cash":"20.00","balances":{"A":"1.00"},"payments":[{"payer":"A","amount":"5.00"}]}`)
	cases := []struct {
		name, expect string
		diffs        int
	}{
		{"equal with reasons as a set and amounts as decimals", `{"reasons":["A","B"],"cash":"20","balances":{"A":"1.0"}}`, 0},
		{"members left out are not compared", `{"allowed":false}`, 0},
		{"a missing reason", `{"reasons":["A"]}`, 1},
		{"an extra reason", `{"reasons":["A","B","C"]}`, 1},
		{"another amount", `{"cash":"20.01"}`, 1},
		{"a balance too many", `{"balances":{}}`, 1},
		{"a payment differs", `{"payments":[{"payer":"B"}]}`, 1},
		{"a payment too many", `{"payments":[]}`, 1},
		{"a boolean differs", `{"allowed":true}`, 1},
		{"an error was expected", `{"error":true}`, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if d := scenario.Compare([]byte(c.expect), got); len(d) != c.diffs {
				t.Fatalf("got %d differences %v, want %d", len(d), d, c.diffs)
			}
		})
	}
}
