package syncwire_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

var at = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func m(client string, id int64, name, args string) syncwire.Mutation {
	return syncwire.Mutation{ClientID: client, MutationID: id, Name: mutation.Name(name), At: at, Args: json.RawMessage(args)}
}

func TestValidateNamesTheField(t *testing.T) {
	credit := `{"person":"mom","account":"account","amount":"1.00"}`
	tests := []struct {
		name  string
		ms    []syncwire.Mutation
		field string // "" when valid
	}{
		{"valid, two clients interleaved", []syncwire.Mutation{m("a", 1, "credit", credit), m("b", 7, "credit", credit), m("a", 2, "credit", credit)}, ""},
		{"unknown name passes (kept, reported)", []syncwire.Mutation{m("a", 1, "teleport", `{"x":1}`)}, ""},
		{"empty", nil, "mutations"},
		{"client id with a slash", []syncwire.Mutation{m("a/b", 1, "credit", credit)}, "mutations[0].client_id"},
		{"ids must increase per client", []syncwire.Mutation{m("a", 2, "credit", credit), m("a", 2, "credit", credit)}, "mutations[1].mutation_id"},
		{"negative id", []syncwire.Mutation{m("a", -1, "credit", credit)}, "mutations[0].mutation_id"},
		{"name with a space", []syncwire.Mutation{m("a", 1, "cre dit", credit)}, "mutations[0].name"},
		{"known name, bad args", []syncwire.Mutation{m("a", 1, "credit", `{"person":"mom","account":"account","amount":"0.00"}`)}, "mutations[0].args.amount"},
		{"args too big", []syncwire.Mutation{m("a", 1, "teleport", `"`+strings.Repeat("x", mutation.MaxArgsBytes)+`"`)}, "mutations[0].args"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := syncwire.PushRequest{Mutations: tc.ms}
			err := req.Validate()
			var fe *syncwire.FieldError
			switch {
			case tc.field == "" && err != nil:
				t.Fatalf("want valid, got %v", err)
			case tc.field != "" && (!errors.As(err, &fe) || fe.Field != tc.field):
				t.Fatalf("error %v, want field %s", err, tc.field)
			}
		})
	}
}

func TestReplayRedoesTheLog(t *testing.T) {
	e := engine.Default()
	ms := []syncwire.Mutation{
		m("a", 1, "add_person", `{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"100.00"}`),
		m("a", 2, "settle", `{"patient":"mom","institution":{"region":"330100","kind":"pharmacy","designated":true},"bill":{"total":"25.00","policy_self_pay":"25.00","category":"drug"}}`),
		m("a", 3, "teleport", `{}`),
	}
	var s family.State
	var log []syncwire.Change
	for i, x := range ms {
		o, next := mutation.Apply(e, &s, x.Intent(), x.At)
		s = next
		log = append(log, syncwire.Change{Seq: int64(i + 1), Mutation: x, Outcome: o})
	}
	got, err := syncwire.Replay(family.State{}, log)
	if err != nil {
		t.Fatal(err)
	}
	if got.Person("mom") == nil || got.Person("mom").Balance() != 7500 || s.Person("mom").Balance() != 7500 {
		t.Fatalf("replayed %+v, applied %+v: want mom at 75.00", got.People, s.People)
	}
}
