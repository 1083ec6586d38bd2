// Package jsonerr words encoding/json's type errors for the person who wrote the JSON: what
// the field wants in JSON terms ("an amount as a string, like \"12.34\""), never a Go type
// name such as money.Amount.
package jsonerr

import (
	"encoding/json"
	"reflect"
)

// Want says what a JSON value of type t looks like.
func Want(t reflect.Type) string {
	if t == nil {
		return "another kind of value"
	}
	switch t.PkgPath() + "." + t.Name() {
	case "gongji/shared/money.Amount":
		return `an amount as a string with at most two decimals, like "12.34"`
	case "gongji/shared/civil.Date":
		return `a date as a string, like "2025-01-05"`
	case "time.Time":
		return `a moment as an RFC 3339 string, like "2025-03-10T10:00:00+08:00"`
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "another kind of value"
}

// Describe is the sentence for a type error: "want <what>, got a JSON <kind>".
func Describe(e *json.UnmarshalTypeError) string {
	return "want " + Want(e.Type) + ", got a JSON " + e.Value
}
