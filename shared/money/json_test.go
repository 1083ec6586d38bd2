package money

import (
	"encoding/json"
	"testing"
)

func TestJSON(t *testing.T) {
	type doc struct {
		A Amount `json:"a"`
	}
	tests := []struct {
		name, in string
		want     Amount
		out      string // "" when the input is refused
	}{
		{"two decimals", `{"a":"12.34"}`, 1234, `{"a":"12.34"}`},
		{"negative", `{"a":"-0.05"}`, -5, `{"a":"-0.05"}`},
		{"zero", `{"a":"0.00"}`, 0, `{"a":"0.00"}`},
		{"the largest", `{"a":"100000000.00"}`, Max, `{"a":"100000000.00"}`},
		{"the smallest", `{"a":"-100000000.00"}`, -Max, `{"a":"-100000000.00"}`},
		{"integer text", `{"a":"12"}`, 0, ""},
		{"one decimal", `{"a":"12.3"}`, 0, ""},
		{"a bare zero", `{"a":"0"}`, 0, ""},
		{"minus zero", `{"a":"-0.00"}`, 0, ""},
		{"leading zeros", `{"a":"00012.30"}`, 0, ""},
		{"a leading zero", `{"a":"01.00"}`, 0, ""},
		{"a plus", `{"a":"+1.00"}`, 0, ""},
		{"two minuses", `{"a":"--1.00"}`, 0, ""},
		{"a point only", `{"a":"-.00"}`, 0, ""},
		{"no point", `{"a":"1000"}`, 0, ""},
		{"a comma", `{"a":"1,00"}`, 0, ""},
		{"past the largest", `{"a":"100000000.01"}`, 0, ""},
		{"far past the largest", `{"a":"92233720368547758.07"}`, 0, ""},
		{"a trailing blank", `{"a":"1.00 "}`, 0, ""},
		{"a JSON number is refused", `{"a":1234}`, 0, ""},
		{"three decimals", `{"a":"1.234"}`, 0, ""},
		{"exponent", `{"a":"1e3"}`, 0, ""},
		{"blank", `{"a":" 1.00"}`, 0, ""},
		{"empty", `{"a":""}`, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d doc
			err := json.Unmarshal([]byte(tc.in), &d)
			if tc.out == "" {
				if err == nil {
					t.Fatalf("decoded %s as %v, want an error", tc.in, d.A)
				}
				return
			}
			if err != nil || d.A != tc.want {
				t.Fatalf("got %v, %v; want %v", d.A, err, tc.want)
			}
			if b, _ := json.Marshal(d); string(b) != tc.out {
				t.Fatalf("encoded %s, want %s", b, tc.out)
			}
		})
	}
}
