package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"unicode/utf8"

	"gongji/shared/civil"
	"gongji/shared/jsonerr"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/strictjson"
	"gongji/shared/syncwire"
)

// decodeBody reads a JSON body of at most syncwire.MaxBodyBytes into v and answers the error
// itself (413 or 400 naming the field); it returns false when it did.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	body, ok := readBody(w, r)
	return ok && decodeJSON(w, body, v)
}

// readBody reads at most syncwire.MaxBodyBytes, or answers 413 (400 for a broken body).
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, syncwire.MaxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, "too_large", "body",
			fmt.Sprintf("body over %d bytes", syncwire.MaxBodyBytes))
		return nil, false
	case err != nil:
		writeError(w, http.StatusBadRequest, "bad_request", "body", err.Error())
		return nil, false
	}
	return body, true
}

// upgradeV1 rewrites a format-version-1 body as version 2, or answers 400.
func upgradeV1(w http.ResponseWriter, body []byte) ([]byte, bool) {
	up, err := syncwire.UpgradeV1(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "body", err.Error())
		return nil, false
	}
	return up, true
}

// decodeJSON reads one strict JSON value into v (readJSON), or answers 400 naming the field.
func decodeJSON(w http.ResponseWriter, body []byte, v any) bool {
	if fe := readJSON(body, v); fe != nil {
		writeError(w, http.StatusBadRequest, "bad_request", fe.Field, fe.Reason)
		return false
	}
	return true
}

// readJSON reads body into v: strictjson's check first (one value, no key twice, UTF-8, no
// control characters: issue 18), so that json.Unmarshal maps bytes every reader reads alike.
// Its error names the field by its path ("mutations[3].args.amount"), "body" for the whole.
func readJSON(body []byte, v any) *syncwire.FieldError {
	if fe := checkJSON(body); fe != nil {
		return fe
	}
	return unmarshalJSON(body, v)
}

// checkJSON is strictjson's check of a body, its error naming the field.
func checkJSON(body []byte) *syncwire.FieldError {
	if err := strictjson.Check(body, strictjson.Input); err != nil {
		return &syncwire.FieldError{Field: pathField(err.Path), Reason: fmt.Sprintf("%s (byte %d)", err.Reason, err.Offset)}
	}
	return nil
}

// unmarshalJSON maps a checked body into v; its error names the field.
func unmarshalJSON(body []byte, v any) *syncwire.FieldError {
	err := json.Unmarshal(body, v)
	if err == nil {
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	var moneyErr *money.ParseError
	var dateErr *civil.ParseError
	switch {
	case errors.As(err, &typeErr):
		return &syncwire.FieldError{Field: pathField(typeErr.Field), Reason: jsonerr.Describe(typeErr)}
	case errors.As(err, &moneyErr): // a text decoder's error has the text, not the field
		path, _ := strictjson.PathOf(body, moneyErr.Input)
		return &syncwire.FieldError{Field: pathField(path), Reason: err.Error()}
	case errors.As(err, &dateErr):
		path, _ := strictjson.PathOf(body, dateErr.Input)
		return &syncwire.FieldError{Field: pathField(path), Reason: err.Error()}
	}
	return &syncwire.FieldError{Field: "body", Reason: err.Error()}
}

// pathField is a JSON path as an error's field: the whole value is "body".
func pathField(path string) string {
	if path == "" {
		return "body"
	}
	return path
}

// checkID answers 400 for an id that is missing, too long or holds a control character: the
// strict reader lets tab and line breaks into free text, an id holds none (as mutation's).
func checkID(w http.ResponseWriter, field, v string) bool {
	if !checkText(w, field, v, mutation.MaxIDLen) {
		return false
	}
	for i, r := range v {
		if strictjson.IsControl(r) {
			writeError(w, http.StatusBadRequest, "bad_request", field, fmt.Sprintf("a control character U+%04X at byte %d: an id holds none", r, i))
			return false
		}
	}
	return true
}

// checkText answers 400 for a required text field that is missing, not UTF-8 or too long.
func checkText(w http.ResponseWriter, field, v string, maxChars int) bool {
	switch n := utf8.RuneCountInString(v); {
	case v == "":
		writeError(w, http.StatusBadRequest, "bad_request", field, "missing")
	case !utf8.ValidString(v):
		writeError(w, http.StatusBadRequest, "bad_request", field, "not valid UTF-8")
	case n > maxChars:
		writeError(w, http.StatusBadRequest, "bad_request", field, fmt.Sprintf("%d characters, at most %d", n, maxChars))
	default:
		return true
	}
	return false
}
