package api

import (
	"errors"
	"fmt"

	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// DecodePush reads a push body at the edge, before anything is stored (issue 10): one strict
// JSON value (checkJSON: no key twice, valid UTF-8, no control characters; issue 18), a
// format-version-1 body upgraded, the JSON of syncwire.PushRequest, its stateless checks
// (syncwire.Validate), no mutation as the server's own client, only names this build knows (a
// new push of an unknown name is refused, not stored; old logs with status unknown stay
// readable), and every amount's sign rule and bound (mutation.CheckAmounts). Every error
// names its field. It does no I/O, so a fuzz test can run it.
func DecodePush(body []byte) (*syncwire.PushRequest, *syncwire.FieldError) {
	if fe := checkJSON(body); fe != nil {
		return nil, fe
	}
	if syncwire.IsV1Push(body) { // an app of format version 1 still has its queue: read it
		up, err := syncwire.UpgradeV1(body)
		if err != nil {
			return nil, &syncwire.FieldError{Field: "body", Reason: err.Error()}
		}
		body = up
	}
	var req syncwire.PushRequest
	if !fastPush(body, &req) { // the common body without reflection (pushfast.go)
		if fe := unmarshalJSON(body, &req); fe != nil { // an upgraded body is json.Marshal's
			return nil, fe
		}
	}
	if err := req.Validate(); err != nil {
		var fe *syncwire.FieldError
		if errors.As(err, &fe) {
			return nil, fe
		}
		return nil, &syncwire.FieldError{Field: "mutations", Reason: err.Error()}
	}
	for i := range req.Mutations {
		if fe := checkEdge(&req.Mutations[i], req.Args(i)); fe != nil {
			fe.Field = fmt.Sprintf("mutations[%d].%s", i, fe.Field)
			return nil, fe
		}
	}
	return &req, nil
}

// checkEdge is one mutation's server-side checks beyond syncwire.Validate; args are its
// arguments as Validate decoded them.
func checkEdge(m *syncwire.Mutation, args any) *syncwire.FieldError {
	if m.ClientID == ServerClientID {
		return &syncwire.FieldError{Field: "client_id", Reason: fmt.Sprintf("%q is reserved for the server's own mutations", ServerClientID)}
	}
	if !mutation.Known(m.Name) {
		return &syncwire.FieldError{Field: "name", Reason: fmt.Sprintf("unknown mutation %q: this server does not know it, nothing was stored (update the server)", m.Name)}
	}
	return mutation.CheckAmounts(m.Name, args, m.Expected) // Validate decoded every known name's arguments
}
