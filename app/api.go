package app

import (
	"encoding/json"
	"fmt"
	"strconv"

	"gongji/app/book"
)

// httpRemote speaks the sync API over the browser's fetch (no net/http in the client).
type httpRemote struct{}

// apiError is the server's {"error": {"code", "message"}} body.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
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
	h := map[string]string{}
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	status, data, err := httpDo(method, path, body, h)
	if err != nil {
		return err
	}
	if status/100 != 2 {
		var e apiError
		if json.Unmarshal(data, &e) == nil && e.Error.Code != "" {
			return fmt.Errorf("%s: %s", e.Error.Code, e.Error.Message)
		}
		return fmt.Errorf("HTTP %d", status)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

func (httpRemote) Create(name, device string) (session, error) {
	var out struct {
		Family string `json:"family"`
		Token  string `json:"token"`
	}
	err := call("POST", "/api/families", "", map[string]string{"name": name, "device": device}, &out)
	return session{Family: out.Family, Token: out.Token, Owner: true}, err
}

func (httpRemote) Join(code, device string) (session, error) {
	var out struct {
		Family string `json:"family"`
		Token  string `json:"token"`
	}
	err := call("POST", "/api/join", "", map[string]string{"code": code, "device": device}, &out)
	return session{Family: out.Family, Token: out.Token}, err
}

func (httpRemote) Invite(s session) (string, error) {
	var out struct {
		Code string `json:"code"`
	}
	err := call("POST", "/api/families/"+s.Family+"/invites", s.Token, struct{}{}, &out)
	return out.Code, err
}

func (httpRemote) Push(s session, ms []book.Mutation) ([]ack, error) {
	var out struct {
		Results []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
			Reason string `json:"reason"`
		} `json:"results"`
	}
	if err := call("POST", "/api/families/"+s.Family+"/push", s.Token, map[string]any{"mutations": ms}, &out); err != nil {
		return nil, err
	}
	acks := make([]ack, len(out.Results))
	for i, r := range out.Results {
		acks[i] = ack{ID: r.ID, Receipt: book.Receipt{State: book.ItemState(r.Status), Reason: r.Reason}}
	}
	return acks, nil
}

func (httpRemote) Pull(s session, cursor int64) (pulled, error) {
	var out struct {
		Mutations []book.Mutation `json:"mutations"`
		Cursor    int64           `json:"cursor"`
		More      bool            `json:"more"`
	}
	err := call("GET", "/api/families/"+s.Family+"/pull?cursor="+strconv.FormatInt(cursor, 10), s.Token, nil, &out)
	return pulled{Mutations: out.Mutations, Cursor: out.Cursor, More: out.More}, err
}
