// Package money holds exact amounts of Chinese yuan, counted in fen.
//
// Rules: rules.md section 1 (units and conventions). Money is never a float: an Amount is an
// integer number of fen. Parsing is strict: a value with more than two decimals, a sign where
// none is allowed, an exponent, blanks or anything that is not a plain decimal number is an
// error that names the input, never a silent rounding.
package money

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// Amount is an exact amount of money in fen (0.01 yuan). The zero value is 0.00.
type Amount int64

// Zero is 0.00.
const Zero Amount = 0

// Max is the largest amount Gongji accepts anywhere: 10^10 fen, 100 million yuan, far beyond
// any bill or balance. Bounding every amount on the way in means that sums of a family's
// amounts cannot overflow an int64 (TigerBeetle's rule: put a limit on everything).
const Max Amount = 10_000_000_000

// maxDigits bounds the integer part before conversion; Max then bounds the value.
const maxDigits = 9

// ErrSyntax is wrapped by every parse error.
var errSyntax = errors.New("not a money amount")

// ParseError says which input failed and why.
type ParseError struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Input  string
	Reason string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("money %q: %s", e.Input, e.Reason)
}

func (e *ParseError) Unwrap() error { return errSyntax }

// refused is the ParseError of input for reason.
func refused(input, reason string) (Amount, error) {
	return 0, &ParseError{Input: input, Reason: reason}
}

// refusedJSON is refused for a JSON form.
func refusedJSON(b []byte, reason string) (Amount, error) { return refused(string(b), reason) }

// tooLarge is the ParseError of an amount above Max.
func tooLarge(input string) (Amount, error) {
	return refused(input, "more than "+Max.String()+", the largest amount accepted")
}

// Parse reads an unsigned amount such as "123.45", "123.4" or "123".
func Parse(s string) (Amount, error) {
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		return 0, &ParseError{Input: s, Reason: "a sign is not allowed here"}
	}
	return parse(s)
}

// ParseSigned reads an amount that may carry a leading '-' (rules.md section 8: only a
// Hangzhou current-year balance may be negative).
func ParseSigned(s string) (Amount, error) {
	if len(s) > 0 && s[0] == '-' {
		a, err := parse(s[1:])
		if err != nil {
			return 0, &ParseError{Input: s, Reason: err.(*ParseError).Reason}
		}
		return -a, nil
	}
	return Parse(s)
}

// parse checks the grammar digits[.d[d]] by hand, then converts with decimal so that the
// conversion itself is the library's, exact.
func parse(s string) (Amount, error) {
	if s == "" {
		return refused(s, "empty")
	}
	intDigits, fracDigits, seenDot := 0, 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9' && !seenDot:
			intDigits++
		case c >= '0' && c <= '9':
			fracDigits++
		case c == '.' && !seenDot:
			seenDot = true
		default:
			return refused(s, fmt.Sprintf("unexpected %q at position %d", c, i))
		}
	}
	switch {
	case intDigits == 0:
		return refused(s, "no digits before the decimal point")
	case seenDot && fracDigits == 0:
		return refused(s, "no digits after the decimal point")
	case fracDigits > 2:
		return refused(s, "more than two decimals")
	case intDigits > maxDigits:
		return tooLarge(s)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return refused(s, err.Error())
	}
	a := Amount(d.Shift(2).IntPart())
	if a > Max {
		return tooLarge(s)
	}
	return a, nil
}

// MustParse is Parse for tests and constants; it panics on a bad input.
func MustParse(s string) Amount {
	a, err := ParseSigned(s)
	if err != nil {
		panic(err)
	}
	return a
}

// FromFen makes an Amount from a count of fen.
func FromFen(fen int64) Amount { return Amount(fen) }

// Fen is the amount as a count of fen.
func (a Amount) Fen() int64 { return int64(a) }

// String formats the amount with exactly two decimals: "1234.50", "-0.05".
func (a Amount) String() string {
	var buf [24]byte
	return string(a.Append(buf[:0]))
}

// Append appends String's text to b without allocating (JSON encoders, issue 9).
func (a Amount) Append(b []byte) []byte {
	v := uint64(a)
	if a < 0 {
		// Two's complement: -a as an unsigned value, exact for the smallest int64 too.
		b, v = append(b, '-'), uint64(^int64(a))+1
	}
	b = strconv.AppendUint(b, v/100, 10)
	cents := v % 100
	return append(b, '.', byte('0'+cents/10), byte('0'+cents%10))
}

// Valid says whether a is within the accepted range, -Max..Max.
func (a Amount) Valid() bool { return a >= -Max && a <= Max }

// Add is a + b, refusing a result outside -Max..Max instead of wrapping.
func Add(a, b Amount) (Amount, error) {
	if !a.Valid() || !b.Valid() || !(a + b).Valid() {
		return 0, fmt.Errorf("money: %s + %s is outside the accepted range (at most %s)", a, b, Max)
	}
	return a + b, nil
}

// Sum adds amounts with Add, refusing any partial sum outside the accepted range.
func Sum(amounts ...Amount) (Amount, error) {
	total := Zero
	for _, x := range amounts {
		var err error
		if total, err = Add(total, x); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// Min is the smaller of a and b.
func Min(a, b Amount) Amount {
	if a < b {
		return a
	}
	return b
}

// NonNegative is a, or 0.00 when a is below zero.
func (a Amount) NonNegative() Amount {
	if a < 0 {
		return 0
	}
	return a
}

// MulRatioHalfUp multiplies by a ratio and rounds to fen half-up (away from zero at .5), the one
// rounding point rules.md section 1 allows for a rule that multiplies by a ratio.
func (a Amount) MulRatioHalfUp(ratio decimal.Decimal) Amount {
	product := decimal.New(int64(a), -2).Mul(ratio)
	return Amount(product.Round(2).Shift(2).IntPart())
}

// MarshalText is the amount's JSON and text form: a string with exactly two decimals, such as
// 12.34 or -0.05, the scenario format's choice (section 1 of rules.md: money in JSON is a
// string, never a number, so no float ever touches it).
func (a Amount) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads exactly what MarshalText writes (ParseJSON). A JSON number is refused,
// not guessed at as fen.
func (a *Amount) UnmarshalText(b []byte) error {
	v, err := ParseJSON(b)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// ParseJSON reads an amount in its JSON form (issue 18), the one spelling MarshalText writes:
// "0.00", "12.30", "-5.00". The integer part is 0 or has no leading zero, exactly two
// decimals follow a point, and a '-' only before an amount that is not zero. Any other
// spelling of an amount ("12.3", "00012.30", "-0.00") is refused: two readers of a stored
// record must never disagree on a value, and an amount that reads back differently from how
// it was written cannot be told apart from a changed one. Whether a sign is allowed in a
// field is the field's rule (mutation.CheckAmounts), not the spelling's. People's input, of
// forms and slips, is read by the lenient Parse.
func ParseJSON(b []byte) (Amount, error) {
	digits := b
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		digits = b[1:]
	}
	n := len(digits)
	switch {
	case n < 4 || digits[n-3] != '.':
		return refusedJSON(b, "want digits, a point and exactly two decimals, as 12.30")
	case digits[0] == '0' && n > 4:
		return refusedJSON(b, "a leading zero")
	case n-3 > maxDigits:
		return tooLarge(string(b))
	}
	var fen int64
	for i, c := range digits {
		if i == n-3 {
			continue
		}
		if c < '0' || c > '9' {
			return refusedJSON(b, fmt.Sprintf("unexpected %q at position %d", c, i+len(b)-n))
		}
		fen = fen*10 + int64(c-'0')
	}
	switch {
	case fen > int64(Max):
		return tooLarge(string(b))
	case neg && fen == 0:
		return refusedJSON(b, "minus zero: zero is 0.00")
	case neg:
		return Amount(-fen), nil
	}
	return Amount(fen), nil
}
