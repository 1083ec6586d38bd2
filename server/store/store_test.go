package store

import (
	"encoding/json"
	"testing"
)

func TestRecordsOfBothFormats(t *testing.T) {
	tests := []struct {
		name, device, invite string
	}{
		{"version 1", `{"id":"d1","family":"f1","name":"x","owner":true,"tokenHash":"aa","created":"2026-01-01T00:00:00Z","revoked":false}`,
			`{"codeHash":"bb","family":"f1","expires":"2026-01-02T00:00:00Z"}`},
		{"version 2", `{"id":"d1","family":"f1","name":"x","owner":true,"token_hash":"aa","created":"2026-01-01T00:00:00Z","revoked":false}`,
			`{"code_hash":"bb","family":"f1","expires":"2026-01-02T00:00:00Z"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d Device
			var inv Invite
			if err := json.Unmarshal([]byte(tc.device), &d); err != nil || d.TokenHash != "aa" || d.ID != "d1" || !d.Owner {
				t.Fatalf("device %+v, %v", d, err)
			}
			if err := json.Unmarshal([]byte(tc.invite), &inv); err != nil || inv.CodeHash != "bb" || inv.Family != "f1" {
				t.Fatalf("invite %+v, %v", inv, err)
			}
			b, _ := json.Marshal(d)
			if want := `{"id":"d1","family":"f1","name":"x","owner":true,"token_hash":"aa","created":"2026-01-01T00:00:00Z","revoked":false}`; string(b) != want {
				t.Fatalf("device written as %s, want %s", b, want)
			}
		})
	}
}
