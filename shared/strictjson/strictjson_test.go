package strictjson

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestCheckAccepts(t *testing.T) {
	for _, in := range []string{
		`{}`, `[]`, `0`, `-0.5e+10`, `"a"`, `true`, `null`, " \t\r\n{ \"a\" : [ 1 , 2 ] }\n",
		`{"name":"王秀英","memo":"line\nnext\ttab\r"}`,
		`{"a":{"x":1},"b":{"x":2}}`,     // the same key in two objects
		`[{"a":1},{"a":2}]`,             // and in two elements
		`{"emoji":"\ud83d\ude00"}`,      // a surrogate pair
		`{"a":"\u00e9\u4e2d\/"}`,        // escapes that are not controls
		`{"ab":1,"a":1,"b":1,"ba":1}`,   // keys that share letters
		`{"k":1,"` + "\u212a" + `x":1}`, // not the same key: "Kx" against "k"
	} {
		if err := Check([]byte(in), Input); err != nil {
			t.Errorf("%q refused: %v", in, err)
		}
	}
}

func TestCheckRefuses(t *testing.T) {
	many := func(dup string) string { // an object past linearKeys, with dup at its end
		var b strings.Builder
		b.WriteString(`{"x":{`)
		for i := 0; i < linearKeys+5; i++ {
			b.WriteString(`"k` + strings.Repeat("a", i) + `":1,`)
		}
		b.WriteString(`"` + dup + `":2}}`)
		return b.String()
	}
	cases := []struct{ name, in, path, reason string }{
		{"a stray } after the value", `{"a":1}}`, "", "trailing data"},
		{"a stray ] after the value", `{"a":1}]`, "", "trailing data"},
		{"a second value", `{"a":1} {"a":2}`, "", "trailing data"},
		{"a duplicate key", `{"amount":"1.00","amount":"9999.00"}`, "amount", "a second key"},
		{"a duplicate key in another case", `{"amount":"1.00","AMOUNT":"9999.00"}`, "AMOUNT", "a second key"},
		{"a duplicate key spelled with an escape", `{"amount":"1.00","\u0061mount":"9999.00"}`, "amount", "a second key"},
		{"a duplicate key folded as encoding/json folds", "{\"kind\":1,\"\u212aind\":2}", "\u212aind", "a second key"},
		{"a duplicate key at depth", `{"mutations":[{"args":{"a":1}},{"args":{"amount":"1.00","amount":"2.00"}}]}`, "mutations[1].args.amount", "a second key"},
		{"a second mutations array", `{"mutations":[{"a":1}],"mutations":[]}`, "mutations", "a second key"},
		{"a duplicate key among many", many("kaaa"), "x.kaaa", "a second key"},
		{"a NUL escaped in a value", `{"id":"P\u0000"}`, "id", "U+0000"},
		{"a NUL escaped in a name at depth", `{"m":[{"name":"a\u0000"}]}`, "m[0].name", "U+0000"},
		{"a raw control character", "{\"memo\":\"a\x01\"}", "memo", "raw control"},
		{"an escaped backspace", `{"memo":"a\b"}`, "memo", "control"},
		{"an escaped escape character", `{"memo":"\u001b[31m"}`, "memo", "U+001B"},
		{"DEL", "{\"memo\":\"a\x7f\"}", "memo", "U+007F"},
		{"a C1 control", "{\"memo\":\"a\u0085\"}", "memo", "U+0085"},
		{"a C1 control escaped", `{"memo":"a\u009f"}`, "memo", "U+009F"},
		{"a control character in a key", `{"a":1,"b\u0000":2}`, "", "U+0000"},
		{"invalid UTF-8", "{\"name\":\"\xff\"}", "name", "UTF-8"},
		{"invalid UTF-8 in an array element", "{\"m\":[{\"args\":{\"scopes\":[\"medical\",\"\xff\xfe\"]}}]}", "m[0].args.scopes[1]", "UTF-8"},
		{"invalid UTF-8 in a key", "{\"m\":[{\"\xff\":1}]}", "m[0]", "UTF-8"},
		{"invalid UTF-8 outside any string", "{\"a\":1}\xff", "", "trailing data"},
		{"an overlong encoding", "{\"name\":\"\xc0\xaf\"}", "name", "UTF-8"},
		{"a lone high surrogate", `{"name":"\ud800"}`, "name", "surrogate"},
		{"a lone low surrogate", `{"name":"\udc00x"}`, "name", "surrogate"},
		{"a high surrogate before a letter", `{"name":"\ud800\u0041"}`, "name", "surrogate"},
		{"an element after an error in an array", `[1,2,{"a":"\u0000"}]`, "[2].a", "U+0000"},
		{"a leading zero", `{"n":012}`, "n", "want ','"},
		{"a bare point", `{"n":1.}`, "n", "after its point"},
		{"an unknown escape", `{"s":"\x"}`, "s", "unknown escape"},
		{"single quotes", `{'a':1}`, "", "want a key"},
		{"a trailing comma", `[1,]`, "[1]", "unexpected"},
		{"nothing", ``, "", "end of input"},
		{"only white space", "  ", "", "end of input"},
		{"a byte order mark", "\ufeff{}", "", "unexpected"},
		{"too deep", strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), strings.Repeat("[0]", MaxDepth), "nested deeper"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Check([]byte(c.in), Input)
			if err == nil {
				t.Fatalf("%q accepted", c.in)
			}
			if err.Path != c.path || !strings.Contains(err.Reason, c.reason) {
				t.Fatalf("%q: got path %q reason %q, want path %q reason with %q", c.in, err.Path, err.Reason, c.path, c.reason)
			}
		})
	}
}

// TestRecordMode: a record keeps control characters an older build let in; the structure is
// checked the same.
func TestRecordMode(t *testing.T) {
	for _, in := range []string{`{"id":"P\u0000","memo":"\b\u0085"}`, `{"last_mutation_ids":{"c1":1,"C1":2}}`} {
		if err := Check([]byte(in), Record); err != nil {
			t.Errorf("record %s refused: %v", in, err)
		}
	}
	for _, in := range []string{`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, `{}}`, "\"\xff\"", `"\ud800"`} {
		if Check([]byte(in), Record) == nil {
			t.Errorf("record %q accepted", in)
		}
	}
}

// TestCheckAllocates nothing on what the server receives every push.
func TestCheckAllocates(t *testing.T) {
	body := []byte(pushBody)
	if n := testing.AllocsPerRun(100, func() {
		if err := Check(body, Input); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("%v allocations a check, want 0", n)
	}
}

const pushBody = `{"mutations":[{"client_id":"c1","mutation_id":1,"name":"settle","at":"2025-06-01T10:00:00+08:00",` +
	`"args":{"patient":"A","card_holder":"A","institution":{"region":"330100","kind":"pharmacy","designated":true},` +
	`"bill":{"total":"120.00","fund":"0.00","policy_self_pay":"100.00","full_self_pay":"20.00","category":"drug"}},` +
	`"expected":{"lines":[{"payer":"A","source":"own","amount":"100.00"}],"cash":"20.00"}},` +
	`{"client_id":"c1","mutation_id":2,"name":"credit","at":"2025-06-01T10:00:00+08:00","args":{"person":"A","account":"account","amount":"1.00","memo":"药店退款"}}]}`

func BenchmarkCheck(b *testing.B) {
	body := []byte(strings.Repeat(pushBody[:len(pushBody)-2]+",", 1) + `{"client_id":"c1","mutation_id":3,"name":"x","at":"2025-06-01T10:00:00+08:00","args":{}}]}`)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Check(body, Input); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzCheck guards what Check promises: whatever it accepts, encoding/json reads too, to the
// value a reader keeping the first of two keys reads (no key was taken twice); the value
// encoded again is accepted again, and that canonical form (what json.Marshal writes) encoded
// once more is the same bytes.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{pushBody, `{"a":1,"a":2}`, `{"a":1}}`, `"\u0000"`, `{"k":1,"K":2}`,
		`[1,-0.5e3,true,null,"\ud83d\ude00"]`, `{"x":{"y":[{}]}}`, `"` + "\u212a" + `"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, mode := range []Mode{Input, Record} {
			if Check(data, mode) != nil {
				continue
			}
			if !json.Valid(data) {
				t.Fatalf("accepted what encoding/json calls invalid: %q", data)
			}
			v := decode(t, data)
			if first := firstWins(t, data); !reflect.DeepEqual(v, first) {
				t.Fatalf("%q: encoding/json reads %#v, a reader keeping each first key %#v", data, v, first)
			}
			again, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%q: encoding again: %v", data, err)
			}
			if err := Check(again, mode); err != nil {
				t.Fatalf("%q encoded again as %q is refused: %v", data, again, err)
			}
			if w := decode(t, again); !reflect.DeepEqual(v, w) {
				t.Fatalf("%q: read %#v, encoded again reads %#v", data, v, w)
			}
			// again is canonical: accepted, and encoded once more it is the same bytes.
			if third, _ := json.Marshal(decode(t, again)); !bytes.Equal(third, again) {
				t.Fatalf("canonical %q encoded again as %q", again, third)
			}
		}
	})
}

// decode reads data as encoding/json does, numbers kept as written.
func decode(t *testing.T, data []byte) any {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("accepted, but encoding/json: %v on %q", err, data)
	}
	return v
}

// firstWins reads data from its tokens as a reader would that keeps the first of two equal
// keys, where encoding/json keeps the last: on what Check accepts, the two must agree.
func firstWins(t *testing.T, data []byte) any {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var read func() any
	read = func() any {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("accepted, but the tokens of %q: %v", data, err)
		}
		switch tok {
		case json.Delim('{'):
			m := map[string]any{}
			for dec.More() {
				k, _ := dec.Token()
				v := read()
				if _, seen := m[k.(string)]; !seen {
					m[k.(string)] = v
				}
			}
			dec.Token() // '}'
			return m
		case json.Delim('['):
			list := []any{}
			for dec.More() {
				list = append(list, read())
			}
			dec.Token() // ']'
			return list
		}
		return tok
	}
	return read()
}
