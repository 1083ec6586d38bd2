package syncwire

import (
	"slices"

	"gongji/shared/jsonw"
)

// AppendChangesJSON appends the JSON of changes, what json.Marshal writes (jsonw): the log
// record of every push (server/buntstore).
func AppendChangesJSON(b []byte, changes []Change) []byte {
	return jsonw.List(b, changes, (*Change).AppendJSON)
}

// AppendJSON appends the change's JSON, what json.Marshal writes.
func (c *Change) AppendJSON(b []byte) []byte {
	b = append(b, `{"seq":`...)
	b = jsonw.Int(b, c.Seq)
	b = append(b, `,"device":`...)
	b = jsonw.String(b, c.Device)
	b = append(b, `,"mutation":`...)
	b = c.Mutation.AppendJSON(b)
	b = append(b, `,"outcome":`...)
	b = c.Outcome.AppendJSON(b)
	return append(b, '}')
}

// AppendJSON appends the mutation's JSON, what json.Marshal writes.
func (m *Mutation) AppendJSON(b []byte) []byte {
	b = append(b, `{"client_id":`...)
	b = jsonw.String(b, m.ClientID)
	b = append(b, `,"mutation_id":`...)
	b = jsonw.Int(b, m.MutationID)
	b = append(b, `,"name":`...)
	b = jsonw.String(b, string(m.Name))
	b = append(b, `,"at":`...)
	b = jsonw.Time(b, m.At)
	b = append(b, `,"args":`...)
	b = jsonw.Raw(b, m.Args)
	if m.Expected != nil {
		b = append(b, `,"expected":`...)
		b = m.Expected.AppendJSON(b)
	}
	return append(b, '}')
}

// AppendJSON appends the push answer's JSON, what json.Marshal writes (map keys sorted).
func (r *PushResponse) AppendJSON(b []byte) []byte {
	b = append(b, `{"results":`...)
	b = jsonw.List(b, r.Results, func(res *PushResult, b []byte) []byte {
		b = append(b, `{"client_id":`...)
		b = jsonw.String(b, res.ClientID)
		b = append(b, `,"mutation_id":`...)
		b = jsonw.Int(b, res.MutationID)
		b = append(b, `,"result":`...)
		b = jsonw.String(b, res.Result)
		if res.Seq != 0 {
			b = append(b, `,"seq":`...)
			b = jsonw.Int(b, res.Seq)
		}
		if res.Outcome != nil {
			b = append(b, `,"outcome":`...)
			b = res.Outcome.AppendJSON(b)
		}
		if res.Expect != 0 {
			b = append(b, `,"expect":`...)
			b = jsonw.Int(b, res.Expect)
		}
		return append(b, '}')
	})
	b = append(b, `,"head":`...)
	b = jsonw.Int(b, r.Head)
	if r.Epoch != "" {
		b = append(b, `,"epoch":`...)
		b = jsonw.String(b, r.Epoch)
	}
	b = append(b, `,"last_mutation_ids":`...)
	if r.LastMutationIDs == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		keys := make([]string, 0, len(r.LastMutationIDs))
		for k := range r.LastMutationIDs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonw.String(b, k)
			b = append(b, ':')
			b = jsonw.Int(b, r.LastMutationIDs[k])
		}
		b = append(b, '}')
	}
	return append(b, '}')
}
