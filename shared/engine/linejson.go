package engine

import "gongji/shared/jsonw"

// AppendJSON appends the line's JSON, what json.Marshal writes (jsonw).
func (l *Line) AppendJSON(b []byte) []byte {
	b = append(b, `{"rule":`...)
	b = jsonw.String(b, l.Rule)
	if l.Code != "" {
		b = append(b, `,"code":`...)
		b = jsonw.String(b, string(l.Code))
	}
	b = append(b, `,"msg":`...)
	b = jsonw.String(b, string(l.Msg))
	if len(l.Args) > 0 {
		b = append(b, `,"args":[`...)
		for i, a := range l.Args {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"k":`...)
			b = jsonw.String(b, string(a.Kind))
			b = append(b, `,"v":`...)
			b = jsonw.String(b, a.Value)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(l.Sources) > 0 {
		b = append(b, `,"src":`...)
		b = jsonw.Strings(b, l.Sources)
	}
	if l.Grade != "" {
		b = append(b, `,"grade":`...)
		b = jsonw.String(b, l.Grade)
	}
	if l.Unverified {
		b = append(b, `,"unverified":true`...)
	}
	return append(b, '}')
}

// AppendJSON appends the payment line's JSON, what MarshalJSON writes.
func (p Payment) AppendJSON(b []byte) []byte {
	b = append(b, `{"payer":`...)
	b = jsonw.String(b, string(p.Payer))
	b = append(b, `,"source":`...)
	b = jsonw.String(b, string(p.Source))
	if p.Binding != "" {
		b = append(b, `,"binding":`...)
		b = jsonw.String(b, p.Binding)
	}
	b = append(b, `,"amount":"`...)
	b = p.Amount.Append(b)
	b = append(b, '"')
	if p.NotClaimableElsewhere {
		b = append(b, `,"claimable_elsewhere":false`...)
	}
	return append(b, '}')
}
