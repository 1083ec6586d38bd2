package screen

import "testing"

// Amount fields take what people type (issue 19): thousands separators, full-width digits,
// 元 and ¥; what is not an amount is still refused.
func TestParseYuanTakesWhatPeopleType(t *testing.T) {
	cases := []struct {
		typed, want string
		ok          bool
	}{
		{"3,000.00", "3000.00", true},
		{"3000", "3000.00", true},
		{"１２．５", "12.50", true},
		{"３，０００元", "3000.00", true},
		{"¥ 45.8", "45.80", true},
		{"  88 元 ", "88.00", true},
		{"1,234,567.89", "1234567.89", true},
		{"", "0.00", true},
		{"12,34", "", false},
		{"三千", "", false},
		{"-5", "", false},
		{"1.234", "", false},
	}
	for _, c := range cases {
		t.Run(c.typed, func(t *testing.T) {
			got, err := parseYuan(c.typed)
			if (err == nil) != c.ok || (c.ok && got.String() != c.want) {
				t.Fatalf("parseYuan(%q) = %s, %v; want %s (ok %v)", c.typed, got, err, c.want, c.ok)
			}
		})
	}
}
