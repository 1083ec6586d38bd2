package app

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"

	"gongji/shared/syncwire"
)

// httpRemote speaks server/API.md (version 1) over the browser's fetch: the client links no
// net/http.
type httpRemote struct{}

// apiBase is the sync API: on this origin (gongji serve), or where a static build was pointed
// (make static SYNC_URL=https://...: go-app's environment GONGJI_SYNC_URL; that server must
// then allow this origin).
var apiBase = strings.TrimSuffix(syncURL(), "/") + "/api/v1"

// syncOff is true in a static build made for one phone alone (make static SYNC_URL=none):
// the family's data never leaves the device, and 同步 says so instead of offering a server.
func syncOff() bool { return syncURL() == "none" }

func syncURL() string { return app.Getenv("GONGJI_SYNC_URL") }

// apiError is the server's {"error": {"code", "field", "message"}} body.
type apiError struct {
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
		return &httpError{Detail: err.Error()} // no answer: the app says so in words (problem.go)
	}
	if status/100 != 2 {
		var e apiError
		json.Unmarshal(data, &e)
		return &httpError{Status: status, Code: e.Error.Code, Field: e.Error.Field, Detail: e.Error.Message}
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

func (httpRemote) Create(name, device string) (session, error) {
	var s session
	err := call("POST", "/families", "", map[string]string{"name": name, "device": device}, &s)
	return s, err
}

func (httpRemote) Join(code, device string) (session, error) {
	var s session
	err := call("POST", "/join", "", map[string]string{"code": code, "device": device}, &s)
	return s, err
}

func (httpRemote) Invite(s session) (string, error) {
	var out struct {
		Code string `json:"code"`
	}
	err := call("POST", "/families/"+s.Family+"/invites", s.Token, struct{}{}, &out)
	return out.Code, err
}

func (httpRemote) Push(s session, ms []syncwire.Mutation) (syncwire.PushResponse, error) {
	var out syncwire.PushResponse
	err := call("POST", "/families/"+s.Family+"/push", s.Token, syncwire.PushRequest{Mutations: ms}, &out)
	return out, err
}

func (httpRemote) Pull(s session, cursor int64) (syncwire.PullResponse, error) {
	var out syncwire.PullResponse
	err := call("GET", "/families/"+s.Family+"/pull?cursor="+strconv.FormatInt(cursor, 10), s.Token, nil, &out)
	return out, err
}

func (httpRemote) FamilyName(s session) (string, error) {
	var out struct {
		Name string `json:"name"`
	}
	err := call("GET", "/families/"+s.Family, s.Token, nil, &out)
	return out.Name, err
}

func (httpRemote) Devices(s session) ([]book.Device, error) {
	var out struct {
		Devices []book.Device `json:"devices"`
	}
	err := call("GET", "/families/"+s.Family+"/devices", s.Token, nil, &out)
	return out.Devices, err
}

func (httpRemote) RevokeDevice(s session, device string) error {
	return call("DELETE", "/families/"+s.Family+"/devices/"+device, s.Token, nil, nil)
}
