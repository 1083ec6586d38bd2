package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"gongji/shared/mutation"
	"gongji/shared/sync"
)

// DecodePush reads a push body at the edge, before anything is stored (issue 10): raw bytes
// that are valid UTF-8 (json.Unmarshal would replace the rest silently), a format-version-1
// body upgraded, the JSON of sync.PushRequest, its stateless checks (sync.Validate), no
// mutation as the server's own client, only names this build knows (a new push of an unknown
// name is refused, not stored; old logs with status unknown stay readable), and every
// amount's sign rule and bound (mutation.CheckAmounts). Every error names its field. It does
// no I/O, so a fuzz test can run it.
func DecodePush(body []byte) (*sync.PushRequest, *sync.FieldError) {
	if fe := sync.CheckUTF8(body); fe != nil {
		return nil, fe
	}
	if sync.IsV1Push(body) { // an app of format version 1 still has its queue: read it
		up, err := sync.UpgradeV1(body)
		if err != nil {
			return nil, &sync.FieldError{Field: "body", Reason: err.Error()}
		}
		body = up
	}
	var req sync.PushRequest
	if fe := jsonFieldError(body, &req); fe != nil {
		return nil, fe
	}
	if err := req.Validate(); err != nil {
		var fe *sync.FieldError
		if errors.As(err, &fe) {
			return nil, fe
		}
		return nil, &sync.FieldError{Field: "mutations", Reason: err.Error()}
	}
	for i := range req.Mutations {
		if fe := checkEdge(&req.Mutations[i], req.Args(i)); fe != nil {
			fe.Field = fmt.Sprintf("mutations[%d].%s", i, fe.Field)
			return nil, fe
		}
	}
	return &req, nil
}

// checkEdge is one mutation's server-side checks beyond sync.Validate; args are its
// arguments as Validate decoded them.
func checkEdge(m *sync.Mutation, args any) *sync.FieldError {
	if m.ClientID == ServerClientID {
		return &sync.FieldError{Field: "client_id", Reason: fmt.Sprintf("%q is reserved for the server's own mutations", ServerClientID)}
	}
	if !mutation.Known(m.Name) {
		return &sync.FieldError{Field: "name", Reason: fmt.Sprintf("unknown mutation %q: this server does not know it, nothing was stored (update the server)", m.Name)}
	}
	return mutation.CheckAmounts(args, m.Expected) // Validate decoded every known name's arguments
}

// jsonFieldError decodes one JSON value into v; its error names the field. A body that reads
// takes json.Unmarshal (no decoder to build: every push passes here); one that does not is
// read again by a decoder, whose errors say more ("trailing data").
func jsonFieldError(body []byte, v any) *sync.FieldError {
	if json.Unmarshal(body, v) == nil {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing data after the JSON value")
	}
	if err == nil {
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "body"
		}
		return &sync.FieldError{Field: field, Reason: fmt.Sprintf("want %s, got JSON %s", typeErr.Type, typeErr.Value)}
	case errors.As(err, &syntaxErr):
		return &sync.FieldError{Field: "body", Reason: fmt.Sprintf("malformed JSON at byte %d: %v", syntaxErr.Offset, err)}
	}
	return &sync.FieldError{Field: "body", Reason: err.Error()}
}
