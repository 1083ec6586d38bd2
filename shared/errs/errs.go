// Package errs finds an error of a given type in an error's chain without reflection.
package errs

// As is errors.As for a target of a concrete error type T (a pointer type, such as
// *mutation.FieldError): the first error in err's tree (err, then what Unwrap gives, depth
// first) that is a T, or that says it is one with an As method. errors.As does the same
// through reflection (internal/reflectlite), which the app's wasm would carry for it alone.
func As[T error](err error) (T, bool) {
	var zero T
	for err != nil {
		if t, ok := err.(T); ok {
			return t, true
		}
		if x, ok := err.(interface{ As(any) bool }); ok {
			var t T
			if x.As(&t) {
				return t, true
			}
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if t, ok := As[T](e); ok {
					return t, true
				}
			}
			return zero, false
		default:
			return zero, false
		}
	}
	return zero, false
}
