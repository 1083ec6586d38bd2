package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"gongji/server/api"
	"gongji/server/buntstore"
)

// backupCmd is `gongji backup [-data DIR] FILE`: a consistent copy of the database that
// works while the server runs. The file only grows (shrink is off) and every push is one
// record, so a copy of its current length is a crash-consistent prefix; opening that copy
// cuts a torn last record and checks every record after the snapshots (a damaged one stops
// the backup), then it is saved compacted to FILE.
func backupCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", envOr("GONGJI_DATA", "./data"), "data directory (GONGJI_DATA)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: gongji backup [-data DIR] FILE")
		return 2
	}
	if err := backup(*data, fs.Arg(0)); err != nil {
		fmt.Fprintf(stderr, "gongji backup: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "backup written to %s\n", fs.Arg(0))
	return 0
}

func backup(dataDir, out string) error {
	tmp, err := os.MkdirTemp("", "gongji-backup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := copyFile(filepath.Join(dataDir, buntstore.FileName), filepath.Join(tmp, buntstore.FileName)); err != nil {
		return err
	}
	// The archive after the database file: records move into it before they leave the file,
	// so this order misses none (one may be in both copies, which is fine).
	if err := copyFile(filepath.Join(dataDir, buntstore.ArchiveName), filepath.Join(tmp, buntstore.ArchiveName)); err != nil && !errors.Is(err, errNoFile) {
		return err
	}
	db, err := buntstore.Open(tmp, buntstore.Options{KeepLog: true})
	if err != nil {
		return fmt.Errorf("the copy does not open: %w", err)
	}
	defer db.Close()
	f, err := os.CreateTemp(filepath.Dir(out), ".gongji-backup-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := db.Backup(f); err != nil {
		f.Close()
		return err
	}
	return commitFile(f, out)
}

// restoreCmd is `gongji restore [-data DIR] FILE`: replaces the database with a backup. It
// refuses while a server holds the data directory, and checks the backup opens first.
func restoreCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", envOr("GONGJI_DATA", "./data"), "data directory (GONGJI_DATA)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: gongji restore [-data DIR] FILE")
		return 2
	}
	if err := restore(*data, fs.Arg(0)); err != nil {
		fmt.Fprintf(stderr, "gongji restore: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "restored %s into %s\n", fs.Arg(0), *data)
	return 0
}

func restore(dataDir, in string) error {
	tmp, err := os.MkdirTemp("", "gongji-restore-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := copyFile(in, filepath.Join(tmp, buntstore.FileName)); err != nil {
		return err
	}
	// KeepLog: the check must leave the whole log in the copy's database file, the one file
	// installed below (its own archive would be left behind in tmp).
	check, err := buntstore.Open(tmp, buntstore.Options{KeepLog: true})
	if err != nil {
		return fmt.Errorf("%s is not a usable backup: %w", in, err)
	}
	// The restored logs are older than what devices have seen: a new epoch for every family
	// tells each device to pull again from 0 and push again what it made since.
	err = check.RenewEpochs(api.NewEpoch)
	if cerr := check.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("new epochs in %s: %w", in, err)
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return err
	}
	lock, err := buntstore.Lock(dataDir)
	if err != nil {
		return fmt.Errorf("%w: stop the server first", err)
	}
	defer lock.Close()
	f, err := os.CreateTemp(dataDir, ".gongji-restore-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	src, err := os.Open(filepath.Join(tmp, buntstore.FileName))
	if err != nil {
		return err
	}
	defer src.Close()
	if _, err := io.Copy(f, src); err != nil {
		f.Close()
		return err
	}
	// The data directory's archive belongs to the log being replaced (the backup holds its
	// own archived records in the database file): it is kept aside, never deleted.
	arch := filepath.Join(dataDir, buntstore.ArchiveName)
	if _, err := os.Stat(arch); err == nil {
		aside := arch + ".before-restore-" + time.Now().UTC().Format("20060102T150405Z")
		if err := os.Rename(arch, aside); err != nil {
			return fmt.Errorf("move %s aside: %w", arch, err)
		}
	}
	return commitFile(f, filepath.Join(dataDir, buntstore.FileName))
}

// errNoFile: the file to copy does not exist.
var errNoFile = errors.New("no database")

// copyFile copies src's current length (the file may be growing) to dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%w at %s", errNoFile, src)
	}
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600) // data files are 0600
	if err != nil {
		return err
	}
	if _, err := io.CopyN(out, in, st.Size()); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// commitFile fsyncs f, renames it to path and fsyncs the directory, so path is either the
// old file or the whole new one after a crash.
func commitFile(f *os.File, path string) error {
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	dir, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}
