package buntstore

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tidwall/buntdb"
)

// TestOpenTimes splits the start of a filled data directory (GONGJI_OPEN_DIR, e.g. kept by
// gongji-load -keep) into BuntDB's read of the file and our checks and redo. A measurement,
// not an assertion: it only logs.
func TestOpenTimes(t *testing.T) {
	dir := os.Getenv("GONGJI_OPEN_DIR")
	if dir == "" {
		t.Skip("set GONGJI_OPEN_DIR to a filled data directory")
	}
	t0 := time.Now()
	db, err := buntdb.Open(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	bunt := time.Since(t0)
	db.Close()
	t1 := time.Now()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	all := time.Since(t1)
	s.Close()
	t.Logf("BuntDB read of the file %.3f s; whole Open (read, check every sum, redo after snapshots) %.3f s", bunt.Seconds(), all.Seconds())
}
