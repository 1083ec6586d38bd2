package civil

import "testing"

func TestDateOf(t *testing.T) {
	cases := []struct{ at, want string }{
		{"2025-10-10T23:59:59+08:00", "2025-10-10"},
		{"2025-10-10T16:00:00Z", "2025-10-11"}, // 00:00 UTC+8
		{"2025-10-10T15:59:59Z", "2025-10-10"},
		{"2025-10-11T00:00:00+08:00", "2025-10-11"},
		{"1969-12-31T20:00:00Z", "1970-01-01"},
		{"1969-12-31T15:59:59Z", "1969-12-31"},
	}
	for _, c := range cases {
		at, err := ParseTime(c.at)
		if err != nil {
			t.Fatal(err)
		}
		if got := DateOf(at).String(); got != c.want {
			t.Errorf("DateOf(%s) = %s, want %s", c.at, got, c.want)
		}
	}
}

func TestSecondOfDayAndAt(t *testing.T) {
	at, _ := ParseTime("2025-10-10T14:00:00Z") // 22:00 UTC+8
	if got := SecondOfDay(at); got != 22*3600 {
		t.Fatalf("SecondOfDay = %d, want %d", got, 22*3600)
	}
	back := At(DateOf(at), 22*3600)
	if !back.Equal(at) {
		t.Fatalf("At = %v, want %v", back, at)
	}
	if got := FormatTime(At(MustDate("2025-10-11"), 6*3600)); got != "2025-10-11T06:00:00+08:00" {
		t.Fatalf("FormatTime = %s", got)
	}
}

func TestParseDate(t *testing.T) {
	for _, bad := range []string{"", "2025-13-01", "2025-02-30", "20250101", "2025-1-1"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	d := MustDate("2024-02-29")
	if d.AddDays(1).String() != "2024-03-01" {
		t.Fatalf("2024-02-29 + 1 = %s", d.AddDays(1))
	}
}

func TestRange(t *testing.T) {
	r := Range{From: MustDate("2025-01-01"), To: MustDate("2025-02-01")}
	cases := []struct {
		day  string
		want bool
	}{{"2024-12-31", false}, {"2025-01-01", true}, {"2025-01-31", true}, {"2025-02-01", false}}
	for _, c := range cases {
		if got := r.Contains(MustDate(c.day)); got != c.want {
			t.Errorf("%s contains %s = %t, want %t", r, c.day, got, c.want)
		}
	}
	if r.Overlaps(Range{From: MustDate("2025-02-01"), To: Never}) {
		t.Error("touching ranges overlap")
	}
	if !r.Overlaps(Range{From: Always, To: MustDate("2025-01-02")}) {
		t.Error("overlapping ranges do not overlap")
	}
}
