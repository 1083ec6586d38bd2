// Package region holds administrative division codes (GB/T 2260): every province-,
// prefecture- and county-level division of mainland China with its Chinese and English name
// (divisions.go, data in divisions_gen.go) and the pooling regions (统筹区, pool.go).
//
// Rules: rules.md section 1: the first two digits are the province, the first four the city.
// The pooling region is Pool, not the first four digits (research-2024.md Q5).
// Section 8: "Shenzhen" everywhere means a code beginning 4403.
package region

import "fmt"

// Code is a 6-digit administrative division code such as "440300". The zero value is empty
// and matches nothing.
type Code string

// Shenzhen is the city prefix every Shenzhen rule (SZ1-SZ8) keys on.
const Shenzhen Code = "440300"

// Parse checks that s is six ASCII digits.
func Parse(s string) (Code, error) {
	if len(s) != 6 {
		return "", fmt.Errorf("region %q: want 6 digits (GB/T 2260)", s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", fmt.Errorf("region %q: want 6 digits (GB/T 2260)", s)
		}
	}
	return Code(s), nil
}

// Province is the two-digit province prefix.
func (c Code) Province() string { return string(c[:2]) }

// City is the four-digit city (pooling region) prefix.
func (c Code) City() string { return string(c[:4]) }

// SameCity says whether two codes share their first four digits.
func SameCity(a, b Code) bool { return len(a) == 6 && len(b) == 6 && a.City() == b.City() }

// SameProvince says whether two codes share their first two digits.
func SameProvince(a, b Code) bool { return len(a) == 6 && len(b) == 6 && a.Province() == b.Province() }

// IsShenzhen says whether the code lies in Shenzhen (4403).
func (c Code) IsShenzhen() bool { return SameCity(c, Shenzhen) }

// Level is how wide a policy row applies.
type Level int

// Levels, most general first; a narrower level overrides a wider one. A Division's level is
// Province, City (prefecture-level: 地级市, 自治州, 地区, 盟) or County (county-level: 区, 县,
// county-level 市, 旗, 林区, 特区).
const (
	National Level = iota
	Province
	City
	County
)

func (l Level) String() string {
	if l < National || l > County {
		return fmt.Sprintf("level(%d)", int(l))
	}
	return [...]string{"national", "province", "city", "county"}[l]
}

// Scope is where a policy row applies: the whole country, a province ("32") or a city ("3201")
// (a County scope, prefix "320102", covers that one code).
type Scope struct {
	Level  Level
	Prefix string
}

// Nationwide applies everywhere.
func Nationwide() Scope { return Scope{Level: National} }

// InProvince applies to codes starting with the two-digit prefix.
func InProvince(prefix string) Scope { return Scope{Level: Province, Prefix: prefix} }

// InCity applies to codes starting with the four-digit prefix.
func InCity(prefix string) Scope { return Scope{Level: City, Prefix: prefix} }

// Covers says whether the scope applies to code c.
func (s Scope) Covers(c Code) bool {
	switch s.Level {
	case Province:
		return len(c) == 6 && c.Province() == s.Prefix
	case City:
		return len(c) == 6 && c.City() == s.Prefix
	case County:
		return len(c) == 6 && string(c) == s.Prefix
	}
	return true
}

func (s Scope) String() string {
	if s.Level == National {
		return "national"
	}
	return s.Level.String() + " " + s.Prefix
}
