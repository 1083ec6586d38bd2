package jsonerr

import (
	"encoding/json"
	"errors"
	"testing"

	"gongji/shared/civil"
	"gongji/shared/money"
)

func TestDescribe(t *testing.T) {
	cases := []struct {
		name, in, want string
		into           any
	}{
		{"money as a number", `{"a":12}`, `want an amount as a string with at most two decimals, like "12.34", got a JSON number`, &struct {
			A money.Amount `json:"a"`
		}{}},
		{"date as a number", `{"a":1}`, `want a date as a string, like "2025-01-05", got a JSON number`, &struct {
			A civil.Date `json:"a"`
		}{}},
		{"bool as a string", `{"a":"yes"}`, `want true or false, got a JSON string`, &struct {
			A bool `json:"a"`
		}{}},
		{"int as a string", `{"a":"3"}`, `want a whole number, got a JSON string`, &struct {
			A int `json:"a"`
		}{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var te *json.UnmarshalTypeError
			if err := json.Unmarshal([]byte(c.in), c.into); !errors.As(err, &te) {
				t.Fatalf("no type error: %v", err)
			}
			if got := Describe(te); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}
