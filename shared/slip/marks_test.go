package slip

import (
	"strings"
	"testing"
)

// marksReplacer is what cleanNumber used before plainMarks: plainMarks must write the same.
var marksReplacer = strings.NewReplacer("：", ":", "，", ",", "¥", "", "￥", "", "元", " ", "（", "(", "）", ")")

func TestPlainMarksIsTheReplacer(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"plain", "12.30"},
		{"full-width colon and yuan", "金额：1，234.50元"},
		{"both yuan signs", "¥12.00 ￥3.40"},
		{"brackets", "（自付）：5.00"},
		{"a byte that is not UTF-8", "金额：\xff12.00"},
		{"a cut rune", "12元\xe5\x85"},
		{"only marks", "：，¥￥元（）"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := plainMarks(tc.in), marksReplacer.Replace(tc.in); got != want {
				t.Errorf("plainMarks(%q) = %q, want %q", tc.in, got, want)
			}
		})
	}
}

func FuzzPlainMarksIsTheReplacer(f *testing.F) {
	for _, s := range []string{"金额：1，234.50元", "¥\xff（）", "统筹基金支付：300.00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := plainMarks(s), marksReplacer.Replace(s); got != want {
			t.Errorf("plainMarks(%q) = %q, want %q", s, got, want)
		}
	})
}
