package region

import "testing"

func TestParse(t *testing.T) {
	for _, ok := range []string{"440300", "320100", "000000"} {
		if _, err := Parse(ok); err != nil {
			t.Errorf("Parse(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "4403", "4403000", "44030a", " 44030", "４40300"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestSameCityAndProvince(t *testing.T) {
	cases := []struct {
		a, b               Code
		sameCity, sameProv bool
	}{
		{"440300", "440305", true, true},
		{"440300", "440100", false, true},
		{"440300", "430100", false, false},
		{"", "440300", false, false},
	}
	for _, c := range cases {
		if SameCity(c.a, c.b) != c.sameCity || SameProvince(c.a, c.b) != c.sameProv {
			t.Errorf("%q %q: city %t province %t", c.a, c.b, SameCity(c.a, c.b), SameProvince(c.a, c.b))
		}
	}
	if !Code("440304").IsShenzhen() || Code("440100").IsShenzhen() {
		t.Error("IsShenzhen")
	}
}

func TestScopeCovers(t *testing.T) {
	cases := []struct {
		s    Scope
		c    Code
		want bool
	}{
		{Nationwide(), "630100", true},
		{InProvince("63"), "630100", true},
		{InProvince("63"), "640100", false},
		{InCity("4403"), "440305", true},
		{InCity("4403"), "440100", false},
		{InCity("4403"), "", false},
	}
	for _, c := range cases {
		if got := c.s.Covers(c.c); got != c.want {
			t.Errorf("%s covers %q = %t, want %t", c.s, c.c, got, c.want)
		}
	}
}
