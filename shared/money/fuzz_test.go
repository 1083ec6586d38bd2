package money

import (
	"math/big"
	"testing"
)

// FuzzSum: Sum of three amounts never wraps; it equals the exact (big.Int) sum whenever every
// partial sum stays within -Max..Max, and refuses otherwise.
func FuzzSum(f *testing.F) {
	f.Add(int64(1), int64(2), int64(3))
	f.Add(int64(Max), int64(1), int64(-1))
	f.Add(int64(-9223372036854775808), int64(-1), int64(0))
	f.Add(int64(9223372036854775807), int64(9223372036854775807), int64(2))
	f.Fuzz(func(t *testing.T, a, b, c int64) {
		got, err := Sum(Amount(a), Amount(b), Amount(c))
		exact, ok := new(big.Int), true
		for _, x := range []int64{a, b, c} {
			exact.Add(exact, big.NewInt(x))
			ok = ok && Amount(x).Valid() && exact.Cmp(big.NewInt(int64(Max))) <= 0 && exact.Cmp(big.NewInt(-int64(Max))) >= 0
		}
		switch {
		case ok && err != nil:
			t.Fatalf("Sum(%d, %d, %d) refused an in-range sum: %v", a, b, c, err)
		case !ok && err == nil:
			t.Fatalf("Sum(%d, %d, %d) = %d, want a refusal (exact %s)", a, b, c, got, exact)
		case ok && big.NewInt(int64(got)).Cmp(exact) != 0:
			t.Fatalf("Sum(%d, %d, %d) = %d, exact %s", a, b, c, got, exact)
		}
	})
}

// FuzzText: UnmarshalText accepts only amounts within -Max..Max and only their one spelling
// (what it accepts, MarshalText writes back byte for byte), and what MarshalText writes of any
// valid amount reads back as the same amount.
func FuzzText(f *testing.F) {
	f.Add("12.34", int64(1234))
	f.Add("-100000000.00", int64(-Max))
	f.Add("92233720368547758.07", int64(9223372036854775807))
	f.Add("-0.00", int64(0))
	f.Add("00012.30", int64(1230))
	f.Fuzz(func(t *testing.T, s string, fen int64) {
		var a Amount
		if err := a.UnmarshalText([]byte(s)); err == nil && !a.Valid() {
			t.Fatalf("%q read as %d, outside the accepted range", s, a)
		} else if err == nil && a.String() != s {
			t.Fatalf("%q read as %d, which is written %q", s, a, a.String())
		}
		v := Amount(fen)
		if !v.Valid() {
			return
		}
		text, _ := v.MarshalText()
		var back Amount
		if err := back.UnmarshalText(text); err != nil || back != v {
			t.Fatalf("%d wrote %q, read back %d, %v", fen, text, back, err)
		}
	})
}
