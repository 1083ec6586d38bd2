package workday

import (
	"strings"
	"testing"

	"gongji/shared/civil"
)

func TestCalendarData(t *testing.T) {
	prev := ""
	for _, line := range strings.Split(strings.TrimSpace(calendarData), "\n") {
		f := strings.Split(line, "|")
		if len(f) != 4 || (f[1] != "H" && f[1] != "W") || f[2] == "" || f[3] == "" {
			t.Fatalf("bad line %q", line)
		}
		if _, err := civil.ParseDate(f[0]); err != nil {
			t.Fatal(err)
		}
		if f[0] <= prev {
			t.Fatalf("%s after %s: not sorted or repeated", f[0], prev)
		}
		prev = f[0]
		if f[1] == "W" && !weekend(civil.MustDate(f[0])) {
			t.Errorf("%s is a shifted working day but not a weekend day", f[0])
		}
	}
}

func TestIsWorkday(t *testing.T) {
	for _, tc := range []struct {
		day  string
		want bool
	}{
		{"2026-09-30", true},  // Wednesday
		{"2026-10-01", false}, // National Day
		{"2026-10-07", false}, // National Day holiday, a Wednesday
		{"2026-10-08", true},  // Thursday after
		{"2026-10-10", true},  // Saturday made a working day (调休)
		{"2026-10-11", false}, // Sunday
		{"2025-10-11", true},  // Saturday made a working day in 2025
		{"2025-01-28", false}, // Spring Festival eve 2025 (holiday from 2025)
		{"2030-03-04", true},  // Monday beyond the calendar
	} {
		if got := IsWorkday(civil.MustDate(tc.day)); got != tc.want {
			t.Errorf("IsWorkday(%s) = %v, want %v", tc.day, got, tc.want)
		}
	}
}

// T3: the origin handles a transfer within 10 working days; across National Day that is
// longer than two calendar weeks.
func TestAddSkipsNationalDay(t *testing.T) {
	for _, tc := range []struct {
		name, from string
		n          int
		want       string
		known      bool
	}{
		{"ordinary fortnight", "2026-06-01", 10, "2026-06-15", true},
		{"dragon boat 2026-06-19 skipped", "2026-06-15", 5, "2026-06-23", true},
		// 09-28 Mon: 29, 30 count (2); 10-01..07 holiday; 08 (3), 09 (4), 10 Sat shifted (5),
		// 11 Sun; 12-16 (6..10)
		{"10 days across National Day 2026", "2026-09-28", 10, "2026-10-16", true},
		{"5 days from the eve", "2026-09-30", 5, "2026-10-13", true},
		{"zero", "2026-10-01", 0, "2026-10-01", true},
		{"past the calendar", "2026-12-28", 10, "2027-01-11", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, known := Add(civil.MustDate(tc.from), tc.n)
			if got != civil.MustDate(tc.want) || known != tc.known {
				t.Errorf("Add(%s, %d) = %s, %v; want %s, %v", tc.from, tc.n, got, known, tc.want, tc.known)
			}
			if tc.n > 0 {
				if b := Between(civil.MustDate(tc.from), got); b != tc.n {
					t.Errorf("Between = %d, want %d", b, tc.n)
				}
			}
		})
	}
}

func TestLookup(t *testing.T) {
	d, ok := Lookup(civil.MustDate("2026-10-01"))
	if !ok || d.Kind != Holiday || d.ZH != "国庆节" || d.EN != "National Day" {
		t.Errorf("Lookup(2026-10-01) = %+v, %v", d, ok)
	}
}
