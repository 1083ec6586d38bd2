package engine

import "testing"

func TestLead(t *testing.T) {
	check := Line{Rule: "B1", Msg: msgAuthorizerOK}
	refused := Line{Rule: "B4", Code: BeneficiaryOutOfArea, Msg: msgOutOfArea}
	allowed := Line{Rule: "B1-B8", Msg: msgBindAllowed}
	cash := Line{Rule: "S5", Msg: msgCash}
	for _, c := range []struct {
		name  string
		lines []Line
		want  []Msg
	}{
		{"a refusal leads, after passing checks", []Line{check, check, refused}, []Msg{msgOutOfArea}},
		{"an allowed binding leads with 可以绑定", []Line{check, allowed}, []Msg{msgBindAllowed}},
		{"a bill leads with what cash is left", []Line{{Rule: "S1", Msg: msgEligible}, cash}, []Msg{msgCash}},
		{"a Shanghai bill without the 历年账户 says what to fill in, then the cash", []Line{{Rule: "SH1", Msg: msgHistoryUnknown}, {Rule: "S8", Msg: msgPayerEmpty}, cash},
			[]Msg{msgHistoryUnknown, msgCash}},
		{"no conclusion: the first line", []Line{check, {Rule: "B2", Msg: msgBeneficiaryOK}}, []Msg{msgAuthorizerOK}},
		{"nothing", nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Lead(c.lines)
			var msgs []Msg
			for _, l := range got {
				msgs = append(msgs, l.Msg)
			}
			if len(msgs) != len(c.want) {
				t.Fatalf("Lead = %v, want %v", msgs, c.want)
			}
			for i := range msgs {
				if msgs[i] != c.want[i] {
					t.Fatalf("Lead = %v, want %v", msgs, c.want)
				}
			}
		})
	}
}
