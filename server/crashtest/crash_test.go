package crashtest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

const kills = 24

// pusher is one client of the family pushing in order; inflight is the push whose answer
// it has not seen (resent first, as a phone does).
type pusher struct {
	id       string
	next     int64
	inflight []syncwire.Mutation
	acked    map[int64]bool
	bigNext  bool // this round, push only ~700 KB batches, so the kill lands in one
}

var at = time.Date(2026, 3, 2, 10, 0, 0, 0, time.FixedZone("UTC+8", 8*3600))

func (p *pusher) batch(r *rand.Rand) []syncwire.Mutation {
	if p.inflight != nil {
		return p.inflight
	}
	n, big := 1+r.IntN(10), p.bigNext
	if big {
		n = 100
	}
	var ms []syncwire.Mutation
	for range n {
		p.next++
		m := syncwire.Mutation{ClientID: p.id, MutationID: p.next, At: at.Add(time.Duration(p.next) * time.Second)}
		if big {
			// a newer client's mutation is kept whole: 7 KB each makes a ~700 KB record
			m.Name, m.Args = "future_note", json.RawMessage(`{"text":"`+strings.Repeat("x", 7000)+`"}`)
		} else {
			m.Name, m.Args = mutation.Settle, json.RawMessage(fmt.Sprintf(
				`{"patient":"mom","institution":{"region":"330100","kind":"pharmacy","designated":true},"bill":{"total":"%s","policy_self_pay":"%[1]s","category":"drug"}}`, money.FromFen(int64(100+r.IntN(5000)))))
		}
		ms = append(ms, m)
	}
	p.inflight = ms
	return ms
}

func (p *pusher) run(c *Client, r *rand.Rand, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		ms := p.batch(r)
		var resp syncwire.PushResponse
		if err := c.Do("POST", "/api/v1/families/"+familyID+"/push", syncwire.PushRequest{Mutations: ms}, &resp); err != nil {
			time.Sleep(5 * time.Millisecond)
			continue
		}
		for _, res := range resp.Results {
			if res.Result == syncwire.Processed || res.Result == syncwire.Duplicate {
				p.acked[res.MutationID] = true
			}
		}
		p.inflight = nil
	}
}

var familyID string

func TestCrashKill9(t *testing.T) { crashKill9(t, false) }

// TestCrashKill9Cold: the same with one family warm at a time (-max-warm-families 1) and
// other families pulled all the while, so the pushed family goes cold and warm again in the
// middle of the pushes and the kills; every fourth stop is clean (the start reads the index).
func TestCrashKill9Cold(t *testing.T) {
	t.Setenv("GONGJI_MAX_WARM_FAMILIES", "1")
	crashKill9(t, true)
}

func crashKill9(t *testing.T, cold bool) {
	if testing.Short() {
		t.Skip("builds and kills the real server")
	}
	bin, err := Build(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	srv, err := Start(bin, data)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Kill() }()
	fam, err := CreateFamily(srv.URL, "crash")
	if err != nil {
		t.Fatal(err)
	}
	familyID = fam.Family
	var others []Family
	if cold {
		for i := range 3 {
			f, err := CreateFamily(srv.URL, fmt.Sprintf("other %d", i))
			if err != nil {
				t.Fatal(err)
			}
			others = append(others, f)
		}
	}
	setup := syncwire.PushRequest{Mutations: []syncwire.Mutation{{ClientID: "setup", MutationID: 1, Name: mutation.AddPerson, At: at,
		Args: json.RawMessage(`{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"1000000.00"}`)}}}
	if err := NewClient(srv.URL, fam.Token).Do("POST", "/api/v1/families/"+familyID+"/push", setup, nil); err != nil {
		t.Fatal(err)
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 1))
	pushers := make([]*pusher, 4)
	for i := range pushers {
		pushers[i] = &pusher{id: fmt.Sprintf("c%d", i), acked: map[int64]bool{}}
	}
	bigCaught, repairs, clean := 0, 0, 0
	for k := range kills {
		stopClean := cold && k%4 == 1
		runUntilKill(t, srv, fam.Token, pushers, r, k%3 == 0, others, stopClean)
		if stopClean {
			clean++
		}
		if len(pushers[0].inflight) == 100 {
			bigCaught++
		}
		repairs += strings.Count(srv.Stderr(), "torn tail dropped") // read after the kill: no race
		if srv, err = Start(bin, data); err != nil {
			t.Fatalf("restart after kill %d: %v", k+1, err)
		}
		checkLog(t, k+1, NewClient(srv.URL, fam.Token), pushers)
	}
	total := 0
	for _, p := range pushers {
		total += len(p.acked)
	}
	t.Logf("%d SIGKILLs and clean stops (%d clean, %d with a ~700 KB push unanswered, %d restarts dropped a torn tail), %d acknowledged mutations, all present exactly once",
		kills, clean, bigCaught, repairs, total)
}

// runUntilKill lets the pushers run for a random while, then SIGKILLs the server; with big,
// one pusher sends ~700 KB pushes back to back, so the kill usually comes in the middle of one.
// Others are pulled back to back meanwhile (with one warm family, each pull sends another
// family cold); with clean, the server is stopped with SIGTERM instead.
func runUntilKill(t *testing.T, srv *Server, token string, pushers []*pusher, r *rand.Rand, big bool, others []Family, clean bool) {
	stop := make(chan struct{})
	var wg gosync.WaitGroup
	for _, o := range others {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := NewClient(srv.URL, o.Token)
			for {
				select {
				case <-stop:
					return
				default:
				}
				var page syncwire.PullResponse
				if c.Do("GET", "/api/v1/families/"+o.Family+"/pull?cursor=0&limit=10", nil, &page) != nil {
					time.Sleep(5 * time.Millisecond)
				}
			}
		}()
	}
	for i, p := range pushers {
		p.bigNext = big && i == 0
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			p.run(NewClient(srv.URL, token), rand.New(rand.NewPCG(seed, 2)), stop)
		}(r.Uint64())
	}
	time.Sleep(time.Duration(20+r.IntN(230)) * time.Millisecond)
	if clean {
		if err := srv.Stop(); err != nil {
			t.Fatalf("clean stop: %v", err)
		}
	} else {
		srv.Kill()
	}
	close(stop)
	wg.Wait()
}

// checkLog: seqs run 1..head; each client's ids run 1..last with no hole and no repeat; every
// acknowledged id is there; a push whose answer was lost is there whole or not at all; the
// ledger redone from the log conserves money and never goes below zero.
func checkLog(t *testing.T, kill int, c *Client, pushers []*pusher) {
	t.Helper()
	changes := pullAll(t, c, familyID)
	count := map[string]map[int64]int{}
	for i, ch := range changes {
		if ch.Seq != int64(i+1) {
			t.Fatalf("kill %d: change %d has seq %d", kill, i, ch.Seq)
		}
		if count[ch.Mutation.ClientID] == nil {
			count[ch.Mutation.ClientID] = map[int64]int{}
		}
		count[ch.Mutation.ClientID][ch.Mutation.MutationID]++
	}
	for _, p := range pushers {
		got := count[p.id]
		for id, n := range got {
			if n != 1 || (id > 1 && got[id-1] != 1) {
				t.Fatalf("kill %d: %s mutation %d appears %d times (previous %d times)", kill, p.id, id, n, got[id-1])
			}
		}
		for id := range p.acked {
			if got[id] != 1 {
				t.Fatalf("kill %d: acknowledged %s/%d is missing", kill, p.id, id)
			}
		}
		present := 0
		for _, m := range p.inflight {
			present += got[m.MutationID]
		}
		if present != 0 && present != len(p.inflight) {
			t.Fatalf("kill %d: half a push of %s is there: %d of %d", kill, p.id, present, len(p.inflight))
		}
	}
	checkMoney(t, kill, changes)
}

func pullAll(t *testing.T, c *Client, fam string) []syncwire.Change {
	var all []syncwire.Change
	for cursor := int64(0); ; {
		var page syncwire.PullResponse
		if err := c.Do("GET", fmt.Sprintf("/api/v1/families/%s/pull?cursor=%d&limit=1000", fam, cursor), nil, &page); err != nil {
			t.Fatal(err)
		}
		all = append(all, page.Changes...)
		cursor = page.Cursor
		if !page.More {
			return all
		}
	}
}

func checkMoney(t *testing.T, kill int, changes []syncwire.Change) {
	t.Helper()
	s, err := syncwire.Replay(family.State{}, changes)
	if err != nil {
		t.Fatalf("kill %d: replay: %v", kill, err)
	}
	var external, held money.Amount
	for _, ch := range changes {
		for _, e := range ch.Outcome.Entries {
			if err := e.Check(); err != nil {
				t.Fatalf("kill %d: %v", kill, err)
			}
			for _, p := range e.Postings {
				if p.Account.Kind == ledger.External {
					external += p.Amount
				}
			}
		}
	}
	for _, p := range s.People {
		held += p.Balance() + p.Wallet.Balance
	}
	if held != -external {
		t.Fatalf("kill %d: the family holds %s but %s came in", kill, held, -external)
	}
	if err := mutation.CheckNonNegative(&s); err != nil {
		t.Fatalf("kill %d: %v", kill, err)
	}
}
