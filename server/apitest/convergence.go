package apitest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// offlineClient is a device with a queue of mutations not yet acknowledged.
type offlineClient struct {
	dev     *device
	id      string
	next    int64
	pending []syncwire.Mutation
}

// Convergence runs rounds of random interleavings: 2 to 4 clients of one family make
// mutations offline, then push parts of their queues in random order, with duplicate and
// reordered deliveries, and pull. At the end every client drains its queue; then every
// mutation was processed exactly once, the log is contiguous, every client's replay equals
// every other's, no balance is below zero and the ledger conserves money.
func Convergence(t *testing.T, base string, rounds int, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	for round := 0; round < rounds; round++ {
		t.Run(fmt.Sprintf("round %d", round), func(t *testing.T) { convergeOnce(t, base, rng) })
	}
}

func convergeOnce(t *testing.T, base string, rng *rand.Rand) {
	owner := newFamily(t, base, "converge")
	owner.push(t, familyMutations("setup")[:4]...)
	clients := []*offlineClient{{dev: owner, id: "c0", next: 1}}
	for i := 1; i < 2+rng.IntN(3); i++ {
		d, a := join(t, base, owner.invite(t), fmt.Sprintf("phone%d", i))
		if d == nil {
			t.Fatalf("join: %d %s", a.status, a.body)
		}
		clients = append(clients, &offlineClient{dev: d, id: fmt.Sprintf("c%d", i), next: 1})
	}
	made := map[string]int64{}
	for step := 0; step < 30; step++ {
		c := clients[rng.IntN(len(clients))]
		switch rng.IntN(4) {
		case 0, 1:
			c.pending = append(c.pending, randomMutation(rng, c.id, c.next))
			made[c.id] = c.next
			c.next++
		case 2:
			c.deliver(t, rng)
		case 3:
			c.dev.changes(t, 0)
		}
	}
	for _, c := range clients {
		for len(c.pending) > 0 {
			c.deliver(t, rng)
		}
	}
	checkConverged(t, clients, made)
}

// randomMutation is a bill, a premium-free credit, or a correction, with random amounts.
func randomMutation(rng *rand.Rand, client string, id int64) syncwire.Mutation {
	amount := money.Amount(1 + rng.IntN(30000))
	switch rng.IntN(3) {
	case 0:
		return mut(client, id, mutation.Credit, day, mutation.CreditArgs{Person: "A", Account: mutation.PersonalAccount, Amount: amount})
	case 1:
		return mut(client, id, mutation.Correct, day, mutation.CorrectArgs{Person: "A", Account: mutation.PersonalAccount, Amount: -amount, Memo: "fix"})
	}
	return mut(client, id, mutation.Settle, day, mutation.SettleArgs{Patient: "B",
		Institution: engine.Institution{Region: "130100", Kind: "clinic", Designated: true},
		Bill:        engine.Bill{Total: amount, PolicySelfPay: amount, Category: engine.Treatment}})
}

// deliver pushes a random prefix of the queue, sometimes twice (a retry after a lost
// answer), sometimes only its tail first (a reordered delivery, which must be deferred).
func (c *offlineClient) deliver(t *testing.T, rng *rand.Rand) {
	if len(c.pending) == 0 {
		return
	}
	n := 1 + rng.IntN(len(c.pending))
	batch := c.pending[:n]
	if n > 1 && rng.IntN(4) == 0 {
		for _, res := range c.dev.push(t, batch[1:]...).Results {
			if res.Result == syncwire.Processed {
				t.Fatalf("a mutation pushed before its predecessor was processed: %+v", res)
			}
		}
	}
	r := c.dev.push(t, batch...)
	if rng.IntN(4) == 0 {
		for _, res := range c.dev.push(t, batch...).Results {
			if res.Result != syncwire.Duplicate {
				t.Fatalf("a retried delivery: %+v, want duplicate", res)
			}
		}
	}
	acked := r.LastMutationIDs[c.id]
	for len(c.pending) > 0 && c.pending[0].MutationID <= acked {
		c.pending = c.pending[1:]
	}
}

func checkConverged(t *testing.T, clients []*offlineClient, made map[string]int64) {
	t.Helper()
	var states []family.State
	var last syncwire.PullResponse
	var changes []syncwire.Change
	for _, c := range clients {
		changes, last = c.dev.changes(t, 0)
		s, err := syncwire.Replay(family.State{}, changes)
		if err != nil {
			t.Fatal(err)
		}
		states = append(states, s)
	}
	for i := range states[1:] {
		if !reflect.DeepEqual(states[0], states[i+1]) {
			t.Fatalf("client %d's state differs from client 0's", i+1)
		}
	}
	for id, n := range made {
		if last.LastMutationIDs[id] != n {
			t.Fatalf("client %s made %d mutations, server processed %d", id, n, last.LastMutationIDs[id])
		}
	}
	checkLedger(t, changes, states[0])
}

// checkLedger: the log is 1..n, each entry balances, the sum of postings into each person's
// account equals its final balance, and nothing is below zero.
func checkLedger(t *testing.T, changes []syncwire.Change, s family.State) {
	t.Helper()
	sums := map[ledger.Account]money.Amount{}
	for i, c := range changes {
		if c.Seq != int64(i+1) {
			t.Fatalf("log seq %d at position %d", c.Seq, i)
		}
		for _, e := range c.Outcome.Entries {
			if e.Sum() != 0 {
				t.Fatalf("seq %d: entry %s does not balance", c.Seq, e.Kind)
			}
			for _, p := range e.Postings {
				sums[p.Account] += p.Amount
			}
		}
	}
	for _, p := range s.People {
		if p.Balance() < 0 || p.Wallet.Balance < 0 {
			t.Fatalf("%s below zero: account %s wallet %s", p.ID, p.Balance(), p.Wallet.Balance)
		}
		if got := sums[ledger.AccountOf(p.ID)]; got != p.Balance() {
			t.Fatalf("%s: postings sum to %s, balance is %s", p.ID, got, p.Balance())
		}
	}
}
