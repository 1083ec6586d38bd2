package api

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"gongji/server/buntstore"
	"gongji/server/store"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// TestNobodyChangesWhatIsNotTheirs is consent's property (issue 18): from a device that is
// not the owner's, a random mutation of every kind (valid or nearly so) never changes another
// person's balances, wallet, profile, bindings or credit schedule at once: it is a request or a
// refusal. The exceptions are consent given earlier: a bill or premium of the device's person
// paid through a binding its authorizer made, a binding either party ends, and an approval by
// a person the request asked. From the owner's device the same mutations never wait. It runs
// on the store the server uses (BuntDB in a temporary directory), through Process.
func TestNobodyChangesWhatIsNotTheirs(t *testing.T) {
	e := engine.Default()
	runs := 60
	if testing.Short() {
		runs = 10
	}
	kinds := map[mutation.Name]map[string]int{} // name -> what became of it from a member's device
	for seed := range runs {
		r := rand.New(rand.NewPCG(uint64(seed), 18))
		p := newPropertyFamily(t, e)
		for step := range 60 {
			name := mutation.Names()[r.IntN(len(mutation.Names()))]
			actor := p.devices[r.IntN(len(p.devices))]
			args := p.args(t, r, name, actor)
			before := p.head(t).State
			o, after := p.push(t, actor, name, args)
			if actor.Owner {
				if o.Status == mutation.PendingConsent {
					t.Fatalf("seed %d step %d: the owner's %s %s waits for consent", seed, step, name, args)
				}
				continue
			}
			if kinds[name] == nil {
				kinds[name] = map[string]int{}
			}
			kinds[name][string(o.Status)]++
			me := before.DevicePerson(actor.Device)
			for _, who := range before.People {
				if who.ID == me || allowed(&before, me, name, args, o, who.ID) {
					continue
				}
				if d := differs(&before, &after, who.ID, o); d != "" {
					t.Fatalf("seed %d step %d: %s's %s %s (%s) changed %s's %s at once", seed, step, actor.Device, name, args, o.Status, who.ID, d)
				}
			}
		}
	}
	for _, n := range mutation.Names() {
		if len(kinds[n]) == 0 {
			t.Errorf("%s was never tried from a member's device", n)
		}
	}
	t.Logf("from members' devices: %v", kinds)
}

// propertyFamily is the family of the property test on a real store: mom (d1) and dad (d2)
// have their own devices, d3 belongs to nobody, d0 is the owner's.
type propertyFamily struct {
	db      *buntstore.Store
	e       *engine.Engine
	fam     string
	at      time.Time
	next    map[string]int64
	devices []mutation.Actor
}

const propertyBill = `{"patient":%q,"institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"%s","policy_self_pay":"%[2]s","category":"drug"}}`

func newPropertyFamily(t *testing.T, e *engine.Engine) *propertyFamily {
	db, err := buntstore.Open(t.TempDir(), buntstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p := &propertyFamily{db: db, e: e, fam: "fam", at: time.Date(2026, 3, 2, 9, 0, 0, 0, time.FixedZone("UTC+8", 8*3600)),
		next: map[string]int64{}, devices: []mutation.Actor{owner, {Device: "d1"}, {Device: "d2"}, {Device: "d3"}}}
	ctx := context.Background()
	if err := db.CreateFamily(ctx, store.Family{ID: p.fam, Name: "测试家", Created: p.at}, store.Device{ID: "d0", Family: p.fam, Owner: true}); err != nil {
		t.Fatal(err)
	}
	setup := [][2]string{
		{"add_person", `{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","account":"900.00","wallet_open":true,"wallet":"100.00"}`},
		{"add_person", `{"id":"dad","name":"爸爸","region":"330100","insurance":"employee","status":"active","account":"700.00","wallet_open":true}`},
		{"add_person", `{"id":"kid","name":"孩子","region":"330100","insurance":"resident","status":"active","wallet_open":true}`},
		{"add_person", `{"id":"grandma","name":"外婆","region":"330100","insurance":"employee","status":"active","retired":true,"account":"400.00","wallet_open":true}`},
		{"link", `{"person":"kid","of":"mom","relation":"child"}`},
		{"link", `{"person":"dad","of":"mom","relation":"spouse"}`},
		{"link", `{"person":"kid","of":"dad","relation":"child"}`},
		{"link", `{"person":"mom","of":"grandma","relation":"child"}`},
		{"bind", `{"authorizer":"mom","beneficiary":"kid","scopes":["medical"]}`},
		{"bind", `{"authorizer":"dad","beneficiary":"kid","scopes":["medical"]}`},
		{"bind", `{"authorizer":"grandma","beneficiary":"mom","scopes":["medical"]}`},
		{"link_device", `{"device":"d1","person":"mom"}`},
		{"link_device", `{"device":"d2","person":"dad"}`},
		{"settle", fmt.Sprintf(propertyBill, "kid", "80.00")},
		{"settle", fmt.Sprintf(propertyBill, "mom", "30.00")},
		{"credit", `{"person":"dad","account":"account","amount":"50.00"}`},
		{"wallet_transfer", `{"from":"mom","to":"kid","source":"account","amount":"20.00"}`},
		{"set_credit_schedule", `{"person":"grandma","amount":"60.00","day":15}`},

		{"transfer", `{"person":"dad","to_region":"110100","origin_stopped":true,"dest_enrolled":true,"gap_months":0}`},
	}
	for _, m := range setup {
		if o, _ := p.push(t, owner, mutation.Name(m[0]), m[1]); !o.Status.Applied() {
			t.Fatalf("setup %s %s: %+v", m[0], m[1], o)
		}
	}
	return p
}

func (p *propertyFamily) head(t *testing.T) store.Head {
	var h store.Head
	if err := p.db.Push(context.Background(), p.fam, func(cur *store.Head) ([]syncwire.Change, error) {
		h = *cur
		return nil, nil
	}); err != nil {
		t.Fatal(err)
	}
	return h
}

// push sends one mutation of who, a few minutes after the last, and returns its outcome and
// the state after it.
func (p *propertyFamily) push(t *testing.T, who mutation.Actor, name mutation.Name, args string) (mutation.Outcome, family.State) {
	p.at = p.at.Add(7 * time.Minute)
	client := who.Device + ".t"
	p.next[client]++
	req := syncwire.PushRequest{Mutations: []syncwire.Mutation{{ClientID: client, MutationID: p.next[client], Name: name,
		At: p.at, Args: json.RawMessage(args)}}}
	var out mutation.Outcome
	var state family.State
	log := &familyLog{}
	if err := log.read(context.Background(), p.db, p.fam); err != nil {
		t.Fatal(err)
	}
	err := p.db.Push(context.Background(), p.fam, func(h *store.Head) ([]syncwire.Change, error) {
		if err := CheckClients(who.Device, &req, h); err != nil {
			return nil, err
		}
		changes, resp := Process(p.e, who, &req, h, p.at, log.with(nil))
		if len(resp.Results) != 1 || resp.Results[0].Outcome == nil {
			return nil, fmt.Errorf("push of %s: %+v", name, resp)
		}
		out, state = *resp.Results[0].Outcome, h.State
		return changes, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, state
}

// args makes arguments for name: usually valid against the family as it stands, sometimes a
// near miss (another person, an unknown target), always naming people and actions the family
// has or nearly has.
func (p *propertyFamily) args(t *testing.T, r *rand.Rand, name mutation.Name, who mutation.Actor) string {
	s := p.head(t).State
	people := []string{"mom", "dad", "kid", "grandma", "ghost"}
	pick := func() string { return people[r.IntN(len(people))] }
	a, b := pick(), pick()
	amount := fmt.Sprintf("%d.%02d", r.IntN(200), r.IntN(100))
	record := func(ok func(*family.Record) bool) string {
		var ids []string
		for i := 0; i < s.Records.Len(); i++ {
			if rec := s.Records.At(i); ok(rec) {
				ids = append(ids, rec.ID)
			}
		}
		if len(ids) == 0 || r.IntN(10) == 0 {
			return "nobody.t/99"
		}
		return ids[r.IntN(len(ids))]
	}
	anyRecord := func(*family.Record) bool { return true }
	isBill := func(rec *family.Record) bool {
		n := mutation.Name(rec.Name)
		return n == mutation.Settle || n == mutation.AmendBill || n == mutation.RecordSlip
	}
	billOf := func(target string) (string, string) {
		patient := a
		if rec := s.Record(target); rec != nil && r.IntN(4) > 0 {
			patient = string(rec.Person)
		}
		return patient, fmt.Sprintf(propertyBill, patient, amount)
	}
	switch name {
	case mutation.AddPerson:
		return fmt.Sprintf(`{"id":"p%d","name":"新人%[1]d","region":"330100","insurance":"resident","status":"active"}`, r.IntN(1000))
	case mutation.Link:
		return fmt.Sprintf(`{"person":%q,"of":%q,"relation":"parent"}`, a, b)
	case mutation.FixLink:
		return fmt.Sprintf(`{"person":%q,"of":%q,"relation":"spouse"}`, a, b)
	case mutation.Bind:
		return fmt.Sprintf(`{"authorizer":%q,"beneficiary":%q,"scopes":["medical"]}`, a, b)
	case mutation.Revoke:
		id := "nobody.t/1"
		if len(s.Bindings) > 0 {
			id = s.Bindings[r.IntN(len(s.Bindings))].ID
		}
		return fmt.Sprintf(`{"binding":%q}`, id)
	case mutation.Settle:
		return fmt.Sprintf(propertyBill, a, amount)
	case mutation.PayPremium:
		return fmt.Sprintf(`{"insured":%q,"premium":"resident","amount":"%s"}`, a, "1"+amount)
	case mutation.WalletTransfer:
		src := []string{"account", "wallet"}[r.IntN(2)]
		return fmt.Sprintf(`{"from":%q,"to":%q,"source":%q,"amount":"1%s"}`, a, b, src, amount)
	case mutation.WalletAccept, mutation.WalletExpire:
		id := "nobody.t/2"
		if len(s.Transfers) > 0 {
			id = s.Transfers[r.IntN(len(s.Transfers))].ID
		}
		return fmt.Sprintf(`{"transfer":%q}`, id)
	case mutation.Withdraw:
		return fmt.Sprintf(`{"person":%q,"ground":"death"}`, a)
	case mutation.Transfer:
		return fmt.Sprintf(`{"person":%q,"to_region":"110100","origin_stopped":true,"dest_enrolled":true,"gap_months":0}`, a)
	case mutation.Credit:
		return fmt.Sprintf(`{"person":%q,"account":"account","amount":"1%s"}`, a, amount)
	case mutation.Correct:
		return fmt.Sprintf(`{"person":%q,"account":"account","amount":"-1%s","memo":"改错"}`, a, amount)
	case mutation.Approve, mutation.Decline:
		id := "nobody.t/3"
		if len(s.Requests) > 0 {
			id = s.Requests[r.IntN(len(s.Requests))].ID
		}
		return fmt.Sprintf(`{"request":%q,"reason":"不对"}`, id)
	case mutation.LinkDevice:
		return fmt.Sprintf(`{"device":"d%d","person":%q}`, 1+r.IntN(3), a)
	case mutation.EditPerson:
		return []string{fmt.Sprintf(`{"person":%q,"status":"stopped"}`, a), fmt.Sprintf(`{"person":%q,"insurance":"none"}`, a),
			fmt.Sprintf(`{"person":%q,"region":"110100"}`, a), fmt.Sprintf(`{"person":%q,"name":"改名%d"}`, a, r.IntN(9))}[r.IntN(4)]
	case mutation.Void:
		return fmt.Sprintf(`{"target":%q,"reason":"记错了"}`, record(anyRecord))
	case mutation.AmendBill:
		target := record(isBill)
		_, bill := billOf(target)
		return fmt.Sprintf(`{"target":%q,"settle":%s,"reason":"金额不对"}`, target, bill)
	case mutation.Undo:
		target := record(anyRecord)
		if last := mutation.LastAction(&s, who.Device+".t"); last != nil && r.IntN(3) > 0 {
			target = last.ID
		}
		return fmt.Sprintf(`{"target":%q}`, target)
	case mutation.LifeEvent:
		return fmt.Sprintf(`{"person":%q,"event":%q}`, a, []string{"stop", "death", "suspend", "resume", "retire"}[r.IntN(5)])
	case mutation.TransferArrive:
		return fmt.Sprintf(`{"transfer":%q}`, record(func(rec *family.Record) bool { return rec.Name == string(mutation.Transfer) }))
	case mutation.RecordSlip:
		target := record(isBill)
		patient, bill := billOf(target)
		_ = patient
		return fmt.Sprintf(`{"target":%q,"settle":%s,"slip":{"medfee_sumamt":%q,"acct_pay":"0.00","psn_cash_pay":%[3]q,"balc":"0.00"},"adjust_balance":true}`, target, bill, amount)
	case mutation.SetCreditSchedule:
		return fmt.Sprintf(`{"person":%q,"amount":"1000.00","day":1,"from":"2025-12-01"}`, a)
	case mutation.Checkpoint:
		return fmt.Sprintf(`{"person":%q,"balance":"%s"}`, a, amount)
	}
	t.Fatalf("no arguments for %s: add them here (every kind is tried)", name)
	return ""
}

// allowed says whether a change to person who by me's mutation needs no consent now: it was
// given before (a binding's authorizer pays the beneficiary's bills; either party ends a
// binding) or is being given (the person asked approves, and the requester asked for it).
func allowed(s *family.State, me family.PersonID, name mutation.Name, args string, o mutation.Outcome, who family.PersonID) bool {
	if me == "" || !o.Status.Applied() {
		return false
	}
	switch name {
	case mutation.Settle, mutation.PayPremium, mutation.AmendBill, mutation.RecordSlip:
		// a bill of me's (a corrected one asks everyone its target touched) paid through a
		// binding to me
		return boundTo(s, who, me)
	case mutation.Bind:
		// the authorizer's own account will pay: the beneficiary gains a binding
		var a mutation.BindArgs
		json.Unmarshal([]byte(args), &a)
		return a.Authorizer == me
	case mutation.Revoke:
		var a mutation.RevokeArgs
		json.Unmarshal([]byte(args), &a)
		for _, b := range s.Bindings {
			if b.ID == a.Binding && (b.Authorizer == me || b.Beneficiary == me) {
				return true
			}
		}
	case mutation.Approve:
		// the person asked consents: what they could have done themselves, and what the
		// requester asked for of their own
		r := s.Request(o.Request)
		if r == nil || r.Ask == nil {
			return false
		}
		return who == r.Ask.From || allowed(s, me, mutation.Name(r.Name), string(r.Args), o, who)
	}
	return false
}

func boundTo(s *family.State, authorizer, beneficiary family.PersonID) bool {
	for _, b := range s.Bindings {
		if b.Authorizer == authorizer && b.Beneficiary == beneficiary {
			return true
		}
	}
	return false
}

// differs names what of p's differs between before and after ("" when nothing does). The
// monthly credits an applied mutation accrued are the calendar's, not the mutation's: they
// are posted on before too.
func differs(before, after *family.State, p family.PersonID, o mutation.Outcome) string {
	if o.Status.Applied() && len(o.Credits) > 0 {
		acc := before.Clone()
		for _, c := range o.Credits {
			if c.Person == p && c.Skip == "" {
				if q := acc.Person(p); q != nil {
					q.Account += c.Amount
				}
			}
		}
		before = &acc
	}
	x, y := before.Person(p), after.Person(p)
	switch {
	case x == nil || y == nil:
		return "existence"
	case x.Balance() != y.Balance():
		return fmt.Sprintf("account %s -> %s", x.Balance(), y.Balance())
	case x.Wallet.Balance != y.Wallet.Balance:
		return fmt.Sprintf("wallet %s -> %s", x.Wallet.Balance, y.Wallet.Balance)
	case x.Name != y.Name || x.Region != y.Region || x.Insurance != y.Insurance || x.Status != y.Status ||
		x.Retired != y.Retired || x.Tier != y.Tier || x.Deceased != y.Deceased || x.HasAccount != y.HasAccount:
		return "profile"
	case bindingsKey(before, p) != bindingsKey(after, p):
		return "bindings"
	}
	sx, sy := before.Schedule(p), after.Schedule(p)
	if (sx == nil) != (sy == nil) || (sx != nil && (sx.Amount != sy.Amount || sx.Day != sy.Day || sx.Set != sy.Set)) {
		return "credit schedule"
	}
	return ""
}

func bindingsKey(s *family.State, p family.PersonID) string {
	var b strings.Builder
	for _, x := range s.Bindings {
		if x.Authorizer == p || x.Beneficiary == p {
			fmt.Fprintf(&b, "%s %s %s %v %v;", x.ID, x.Authorizer, x.Beneficiary, x.Created, x.Revoked)
		}
	}
	return b.String()
}
