package engine

import (
	"encoding/json"
	"testing"

	"gongji/shared/source"
)

// TestAppendJSONMatchesMarshal: lines and payment lines written by hand are what
// json.Marshal writes of them (a payment line: of its wire form, paymentJSON).
func TestAppendJSONMatchesMarshal(t *testing.T) {
	no := false
	payments := []struct {
		name string
		p    Payment
		wire paymentJSON
	}{
		{"own", Payment{Payer: "mom", Source: Own, Amount: 1234}, paymentJSON{Payer: "mom", Source: Own, Amount: 1234}},
		{"mutual aid in Shenzhen", Payment{Payer: "son", Source: MutualAid, Binding: "c/1", Amount: -1, NotClaimableElsewhere: true},
			paymentJSON{Payer: "son", Source: MutualAid, Binding: "c/1", Amount: -1, ClaimableElsewhere: &no}},
		{"escaped payer", Payment{Payer: "妈<妈>", Source: FromPurse}, paymentJSON{Payer: "妈<妈>", Source: FromPurse}},
	}
	for _, tt := range payments {
		t.Run(tt.name, func(t *testing.T) {
			want, _ := json.Marshal(tt.wire)
			if got := tt.p.AppendJSON(nil); string(got) != string(want) {
				t.Errorf("got %s, want %s", got, want)
			}
		})
	}
	lines := []Line{
		{Rule: "S1", Msg: "m"},
		{Rule: "S1", Code: "C", Msg: "m", Args: []Arg{{Kind: "person", Value: "王"}, {Kind: "list", Value: "a,b"}}, Sources: []source.ID{"x", "y"}, Grade: "B/U", Unverified: true},
		{Rule: "\"", Msg: "\n", Args: []Arg{}, Sources: []source.ID{}},
	}
	for _, l := range lines {
		want, _ := json.Marshal(l)
		if got := l.AppendJSON(nil); string(got) != string(want) {
			t.Errorf("line: got %s, want %s", got, want)
		}
	}
}
