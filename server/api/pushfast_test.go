package api

import (
	"encoding/json"
	"reflect"
	"testing"

	"gongji/shared/strictjson"
	"gongji/shared/syncwire"
)

// samePush says whether fastPush read body as json.Unmarshal does, when it read it at all.
func samePush(t *testing.T, body []byte) (taken bool) {
	t.Helper()
	var fast syncwire.PushRequest
	if !fastPush(body, &fast) {
		return false
	}
	var slow syncwire.PushRequest
	if err := json.Unmarshal(body, &slow); err != nil {
		t.Fatalf("fastPush took %q, json.Unmarshal refuses it: %v", body, err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("fastPush read %q as\n%#v\njson.Unmarshal as\n%#v", body, fast, slow)
	}
	return true
}

func TestFastPush(t *testing.T) {
	cases := []struct {
		name  string
		body  string
		taken bool
	}{
		{"one bill", `{"mutations":[{"client_id":"c1","mutation_id":1,"name":"settle","at":"2025-06-01T10:00:00+08:00","args":{"patient":"A","bill":{"total":"1.00"}}}]}`, true},
		{"two, white space, keys in another order", " {\n \"mutations\" : [ {\"args\":[1,{\"a\":\"]}\\\"\"}],\"at\":\"2025-06-01T10:00:00Z\",\"name\":\"x\",\"mutation_id\":-0,\"client_id\":\"甲\"} ,{\"args\":null,\"mutation_id\":9223372036854775807}\n] }\n", true},
		{"no mutations", `{"mutations":[]}`, true},
		{"args a number", `{"mutations":[{"args":-1.5e3}]}`, true},
		{"an escape in a client id", `{"mutations":[{"client_id":"c\u0031"}]}`, false},
		{"a key spelled otherwise", `{"mutations":[{"Client_ID":"c1"}]}`, false},
		{"a key json ignores", `{"mutations":[{"client_id":"c1","extra":1}]}`, false},
		{"expected", `{"mutations":[{"expected":{"account":"1.00"}}]}`, false},
		{"a mutation id past int64", `{"mutations":[{"mutation_id":9223372036854775808}]}`, false},
		{"a fractional mutation id", `{"mutations":[{"mutation_id":1.0}]}`, false},
		{"an exponent mutation id", `{"mutations":[{"mutation_id":1e3}]}`, false},
		{"a string mutation id", `{"mutations":[{"mutation_id":"1"}]}`, false},
		{"a moment that is no time", `{"mutations":[{"at":"yesterday"}]}`, false},
		{"a null moment", `{"mutations":[{"at":null}]}`, false},
		{"mutations null", `{"mutations":null}`, false},
		{"another top-level key", `{"mutations":[],"x":1}`, false},
		{"an array", `[]`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := strictjson.Check([]byte(c.body), strictjson.Input); err != nil {
				t.Fatalf("not a checked body: %v", err)
			}
			if got := samePush(t, []byte(c.body)); got != c.taken {
				t.Fatalf("fastPush took it: %v, want %v", got, c.taken)
			}
		})
	}
}

// FuzzFastPush: whatever checked body fastPush takes, json.Unmarshal reads the same.
func FuzzFastPush(f *testing.F) {
	f.Add([]byte(`{"mutations":[{"client_id":"c1","mutation_id":1,"name":"settle","at":"2025-06-01T10:00:00+08:00","args":{"patient":"A"}}]}`))
	f.Add([]byte(`{"mutations":[{"args":[1,"]",{"a":null}],"mutation_id":-3},{}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if strictjson.Check(body, strictjson.Input) != nil {
			return
		}
		samePush(t, body)
	})
}
