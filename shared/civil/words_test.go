package civil

import (
	"testing"
	"time"
)

func TestWords(t *testing.T) {
	cases := []struct {
		name, got, want string
	}{
		{"date zh", MustDate("2025-10-13").ZH(), "2025年10月13日"},
		{"date en", MustDate("2025-10-03").EN(), "3 October 2025"},
		{"time zh", TimeZH(At(MustDate("2025-10-13"), 6*3600)), "2025年10月13日 06:00"},
		{"time en", TimeEN(At(MustDate("2025-10-13"), 22*3600+5*60)), "13 October 2025, 22:05"},
		{"time zh from UTC", TimeZH(time.Date(2025, 10, 12, 22, 0, 0, 0, time.UTC)), "2025年10月13日 06:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
		})
	}
}
