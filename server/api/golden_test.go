package api

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestResponseGolden pins the JSON of every answer of the API besides push and pull (whose
// bodies shared/syncwire pins): renaming a Go field must not change what clients read.
func TestResponseGolden(t *testing.T) {
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		v    any
	}{
		{"create_family", credentials{Family: "f_1", Device: "d_1", Token: "f_1.secret", Owner: true}},
		{"create_family_request", createFamilyRequest{Name: "张家", Device: "妈妈的手机"}},
		{"join_request", joinRequest{Code: "ABCD-EFGH-JKLM", Device: "爸爸的手机"}},
		{"invite_request", inviteRequest{TTLMinutes: 60}},
		{"invite", inviteResponse{Code: "ABCD-EFGH-JKLM", Expires: at}},
		{"devices", devicesJSON{Devices: []deviceJSON{{ID: "d_1", Name: "妈妈的手机", Owner: true, Created: at},
			{ID: "d_2", Name: "爸爸的手机", Revoked: true, Created: at}}}},
		{"family", familyInfoJSON{Family: "f_1", Name: "张家", Device: "d_1", Owner: true, Head: 41, Epoch: "e_1"}},
		{"error", apiError{errorBody{Code: "bad_request", Field: "mutations[3].args.amount", Message: "money \"1.234\": more than two decimals"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.MarshalIndent(tc.v, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", tc.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s changed: the API's JSON is a contract\ngot:\n%s\nwant:\n%s", path, got, want)
			}
		})
	}
}
