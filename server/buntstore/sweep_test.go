package buntstore

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gongji/server/store"
)

func TestSweepInvitesAndPerms(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := s.CreateFamily(ctx, store.Family{ID: "f1", Name: "x", Created: now}, store.Device{ID: "d1", TokenHash: "t1", Owner: true, Created: now}); err != nil {
		t.Fatal(err)
	}
	for _, inv := range []store.Invite{{CodeHash: "old", Family: "f1", Expires: now.Add(-time.Minute)}, {CodeHash: "live", Family: "f1", Expires: now.Add(time.Hour)}} {
		if err := s.AddInvite(ctx, inv); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.SweepInvites(now); err != nil || n != 1 {
		t.Fatalf("swept %d, %v; want 1", n, err)
	}
	if _, err := s.Join(ctx, "live", now, store.Device{ID: "d2", TokenHash: "t2", Created: now}); err != nil {
		t.Fatalf("the live code after a sweep: %v", err)
	}
	s.Close()
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok := s.invites["old"]; ok {
		t.Fatal("the swept invite is back after a restart")
	}
	for _, c := range []struct {
		path string
		want os.FileMode
	}{{dir, 0o700}, {filepath.Join(dir, FileName), 0o600}, {filepath.Join(dir, FileName+".lock"), 0o600}} {
		st, err := os.Stat(c.path)
		if err != nil || st.Mode().Perm() != c.want {
			t.Errorf("%s: %v %v, want %v", c.path, st.Mode().Perm(), err, c.want)
		}
	}
}
