package client

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/shared/syncwire"
)

// HTTPError is a failed call to the sync server: Status 0 when no answer came (no network,
// the server down), else the HTTP status with the server's {"error": {...}} body.
type HTTPError struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Status              int
	Code, Field, Detail string
}

func (e *HTTPError) Error() string {
	if e.Status == 0 {
		return "network: " + e.Detail
	}
	return e.Code + " " + e.Field + ": " + e.Detail
}

// HTTPRemote speaks server/API.md (version 1) over the browser's fetch: the client links no
// net/http.
type HTTPRemote struct{}

// apiBase is the sync API: on this origin (gongji serve), or where a static build was pointed
// (make static SYNC_URL=https://...: go-app's environment GONGJI_SYNC_URL; that server must
// then allow this origin).
var apiBase = strings.TrimSuffix(syncURL(), "/") + "/api/v1"

// SyncOff is true in a static build made for one phone alone (make static SYNC_URL=none):
// the family's data never leaves the device, and 同步 says so instead of offering a server.
func SyncOff() bool { return syncURL() == "none" }

func syncURL() string { return app.Getenv("GONGJI_SYNC_URL") }

// apiError is the server's {"error": {"code", "field", "message"}} body.
type apiError struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Error struct {
		Code    string `json:"code"`
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"error"`
}

func call(method, path, token string, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return err
		}
	}
	h := map[string]string{"Accept": "application/json"}
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	status, data, err := httpDo(method, apiBase+path, body, h)
	if err != nil {
		return &HTTPError{Detail: err.Error()} // no answer: the app says so in words (problem.go)
	}
	if status/100 != 2 {
		var e apiError
		json.Unmarshal(data, &e)
		return &HTTPError{Status: status, Code: e.Error.Code, Field: e.Error.Field, Detail: e.Error.Message}
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

func (*HTTPRemote) Create(name, device string) (Session, error) {
	var s Session
	err := call("POST", "/families", "", map[string]string{"name": name, "device": device}, &s)
	return s, err
}

func (*HTTPRemote) Join(code, device string) (Session, error) {
	var s Session
	err := call("POST", "/join", "", map[string]string{"code": code, "device": device}, &s)
	return s, err
}

func (*HTTPRemote) Invite(s Session) (string, error) {
	var out struct {
		Code string `json:"code"`
	}
	err := call("POST", "/families/"+s.Family+"/invites", s.Token, struct{}{}, &out)
	return out.Code, err
}

func (*HTTPRemote) Push(s Session, ms []syncwire.Mutation) (syncwire.PushResponse, error) {
	var out syncwire.PushResponse
	err := call("POST", "/families/"+s.Family+"/push", s.Token, syncwire.PushRequest{Mutations: ms}, &out)
	return out, err
}

func (*HTTPRemote) Pull(s Session, cursor int64) (syncwire.PullResponse, error) {
	var out syncwire.PullResponse
	err := call("GET", "/families/"+s.Family+"/pull?cursor="+strconv.FormatInt(cursor, 10), s.Token, nil, &out)
	return out, err
}

func (*HTTPRemote) FamilyName(s Session) (string, error) {
	var out struct {
		Name string `json:"name"`
	}
	err := call("GET", "/families/"+s.Family, s.Token, nil, &out)
	return out.Name, err
}

func (*HTTPRemote) Devices(s Session) ([]book.Device, error) {
	var out struct {
		Devices []book.Device `json:"devices"`
	}
	err := call("GET", "/families/"+s.Family+"/devices", s.Token, nil, &out)
	return out.Devices, err
}

func (*HTTPRemote) RevokeDevice(s Session, device string) error {
	return call("DELETE", "/families/"+s.Family+"/devices/"+device, s.Token, nil, nil)
}
