package engine

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/policy"
	"gongji/shared/region"
	"gongji/shared/source"
)

// Line is one line of an explanation, as structure: the rule, the code when it refused or
// stopped an account, the message and the values it names, and the sources it rests on.
// It holds no words: Words renders it in the reader's language with the family's names, so
// logs and the wire carry facts, never prose.
type Line struct {
	Rule    string      `json:"rule"`
	Code    Code        `json:"code,omitempty"`
	Msg     Msg         `json:"msg"`
	Args    []Arg       `json:"args,omitempty"`
	Sources []source.ID `json:"src,omitempty"`
	Grade   string      `json:"grade,omitempty"`
	// Unverified: the region has no verified rule of its own; the national stand-in decided.
	Unverified bool `json:"unverified,omitempty"`
}

// Kind says what an explanation value is, so that it can be rendered as a family reads it.
type Kind string

// Kinds of values.
const (
	KindPerson   Kind = "person"   // a person id: rendered as the person's name
	KindBinding  Kind = "binding"  // a binding id: rendered as "whose account for whom"
	KindRegion   Kind = "region"   // a GB/T 2260 code: rendered as the region's full name
	KindProvince Kind = "province" // a code whose province is meant
	KindAmount   Kind = "amount"   // money, "12.34": rendered as 12.34 元
	KindDate     Kind = "date"     // "2025-10-13": 2025年10月13日
	KindTime     Kind = "time"     // RFC 3339: 2025年10月13日 06:00 (UTC+8)
	KindWord     Kind = "word"     // a value with a name in each language (relation, scope, ...)
	KindList     Kind = "list"     // comma-separated words
	KindInt      Kind = "int"      // a count
)

// Arg is one value of a line.
type Arg struct {
	Kind  Kind   `json:"k"`
	Value string `json:"v"`
}

// bindingRef is a binding id named in a line.
type bindingRef string

// provinceOf names the province of a region code.
type provinceOf region.Code

// argOf turns a value the engine names into an Arg. Every kind of value an explanation uses
// is listed.
func argOf(v any) Arg {
	switch x := v.(type) {
	case Arg:
		return x
	case family.PersonID:
		return Arg{KindPerson, string(x)}
	case bindingRef:
		return Arg{KindBinding, string(x)}
	case region.Code:
		return Arg{KindRegion, string(x)}
	case provinceOf:
		return Arg{KindProvince, string(x)}
	case money.Amount:
		return Arg{KindAmount, x.String()}
	case civil.Date:
		return Arg{KindDate, x.String()}
	case time.Time:
		return Arg{KindTime, civil.FormatTime(x)}
	case int:
		return Arg{KindInt, strconv.Itoa(x)}
	case word:
		return Arg{KindWord, string(x)}
	case Category:
		return Arg{KindWord, string(x)}
	case family.Relation:
		// In-laws keep their name; every other value outside the list reads as "other".
		if x != family.ParentInLaw {
			x = x.Effective()
		}
		return Arg{KindWord, string(x)}
	case family.Scope:
		return Arg{KindWord, string(x)}
	case family.Status:
		return Arg{KindWord, string(x)}
	case family.Insurance:
		return Arg{KindWord, string(x)}
	case family.TransferState:
		return Arg{KindWord, string(x)}
	case family.Source:
		return Arg{KindWord, "source." + string(x)}
	case policy.Value:
		return listArg(x)
	case []family.Scope:
		items := make([]string, len(x))
		for i, sc := range x {
			items[i] = string(sc)
		}
		return Arg{KindList, strings.Join(items, ",")}
	}
	// A value of another type is a programming error that the explanation tests catch (every
	// sentence is rendered over the public scenarios and random variants); at run time it must
	// not take a push down, so it prints as it is.
	return Arg{KindWord, fmt.Sprint(v)}
}

func listArg(v policy.Value) Arg {
	var items []string
	for _, r := range v.Relations {
		items = append(items, string(r))
	}
	items = append(items, v.Words...)
	if items == nil {
		return Arg{KindWord, v.String()}
	}
	return Arg{KindList, strings.Join(items, ",")}
}
