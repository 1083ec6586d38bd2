package errs

import (
	"errors"
	"fmt"
	"testing"
)

type fieldErr struct{ field string }

func (e *fieldErr) Error() string { return "field " + e.field }

// claims says it is a *fieldErr through an As method, as errors.As lets an error do.
type claims struct{}

func (claims) Error() string { return "claims" }
func (claims) As(target any) bool {
	if p, ok := target.(**fieldErr); ok {
		*p = &fieldErr{"claimed"}
		return true
	}
	return false
}

func TestAsFindsWhatErrorsAsFinds(t *testing.T) {
	fe := &fieldErr{"args.amount"}
	other := errors.New("other")
	tests := []struct {
		name string
		err  error
	}{
		{"nil", nil},
		{"the error itself", fe},
		{"another error", other},
		{"wrapped once", fmt.Errorf("decode: %w", fe)},
		{"wrapped twice", fmt.Errorf("push: %w", fmt.Errorf("decode: %w", fe))},
		{"joined, second", errors.Join(other, fe)},
		{"joined, inside a wrap", fmt.Errorf("a: %w", errors.Join(other, fmt.Errorf("b: %w", fe)))},
		{"two wrapped in one Errorf", fmt.Errorf("%w and %w", other, &fieldErr{"first"})},
		{"an As method", fmt.Errorf("x: %w", claims{})},
		{"wrapped, not a field error", fmt.Errorf("x: %w", other)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want *fieldErr
			wantOK := errors.As(tc.err, &want)
			got, ok := As[*fieldErr](tc.err)
			if ok != wantOK || (ok && got.field != want.field) {
				t.Errorf("As = %v, %v; errors.As = %v, %v", got, ok, want, wantOK)
			}
		})
	}
}
