package api

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"gongji/server/store"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
)

// TestCreditsConverge is the monthly credits' property: for any schedules (set, changed,
// ended), any life events (停保, 恢复, death) and any order of pushes and pulls, with weeks
// between mutations, every device and the server hold the same credits, each month at most
// once, none while the person is stopped or after death (checkCredits), money conserved;
// and a screen at any later moment (mutation.Accrue) shows the same credits on every device
// and the server, though nobody was online on the day.
func TestCreditsConverge(t *testing.T) {
	e := engine.Default()
	runs := 600
	if testing.Short() {
		runs = 100
	}
	var credits, skipped int
	for seed := range runs {
		r := rand.New(rand.NewPCG(uint64(seed), 12))
		start := time.Date(2026, 1, 30, 8, 0, 0, 0, time.FixedZone("UTC+8", 8*3600))
		s := &modelServer{e: e, head: &store.Head{LastMutationIDs: map[string]int64{}}}
		setup(t, s, start)
		clients := make([]*modelClient, 2+r.IntN(3))
		for i := range clients {
			clients[i] = &modelClient{id: fmt.Sprintf("c%d", i), who: testActor(i), at: start, credits: true}
		}
		for range 5 + r.IntN(30) {
			c := clients[r.IntN(len(clients))]
			switch r.IntN(3) {
			case 0:
				c.make(t, e, r)
			case 1:
				c.pushSome(t, r, s, map[string]int{})
			default:
				c.pull(s, 1+r.IntN(20))
			}
		}
		settle(t, r, s, clients)
		checkConverged(t, seed, e, s, clients)
		for _, ch := range s.log {
			for _, c := range ch.Outcome.Credits {
				if c.Skip == "" {
					credits++
				} else {
					skipped++
				}
			}
		}
		// a screen a year later, with nobody online in between
		later := start.Add(time.Duration(r.IntN(5*365)) * 24 * time.Hour)
		want, wantCredits, err := mutation.Accrue(&s.head.State, later)
		if err != nil {
			t.Fatal(err)
		}
		checkDue(t, seed, &s.head.State, wantCredits)
		for _, c := range clients {
			view := c.view(t, e)
			got, gotCredits, err := mutation.Accrue(&view, later)
			if err != nil || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotCredits, wantCredits) {
				t.Fatalf("seed %d: %s shows other credits at %s: %v\n%v\n%v", seed, c.id, later, err, gotCredits, wantCredits)
			}
		}
	}
	if credits == 0 || skipped == 0 {
		t.Fatalf("the runs made %d credits and skipped %d months: they prove little", credits, skipped)
	}
	t.Logf("%d runs: %d credits, %d skipped runs of months", runs, credits, skipped)
}

// checkDue: the credits a screen shows are for active employees, once per month.
func checkDue(t *testing.T, seed int, s *family.State, cs []mutation.MonthlyCredit) {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range cs {
		k := string(c.Person) + "@" + c.Due.String()
		if seen[k] {
			t.Fatalf("seed %d: %s due twice", seed, k)
		}
		seen[k] = true
		if p := s.Person(c.Person); c.Skip == "" && (p == nil || p.Status != family.Active || p.Deceased) {
			t.Fatalf("seed %d: %s credited to %+v", seed, k, p)
		}
	}
}
