package mutation

import (
	"encoding/json"

	"gongji/shared/engine"
	"gongji/shared/jsonw"
	"gongji/shared/ledger"
)

// AppendJSON appends the outcome's JSON, what json.Marshal writes (jsonw): the log and the
// answer to every push write one.
func (o *Outcome) AppendJSON(b []byte) []byte {
	b = append(b, `{"status":`...)
	b = jsonw.String(b, string(o.Status))
	if len(o.Codes) > 0 {
		b = append(b, `,"codes":`...)
		b = jsonw.Strings(b, o.Codes)
	}
	if len(o.Rules) > 0 {
		b = append(b, `,"rules":`...)
		b = jsonw.Strings(b, o.Rules)
	}
	if o.Ruleset != "" {
		b = append(b, `,"ruleset":`...)
		b = jsonw.String(b, o.Ruleset)
	}
	if o.Error != nil {
		b = append(b, `,"error":{"field":`...)
		b = jsonw.String(b, o.Error.Field)
		b = append(b, `,"reason":`...)
		b = jsonw.String(b, o.Error.Reason)
		b = append(b, '}')
	}
	if o.Split != nil {
		b = append(b, `,"split":`...)
		b = o.Split.AppendJSON(b)
	}
	if o.Expected != nil {
		b = append(b, `,"expected":`...)
		b = o.Expected.AppendJSON(b)
	}
	if len(o.Entries) > 0 {
		b = append(b, `,"entries":`...)
		b = jsonw.List(b, o.Entries, (*ledger.Entry).AppendJSON)
	}
	if len(o.Explanation) > 0 {
		b = append(b, `,"explanation":`...)
		b = jsonw.List(b, o.Explanation, (*engine.Line).AppendJSON)
	}
	if o.Request != "" {
		b = append(b, `,"request":`...)
		b = jsonw.String(b, o.Request)
	}
	if len(o.Credits) > 0 {
		b = append(b, `,"credits":`...)
		b = jsonw.List(b, o.Credits, func(c *MonthlyCredit, b []byte) []byte {
			b = append(b, `{"person":`...)
			b = jsonw.String(b, string(c.Person))
			b = append(b, `,"due":`...)
			b = jsonw.String(b, c.Due.String())
			b = append(b, `,"amount":"`...)
			b = c.Amount.Append(b)
			b = append(b, '"')
			if c.Skip != "" {
				b = append(b, `,"skip":`...)
				b = jsonw.String(b, string(c.Skip))
			}
			return append(b, '}')
		})
	}
	// rare members (a request's ask, a decision) take json.Marshal: the same bytes
	if o.Ask != nil {
		b = append(b, `,"ask":`...)
		raw, _ := json.Marshal(o.Ask) // plain strings, amounts and times always marshal
		b = append(b, raw...)
	}
	if o.Decided != nil {
		b = append(b, `,"decided":`...)
		raw, _ := json.Marshal(o.Decided)
		b = append(b, raw...)
	}
	if len(o.Restated) > 0 {
		b = append(b, `,"restated":`...)
		raw, _ := json.Marshal(o.Restated) // splits and entries always marshal
		b = append(b, raw...)
	}
	return append(b, '}')
}

// AppendJSON appends the split's JSON, what json.Marshal writes.
func (s *Split) AppendJSON(b []byte) []byte {
	b = append(b, `{"lines":`...)
	b = jsonw.List(b, s.Lines, func(l *Line, b []byte) []byte { return l.AppendJSON(b) })
	b = append(b, `,"cash":"`...)
	b = s.Cash.Append(b)
	return append(b, `"}`...)
}
