package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	gosync "sync"
	"sync/atomic"
	"time"

	"gongji/server/crashtest"
	"gongji/shared/mutation"
	"gongji/shared/sync"
)

// fillWorkers bounds how many families push at once while filling.
const fillWorkers = 64

// runFill fills families x bills, restarts the server and prints what it costs.
func runFill(bin, families string, bills, batch int, keep string) error {
	n, err := strconv.Atoi(families)
	if err != nil || n < 1 || n > 100000 {
		return fmt.Errorf("-families %q: one number from 1 to 100000 with -bills", families)
	}
	if batch < 1 || batch > 100 {
		return fmt.Errorf("-batch %d: 1 to 100 (the API's limit per push)", batch)
	}
	tmp, err := crashtest.TempDir()
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "data")
	if keep != "" {
		dir = keep
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			return fmt.Errorf("-keep %s: not empty", dir)
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if bin == "" {
		if bin, err = crashtest.Build(tmp); err != nil {
			return err
		}
	}
	srv, err := crashtest.Start(bin, dir)
	if err != nil {
		return err
	}
	defer func() { srv.Kill() }()
	fmt.Printf("filling %d families x %d bills, %d per push, into %s\n", n, bills, batch, dir)
	transport := &http.Transport{MaxIdleConns: 2 * fillWorkers, MaxIdleConnsPerHost: 2 * fillWorkers}
	fams, err := setup(srv.URL, n, transport)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := fillAll(fams, bills, batch); err != nil {
		return err
	}
	fillTime := time.Since(start)
	changes := int64(n) * int64(bills+1) // each family's add_person and its bills
	rssFill, err := srv.RSSBytes()
	if err != nil {
		return err
	}
	if err := srv.Stop(); err != nil {
		return err
	}
	size, err := dirBytes(dir)
	if err != nil {
		return err
	}
	t0 := time.Now()
	if srv, err = crashtest.Start(bin, dir); err != nil {
		return err
	}
	ready := time.Since(t0)
	rssRestart, err := srv.RSSBytes()
	if err != nil {
		return err
	}
	pull, got, err := fullPull(srv.URL, fams[0])
	if err != nil {
		return err
	}
	fmt.Printf("filled %d changes in %.1f s (%.0f bills/s)\n", changes, fillTime.Seconds(), float64(n*bills)/fillTime.Seconds())
	fmt.Printf("on disk          %12d bytes  %8.0f bytes/change\n", size, float64(size)/float64(changes))
	fmt.Printf("RSS after fill   %12.1f MB\n", float64(rssFill)/1e6)
	fmt.Printf("restart to ready %12.3f s\n", ready.Seconds())
	fmt.Printf("RSS after restart%12.1f MB\n", float64(rssRestart)/1e6)
	fmt.Printf("new device pull  %12.3f s  (%d changes of one family)\n", pull.Seconds(), got)
	return srv.Stop()
}

// fillAll pushes bills to every family, fillWorkers families at a time.
func fillAll(fams []*family, bills, batch int) error {
	var next atomic.Int64
	var firstErr atomic.Value
	var wg gosync.WaitGroup
	for range min(fillWorkers, len(fams)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < int64(len(fams)); i = next.Add(1) - 1 {
				if err := fillOne(fams[i], bills, batch); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err, ok := firstErr.Load().(error); ok {
		return err
	}
	return nil
}

func fillOne(f *family, bills, batch int) error {
	for left := bills; left > 0; left -= batch {
		req := sync.PushRequest{}
		for range min(batch, left) {
			req.Mutations = append(req.Mutations, f.mutation(mutation.Settle, billArgs))
		}
		var resp sync.PushResponse
		if err := f.client.Do("POST", "/api/v1/families/"+f.id+"/push", req, &resp); err != nil {
			return fmt.Errorf("family %s: %w", f.id, err)
		}
		for _, r := range resp.Results {
			if r.Result != sync.Processed {
				return fmt.Errorf("family %s mutation %d: %s", f.id, r.MutationID, r.Result)
			}
		}
	}
	return nil
}

// fullPull is what a new device of f does: every page from cursor 0.
func fullPull(base string, f *family) (time.Duration, int, error) {
	c := crashtest.NewClient(base, f.client.Token)
	start := time.Now()
	got := 0
	for cursor := int64(0); ; {
		var page sync.PullResponse
		if err := c.Do("GET", fmt.Sprintf("/api/v1/families/%s/pull?cursor=%d&limit=1000", f.id, cursor), nil, &page); err != nil {
			return 0, 0, err
		}
		got += len(page.Changes)
		cursor = page.Cursor
		if !page.More {
			return time.Since(start), got, nil
		}
	}
}

// dirBytes is the size of every file in dir and below (the database and any segments).
func dirBytes(dir string) (int64, error) {
	var total int64
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.Mode().IsRegular() {
			total += info.Size()
		}
		return nil
	})
	return total, err
}
