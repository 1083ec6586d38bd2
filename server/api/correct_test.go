package api

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"gongji/server/store"
	"gongji/shared/engine"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// Two phones, both offline, correct the same bill differently; whichever reaches the server
// first wins, the other's correction is refused (ALREADY_VOIDED) and changes nothing; after
// both sync they show the same state and ledger, and money is conserved.
func TestTwoOfflineCorrectionsOfOneBill(t *testing.T) {
	e := engine.Default()
	kidBill := func(total string) string {
		return fmt.Sprintf(`{"patient":"kid","institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":%q,"policy_self_pay":%[1]q,"category":"drug"}}`, total)
	}
	corrections := []struct {
		name string
		a, b func(target string) (mutation.Name, string)
		mom  string // mom's balance after both
	}{
		{"amend then void",
			func(tg string) (mutation.Name, string) {
				return mutation.AmendBill, fmt.Sprintf(`{"target":%q,"settle":%s}`, tg, kidBill("150.00"))
			},
			func(tg string) (mutation.Name, string) { return mutation.Void, fmt.Sprintf(`{"target":%q}`, tg) },
			"350.00"},
		{"two different amounts",
			func(tg string) (mutation.Name, string) {
				return mutation.AmendBill, fmt.Sprintf(`{"target":%q,"settle":%s}`, tg, kidBill("150.00"))
			},
			func(tg string) (mutation.Name, string) {
				return mutation.AmendBill, fmt.Sprintf(`{"target":%q,"settle":%s}`, tg, kidBill("120.00"))
			},
			"350.00"},
		{"void then amend",
			func(tg string) (mutation.Name, string) { return mutation.Void, fmt.Sprintf(`{"target":%q}`, tg) },
			func(tg string) (mutation.Name, string) {
				return mutation.AmendBill, fmt.Sprintf(`{"target":%q,"settle":%s}`, tg, kidBill("120.00"))
			},
			"500.00"},
	}
	for _, tc := range corrections {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.FixedZone("UTC+8", 8*3600))
			s := &modelServer{e: e, head: &store.Head{LastMutationIDs: map[string]int64{}}}
			setup(t, s, start)
			a := &modelClient{id: "a", at: start, who: owner}
			b := &modelClient{id: "b", at: start, who: owner}
			add := func(c *modelClient, name mutation.Name, args string) {
				c.next++
				c.at = c.at.Add(time.Minute)
				c.pending = append(c.pending, syncwire.Mutation{ClientID: c.id, MutationID: c.next, Name: name, At: c.at, Args: json.RawMessage(args)})
			}
			add(a, mutation.Settle, kidBill("200.00"))
			s.push(t, owner, &syncwire.PushRequest{Mutations: a.pending})
			a.pull(s, 1000)
			b.pull(s, 1000)
			// offline, each phone corrects what it sees; each shows its own correction
			na, aa := tc.a("a/1")
			add(a, na, aa)
			nb, ab := tc.b("a/1")
			add(b, nb, ab)
			for _, c := range []*modelClient{a, b} {
				view := c.view(t, e)
				if view.Record("a/1").VoidedBy == "" {
					t.Fatalf("%s: its own correction is not shown", c.id)
				}
			}
			first := s.push(t, owner, &syncwire.PushRequest{Mutations: a.pending})
			second := s.push(t, owner, &syncwire.PushRequest{Mutations: b.pending})
			if o := first.Results[0].Outcome; !o.Status.Applied() {
				t.Fatalf("first correction: %+v", o)
			}
			if o := second.Results[0].Outcome; o.Status != mutation.Rejected || o.Codes[0] != mutation.AlreadyVoided {
				t.Fatalf("second correction: %+v, want rejected ALREADY_VOIDED", o)
			}
			a.ack(first.LastMutationIDs["a"])
			b.ack(second.LastMutationIDs["b"])
			a.pull(s, 1000)
			b.pull(s, 1000)
			va, vb := a.view(t, e), b.view(t, e)
			if !reflect.DeepEqual(va, vb) || !reflect.DeepEqual(va, s.head.State) {
				t.Fatal("the phones differ after syncing")
			}
			if !reflect.DeepEqual(a.log, b.log) {
				t.Fatal("the phones hold different ledgers")
			}
			if got := va.Person("mom").Balance().String(); got != tc.mom {
				t.Errorf("mom = %s, want %s", got, tc.mom)
			}
			checkMoney(t, 0, e, s)
		})
	}
}
