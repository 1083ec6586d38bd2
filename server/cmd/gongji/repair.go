package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"gongji/server/buntstore"
)

// repairCmd is `gongji repair [-data DIR] [-truncate-tail] [-drop-after-gap]` (server
// stopped). Without a choice it only checks every record and lists what each repair would
// remove; with one it first copies the file aside (gongji.db.bak-<UTC time>), then repairs
// and prints what it did. Exit 0: nothing to repair, or repaired and the database opens;
// 1: damage left (or an error).
func repairCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("repair", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", envOr("GONGJI_DATA", "./data"), "data directory (GONGJI_DATA)")
	var opt buntstore.RepairOptions
	fs.BoolVar(&opt.TruncateTail, "truncate-tail", false, "cut the file after the last whole record")
	fs.BoolVar(&opt.DropAfterGap, "drop-after-gap", false, "remove each damaged family's log from its first damaged record on")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: gongji repair [-data DIR] [-truncate-tail] [-drop-after-gap]")
		return 2
	}
	r, bak, done, err := buntstore.Repair(*data, opt, time.Now())
	if r != nil {
		printReport(stdout, r, *data, len(done) == 0)
	}
	if bak != "" {
		fmt.Fprintf(stdout, "copied the database aside to %s first\n", bak)
	}
	for _, line := range done {
		fmt.Fprintln(stdout, "done:", line)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongji repair: %v\n", err)
		return 1
	}
	if r.Clean() {
		return 0
	}
	if len(done) == 0 {
		return 1
	}
	after, err := buntstore.Check(*data)
	if err != nil {
		fmt.Fprintf(stderr, "gongji repair: check after the repair: %v\n", err)
		return 1
	}
	if !after.Clean() {
		fmt.Fprintln(stdout, "still damaged after the repair:")
		printReport(stdout, after, *data, false)
		return 1
	}
	fmt.Fprintln(stdout, "the database is whole again; start the server")
	return 0
}

func printReport(w io.Writer, r *buntstore.Report, dir string, unchanged bool) {
	fmt.Fprintf(w, "%s: %d bytes\n", r.Path, r.Size)
	if r.Clean() {
		fmt.Fprintln(w, "every record reads and redoes: nothing to repair")
		return
	}
	if r.WholeEnd < r.Size {
		fmt.Fprintf(w, "unreadable after offset %d (%d bytes): -truncate-tail cuts them (anything in them is lost)\n",
			r.WholeEnd, r.Size-r.WholeEnd)
	}
	for _, d := range r.Damages {
		fmt.Fprintln(w, "damaged:", d.String())
	}
	for _, d := range r.Drops {
		fmt.Fprintf(w, "-drop-after-gap removes family %s: %d change(s) after seq %d in %d key(s):\n", d.Family, d.Changes, d.KeepHead, len(d.Keys))
		for _, k := range d.Keys {
			fmt.Fprintln(w, "   ", k)
		}
	}
	archived := 0
	for _, d := range r.Damages {
		if strings.HasPrefix(d.Key, buntstore.ArchiveName) {
			archived++
		}
	}
	if archived > 0 {
		fmt.Fprintf(w, "%s (old records, which new devices pull) has no automatic repair: restore a backup with gongji restore\n", buntstore.ArchiveName)
	}
	if len(r.Damages)-archived > len(r.Drops) {
		fmt.Fprintln(w, "damage outside a log (a family, device or snapshot key, or a newer format) has no automatic repair: restore a backup or run the newer gongji")
	}
	if unchanged {
		fmt.Fprintf(w, "nothing was changed; to repair: gongji repair -data %s [-truncate-tail] [-drop-after-gap]\n", dir)
	}
}
