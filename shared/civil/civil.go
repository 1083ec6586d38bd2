// Package civil holds civil dates and times of day in China Standard Time (UTC+8).
//
// Rules: rules.md section 1: dates are civil dates in UTC+8; a range [from, to) includes from
// and excludes to. Nothing here reads a clock: the moment is always an argument.
package civil

import (
	"fmt"
	"time"
)

// offsetSeconds is China Standard Time's offset from UTC; China keeps no daylight saving time.
const offsetSeconds = 8 * 60 * 60

// Zone is UTC+8. It is a function, not a package variable, so the package has no globals.
func Zone() *time.Location { return time.FixedZone("UTC+8", offsetSeconds) }

// Date is a civil date counted in days since 1970-01-01. The zero value is 1970-01-01.
// Dates compare with <, ==, >.
type Date int32

const layout = "2006-01-02"

// Never is later than every real date: the open end of a range.
const Never Date = 1 << 30

// Always is earlier than every real date: the open start of a range.
const Always Date = -(1 << 30)

// ParseError is a date that cannot be read; Input is the text given.
type ParseError struct {
	Input string
}

func (e *ParseError) Error() string { return fmt.Sprintf("date %q: want YYYY-MM-DD", e.Input) }

// ParseDate reads "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(layout, s)
	if err != nil {
		return 0, &ParseError{Input: s}
	}
	return Date(t.Unix() / 86400), nil
}

// MustDate is ParseDate for tests and for the policy table's literal dates.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf is the UTC+8 civil date of the moment t.
func DateOf(t time.Time) Date {
	sec := t.Unix() + offsetSeconds
	day := sec / 86400
	if sec < 0 && sec%86400 != 0 {
		day--
	}
	return Date(day)
}

// SecondOfDay is the UTC+8 time of day of t, in seconds after midnight.
func SecondOfDay(t time.Time) int {
	sec := (t.Unix() + offsetSeconds) % 86400
	if sec < 0 {
		sec += 86400
	}
	return int(sec)
}

// At is the moment of the given UTC+8 time of day (seconds after midnight) on date d.
func At(d Date, secondOfDay int) time.Time {
	return time.Unix(int64(d)*86400+int64(secondOfDay)-offsetSeconds, 0).In(Zone())
}

// String formats the date as YYYY-MM-DD; the open ends print as "-∞" and "∞".
func (d Date) String() string {
	switch d {
	case Never:
		return "∞"
	case Always:
		return "-∞"
	}
	return time.Unix(int64(d)*86400, 0).UTC().Format(layout)
}

// AddDays is the date n days later (earlier when n is negative).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// Range is [From, To): From included, To excluded.
type Range struct {
	From, To Date
}

// Contains says whether d is in [From, To).
func (r Range) Contains(d Date) bool { return r.From <= d && d < r.To }

// Overlaps says whether two ranges share a day.
func (r Range) Overlaps(o Range) bool { return r.From < o.To && o.From < r.To }

func (r Range) String() string { return "[" + r.From.String() + ", " + r.To.String() + ")" }

// FormatTime formats a moment as RFC 3339 in UTC+8, as the scenario contract prints it.
func FormatTime(t time.Time) string { return t.In(Zone()).Format(time.RFC3339) }

// ParseTime reads an RFC 3339 moment.
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q: want RFC 3339, like 2025-03-10T10:00:00+08:00", s)
	}
	return t, nil
}

// MarshalText is the date's JSON and text form, "2025-01-05". The open ends Never and Always
// have no text form: they are bounds of ranges, never a value that leaves the process.
func (d Date) MarshalText() ([]byte, error) {
	if d == Never || d == Always {
		return nil, fmt.Errorf("date %s: an open end has no text form", d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads "2025-01-05" (ParseDate); an empty string is the zero date, which
// fields tagged omitempty use for "absent".
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
