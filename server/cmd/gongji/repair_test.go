package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongji/server/buntstore"
)

// seeded is a closed data directory with family fa's log at seq 1..5, one record each.
func seeded(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := buntstore.Open(dir, buntstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	seed(t, s)
	s.Close()
	return dir
}

func changeFile(t *testing.T, dir string, fn func([]byte) []byte) {
	t.Helper()
	path := filepath.Join(dir, buntstore.FileName)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, fn(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

// flipInRecord changes one byte of the payload of fa's record ending at seq.
func flipInRecord(seq string) func([]byte) []byte {
	return func(data []byte) []byte {
		i := bytes.Index(data, []byte("f/fa/l/"+strings.Repeat("0", 20-len(seq))+seq))
		j := bytes.Index(data[i:], []byte(`"changes":"`))
		data[i+j+20] ^= 1 // a byte of the deflated payload
		return data
	}
}

func TestRepair(t *testing.T) {
	tests := []struct {
		name     string
		damage   func([]byte) []byte
		args     []string
		code     int
		says     []string
		changed  bool  // the database file was changed (and a copy made first)
		headThen int64 // the family's head when it opens afterwards; -1: does not open
	}{
		{"a clean database", nil, nil, 0, []string{"nothing to repair"}, false, 5},
		{"check only: lists what each repair removes", flipInRecord("3"), nil, 1,
			[]string{"damaged: family fa, log record f/fa/l/00000000000000000003 (seq 3)", "-drop-after-gap removes family fa: 3 change(s) after seq 2",
				"f/fa/l/00000000000000000005", "f/fa/c", "nothing was changed"}, false, -1},
		{"-drop-after-gap", flipInRecord("3"), []string{"-drop-after-gap"}, 0,
			[]string{"copied the database aside", "done: family fa: removed 4 key(s), 3 change(s) after seq 2", "whole again"}, true, 2},
		{"garbage after the last record: check only", func(d []byte) []byte { return append(d, "garbage\x00\r\n"...) }, nil, 1,
			[]string{"unreadable after offset", "-truncate-tail cuts them"}, false, -1},
		{"-truncate-tail", func(d []byte) []byte { return append(d, "garbage\x00\r\n"...) }, []string{"-truncate-tail"}, 0,
			[]string{"done: cut 10 bytes after the last whole record", "whole again"}, true, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := seeded(t)
			if tc.damage != nil {
				changeFile(t, dir, tc.damage)
			}
			path := filepath.Join(dir, buntstore.FileName)
			before, _ := os.ReadFile(path)
			var out, errOut bytes.Buffer
			code := run(append([]string{"repair", "-data", dir}, tc.args...), nil, &out, &errOut)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out.String(), errOut.String())
			}
			for _, want := range tc.says {
				if !strings.Contains(out.String(), want) {
					t.Errorf("output does not say %q:\n%s", want, out.String())
				}
			}
			after, _ := os.ReadFile(path)
			if changed := !bytes.Equal(before, after); changed != tc.changed {
				t.Errorf("file changed: %v, want %v", changed, tc.changed)
			}
			baks, _ := filepath.Glob(path + ".bak-*")
			if tc.changed {
				if len(baks) != 1 {
					t.Fatalf("copies aside: %v, want one", baks)
				}
				if kept, _ := os.ReadFile(baks[0]); !bytes.Equal(kept, before) {
					t.Errorf("the copy aside is not the file as it was")
				}
			} else if len(baks) != 0 {
				t.Errorf("copies aside %v when nothing was changed", baks)
			}
			s, err := buntstore.Open(dir, buntstore.Options{})
			if tc.headThen < 0 {
				if err == nil {
					s.Close()
					t.Fatal("the damaged database opened")
				}
				return
			}
			if err != nil {
				t.Fatalf("open afterwards: %v", err)
			}
			defer s.Close()
			if h, _ := s.State("fa"); h.Seq != tc.headThen {
				t.Errorf("head %d afterwards, want %d", h.Seq, tc.headThen)
			}
		})
	}
}
