//go:build js && wasm

// Package dosql is a small Go face for a Cloudflare Durable Object's SQLite storage
// (ctx.storage.sql), reached through syumai/workers' bindings: synchronous statements and a
// synchronous transaction (transactionSync through the JS shim's txSync) that rolls back when
// the Go callback fails.
package dosql

import (
	"errors"
	"fmt"
	"syscall/js"

	"github.com/syumai/workers/cloudflare"
)

// DB is one Durable Object's SQL storage.
type DB struct {
	storage js.Value
	sql     js.Value
}

// Open reads the storage the shim passed as the STORAGE binding.
func Open() (*DB, error) {
	storage := cloudflare.GetBinding("STORAGE")
	if storage.IsUndefined() || storage.IsNull() {
		return nil, errors.New("dosql: no STORAGE binding (run inside the FamilyDO shim)")
	}
	return &DB{storage: storage, sql: storage.Get("sql")}, nil
}

// Row is one result row, column name to value (string, float64 or nil as JS gives them).
type Row map[string]any

// Exec runs one statement with bound parameters and returns its rows. A JS exception (SQL
// error, limit exceeded) comes back as an error naming the statement.
func (db *DB) Exec(query string, args ...any) (rows []Row, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("dosql: %q: %v", query, r)
		}
	}()
	cursor := db.sql.Call("exec", append([]any{query}, args...)...)
	list := cursor.Call("toArray")
	for i := 0; i < list.Length(); i++ {
		obj := list.Index(i)
		keys := js.Global().Get("Object").Call("keys", obj)
		row := Row{}
		for k := 0; k < keys.Length(); k++ {
			name := keys.Index(k).String()
			row[name] = jsValue(obj.Get(name))
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func jsValue(v js.Value) any {
	switch v.Type() {
	case js.TypeString:
		return v.String()
	case js.TypeNumber:
		return v.Float()
	case js.TypeBoolean:
		return v.Bool()
	}
	return nil
}

// Tx runs fn inside the storage's synchronous transaction. When fn returns an error the shim
// throws and SQLite rolls back every statement fn ran. Nothing inside fn may await.
func (db *DB) Tx(fn func() error) (err error) {
	var fnErr error
	cb := js.FuncOf(func(this js.Value, args []js.Value) any {
		if fnErr = fn(); fnErr != nil {
			return map[string]any{"error": fnErr.Error()}
		}
		return js.Undefined()
	})
	defer cb.Release()
	defer func() {
		if r := recover(); r != nil && fnErr == nil {
			err = fmt.Errorf("dosql: transaction: %v", r)
		}
	}()
	js.Global().Call("txSync", db.storage, cb)
	if fnErr != nil {
		return fnErr
	}
	return nil
}
