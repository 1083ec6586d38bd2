// Command gongji-load measures the real `gongji serve` on loopback. It starts its own server
// on a fresh data directory and only ever talks to 127.0.0.1.
//
// Without -bills (`make load`): durable settled bills per second and push latency p50/p99 at
// 1, 10 and 100 concurrent families, each family one phone pushing bills back to back for
// -duration.
//
// With -bills M: creates -families N families (up to 1,000,000; 64 at once), fills them with M
// bills each (-batch K per push, the first push also carrying the family's person), then
// prints families created per second, RSS after the fill, cold families' first pull and push
// (p50/p99, -probes), bytes per change on disk, restart-to-ready time, RSS after the restart
// and after -active families were used, and a new device's full pull time. -keep DIR leaves
// the filled data directory. The server's bound on warm families is its default or
// GONGJI_MAX_WARM_FAMILIES from the environment.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	gosync "sync"
	"sync/atomic"
	"time"

	"gongji/server/crashtest"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

func main() {
	bin := flag.String("bin", "", "gongji binary (built from this checkout when empty)")
	levels := flag.String("families", "1,10,100", "concurrent families per run")
	duration := flag.Duration("duration", 5*time.Second, "length of each run")
	batch := flag.Int("batch", 1, "bills per push")
	fill := flag.Int("bills", 0, "fill mode: bills per family (-families is then one number)")
	keep := flag.String("keep", "", "fill mode: data directory to fill and leave (empty or new)")
	streams := flag.Int("streams", 0, "stream mode: the server's total stream cap; opens cap+extra event streams (streams.go)")
	extra := flag.Int("extra", 100, "stream mode: streams beyond the cap")
	probes := flag.Int("probes", 1000, "fill mode: cold families timed on their first pull and first push, before and after the restart")
	settle := flag.Duration("settle", 10*time.Second, "fill mode: pause before the second cold probes of the same process")
	active := flag.Int("active", 10000, "fill mode: families made active after the restart before RSS is read again")
	flag.IntVar(&fillWorkers, "workers", fillWorkers, "fill mode: families created and filled at once")
	cpuProfile := flag.String("cpuprofile", "", "write the load tool's own CPU profile here (its cost on the server's cores)")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gongji-load:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	var err error
	if *streams > 0 {
		err = runStreams(*bin, *streams, *extra, *duration)
	} else if *fill > 0 {
		err = runFill(*bin, *levels, fillOpts{bills: *fill, batch: *batch, keep: *keep, probes: *probes, active: *active, settle: *settle})
	} else {
		err = run(*bin, *levels, *duration, *batch)
	}
	if err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "gongji-load:", err)
		os.Exit(1)
	}
}

func run(bin, levels string, duration time.Duration, bills int) error {
	dir, err := crashtest.TempDir()
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if bin == "" {
		if bin, err = crashtest.Build(dir); err != nil {
			return err
		}
	}
	srv, err := crashtest.Start(bin, dir)
	if err != nil {
		return err
	}
	defer srv.Kill()
	fmt.Printf("gongji serve at %s, %d bill(s) per push, %s per run\n", srv.URL, bills, duration)
	fmt.Printf("%9s %9s %9s %12s %9s %9s %9s\n", "families", "pushes", "bills", "bills/s", "p50 ms", "p99 ms", "max ms")
	for _, l := range strings.Split(levels, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(l))
		if err != nil || n < 1 || n > 1000 {
			return fmt.Errorf("-families: %q", l)
		}
		if err := level(srv.URL, n, duration, bills); err != nil {
			return err
		}
	}
	return nil
}

type family struct {
	client *crashtest.Client
	id     string
	next   int64
}

func setup(base string, n int, transport http.RoundTripper) ([]*family, error) {
	fams := make([]*family, n)
	for i := range fams {
		cred, err := crashtest.CreateFamily(base, fmt.Sprintf("load %d", i))
		if err != nil {
			return nil, err
		}
		c := &crashtest.Client{HTTP: &http.Client{Transport: transport, Timeout: 30 * time.Second}, Base: base, Token: cred.Token}
		f := &family{client: c, id: cred.Family}
		req := syncwire.PushRequest{Mutations: []syncwire.Mutation{f.mutation(mutation.AddPerson,
			`{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"100000000.00"}`)}}
		if err := c.Do("POST", "/api/v1/families/"+f.id+"/push", req, nil); err != nil {
			return nil, err
		}
		fams[i] = f
	}
	return fams, nil
}

func (f *family) mutation(name mutation.Name, args string) syncwire.Mutation {
	f.next++
	return syncwire.Mutation{ClientID: "load", MutationID: f.next, Name: name,
		At: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC).Add(time.Duration(f.next) * time.Second), Args: json.RawMessage(args)}
}

const billArgs = `{"patient":"mom","institution":{"region":"330100","kind":"pharmacy","designated":true},"bill":{"total":"12.34","policy_self_pay":"12.34","category":"drug"}}`

// level runs n families pushing for duration and prints one line.
func level(base string, n int, duration time.Duration, bills int) error {
	transport := &http.Transport{MaxIdleConns: 2 * n, MaxIdleConnsPerHost: 2 * n}
	fams, err := setup(base, n, transport)
	if err != nil {
		return err
	}
	var settled atomic.Int64
	var mu gosync.Mutex
	var latencies []time.Duration
	var firstErr atomic.Value
	deadline := time.Now().Add(duration)
	start := time.Now()
	var wg gosync.WaitGroup
	for _, f := range fams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			wc, err := dialWire(base, "/api/v1/families/"+f.id+"/push", f.client.Token)
			if err != nil {
				firstErr.CompareAndSwap(nil, err)
				return
			}
			defer wc.close()
			var body, answer []byte
			for time.Now().Before(deadline) {
				// The body written by hand and the answer's statuses counted in its text: JSON
				// encoding and decoding cost the load more CPU than the server's work, on the
				// same two cores (issue 23).
				body = append(body[:0], `{"mutations":[`...)
				for i := range bills {
					if i > 0 {
						body = append(body, ',')
					}
					m := f.mutation(mutation.Settle, billArgs)
					body = m.AppendJSON(body)
				}
				body = append(body, "]}"...)
				t0 := time.Now()
				status, err := wc.post(body, &answer)
				if err == nil && status != http.StatusOK {
					err = fmt.Errorf("%d %.300s", status, answer)
				}
				if err != nil {
					firstErr.CompareAndSwap(nil, fmt.Errorf("family %s: %w", f.id, err))
					return
				}
				mine = append(mine, time.Since(t0))
				// Counted in the answer's text: decoding it (explanations and all) cost the load
				// more CPU than the server's encoding of it, on the same cores.
				settled.Add(int64(bytes.Count(answer, []byte(`"status":"confirmed"`)) + bytes.Count(answer, []byte(`"status":"adjusted"`))))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err, ok := firstErr.Load().(error); ok {
		return err
	}
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		if len(latencies) == 0 {
			return 0
		}
		return float64(latencies[int(p*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	fmt.Printf("%9d %9d %9d %12.0f %9.2f %9.2f %9.2f\n", n, len(latencies), settled.Load(),
		float64(settled.Load())/elapsed.Seconds(), pct(0.50), pct(0.99), pct(1))
	transport.CloseIdleConnections()
	return nil
}
