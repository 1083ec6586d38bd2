package civil

import (
	"encoding/json"
	"testing"
)

func TestDateJSON(t *testing.T) {
	type doc struct {
		D Date `json:"d,omitempty"`
	}
	tests := []struct {
		name, in string
		want     Date
		out      string // "" when the input is refused
	}{
		{"a date", `{"d":"2025-01-05"}`, MustDate("2025-01-05"), `{"d":"2025-01-05"}`},
		{"absent is zero", `{}`, 0, `{}`},
		{"empty is zero", `{"d":""}`, 0, `{}`},
		{"not a date", `{"d":"2025-13-01"}`, 0, ""},
		{"a number", `{"d":20250105}`, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d doc
			err := json.Unmarshal([]byte(tc.in), &d)
			if tc.out == "" {
				if err == nil {
					t.Fatalf("decoded %s as %v, want an error", tc.in, d.D)
				}
				return
			}
			if err != nil || d.D != tc.want {
				t.Fatalf("got %v, %v; want %v", d.D, err, tc.want)
			}
			if b, _ := json.Marshal(d); string(b) != tc.out {
				t.Fatalf("encoded %s, want %s", b, tc.out)
			}
		})
	}
	if _, err := json.Marshal(doc{Never}); err == nil {
		t.Fatal("Never encoded, want an error")
	}
}
