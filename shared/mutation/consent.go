package mutation

// Consent (architecture.md, Sync server: "A person's own bindings can only be created or
// revoked from that person's device or by the owner on their behalf; the same holds for
// spending from, crediting or correcting their accounts"). ApplyAs is Apply with the question
// of who asks: a mutation that changes another person's money, wallet, profile, bindings or
// schedule, made on a device that is neither that person's nor the owner's, changes nothing
// and is kept as a request (PendingConsent) that says whom it asks and what it would change;
// an approve from one of them (or the owner) runs it at the approval's place in the log, a
// decline drops it. Server-owned events (the 06:00 refund) are the server's alone.
//
// Whose consent each kind needs is part of its declaration (kinds.go; ConsentTable lists
// them): a kind cannot be declared without it, and a name without a declaration changes
// nothing. The owner's device may do everything on anyone's behalf and approve every request.

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
)

// Consent mutations.
const (
	Approve    Name = "approve"     // RequestArgs: run a waiting request now
	Decline    Name = "decline"     // RequestArgs: drop a waiting request
	LinkDevice Name = "link_device" // LinkDeviceArgs: whose device a device is (owner)
)

// RequestArgs names a consent request: the key of the mutation that made it.
type RequestArgs struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Request string `json:"request"`
	Reason  string `json:"reason,omitempty"` // why a decline declined, for the person who asked
}

// LinkDeviceArgs records Device as Person's (Person "" records it as nobody's).
type LinkDeviceArgs struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Device string          `json:"device"`
	Person family.PersonID `json:"person,omitempty"`
}

// PendingConsent: kept as a request, nothing changed; an approve or decline closes it.
const PendingConsent Status = "pending_consent"

// Codes of consent.
const (
	// ConsentRequired: the mutation waits for the person's (or the owner's) approval.
	ConsentRequired engine.Code = "CONSENT_REQUIRED"
	// NotEntitled: an approve, decline or link_device from a device that may not make it.
	NotEntitled engine.Code = "NOT_ENTITLED"
	// ServerOnly: a time-driven change (the 06:00 refund) pushed by a device.
	ServerOnly engine.Code = "SERVER_ONLY"
)

// Actor is who makes a mutation: a device of the family (the owner's or not) or the server
// itself. A device's person is read from the state (family.State.Devices). Clock is a device
// that keeps its family's clock because no server does (clock.go): it makes the time events
// the server makes for a family that syncs.
type Actor struct {
	Device string
	Owner  bool
	Server bool
	Clock  bool
}

// need is who may make a mutation without asking anyone, and the line that says whom to ask.
// With persons, the device's person must be every one of them (a correction of a bill paid
// through A's binding for B needs A and B), or, with anyOf, one of them (a binding ends at
// either party's wish).
type need struct {
	anyone  bool
	server  bool // the server only
	owner   bool // the owner only
	persons []family.PersonID
	anyOf   bool
	line    engine.Line
}

// ApplyAs is Apply for the actor who: mutations it may make are applied, those that touch
// another person's money become requests, approve and decline close requests.
func ApplyAs(e *engine.Engine, s *family.State, who Actor, m Mutation, at time.Time) (Outcome, family.State) {
	name := Canonical(m.Name)
	if name == Approve || name == Decline {
		return decideRequest(e, s, who, m, at)
	}
	k, ok := KindOf(name)
	if !ok {
		return Apply(e, s, m, at)
	}
	args := m.Decoded
	if args == nil {
		var err error
		if args, err = k.decode(m.Args); err != nil {
			return rejectedInput(err), s.Clone()
		}
	}
	n := k.needOf(s, args)
	entitled := who.entitled(s, n)
	switch {
	case n.server && !who.Server && !who.Clock:
		// W11: rules.md section 5 (the refund happens at its time, by the server)
		return refusedWith(ServerOnly, engine.Say("W11", ServerOnly, engine.MsgRefundServerOnly)), s.Clone()
	case !entitled && name == LinkDevice && args.(*LinkDeviceArgs).Person == "":
		return refusedWith(NotEntitled, engine.Say("K2", NotEntitled, engine.MsgConsentOwnerOnly)), s.Clone()
	}
	o, next := applyArgs(e, s, m, args, at)
	if entitled {
		extra := restatedPersons(&o, n)
		if len(extra) == 0 || who.Owner || who.Server || n.anyone {
			return o, next
		}
		// a correction decided as of its bill's moment moved later bills of others: they are asked
		n.persons = append(append([]family.PersonID(nil), n.persons...), extra...)
	}
	// What the rules refuse now is refused now; only what could apply is asked for.
	if !o.Status.Applied() {
		return o, s.Clone()
	}
	ask := askOf(s, &next, who, n)
	line := n.line
	if line.Rule == "" && len(ask.Persons) > 0 {
		line = engine.Say("K1", ConsentRequired, engine.MsgConsentRequired, ask.Persons[0])
	}
	pending := Outcome{Status: PendingConsent, Codes: []engine.Code{ConsentRequired}, Rules: []string{"K1"},
		Ruleset: o.Ruleset, Explanation: []engine.Line{line}, Ask: ask}
	return pending, withRequest(s, m, at, pending)
}

// restatedPersons are the persons whose account or wallet the later bills o restated post to
// and whom n does not already name.
func restatedPersons(o *Outcome, n need) []family.PersonID {
	var out []family.PersonID
	for _, r := range o.Restated {
		for _, p := range ledgerPersons(append(append([]ledger.Entry(nil), r.Undone...), r.Entries...)) {
			if !slices.Contains(n.persons, p) {
				out = addPerson1(out, p)
			}
		}
	}
	return out
}

func refusedWith(c engine.Code, l engine.Line) Outcome {
	return Outcome{Status: Rejected, Codes: []engine.Code{c}, Rules: []string{l.Rule}, Explanation: []engine.Line{l}}
}

// entitled says whether who may make a mutation that needs n without asking.
func (who Actor) entitled(s *family.State, n need) bool {
	switch {
	case n.server:
		return who.Server || who.Clock
	case who.Server:
		return false
	case n.anyone || who.Owner:
		return true
	case n.owner || len(n.persons) == 0:
		return false
	}
	p := s.DevicePerson(who.Device)
	if p == "" {
		return false
	}
	for _, q := range n.persons {
		if n.anyOf && q == p {
			return true
		}
		if !n.anyOf && q != p {
			return false
		}
	}
	return !n.anyOf
}

// askOf is what a request by who asks: whose consent is missing (the persons of n but the
// asking device's own; the owner alone when n names nobody) and what applying it would change
// (s before, next after).
func askOf(s, next *family.State, who Actor, n need) *family.Ask {
	from := s.DevicePerson(who.Device)
	a := &family.Ask{From: from, Persons: []family.PersonID{}}
	for _, p := range n.persons {
		if p != from {
			a.Persons = append(a.Persons, p)
		}
	}
	a.Effects = effectsOf(s, next, from)
	return a
}

// effectsOf lists what differs between s and next for every person but self: balances
// (with the monthly credits due by then accrued on both sides alike), profile, bindings and
// credit schedule, in the family's order of people.
func effectsOf(s, next *family.State, self family.PersonID) []family.Effect {
	var out []family.Effect
	for i := range s.People {
		p := &s.People[i]
		q := next.Person(p.ID)
		if q == nil {
			continue
		}
		changes := [...]struct {
			changed bool
			effect  family.Effect
		}{
			{p.Balance() != q.Balance(), family.Effect{Account: family.FromAccount, Before: p.Balance(), After: q.Balance()}},
			{p.Wallet.Balance != q.Wallet.Balance, family.Effect{Account: family.FromWallet, Before: p.Wallet.Balance, After: q.Wallet.Balance}},
			{!sameProfile(p, q) || p.HasAccount != q.HasAccount, family.Effect{What: family.EffectProfile}},
			{bindingsOf(s, p.ID) != bindingsOf(next, p.ID), family.Effect{What: family.EffectBindings}},
			{scheduleOf(s, p.ID) != scheduleOf(next, p.ID), family.Effect{What: family.EffectSchedule}},
		}
		for _, c := range changes {
			if c.changed {
				c.effect.Person = p.ID
				out = append(out, c.effect)
			}
		}
	}
	return out
}

// bindingsOf summarises p's bindings (either side) for a comparison.
func bindingsOf(s *family.State, p family.PersonID) string {
	var b strings.Builder
	for _, x := range s.Bindings {
		if x.Authorizer == p || x.Beneficiary == p {
			b.WriteString(x.ID + "/" + string(x.Authorizer) + "/" + string(x.Beneficiary) + "/" + x.Created.String() + "/" + x.Revoked.String() + ";")
		}
	}
	return b.String()
}

func scheduleOf(s *family.State, p family.PersonID) family.CreditSchedule {
	if sch := s.Schedule(p); sch != nil {
		c := *sch
		c.Next = 0 // accrual moves it for everyone alike
		return c
	}
	return family.CreditSchedule{}
}

// one is the need of a mutation that touches p alone.
func one(p family.PersonID) need {
	return need{persons: []family.PersonID{p}, line: engine.Say("K1", ConsentRequired, engine.MsgConsentRequired, p)}
}

func needRevoke(s *family.State, v any) need {
	a := v.(*RevokeArgs)
	for _, b := range s.Bindings {
		if b.ID == a.Binding {
			return need{persons: []family.PersonID{b.Authorizer, b.Beneficiary}, anyOf: true,
				line: engine.Say("K1", ConsentRequired, engine.MsgConsentRevoke, engine.BindingArg(b.ID), b.Authorizer, b.Beneficiary)}
		}
	}
	return need{owner: true} // unknown: refused anyway
}

// needTouched is the need of a correction of target: every person whose account, wallet or
// profile the target (and what it voided) changed, the persons given (a corrected bill's
// patient), and, when the target was applied by approving a request, whoever approved it
// (only they, or the owner, may take back what they approved). An unknown target needs the
// owner: the correction is refused anyway.
func needTouched(s *family.State, target string, also ...family.PersonID) need {
	r := s.Record(target)
	if r == nil {
		return need{owner: true}
	}
	persons := ledgerPersons(r.Entries)
	persons = addPerson1(persons, r.Person)
	for _, p := range also {
		persons = addPerson1(persons, p)
	}
	if q := s.Request(target); q != nil && q.Decided != nil && q.State == family.Approved {
		if q.Decided.By == "" {
			return need{owner: true, line: engine.Say("K2", ConsentRequired, engine.MsgConsentOwnerOnly)}
		}
		persons = addPerson1(persons, q.Decided.By)
	}
	if len(persons) == 0 {
		return need{owner: true}
	}
	return need{persons: persons}
}

// withRequest is s with m kept as a waiting request, asking what the pending outcome o asks.
func withRequest(s *family.State, m Mutation, at time.Time, o Outcome) family.State {
	next := s.Clone()
	r := family.Request{ID: m.ID, Name: string(m.Name), Args: m.Args, At: at, State: family.Waiting, Ask: o.Ask}
	if m.Expected != nil {
		r.Expected, _ = json.Marshal(m.Expected) // a Split always marshals
	}
	next.Requests = append(next.Requests, r)
	return next
}

// intentOf is the mutation a request keeps.
func intentOf(r *family.Request) (Mutation, error) {
	m := Mutation{ID: r.ID, Name: Name(r.Name), Args: r.Args}
	if len(r.Expected) > 0 {
		m.Expected = new(Split)
		if err := json.Unmarshal(r.Expected, m.Expected); err != nil {
			return m, fieldErr("args.request", fmt.Sprintf("request %s: expected: %v", r.ID, err))
		}
	}
	return m, nil
}

// decideRequest runs an approve or a decline.
func decideRequest(e *engine.Engine, s *family.State, who Actor, m Mutation, at time.Time) (Outcome, family.State) {
	args, err := Decode(m.Name, m.Args)
	if err != nil {
		return rejectedInput(err), s.Clone()
	}
	ra := args.(*RequestArgs)
	r := s.Request(ra.Request)
	if r == nil {
		return rejectedInput(unknown("args.request", "request", ra.Request)), s.Clone()
	}
	// K3: a request is decided once
	if r.State != family.Waiting {
		return rejectedInput(fieldErr("args.request", "request "+strconv.Quote(ra.Request)+" is already "+string(r.State))), s.Clone()
	}
	// K2: only a person it asks, or the owner, decides
	if ok, asked := mayDecide(s, who, r); !ok {
		l := engine.Say("K2", NotEntitled, engine.MsgConsentOwnerOnly)
		if len(asked) > 0 {
			l = engine.Say("K2", NotEntitled, engine.MsgConsentNotEntitled, asked[0])
		}
		return refusedWith(NotEntitled, l), s.Clone()
	}
	decided := &family.Decision{By: s.DevicePerson(who.Device), Owner: who.Owner, At: at, Reason: ra.Reason}
	if Canonical(m.Name) == Decline {
		o := Outcome{Status: Confirmed, Request: ra.Request, Rules: []string{"K3"}, Decided: decided,
			Explanation: []engine.Line{engine.Say("K3", "", engine.MsgConsentDeclined)}}
		return o, closeRequest(s.Clone(), ra.Request, family.Declined, decided)
	}
	// K3: every person it asks approves (or the owner); until the last one, it waits
	if rest := remainingAfter(r, decided); !who.Owner && len(rest) > 0 {
		o := Outcome{Status: PendingConsent, Request: ra.Request, Codes: []engine.Code{ConsentRequired}, Rules: []string{"K3"},
			Decided: decided, Explanation: []engine.Line{engine.Say("K3", ConsentRequired, engine.MsgConsentStillWaiting, rest[0])}}
		return o, withApproval(s.Clone(), ra.Request, decided)
	}
	inner, err := intentOf(r)
	if err != nil {
		return rejectedInput(err), s.Clone()
	}
	inner.History = m.History // an approved correction of a bill: as of the bill's moment
	o, next := Apply(e, s, inner, at)
	o.Request, o.Decided = ra.Request, decided
	o.Explanation = append([]engine.Line{engine.Say("K3", "", engine.MsgConsentApproved)}, o.Explanation...)
	return o, closeRequest(next, ra.Request, family.Approved, decided)
}

// remainingAfter lists whom r still waits for once d approves.
func remainingAfter(r *family.Request, d *family.Decision) []family.PersonID {
	var rest []family.PersonID
	for _, p := range r.WaitingFor() {
		if p != d.By {
			rest = append(rest, p)
		}
	}
	return rest
}

// withApproval is next with d's approval of the request id kept (others still to approve).
func withApproval(next family.State, id string, d *family.Decision) family.State {
	r := next.Request(id)
	r.Approvals = append(append([]family.Decision(nil), r.Approvals...), *d)
	return next
}

// closeRequest is next with the request id decided.
func closeRequest(next family.State, id string, state family.RequestState, d *family.Decision) family.State {
	r := next.Request(id)
	r.State, r.Decided = state, d
	return next
}

// mayDecide says whether who may approve or decline r, and whom r asks: the owner always;
// otherwise a device of a person the request asks (requests recorded before asks were kept:
// of a person whose consent its kind needs).
func mayDecide(s *family.State, who Actor, r *family.Request) (ok bool, asked []family.PersonID) {
	if r.Ask != nil {
		p := s.DevicePerson(who.Device)
		waiting := r.WaitingFor()
		for _, q := range waiting {
			if p != "" && q == p {
				return true, waiting
			}
		}
		return who.Owner && !who.Server, waiting
	}
	k, known := KindOf(Name(r.Name))
	if !known {
		return who.Owner && !who.Server, nil
	}
	args, err := k.decode(r.Args)
	if err != nil {
		return who.Owner && !who.Server, nil
	}
	n := k.needOf(s, args)
	n.anyOf = true
	return who.entitled(s, n), n.persons
}

// redoConsent is Redo for a request (kept) and for an approve or decline (closing it); ok is
// false for every other outcome.
func redoConsent(s *family.State, m Mutation, at time.Time, o Outcome) (next family.State, ok bool, err error) {
	switch {
	case o.Status == PendingConsent && o.Request != "" && o.Decided != nil:
		if s.Request(o.Request) == nil {
			return family.State{}, true, unknown("args.request", "request", o.Request)
		}
		return withApproval(s.Clone(), o.Request, o.Decided), true, nil
	case o.Status == PendingConsent:
		return withRequest(s, m, at, o), true, nil
	case o.Request == "":
		return family.State{}, false, nil
	}
	r := s.Request(o.Request)
	if r == nil {
		return family.State{}, true, unknown("args.request", "request", o.Request)
	}
	state := family.Declined
	next = s.Clone()
	if Canonical(m.Name) == Approve {
		state = family.Approved
		if o.Status.Applied() {
			inner, err := intentOf(r)
			if err != nil {
				return family.State{}, true, err
			}
			args, err := Decode(Canonical(inner.Name), inner.Args)
			if err != nil {
				return family.State{}, true, err
			}
			// the monthly credits the approval accrued come first, as in Redo
			acc := s.Clone()
			if err := postCredits(&acc, o.Credits); err != nil {
				return family.State{}, true, err
			}
			if next, err = redo(&acc, inner, args, at, o); err != nil {
				return family.State{}, true, err
			}
		}
	}
	return closeRequest(next, o.Request, state, o.Decided), true, nil
}

func decideLinkDevice(c call, v any) (Outcome, error) {
	s, a := c.s, v.(*LinkDeviceArgs)
	if a.Person == "" {
		return Outcome{Status: Confirmed}, nil
	}
	if s.Person(a.Person) == nil {
		return Outcome{}, unknownPerson(a.Person)
	}
	return Outcome{Status: Confirmed, Rules: []string{"K1"},
		Explanation: []engine.Line{engine.Say("K1", "", engine.MsgConsentDeviceLinked, a.Person)}}, nil
}

func checkLinkDevice(a *LinkDeviceArgs) error {
	if a.Person == "" {
		return id("device", a.Device)
	}
	return first(id("device", a.Device), id("person", string(a.Person)))
}

// CanDecide says whether who may approve or decline the request r in s: the owner, or a
// device of a person the request asks. Apps list with it the requests waiting for their
// approval.
func CanDecide(s *family.State, who Actor, r *family.Request) bool {
	if r.State != family.Waiting {
		return false
	}
	ok, _ := mayDecide(s, who, r)
	return ok
}
