package main

import (
	"fmt"
	"io"
	"os"

	"gongji/shared/engine"
	"gongji/shared/scenario"
)

// evalCmd is `gongji eval FILE|-`: the result JSON on stdout and exit 0, or an error object
// and exit 2 (spec/scenarios.md).
func evalCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprint(stderr, "usage: gongji eval FILE|-\n")
		return 2
	}
	var data []byte
	var err error
	if args[0] == "-" {
		data, err = io.ReadAll(io.LimitReader(stdin, 8<<20))
	} else {
		data, err = os.ReadFile(args[0])
	}
	if err != nil {
		fmt.Fprintf(stdout, "{\"error\": {\"code\": \"READ_FAILED\", \"message\": %q}}\n", "file: "+err.Error())
		return 2
	}
	out, code := scenario.Run(engine.Default(), data)
	stdout.Write(out)
	return code
}
