package sync

import "testing"

func TestCheckUTF8(t *testing.T) {
	bad := "\xff\xfe"
	cases := []struct {
		name, body, field string
	}{
		{"valid", `{"mutations":[{"name":"甲"}]}`, ""},
		{"a name in args", `{"mutations":[{"client_id":"c","args":{"id":"A","name":"` + bad + `"}}]}`, "mutations[0].args.name"},
		{"the third mutation", `{"mutations":[{"a":1},{"b":[1,2]},{"args":{"memo":"x` + bad + `"}}]}`, "mutations[2].args.memo"},
		{"an array element", `{"mutations":[{"args":{"scopes":["medical","` + bad + `"]}}]}`, "mutations[0].args.scopes[1]"},
		{"after nested values", `{"a":{"b":[{"c":null},true]},"d":"` + bad + `"}`, "d"},
		{"a key", `{"mutations":[{"` + bad + `":1}]}`, "mutations[0].\ufffd\ufffd"},
		{"the top value", `"` + bad + `"`, "body"},
		{"outside any string", `{"a":1}` + bad, "body"},
		{"broken JSON", `{"a":` + bad, "body"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckUTF8([]byte(c.body))
			switch {
			case c.field == "" && err != nil:
				t.Fatalf("valid body: %v", err)
			case c.field != "" && err == nil:
				t.Fatalf("want an error on %s, got none", c.field)
			case c.field != "" && err.Field != c.field:
				t.Fatalf("field %q, want %q (%s)", err.Field, c.field, err.Reason)
			}
		})
	}
}

// FuzzCheckUTF8: never panics; an invalid body always gets a named field.
func FuzzCheckUTF8(f *testing.F) {
	f.Add([]byte(`{"mutations":[{"args":{"name":"\xff"}}]}`))
	f.Add([]byte(`[1,"a",{"b":"\xc3"}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		err := CheckUTF8(body)
		if err != nil && err.Field == "" {
			t.Fatalf("no field: %v", err)
		}
	})
}
