package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"unicode/utf8"

	"gongji/shared/jsonerr"
	"gongji/shared/sync"
)

// decodeBody reads a JSON body of at most sync.MaxBodyBytes into v and answers the error
// itself (413 or 400 naming the field); it returns false when it did.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	body, ok := readBody(w, r)
	return ok && decodeJSON(w, body, v)
}

// readBody reads at most sync.MaxBodyBytes, or answers 413 (400 for a broken body).
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, sync.MaxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, "too_large", "body",
			fmt.Sprintf("body over %d bytes", sync.MaxBodyBytes))
		return nil, false
	case err != nil:
		writeError(w, http.StatusBadRequest, "bad_request", "body", err.Error())
		return nil, false
	}
	return body, true
}

// upgradeV1 rewrites a format-version-1 body as version 2, or answers 400.
func upgradeV1(w http.ResponseWriter, body []byte) ([]byte, bool) {
	up, err := sync.UpgradeV1(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "body", err.Error())
		return nil, false
	}
	return up, true
}

// decodeJSON reads one JSON value into v, or answers 400 naming the field.
func decodeJSON(w http.ResponseWriter, body []byte, v any) bool {
	if fe := sync.CheckUTF8(body); fe != nil { // json would replace invalid bytes silently
		writeError(w, http.StatusBadRequest, "bad_request", fe.Field, fe.Reason)
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing data after the JSON value")
	}
	if err == nil {
		return true
	}
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "body"
		}
		writeError(w, http.StatusBadRequest, "bad_request", field,
			jsonerr.Describe(typeErr))
	case errors.As(err, &syntaxErr):
		writeError(w, http.StatusBadRequest, "bad_request", "body",
			fmt.Sprintf("malformed JSON at byte %d: %v", syntaxErr.Offset, err))
	default:
		writeError(w, http.StatusBadRequest, "bad_request", "body", err.Error())
	}
	return false
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
