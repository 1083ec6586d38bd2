package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"time"

	"gongji/server/crashtest"
)

// streamsPerFamily is how many streams the stream mode opens per family's device (the
// server's default -streams-per-device is 8, so the ninth of a device would be refused).
const streamsPerFamily = 8

// runStreams (-streams CAP) starts the server with a total stream cap of CAP, measures push
// latency of 10 families, then opens CAP+extra event streams (from other families, 8 per
// device), counts how the server answered them (200, 429, 503), and measures the 10
// families' push latency again while the streams are held. Bounded: CAP+extra <= 5000.
func runStreams(bin string, capStreams, extra int, duration time.Duration) error {
	if capStreams < 1 || capStreams+extra > 5000 || duration > time.Minute {
		return fmt.Errorf("-streams %d -extra %d -duration %s: want CAP+extra <= 5000 and at most 1m", capStreams, extra, duration)
	}
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
	os.Setenv("GONGJI_STREAMS", strconv.Itoa(capStreams)) // the child inherits it
	srv, err := crashtest.Start(bin, dir)
	if err != nil {
		return err
	}
	defer srv.Kill()
	fmt.Printf("gongji serve at %s, stream cap %d, opening %d streams\n", srv.URL, capStreams, capStreams+extra)
	fmt.Printf("%-22s %9s %9s %9s %9s %9s %9s\n", "", "families", "pushes", "bills", "bills/s", "p50 ms", "p99 ms")
	fmt.Printf("%-22s", "before the streams")
	if err := level(srv.URL, 10, duration, 1); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	counts, err := openStreams(ctx, srv.URL, capStreams+extra)
	if err != nil {
		return err
	}
	fmt.Printf("streams answered: %d open (200), %d refused 429, %d refused 503, %d failed\n",
		counts[200], counts[429], counts[503], counts[0])
	fmt.Printf("%-22s", "with the streams held")
	if err := level(srv.URL, 10, duration, 1); err != nil {
		return err
	}
	if rss, err := srv.RSSBytes(); err == nil {
		fmt.Printf("server RSS with the streams held: %.1f MB\n", float64(rss)/1e6)
	}
	return nil
}

// openStreams opens n event streams, streamsPerFamily per family, and keeps the accepted
// ones open until ctx ends; it returns how many got each status (0: a transport error).
func openStreams(ctx context.Context, base string, n int) (map[int]int, error) {
	counts := map[int]int{}
	transport := &http.Transport{MaxConnsPerHost: 0, MaxIdleConnsPerHost: 1}
	client := &http.Client{Transport: transport}
	var cred crashtest.Family
	for i := range n {
		if i%streamsPerFamily == 0 {
			var err error
			if cred, err = crashtest.CreateFamily(base, fmt.Sprintf("streams %d", i/streamsPerFamily)); err != nil {
				return nil, err
			}
		}
		req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/families/"+cred.Family+"/events", nil)
		req.Header.Set("Authorization", "Bearer "+cred.Token)
		req.Header.Set("Accept", "text/event-stream")
		resp, err := client.Do(req)
		if err != nil {
			counts[0]++
			continue
		}
		counts[resp.StatusCode]++
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			continue
		}
		go func() { <-ctx.Done(); resp.Body.Close() }()
	}
	return counts, nil
}
