package money

import (
	"math"
	"math/big"
	"testing"
)

func TestAdd(t *testing.T) {
	cases := []struct {
		name    string
		a, b    Amount
		want    Amount
		wantErr bool
	}{
		{"small", 150, 250, 400, false},
		{"negative", -150, 100, -50, false},
		{"up to the maximum", Max - 1, 1, Max, false},
		{"past the maximum", Max, 1, 0, true},
		{"below the minimum", -Max, -1, 0, true},
		{"an operand out of range", math.MaxInt64, math.MinInt64 + 1, 0, true},
		{"int64 overflow is refused, never wrapped", math.MaxInt64, math.MaxInt64, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Add(c.a, c.b)
			if (err != nil) != c.wantErr || got != c.want {
				t.Errorf("Add(%d, %d) = %d, %v; want %d, error %t", c.a, c.b, got, err, c.want, c.wantErr)
			}
		})
	}
	if _, err := Sum(Max, Max, -Max); err == nil {
		t.Error("Sum(Max, Max, -Max) passed through a partial sum beyond Max")
	}
}

func TestStringOfExtremes(t *testing.T) {
	cases := []struct {
		a    Amount
		want string
	}{
		{math.MinInt64, "-92233720368547758.08"},
		{math.MaxInt64, "92233720368547758.07"},
		{-5, "-0.05"},
	}
	for _, c := range cases {
		if got := c.a.String(); got != c.want {
			t.Errorf("%d.String() = %q, want %q", int64(c.a), got, c.want)
		}
	}
}

// FuzzAdd: Add never wraps: it returns the exact sum when that sum and both operands are
// within -Max..Max, and an error otherwise.
func FuzzAdd(f *testing.F) {
	f.Add(int64(1), int64(2))
	f.Add(int64(math.MaxInt64), int64(1))
	f.Add(int64(Max), int64(-Max))
	f.Fuzz(func(t *testing.T, a, b int64) {
		got, err := Add(Amount(a), Amount(b))
		exact := new(big.Int).Add(big.NewInt(a), big.NewInt(b))
		inRange := func(x *big.Int) bool { return x.CmpAbs(big.NewInt(int64(Max))) <= 0 }
		want := inRange(big.NewInt(a)) && inRange(big.NewInt(b)) && inRange(exact)
		if want != (err == nil) {
			t.Fatalf("Add(%d, %d): error %v, want ok %t", a, b, err, want)
		}
		if err == nil && big.NewInt(int64(got)).Cmp(exact) != 0 {
			t.Fatalf("Add(%d, %d) = %d, want %s", a, b, got, exact)
		}
	})
}
