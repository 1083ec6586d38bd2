package api

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"gongji/server/store"
	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// modelServer is the server's side of a push and pull, with the same Process the stores run.
type modelServer struct {
	e    *engine.Engine
	head *store.Head
	log  []syncwire.Change
}

func (s *modelServer) push(t *testing.T, who mutation.Actor, req *syncwire.PushRequest) syncwire.PushResponse {
	if err := req.Validate(); err != nil {
		t.Fatalf("push does not validate: %v", err)
	}
	h := s.head.Clone()
	if err := CheckClients(who.Device, req, h); err != nil {
		t.Fatalf("push refused: %v", err)
	}
	changes, resp := Process(s.e, who, req, h, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), s.log)
	// L1: no balance below zero after any push
	if err := mutation.CheckNonNegative(&h.State); err != nil {
		t.Fatalf("after push: %v", err)
	}
	s.head, s.log = h, append(s.log, changes...)
	wireMatchesMarshal(t, changes, &resp)
	return resp
}

// digestByMarshal is store.Digest as it was first written, with json.Marshal: digests stored
// in snapshots must keep matching.
func digestByMarshal(m *syncwire.Mutation) uint64 {
	args := m.Args
	if len(args) == 0 {
		args = json.RawMessage("null")
	}
	body, _ := json.Marshal(struct {
		Name     mutation.Name   `json:"n"`
		At       int64           `json:"t"`
		Args     json.RawMessage `json:"a"`
		Expected *mutation.Split `json:"e"`
	}{mutation.Canonical(m.Name), m.At.UnixNano(), args, m.Expected})
	sum := sha256.Sum256(body)
	return binary.BigEndian.Uint64(sum[:8])
}

// wireMatchesMarshal: the hand-written encoders the log and the push answer use write what
// json.Marshal writes, over every change the convergence tests make (every mutation kind,
// refusals, corrections, consent).
func wireMatchesMarshal(t *testing.T, changes []syncwire.Change, resp *syncwire.PushResponse) {
	t.Helper()
	want, err := json.Marshal(changes)
	if err != nil {
		t.Fatal(err)
	}
	if got := syncwire.AppendChangesJSON(nil, changes); string(got) != string(want) {
		t.Fatalf("AppendChangesJSON:\n got %s\nwant %s", got, want)
	}
	for i := range changes {
		if m := &changes[i].Mutation; store.Digest(m) != digestByMarshal(m) {
			t.Fatalf("Digest of %s differs from the digest stored before it was written by hand", m.Key())
		}
	}
	resp.Epoch = "e1" // as the handler sets it
	want, err = json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.AppendJSON(nil); string(got) != string(want) {
		t.Fatalf("PushResponse.AppendJSON:\n got %s\nwant %s", got, want)
	}
	resp.Epoch = ""
}

type modelClient struct {
	id      string
	who     mutation.Actor // the device: the owner's, mom's, dad's or nobody's
	next    int64
	pending []syncwire.Mutation
	sent    []syncwire.Mutation // everything ever pushed, for duplicate deliveries
	log     []syncwire.Change
	last    int64 // the server's last mutation id for this client, as far as we know
	at      time.Time
	// credits: most mutations are credit schedules, life events, checkpoints and slips, with
	// weeks between them (TestCreditsConverge)
	credits bool
}

var people = []string{"mom", "dad", "kid", "grandma"}

func (c *modelClient) make(t *testing.T, e *engine.Engine, r *rand.Rand) {
	c.next++
	c.at = c.at.Add(time.Duration(1+r.IntN(90)) * time.Minute)
	if r.IntN(6) == 0 || c.credits {
		c.at = c.at.Add(time.Duration(r.IntN(40*24)) * time.Hour) // weeks pass: credits fall due
	}
	p := people[r.IntN(len(people))]
	var name mutation.Name
	var args string
	k := r.IntN(17)
	if c.credits && r.IntN(3) > 0 {
		k = []int{10, 12, 13, 14}[r.IntN(4)]
	}
	switch k {
	case 15, 16:
		// approve or decline a request this device sees waiting (any device may try: those
		// not entitled are refused)
		name, args = mutation.Approve, `{"request":"none"}`
		if r.IntN(3) == 0 {
			name = mutation.Decline
		}
		view := c.view(t, e)
		var waiting []string
		for _, q := range view.Requests {
			if q.State == family.Waiting {
				waiting = append(waiting, q.ID)
			}
		}
		if len(waiting) > 0 {
			args = fmt.Sprintf(`{"request":%q}`, waiting[r.IntN(len(waiting))])
		}
	case 12, 13, 14:
		name, args = truth(k, p, c.view(t, e), r)
	case 6, 7, 8, 9, 10, 11:
		// a correction or a life event, aimed at what this phone sees
		name, args = correction(k, p, c, c.view(t, e), r)
	case 0, 1, 2:
		name, args = mutation.Settle, fmt.Sprintf(`{"patient":%q,"institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"%s","policy_self_pay":"%[2]s","category":"drug"}}`, p, money.FromFen(int64(100*(1+r.IntN(300)))))
	case 3:
		name, args = mutation.Credit, fmt.Sprintf(`{"person":%q,"account":"account","amount":"%s"}`, p, money.FromFen(int64(100*(1+r.IntN(100)))))
	case 4:
		name, args = mutation.Correct, fmt.Sprintf(`{"person":%q,"account":"account","amount":"%s","memo":"fix"}`, p, money.FromFen(int64(-100*(1+r.IntN(200)))))
	default:
		to := people[r.IntN(len(people))]
		name, args = mutation.WalletTransfer, fmt.Sprintf(`{"from":%q,"to":%q,"amount":"%s","source":"account"}`, p, to, money.FromFen(int64(100*(1+r.IntN(50)))))
	}
	m := syncwire.Mutation{ClientID: c.id, MutationID: c.next, Name: name, At: c.at, Args: json.RawMessage(args)}
	if name == mutation.Settle && r.IntN(2) == 0 {
		// the phone decides at once on what it knows and sends its split along
		view := c.view(t, e)
		if o, _ := mutation.ApplyAs(e, &view, c.who, m.Intent(), m.At); o.Split != nil {
			m.Expected = o.Split
		}
	}
	c.pending = append(c.pending, m)
}

// correction makes one of the new mutations (k 6 to 11) against the phone's view: a void or
// an undo of what it sees, an amended bill, a name or region fix, a life event, or a move to
// Beijing and its arrival.
func correction(k int, p string, c *modelClient, view family.State, r *rand.Rand) (mutation.Name, string) {
	var target *family.Record
	if n := view.Records.Len(); n > 0 {
		target = view.Records.At(r.IntN(n))
	}
	switch {
	case k == 6 && target != nil:
		return mutation.Void, fmt.Sprintf(`{"target":%q,"reason":"mistake"}`, target.ID)
	case k == 7:
		if last := mutation.LastAction(&view, c.id); last != nil {
			return mutation.Undo, fmt.Sprintf(`{"target":%q}`, last.ID)
		}
		return mutation.Undo, `{"target":"nothing/1"}`
	case k == 8 && target != nil:
		return mutation.AmendBill, fmt.Sprintf(`{"target":%q,"settle":{"patient":%q,"institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"%s","policy_self_pay":"%[3]s","category":"drug"}}}`,
			target.ID, p, money.FromFen(int64(100*(1+r.IntN(300)))))
	case k == 9:
		names := []string{"妈妈", "爸爸", "孩子", "外婆", "小明", "阿姨"}
		if r.IntN(2) == 0 {
			return mutation.EditPerson, fmt.Sprintf(`{"person":%q,"name":%q}`, p, names[r.IntN(len(names))])
		}
		return mutation.EditPerson, fmt.Sprintf(`{"person":%q,"region":%q,"tier":%d}`, p, []string{"330100", "330200"}[r.IntN(2)], r.IntN(3))
	case k == 10:
		events := mutation.Events()
		return mutation.LifeEvent, fmt.Sprintf(`{"person":%q,"event":%q,"insurance":"employee"}`, p, events[r.IntN(len(events))])
	case target != nil && target.Name == string(mutation.Transfer):
		return mutation.TransferArrive, fmt.Sprintf(`{"transfer":%q}`, target.ID)
	}
	return mutation.Transfer, fmt.Sprintf(`{"person":%q,"to_region":"110100","origin_stopped":true,"dest_enrolled":true}`, p)
}

// truth makes one of issue 12's mutations: a slip for a bill this phone sees, a credit
// schedule (0.00 ends it) or a balance checkpoint.
func truth(k int, p string, view family.State, r *rand.Rand) (mutation.Name, string) {
	switch k {
	case 12:
		var target *family.Record
		for i := view.Records.Len() - 1; i >= 0; i-- {
			if n := mutation.Name(view.Records.At(i).Name); n == mutation.Settle || n == mutation.AmendBill || n == mutation.RecordSlip {
				target = view.Records.At(i)
				break
			}
		}
		if target == nil {
			return mutation.RecordSlip, `{"target":"nothing/1","settle":{"patient":"mom","institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"1.00","policy_self_pay":"1.00","category":"drug"}},"slip":{"medfee_sumamt":"1.00","psn_cash_pay":"1.00"}}`
		}
		total := int64(100 * (1 + r.IntN(300)))
		acct := r.Int64N(total + 1)
		mulaid := int64(0)
		if r.IntN(2) == 0 {
			mulaid = r.Int64N(acct + 1) // inside acct_pay
		}
		return mutation.RecordSlip, fmt.Sprintf(`{"target":%q,"settle":{"patient":%q,"institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"%s","policy_self_pay":"%[3]s","category":"drug"}},"slip":{"medfee_sumamt":"%[3]s","acct_pay":"%s","acct_mulaid_pay":"%s","psn_cash_pay":"%s","balc":"%s"},"adjust_balance":%t}`,
			target.ID, target.Person, money.FromFen(total), money.FromFen(acct), money.FromFen(mulaid), money.FromFen(total-acct),
			money.FromFen(int64(r.IntN(50000))), r.IntN(2) == 0)
	case 13:
		amount := money.FromFen(int64(100 * r.IntN(300)))
		return mutation.SetCreditSchedule, fmt.Sprintf(`{"person":%q,"amount":"%s","day":%d}`, p, amount, 1+r.IntN(31))
	}
	return mutation.Checkpoint, fmt.Sprintf(`{"person":%q,"balance":"%s"}`, p, money.FromFen(int64(r.IntN(90000))))
}

// pushSome sends a random slice of pending (sometimes skipping the first: a reordered
// delivery), sometimes with old mutations in front (a duplicate delivery), and sometimes
// loses the answer.
func (c *modelClient) pushSome(t *testing.T, r *rand.Rand, s *modelServer, seen map[string]int) {
	if len(c.pending) == 0 {
		return
	}
	from := 0
	if r.IntN(5) == 0 {
		from = r.IntN(len(c.pending))
	}
	to := from + 1 + r.IntN(len(c.pending)-from)
	var batch []syncwire.Mutation
	if len(c.sent) > 0 && r.IntN(4) == 0 {
		k := r.IntN(len(c.sent))
		for _, m := range c.sent[k:] {
			if m.MutationID < c.pending[from].MutationID && (len(batch) == 0 || m.MutationID > batch[len(batch)-1].MutationID) {
				batch = append(batch, m)
			}
		}
	}
	batch = append(batch, c.pending[from:to]...)
	c.sent = append(c.sent, c.pending[from:to]...)
	resp := s.push(t, c.who, &syncwire.PushRequest{Mutations: batch})
	for _, res := range resp.Results {
		seen[res.Result]++
		if res.Outcome != nil {
			seen[string(res.Outcome.Status)]++
		}
	}
	if r.IntN(5) == 0 {
		return // the answer was lost on the way
	}
	c.ack(resp.LastMutationIDs[c.id])
}

func (c *modelClient) ack(last int64) {
	c.last = max(c.last, last)
	for len(c.pending) > 0 && c.pending[0].MutationID <= c.last {
		c.pending = c.pending[1:]
	}
}

func (c *modelClient) pull(s *modelServer, limit int) {
	cursor := int64(len(c.log))
	end := min(len(s.log), int(cursor)+limit)
	c.log = append(c.log, s.log[cursor:end]...)
	if end == len(s.log) {
		c.ack(s.head.LastMutationIDs[c.id])
	}
}

// view is what the phone shows: the server's log redone, then its pending mutations applied.
func (c *modelClient) view(t *testing.T, e *engine.Engine) family.State {
	s, err := syncwire.Replay(family.State{}, c.log)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range c.pending {
		_, s = mutation.ApplyAs(e, &s, c.who, m.Intent(), m.At)
	}
	return s
}

func setup(t *testing.T, s *modelServer, start time.Time) {
	args := []string{
		`{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"500.00","wallet_open":true}`,
		`{"id":"dad","name":"爸爸","region":"330100","insurance":"employee","status":"active","account":"300.00","wallet_open":true}`,
		`{"id":"kid","name":"孩子","region":"330100","insurance":"resident","status":"active","wallet_open":true}`,
		`{"id":"grandma","name":"外婆","region":"330100","insurance":"employee","status":"active","retired":true,"account":"200.00","wallet_open":true}`,
	}
	var req syncwire.PushRequest
	for i, a := range args {
		req.Mutations = append(req.Mutations, syncwire.Mutation{ClientID: "setup", MutationID: int64(i + 1),
			Name: mutation.AddPerson, At: start, Args: json.RawMessage(a)})
	}
	links := []string{`{"person":"kid","of":"mom","relation":"child"}`, `{"person":"dad","of":"mom","relation":"spouse"}`,
		`{"person":"kid","of":"dad","relation":"child"}`, `{"person":"mom","of":"grandma","relation":"child"}`}
	for i, a := range links {
		req.Mutations = append(req.Mutations, syncwire.Mutation{ClientID: "setup", MutationID: int64(len(args) + i + 1),
			Name: mutation.Link, At: start, Args: json.RawMessage(a)})
	}
	req.Mutations = append(req.Mutations, syncwire.Mutation{ClientID: "setup", MutationID: 99, Name: mutation.Bind, At: start,
		Args: json.RawMessage(`{"authorizer":"mom","beneficiary":"kid","scopes":["medical"]}`)})
	req.Mutations[len(req.Mutations)-1].MutationID = int64(len(req.Mutations))
	for i, a := range []string{`{"person":"mom","amount":"150.00","day":1}`, `{"person":"grandma","amount":"88.00","day":31}`} {
		req.Mutations = append(req.Mutations, syncwire.Mutation{ClientID: "setup", MutationID: int64(len(req.Mutations) + 1),
			Name: mutation.SetCreditSchedule, At: start.Add(time.Duration(i) * time.Second), Args: json.RawMessage(a)})
	}
	// d1 is mom's phone, d2 dad's; d3 belongs to nobody (consent.go)
	for _, a := range []string{`{"device":"d1","person":"mom"}`, `{"device":"d2","person":"dad"}`} {
		req.Mutations = append(req.Mutations, syncwire.Mutation{ClientID: "setup", MutationID: int64(len(req.Mutations) + 1),
			Name: mutation.LinkDevice, At: start, Args: json.RawMessage(a)})
	}
	s.push(t, owner, &req)
}

// owner is the owner's device of the model family.
var owner = mutation.Actor{Device: "d0", Owner: true}

func testActor(i int) mutation.Actor {
	if i == 0 {
		return owner
	}
	return mutation.Actor{Device: fmt.Sprintf("d%d", i)}
}

func TestConvergence(t *testing.T) {
	e := engine.Default()
	runs := 2000
	if testing.Short() {
		runs = 200
	}
	seen := map[string]int{}
	defer func() {
		// the runs must have met every path, or they prove little
		for _, k := range []string{syncwire.Processed, syncwire.Duplicate, syncwire.Deferred, "confirmed", "adjusted", "rejected",
			"applied void", "applied undo", "applied amend_bill", "applied edit_person", "applied life_event",
			"applied transfer", "applied transfer_arrive", "applied record_slip", "applied set_credit_schedule",
			"applied checkpoint", "credit", "credit skipped", "pending_consent", "restated"} {
			if seen[k] == 0 {
				t.Errorf("no %s result in %d runs: %v", k, runs, seen)
			}
		}
		t.Logf("results over %d runs: %v", runs, seen)
	}()
	for seed := range runs {
		r := rand.New(rand.NewPCG(uint64(seed), 7))
		start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.FixedZone("UTC+8", 8*3600))
		s := &modelServer{e: e, head: &store.Head{LastMutationIDs: map[string]int64{}}}
		setup(t, s, start)
		clients := make([]*modelClient, 2+r.IntN(3))
		for i := range clients {
			clients[i] = &modelClient{id: fmt.Sprintf("c%d", i), at: start, who: testActor(i)}
		}
		for range 10 + r.IntN(40) {
			c := clients[r.IntN(len(clients))]
			switch r.IntN(3) {
			case 0:
				c.make(t, e, r)
			case 1:
				c.pushSome(t, r, s, seen)
			default:
				c.pull(s, 1+r.IntN(20))
			}
		}
		settle(t, r, s, clients)
		checkConverged(t, seed, e, s, clients)
		for _, ch := range s.log {
			if ch.Outcome.Status.Applied() {
				seen["applied "+string(ch.Mutation.Name)]++
			}
			if len(ch.Outcome.Restated) > 0 {
				seen["restated"]++ // a correction decided a later bill again (as of its moment)
			}
			for _, c := range ch.Outcome.Credits {
				if c.Skip != "" {
					seen["credit skipped"]++
				} else {
					seen["credit"]++
				}
			}
		}
	}
}

// settle lets every client push and pull until nothing is pending (the network heals).
func settle(t *testing.T, r *rand.Rand, s *modelServer, clients []*modelClient) {
	for round := 0; ; round++ {
		busy := false
		for _, c := range clients {
			for len(c.pending) > 0 {
				busy = true
				resp := s.push(t, c.who, &syncwire.PushRequest{Mutations: c.pending[:min(len(c.pending), 1+r.IntN(10))]})
				c.ack(resp.LastMutationIDs[c.id])
			}
		}
		if !busy || round > 100 {
			break
		}
	}
	for _, c := range clients {
		c.pull(s, 1<<30)
	}
}

func checkConverged(t *testing.T, seed int, e *engine.Engine, s *modelServer, clients []*modelClient) {
	t.Helper()
	for _, c := range clients {
		if len(c.pending) != 0 {
			t.Fatalf("seed %d: %s still has %d pending", seed, c.id, len(c.pending))
		}
		if got := c.view(t, e); !reflect.DeepEqual(got, s.head.State) {
			t.Fatalf("seed %d: %s differs from the server:\n%+v\n%+v", seed, c.id, got, s.head.State)
		}
		seen := map[int64]int{}
		for _, ch := range s.log {
			if ch.Mutation.ClientID == c.id {
				seen[ch.Mutation.MutationID]++
			}
		}
		for id := int64(1); id <= c.next; id++ {
			if seen[id] != 1 {
				t.Fatalf("seed %d: %s mutation %d is in the log %d times", seed, c.id, id, seen[id])
			}
		}
	}
	checkMoney(t, seed, e, s)
}

// checkMoney: what the family holds equals what came in from outside minus what went out,
// and re-deciding the whole log from nothing gives the recorded outcomes.
func checkMoney(t *testing.T, seed int, e *engine.Engine, s *modelServer) {
	t.Helper()
	var held, external money.Amount
	for _, p := range s.head.State.People {
		held += p.Balance() + p.Wallet.Balance
	}
	var st family.State
	credited := map[string]bool{}
	for i, ch := range s.log {
		checkCredits(t, seed, &st, ch, credited)
		for _, c := range ch.Outcome.Credits {
			if c.Skip == "" {
				external -= c.Amount // from outside: the insurer
			}
		}
		entries := ch.Outcome.Entries
		for _, r := range ch.Outcome.Restated {
			entries = append(append(entries[:len(entries):len(entries)], r.Undone...), r.Entries...)
		}
		for _, en := range entries {
			for _, p := range en.Postings {
				switch p.Account.Kind {
				case ledger.External:
					external += p.Amount
				case ledger.InTransit: // a pending wallet transfer, a transferred balance on its way
					held += p.Amount
				}
			}
		}
		who := mutation.Actor{Device: ch.Device, Owner: ch.Device == owner.Device}
		intent := ch.Mutation.Intent()
		intent.History = syncwire.History(s.log[:i])
		o, next := mutation.ApplyAs(e, &st, who, intent, ch.Mutation.At)
		if !reflect.DeepEqual(o, ch.Outcome) {
			t.Fatalf("seed %d: seq %d decides differently on replay: %+v vs %+v", seed, ch.Seq, o, ch.Outcome)
		}
		st = next
	}
	if held != -external {
		t.Fatalf("seed %d: money not conserved: family holds %s, outside gave %s", seed, held, -external)
	}
	if err := mutation.CheckNonNegative(&s.head.State); err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
}

// checkCredits: each month of a person is credited at most once, only while the person is an
// active employee in the log's state (never after 停保 or death), and never before it is due.
func checkCredits(t *testing.T, seed int, st *family.State, ch syncwire.Change, credited map[string]bool) {
	t.Helper()
	for _, c := range ch.Outcome.Credits {
		if c.Skip != "" {
			continue
		}
		k := string(c.Person) + "@" + c.Due.String()
		if credited[k] {
			t.Fatalf("seed %d: seq %d credits %s twice", seed, ch.Seq, k)
		}
		credited[k] = true
		if p := st.Person(c.Person); p == nil || p.Status != family.Active || p.Deceased {
			t.Fatalf("seed %d: seq %d credits %s while the person is %+v", seed, ch.Seq, k, p)
		}
		if c.Due > civil.DateOf(ch.Mutation.At) {
			t.Fatalf("seed %d: seq %d credits %s before it is due (%s)", seed, ch.Seq, k, ch.Mutation.At)
		}
	}
}
