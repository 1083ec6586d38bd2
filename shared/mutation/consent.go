package mutation

// Consent (architecture.md, Sync server: "A person's own bindings can only be created or
// revoked from that person's device or by the owner on their behalf; the same holds for
// spending from, crediting or correcting their accounts"). ApplyAs is Apply with the question
// of who asks: a mutation that touches another person's money, made on a device that is
// neither that person's nor the owner's, changes nothing and is kept as a request
// (PendingConsent); an approve from an entitled device runs it at the approval's place in
// the log, a decline drops it. Server-owned events (the 06:00 refund) are the server's alone.
//
// Whose money each mutation touches (needOf):
//
//	add_person, link                      anyone (they move nobody's existing money)
//	bind                                  the authorizer (whose account will pay)
//	revoke                                the authorizer or the beneficiary
//	settle                                the patient (the bindings that pay are the
//	                                      authorizers' consent given once, for the patient's bills)
//	pay_premium                           the insured (likewise)
//	wallet_transfer                       the sender (from)
//	wallet_accept                         the recipient (to)
//	withdraw, transfer, credit, correct   the person
//	link_device                           the owner only
//	wallet_expire                         the server only (a device's push is refused)
//
// The owner's device may do everything on anyone's behalf and approve every request.

import (
	"encoding/json"
	"fmt"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
)

// Consent mutations.
const (
	Approve    Name = "approve"     // RequestArgs: run a waiting request now
	Decline    Name = "decline"     // RequestArgs: drop a waiting request
	LinkDevice Name = "link_device" // LinkDeviceArgs: whose device a device is (owner)
)

// RequestArgs names a consent request: the key of the mutation that made it.
type RequestArgs struct {
	Request string `json:"request"`
}

// LinkDeviceArgs records Device as Person's (Person "" records it as nobody's).
type LinkDeviceArgs struct {
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
// itself. A device's person is read from the state (family.State.Devices).
type Actor struct {
	Device string
	Owner  bool
	Server bool
}

// need is who may make a mutation without asking anyone, and the line that says whom to ask.
type need struct {
	anyone  bool
	server  bool // the server only
	owner   bool // the owner only
	persons []family.PersonID
	line    engine.Line
}

// ApplyAs is Apply for the actor who: mutations it may make are applied, those that touch
// another person's money become requests, approve and decline close requests.
func ApplyAs(e *engine.Engine, s *family.State, who Actor, m Mutation, at time.Time) (Outcome, family.State) {
	name := Canonical(m.Name)
	if name == Approve || name == Decline {
		return decideRequest(e, s, who, m, at)
	}
	if !Known(name) {
		return Apply(e, s, m, at)
	}
	args := m.Decoded
	if args == nil {
		var err error
		if args, err = Decode(name, m.Args); err != nil {
			return rejectedInput(err), s.Clone()
		}
	}
	n := needOf(s, name, args)
	switch {
	case n.server && !who.Server:
		// W11: rules.md section 5 (the refund happens at its time, by the server)
		return refusedWith(ServerOnly, engine.Say("W11", ServerOnly, engine.MsgRefundServerOnly)), s.Clone()
	case who.entitled(s, n):
		return applyArgs(e, s, m, args, at)
	case name == LinkDevice && args.(*LinkDeviceArgs).Person == "":
		return refusedWith(NotEntitled, engine.Say("K2", NotEntitled, engine.MsgConsentOwnerOnly)), s.Clone()
	}
	// What the rules refuse now is refused now; only what could apply is asked for.
	o, _ := applyArgs(e, s, m, args, at)
	if !o.Status.Applied() {
		return o, s.Clone()
	}
	pending := Outcome{Status: PendingConsent, Codes: []engine.Code{ConsentRequired}, Rules: []string{"K1"},
		Ruleset: o.Ruleset, Explanation: []engine.Line{n.line}}
	return pending, withRequest(s, m, at)
}

func refusedWith(c engine.Code, l engine.Line) Outcome {
	return Outcome{Status: Rejected, Codes: []engine.Code{c}, Rules: []string{l.Rule}, Explanation: []engine.Line{l}}
}

// entitled says whether who may make a mutation that needs n without asking.
func (who Actor) entitled(s *family.State, n need) bool {
	switch {
	case n.server || who.Server:
		return n.server && who.Server
	case n.anyone || who.Owner:
		return true
	case n.owner:
		return false
	}
	p := s.DevicePerson(who.Device)
	for _, q := range n.persons {
		if p != "" && p == q {
			return true
		}
	}
	return false
}

// needOf says whose consent a mutation needs. Arguments that name nothing in the state need
// no one's: Apply refuses them anyway.
func needOf(s *family.State, name Name, args any) need {
	one := func(p family.PersonID) need {
		return need{persons: []family.PersonID{p}, line: engine.Say("K1", ConsentRequired, engine.MsgConsentRequired, p)}
	}
	switch a := args.(type) {
	case *BindArgs:
		return need{persons: []family.PersonID{a.Authorizer},
			line: engine.Say("K1", ConsentRequired, engine.MsgConsentBind, a.Authorizer, a.Beneficiary)}
	case *RevokeArgs:
		for _, b := range s.Bindings {
			if b.ID == a.Binding {
				return need{persons: []family.PersonID{b.Authorizer, b.Beneficiary},
					line: engine.Say("K1", ConsentRequired, engine.MsgConsentRevoke, engine.BindingArg(b.ID), b.Authorizer, b.Beneficiary)}
			}
		}
	case *SettleArgs:
		return one(a.Patient)
	case *PremiumArgs:
		return one(a.Insured)
	case *WalletTransferArgs:
		return one(a.From)
	case *WalletRefArgs:
		if name == WalletExpire {
			return need{server: true}
		}
		if t := s.Transfer(a.Transfer); t != nil {
			return one(t.To)
		}
	case *WithdrawArgs:
		return one(a.Person)
	case *TransferArgs:
		return one(a.Person)
	case *CreditArgs:
		return one(a.Person)
	case *CorrectArgs:
		return one(a.Person)
	case *LinkDeviceArgs:
		return need{owner: true, line: engine.Say("K1", ConsentRequired, engine.MsgConsentDevice, a.Person)}
	}
	return need{anyone: true}
}

// withRequest is s with m kept as a waiting request.
func withRequest(s *family.State, m Mutation, at time.Time) family.State {
	next := s.Clone()
	r := family.Request{ID: m.ID, Name: string(m.Name), Args: m.Args, At: at, State: family.Waiting}
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
	id := args.(*RequestArgs).Request
	r := s.Request(id)
	if r == nil {
		return rejectedInput(fieldErr("args.request", fmt.Sprintf("unknown request %q", id))), s.Clone()
	}
	// K3: a request is decided once
	if r.State != family.Waiting {
		return rejectedInput(fieldErr("args.request", fmt.Sprintf("request %q is already %s", id, r.State))), s.Clone()
	}
	inner, err := intentOf(r)
	if err != nil {
		return rejectedInput(err), s.Clone()
	}
	innerArgs, err := Decode(Canonical(inner.Name), inner.Args)
	if err != nil {
		return rejectedInput(err), s.Clone()
	}
	n := needOf(s, Canonical(inner.Name), innerArgs)
	// K2: only the person whose money it is, or the owner, decides
	if !who.entitled(s, n) {
		l := engine.Say("K2", NotEntitled, engine.MsgConsentOwnerOnly)
		if len(n.persons) > 0 {
			l = engine.Say("K2", NotEntitled, engine.MsgConsentNotEntitled, n.persons[0])
		}
		return refusedWith(NotEntitled, l), s.Clone()
	}
	if Canonical(m.Name) == Decline {
		o := Outcome{Status: Confirmed, Request: id, Rules: []string{"K3"},
			Explanation: []engine.Line{engine.Say("K3", "", engine.MsgConsentDeclined)}}
		next := s.Clone()
		next.Request(id).State = family.Declined
		return o, next
	}
	o, next := Apply(e, s, inner, at)
	o.Request = id
	o.Explanation = append([]engine.Line{engine.Say("K3", "", engine.MsgConsentApproved)}, o.Explanation...)
	next.Request(id).State = family.Approved
	return o, next
}

// redoConsent is Redo for a request (kept) and for an approve or decline (closing it); ok is
// false for every other outcome.
func redoConsent(s *family.State, m Mutation, at time.Time, o Outcome) (next family.State, ok bool, err error) {
	switch {
	case o.Status == PendingConsent:
		return withRequest(s, m, at), true, nil
	case o.Request == "":
		return family.State{}, false, nil
	}
	r := s.Request(o.Request)
	if r == nil {
		return family.State{}, true, fieldErr("args.request", fmt.Sprintf("unknown request %q", o.Request))
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
	next.Request(o.Request).State = state
	return next, true, nil
}

func decideLinkDevice(s *family.State, a *LinkDeviceArgs) (Outcome, error) {
	if a.Person == "" {
		return Outcome{Status: Confirmed}, nil
	}
	if s.Person(a.Person) == nil {
		return Outcome{}, fieldErr("args.person", fmt.Sprintf("unknown person %q", a.Person))
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
// device of the person (any of the persons) whose money it touches. Apps list with it the
// requests waiting for their approval.
func CanDecide(s *family.State, who Actor, r *family.Request) bool {
	if r.State != family.Waiting {
		return false
	}
	args, err := Decode(Canonical(Name(r.Name)), r.Args)
	if err != nil {
		return false
	}
	return who.entitled(s, needOf(s, Canonical(Name(r.Name)), args))
}
