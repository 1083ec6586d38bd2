// Command gongji is Gongji's server and tool: `gongji serve` runs the sync server and the PWA,
// `gongji eval FILE|-` decides a scenario file (spec/scenarios.md).
package main

import (
	"fmt"
	"io"
	"os"
)

// usage is printed for a missing or unknown command.
const usage = `usage:
  gongji serve [flags]     serve the app and the sync API (gongji serve -h)
  gongji eval FILE|-       decide a scenario file and print the result JSON
  gongji backup FILE       write a consistent copy of the database (works while serving)
  gongji restore FILE      replace the database with a backup (server stopped)
  gongji repair [flags]    check every record; with -truncate-tail or -drop-after-gap,
                           copy the database aside and repair it (server stopped)
  gongji version           print the build version
`

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "eval":
		return evalCmd(args[1:], stdin, stdout, stderr)
	case "serve":
		return serveCmd(args[1:], stdout, stderr)
	case "backup":
		return backupCmd(args[1:], stdout, stderr)
	case "restore":
		return restoreCmd(args[1:], stdout, stderr)
	case "repair":
		return repairCmd(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, version)
		return 0
	}
	fmt.Fprintf(stderr, "gongji: unknown command %q\n%s", args[0], usage)
	return 2
}
