// Package workday counts working days on China's official calendar: Monday to Friday, less
// the public holidays the State Council announces each year, plus the weekend days it makes
// working days (调休). The calendar is generated from a pinned npm package (calendar_gen.go,
// make holidays). Outside the years it knows, Monday to Friday are working days and Known
// says so.
package workday

import (
	"strings"
	"sync"

	"gongji/shared/civil"
)

// Kind is what the official calendar says of a day.
type Kind byte

// Kinds of days the State Council's notices name; an unnamed day is Ordinary.
const (
	Ordinary Kind = 0
	Holiday  Kind = 'H' // a public holiday: no work, whatever the weekday
	Shifted  Kind = 'W' // a weekend day made a working day (调休)
)

// Day is one day named in the calendar.
type Day struct {
	Date civil.Date
	Kind Kind
	ZH   string // 国庆节
	EN   string // National Day
}

var theDays = sync.OnceValue(func() map[civil.Date]Day {
	m := make(map[civil.Date]Day, 256)
	for _, line := range strings.Split(strings.TrimSpace(calendarData), "\n") {
		f := strings.Split(line, "|")
		d := civil.MustDate(f[0]) // generated and checked by TestCalendarData
		m[d] = Day{Date: d, Kind: Kind(f[1][0]), ZH: f[2], EN: f[3]}
	}
	return m
})

// Lookup is the calendar's entry for d, if it names the day.
func Lookup(d civil.Date) (Day, bool) {
	day, ok := theDays()[d]
	return day, ok
}

// Known says whether d falls in a year the calendar covers; beyond it holidays are unknown.
func Known(d civil.Date) bool {
	y := civil.At(d, 0).Year()
	return y >= firstYear && y <= lastYear
}

// weekend says whether d is a Saturday or a Sunday (1970-01-01, day 0, was a Thursday).
func weekend(d civil.Date) bool {
	wd := (int(d)%7 + 7 + 4) % 7 // 0 Sunday .. 6 Saturday
	return wd == 0 || wd == 6
}

// IsWorkday says whether d is a working day.
func IsWorkday(d civil.Date) bool {
	if day, ok := Lookup(d); ok {
		return day.Kind == Shifted
	}
	return !weekend(d)
}

// maxDays bounds a count: no deadline the rules set is longer than a year of working days.
const maxDays = 366

// Add is the n-th working day after d (d itself is not counted), for 0 <= n <= 366; with
// known false when any day counted lies outside the calendar's years (Monday to Friday was
// assumed there). Add(d, 0) is d.
func Add(d civil.Date, n int) (due civil.Date, known bool) {
	n = min(max(n, 0), maxDays)
	known = true
	for due = d; n > 0; {
		due = due.AddDays(1)
		known = known && Known(due)
		if IsWorkday(due) {
			n--
		}
	}
	return due, known
}

// Between counts the working days after from up to and including to (0 when to <= from).
func Between(from, to civil.Date) int {
	n := 0
	for d := from.AddDays(1); d <= to && n <= maxDays*2; d = d.AddDays(1) {
		if IsWorkday(d) {
			n++
		}
	}
	return n
}
