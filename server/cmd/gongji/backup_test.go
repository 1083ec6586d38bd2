package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gongji/server/buntstore"
	"gongji/server/store"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

func seed(t *testing.T, s *buntstore.Store) { seedN(t, s, 5) }

// seedN creates family fa with n pushes of one change each.
func seedN(t *testing.T, s *buntstore.Store, n int) {
	t.Helper()
	ctx := context.Background()
	if err := s.CreateFamily(ctx, store.Family{ID: "fa", Name: "张家", Epoch: "e_before"}, store.Device{ID: "d", TokenHash: "h", Owner: true}); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		err := s.Push(ctx, "fa", func(h *store.Head) ([]syncwire.Change, error) {
			h.Seq++
			m := syncwire.Mutation{ClientID: "c", MutationID: int64(i + 1), Name: "note", At: time.Unix(1e9, 0).UTC(), Args: json.RawMessage(`{}`)}
			c := []syncwire.Change{{Seq: h.Seq, Mutation: m, Outcome: mutation.Outcome{Status: mutation.Unknown}}}
			h.Note(&c[0])
			return c, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// Backup runs beside a live store (the server holds the lock); restore refuses a held data
// directory and otherwise brings back exactly what was backed up.
func TestBackupAndRestore(t *testing.T) {
	live, restored := t.TempDir(), t.TempDir()
	s, err := buntstore.Open(live, buntstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	seed(t, s)
	want, _ := s.State("fa")
	file := filepath.Join(t.TempDir(), "backup.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"backup", "-data", live, file}, nil, &out, &errOut); code != 0 {
		t.Fatalf("backup: %d %s", code, errOut.String())
	}
	blocker, err := buntstore.Open(restored, buntstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	errOut.Reset()
	if code := run([]string{"restore", "-data", restored, file}, nil, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "database in use") {
		t.Fatalf("restore into a held directory: %d %q, want 1 and 'database in use'", code, errOut.String())
	}
	blocker.Close()
	if code := run([]string{"restore", "-data", restored, file}, nil, &out, &errOut); code != 0 {
		t.Fatalf("restore: %d %s", code, errOut.String())
	}
	back, err := buntstore.Open(restored, buntstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	got, err := back.State("fa")
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("restored %+v, %v; want %+v", got, err, want)
	}
	// the restored log is older than what devices saw: its epoch tells them (syncwire.Stale)
	if f, err := back.Family(context.Background(), "fa"); err != nil || f.Epoch == "" || f.Epoch == "e_before" {
		t.Errorf("restored family %+v, %v: want a new epoch", f, err)
	}
	if d, err := back.DeviceByToken(context.Background(), "h"); err != nil || d.ID != "d" {
		t.Errorf("restored device: %+v, %v", d, err)
	}
}

func TestRestoreRefusesAFileThatIsNotADatabase(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := writeFile(bad, "this is not a database\nat all\n"); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"restore", "-data", t.TempDir(), bad}, nil, &out, &errOut); code != 1 {
		t.Fatalf("restore of garbage: %d, want 1 (%s)", code, errOut.String())
	}
}

func writeFile(path, s string) error {
	return os.WriteFile(path, []byte(s), 0o600)
}

// A data directory with archived records (buntstore's archive) backs up whole, and a restore
// keeps the replaced directory's archive aside instead of mixing its records in.
func TestBackupAndRestoreWithArchive(t *testing.T) {
	live, restored := t.TempDir(), t.TempDir()
	s, err := buntstore.Open(live, buntstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	seedN(t, s, 300)
	s.Close() // the close archives all but the newest records
	if st, err := os.Stat(filepath.Join(live, buntstore.ArchiveName)); err != nil || st.Size() == 0 {
		t.Fatalf("no archive after 300 pushes: %v", err)
	}
	other, err := buntstore.Open(restored, buntstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	seedN(t, other, 150) // another log of fa, to be replaced
	other.Close()
	file := filepath.Join(t.TempDir(), "backup.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"backup", "-data", live, file}, nil, &out, &errOut); code != 0 {
		t.Fatalf("backup: %d %s", code, errOut.String())
	}
	if code := run([]string{"restore", "-data", restored, file}, nil, &out, &errOut); code != 0 {
		t.Fatalf("restore: %d %s", code, errOut.String())
	}
	aside, _ := filepath.Glob(filepath.Join(restored, buntstore.ArchiveName+".before-restore-*"))
	if len(aside) != 1 {
		t.Errorf("the replaced archive was not kept aside: %v", aside)
	}
	back, err := buntstore.Open(restored, buntstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	page, err := back.Pull(context.Background(), "fa", 0, 1000)
	if err != nil || len(page.Changes) != 300 {
		t.Fatalf("restored log: %d changes, %v; want 300", len(page.Changes), err)
	}
	for i, c := range page.Changes {
		if c.Seq != int64(i+1) || c.Mutation.MutationID != int64(i+1) {
			t.Fatalf("change %d is seq %d, mutation %d", i, c.Seq, c.Mutation.MutationID)
		}
	}
}
