package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	gosync "sync"
	"sync/atomic"
	"time"

	"gongji/server/crashtest"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// fillWorkers bounds how many families push at once while filling, and how many are created
// at once (-workers).
var fillWorkers = 64

// fillOpts are fill mode's knobs (flags in main.go).
type fillOpts struct {
	bills, batch int
	keep         string
	probes       int // cold families timed on their first pull and first push
	active       int // families made active after the restart before its RSS is read
	settle       time.Duration
}

// filled is a family as the fill keeps it: a million of these fit in a few hundred MB.
type filled struct {
	id, token string
	next      int64
}

// runFill creates families concurrently, fills them with bills, times cold families' first
// pull and push, restarts the server and prints what it costs.
func runFill(bin, families string, o fillOpts) error {
	n, err := strconv.Atoi(families)
	if err != nil || n < 1 || n > 1000000 {
		return fmt.Errorf("-families %q: one number from 1 to 1000000 with -bills", families)
	}
	if o.batch < 1 || o.batch > 99 {
		return fmt.Errorf("-batch %d: 1 to 99 (the API's limit per push, with the first push's add_person)", o.batch)
	}
	tmp, err := crashtest.TempDir()
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "data")
	if o.keep != "" {
		dir = o.keep
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
	fmt.Printf("filling %d families x %d bills, %d per push, into %s (GONGJI_MAX_WARM_FAMILIES=%q)\n", n, o.bills, o.batch, dir, os.Getenv("GONGJI_MAX_WARM_FAMILIES"))
	hc := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConns: 4 * fillWorkers, MaxIdleConnsPerHost: 4 * fillWorkers}}
	start := time.Now()
	fams, err := createAll(srv.URL, hc, n)
	if err != nil {
		return err
	}
	createTime := time.Since(start)
	fmt.Printf("created %d families in %.1f s: %.0f families/s (%d at once)\n", n, createTime.Seconds(), float64(n)/createTime.Seconds(), fillWorkers)
	start = time.Now()
	if err := each(fams, fillWorkers, func(f *filled) error { return fillOne(srv.URL, hc, f, o.bills, o.batch) }); err != nil {
		return err
	}
	fillTime := time.Since(start)
	changes := int64(n) * int64(o.bills+1) // each family's add_person and its bills
	fmt.Printf("filled %d changes in %.1f s (%.0f bills/s)\n", changes, fillTime.Seconds(), float64(n*o.bills)/fillTime.Seconds())
	rssFill, err := srv.RSSBytes()
	if err != nil {
		return err
	}
	fmt.Printf("RSS after fill   %12.1f MB  (%.0f bytes a family)\n", float64(rssFill)/1e6, float64(rssFill)/float64(n))
	// The families filled first have been cold longest (with a bound below n). Half the probes
	// right after the fill (the server still letting families go and collecting garbage),
	// half after -settle.
	probes := min(o.probes, n/4)
	if err := coldProbes("cold, right after the fill", srv.URL, hc, fams[:n/4], probes); err != nil {
		return err
	}
	time.Sleep(o.settle)
	if err := coldProbes(fmt.Sprintf("cold, %s after the fill", o.settle), srv.URL, hc, fams[n/4:n/2], probes); err != nil {
		return err
	}
	if err := srv.Stop(); err != nil {
		return err
	}
	size, err := dirBytes(dir)
	if err != nil {
		return err
	}
	fmt.Printf("on disk          %12d bytes  %8.0f bytes/change\n", size, float64(size)/float64(changes))
	t0 := time.Now()
	if srv, err = crashtest.Start(bin, dir); err != nil {
		return err
	}
	ready := time.Since(t0)
	fmt.Printf("restart to ready %12.3f s\n", ready.Seconds())
	time.Sleep(time.Second)
	rssRestart, err := srv.RSSBytes()
	if err != nil {
		return err
	}
	fmt.Printf("RSS after restart%12.1f MB\n", float64(rssRestart)/1e6)
	if err := coldProbes("cold, after restart", srv.URL, hc, fams[n/2:], probes); err != nil {
		return err
	}
	active := fams[:min(o.active, n)]
	start = time.Now()
	if err := each(active, fillWorkers, func(f *filled) error {
		if _, err := pullOnce(srv.URL, hc, f); err != nil {
			return err
		}
		return pushBills(srv.URL, hc, f, 1, false)
	}); err != nil {
		return err
	}
	rssActive, err := srv.RSSBytes()
	if err != nil {
		return err
	}
	fmt.Printf("RSS after restart with %d families active (a pull and a bill each, %.1f s): %.1f MB\n", len(active), time.Since(start).Seconds(), float64(rssActive)/1e6)
	pull, got, err := fullPull(srv.URL, &family{client: &crashtest.Client{HTTP: hc, Base: srv.URL, Token: fams[0].token}, id: fams[0].id})
	if err != nil {
		return err
	}
	fmt.Printf("new device pull  %12.3f s  (%d changes of one family)\n", pull.Seconds(), got)
	return srv.Stop()
}

// createAll creates n families, fillWorkers at once.
func createAll(base string, hc *http.Client, n int) ([]*filled, error) {
	fams := make([]*filled, n)
	for i := range fams {
		fams[i] = &filled{}
	}
	c := &crashtest.Client{HTTP: hc, Base: base}
	var i atomic.Int64
	err := each(fams, fillWorkers, func(f *filled) error {
		var cred crashtest.Family
		if err := c.Do("POST", "/api/v1/families", map[string]string{"name": fmt.Sprintf("load %d", i.Add(1)), "device": "load"}, &cred); err != nil {
			return err
		}
		f.id, f.token = cred.Family, cred.Token
		return nil
	})
	return fams, err
}

// each runs fn on every family, workers at a time; the first error stops it.
func each(fams []*filled, workers int, fn func(f *filled) error) error {
	var next atomic.Int64
	var firstErr atomic.Value
	var wg gosync.WaitGroup
	for range min(workers, len(fams)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < int64(len(fams)) && firstErr.Load() == nil; i = next.Add(1) - 1 {
				if err := fn(fams[i]); err != nil {
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

func (f *filled) mutation(name mutation.Name, args string) syncwire.Mutation {
	f.next++
	return syncwire.Mutation{ClientID: "load", MutationID: f.next, Name: name,
		At: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC).Add(time.Duration(f.next) * time.Second), Args: json.RawMessage(args)}
}

const personArgs = `{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"100000000.00"}`

// fillOne pushes the family's person and its bills, batch bills a push (the first push also
// carries the person).
func fillOne(base string, hc *http.Client, f *filled, bills, batch int) error {
	first := true
	for left := bills; left > 0 || first; left -= batch {
		if err := pushBills(base, hc, f, min(batch, left), first); err != nil {
			return err
		}
		first = false
	}
	return nil
}

func pushBills(base string, hc *http.Client, f *filled, n int, person bool) error {
	req := syncwire.PushRequest{}
	if person {
		req.Mutations = append(req.Mutations, f.mutation(mutation.AddPerson, personArgs))
	}
	for range n {
		req.Mutations = append(req.Mutations, f.mutation(mutation.Settle, billArgs))
	}
	body, err := json.Marshal(req)
	if err != nil {
		return err
	}
	hr, err := http.NewRequest("POST", base+"/api/v1/families/"+f.id+"/push", bytes.NewReader(body))
	if err != nil {
		return err
	}
	hr.Header.Set("Authorization", "Bearer "+f.token)
	resp, err := hc.Do(hr)
	if err != nil {
		return fmt.Errorf("family %s: %w", f.id, err)
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return fmt.Errorf("family %s: %w", f.id, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("family %s: %d %s", f.id, resp.StatusCode, data)
	}
	// Decoding the whole answer cost the load more CPU than the server's encoding of it, on
	// the same cores: count the applied outcomes in its text instead.
	applied := bytes.Count(data, []byte(`"status":"confirmed"`)) + bytes.Count(data, []byte(`"status":"adjusted"`))
	if applied < len(req.Mutations) || bytes.Contains(data, []byte(`"status":"rejected"`)) {
		return fmt.Errorf("family %s: %d of %d mutations applied: %.300s", f.id, applied, len(req.Mutations), data)
	}
	return nil
}

func pullOnce(base string, hc *http.Client, f *filled) (int, error) {
	var page syncwire.PullResponse
	c := &crashtest.Client{HTTP: hc, Base: base, Token: f.token}
	if err := c.Do("GET", "/api/v1/families/"+f.id+"/pull?cursor=0&limit=1000", nil, &page); err != nil {
		return 0, err
	}
	return len(page.Changes), nil
}

// coldProbes times the first pull of probes families picked evenly from fams, one at a time
// (nothing else running), then the first push (one bill) of as many others.
func coldProbes(what, base string, hc *http.Client, fams []*filled, probes int) error {
	if probes == 0 || len(fams) < 2*probes {
		return nil
	}
	step := len(fams) / (2 * probes)
	var pulls, pushes []time.Duration
	for i := range probes {
		f := fams[2*i*step]
		t0 := time.Now()
		if _, err := pullOnce(base, hc, f); err != nil {
			return err
		}
		pulls = append(pulls, time.Since(t0))
		f = fams[(2*i+1)*step]
		t0 = time.Now()
		if err := pushBills(base, hc, f, 1, false); err != nil {
			return err
		}
		pushes = append(pushes, time.Since(t0))
	}
	fmt.Printf("first pull, %s: %s; first push of a bill: %s (%d families each)\n", what, pcts(pulls), pcts(pushes), probes)
	return nil
}

func pcts(ds []time.Duration) string {
	slices.Sort(ds)
	at := func(p float64) float64 { return float64(ds[int(p*float64(len(ds)-1))].Microseconds()) / 1000 }
	return fmt.Sprintf("p50 %.2f ms p99 %.2f ms max %.2f ms", at(0.5), at(0.99), at(1))
}

// fullPull is what a new device of f does: every page from cursor 0.
func fullPull(base string, f *family) (time.Duration, int, error) {
	c := crashtest.NewClient(base, f.client.Token)
	start := time.Now()
	got := 0
	for cursor := int64(0); ; {
		var page syncwire.PullResponse
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
