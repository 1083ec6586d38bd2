package money

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name, in string
		want     Amount
		wantErr  string
	}{
		{"two decimals", "123.45", 12345, ""},
		{"one decimal", "123.4", 12340, ""},
		{"integer", "123", 12300, ""},
		{"zero", "0.00", 0, ""},
		{"leading zeros", "007.05", 705, ""},
		{"three decimals", "1.001", 0, "more than two decimals"},
		{"minus sign", "-1.00", 0, "sign"},
		{"plus sign", "+1.00", 0, "sign"},
		{"exponent", "1e3", 0, "unexpected"},
		{"blank", "", 0, "empty"},
		{"spaces", " 1.00", 0, "unexpected"},
		{"trailing space", "1.00 ", 0, "unexpected"},
		{"comma", "1,000.00", 0, "unexpected"},
		{"bare dot", ".5", 0, "no digits before"},
		{"trailing dot", "5.", 0, "no digits after"},
		{"two dots", "1.2.3", 0, "unexpected"},
		{"not a number", "abc", 0, "unexpected"},
		{"too many digits", "1234567890123456", 0, "largest amount"},
		{"one fen over the maximum", "100000000.01", 0, "largest amount"},
		{"largest", "100000000.00", 10_000_000_000, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Parse(c.in)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) || !strings.Contains(err.Error(), c.in) {
					t.Fatalf("Parse(%q) = %v, %v; want an error naming the input and saying %q", c.in, got, err, c.wantErr)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("Parse(%q) = %v, %v; want %v", c.in, got, err, c.want)
			}
		})
	}
}

func TestParseSigned(t *testing.T) {
	cases := []struct {
		in   string
		want Amount
		ok   bool
	}{
		{"-50.00", -5000, true}, {"50.00", 5000, true}, {"-0.05", -5, true}, {"--1", 0, false}, {"-", 0, false}, {"+1", 0, false},
	}
	for _, c := range cases {
		got, err := ParseSigned(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseSigned(%q) = %v, %v; want %v ok=%t", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestString(t *testing.T) {
	cases := map[Amount]string{0: "0.00", 5: "0.05", 1234: "12.34", 100000: "1000.00", -5: "-0.05", -12345: "-123.45"}
	for a, want := range cases {
		if got := a.String(); got != want {
			t.Errorf("Amount(%d).String() = %q, want %q", int64(a), got, want)
		}
	}
}

func TestMulRatioHalfUp(t *testing.T) {
	cases := []struct {
		name   string
		amount string
		ratio  string
		want   string
	}{
		{"5% of an average wage", "127757.00", "0.05", "6387.85"},
		{"half a fen rounds up", "0.01", "0.5", "0.01"},
		{"just under half rounds down", "0.01", "0.49", "0.00"},
		{"exact", "100.00", "0.3", "30.00"},
		{"1/3 of 1.00", "1.00", "0.3333333", "0.33"},
		{"2/3 of 1.00", "1.00", "0.6666667", "0.67"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := MustParse(c.amount).MulRatioHalfUp(decimal.RequireFromString(c.ratio))
			if got.String() != c.want {
				t.Fatalf("%s × %s = %s, want %s", c.amount, c.ratio, got, c.want)
			}
		})
	}
}

// FuzzParse: Parse never panics, and whatever it accepts prints back to an equal amount.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"123.45", "0", "1.001", "-1", "1e3", "", " 1", "99999999999999.99", "0.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Parse(s)
		if err != nil {
			return
		}
		if a < 0 {
			t.Fatalf("Parse(%q) = %v: negative without a sign", s, a)
		}
		back, err := Parse(a.String())
		if err != nil || back != a {
			t.Fatalf("round trip of %q: %v -> %q -> %v, %v", s, a, a.String(), back, err)
		}
	})
}
