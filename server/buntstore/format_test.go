package buntstore

import (
	"context"
	"os"
	"testing"

	"github.com/tidwall/buntdb"

	"gongji/server/store"
)

// TestReadsVersion1Records: a database written by main at 6d40165 (format version 1) opens
// with its log whole, and pulls answer it in version 2.
func TestReadsVersion1Records(t *testing.T) {
	v1, err := os.ReadFile("../../shared/syncwire/testdata/v1/record.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s := open(t, dir)
	if err := s.CreateFamily(context.Background(), store.Family{ID: "fa", Name: "张家"}, store.Device{ID: "d", TokenHash: "h"}); err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *buntdb.Tx) error {
		_, _, err := tx.Set(logKey("fa", 3), string(v1), nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, dir)
	defer s.Close()
	h, err := s.State("fa")
	if err != nil || h.Seq != 3 || h.State.Person("son") == nil || h.State.Person("son").Balance() != 80000 {
		t.Fatalf("version-1 log opened as %+v, %v", h, err)
	}
	page, err := s.Pull(context.Background(), "fa", 0, 10)
	if err != nil || len(page.Changes) != 3 || page.Changes[0].Mutation.ClientID != "c_old" {
		t.Fatalf("pull of a version-1 log: %+v, %v", page, err)
	}
}
