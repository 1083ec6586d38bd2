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
		{"integer text", `{"a":"12"}`, 1200, `{"a":"12.00"}`},
		{"zero", `{"a":"0.00"}`, 0, `{"a":"0.00"}`},
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
