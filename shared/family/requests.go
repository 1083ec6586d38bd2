package family

import (
	"encoding/json"
	"time"

	"gongji/shared/money"
)

// DeviceLink says which person a device of the family belongs to: chosen when the device
// joins, confirmed by the owner (the link_device mutation). A device without a link belongs
// to nobody: everything it asks for that touches a person's money waits for their consent.
type DeviceLink struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Device string   `json:"device"`
	Person PersonID `json:"person"`
}

// RequestState is where a consent request stands.
type RequestState string

// Request states.
const (
	// Waiting: recorded, nothing changed yet; the person (or the owner) may approve or decline.
	Waiting RequestState = "pending"
	// Approved: applied at the approval's place in the log (the approval's outcome says how,
	// or that the rules refused it then).
	Approved RequestState = "approved"
	// Declined: dropped; nothing ever changed.
	Declined RequestState = "declined"
)

// Request is a mutation that touches another person's money, made on a device that is not
// that person's (nor the owner's). It is kept whole, so that an approval can run it then.
// ID is the mutation's key ("<client_id>/<mutation_id>"), which the binding or wallet
// transfer it creates takes as its id. Name, Args and Expected are the mutation's own
// (Expected as raw JSON: this package knows no split type); At is when it was asked. The
// change in the log with this key names the device that asked.
type Request struct {
	ID       string          `json:"id"`
	Name     string          `json:"name"`
	Args     json.RawMessage `json:"args"`
	Expected json.RawMessage `json:"expected,omitempty"`
	At       time.Time       `json:"at"`
	State    RequestState    `json:"state"`
	// Ask is whose consent it waits for and what it would change; nil in requests recorded
	// before 2026-12-07 (their persons are worked out again from the mutation).
	Ask *Ask `json:"ask,omitempty"`
	// Approvals are the approvals of persons it asks, while others it asks have not yet
	// approved: it is applied when the last one does (or the owner does).
	Approvals []Decision `json:"approvals,omitempty"`
	// Decided is who approved or declined it, when, and why; nil while it waits.
	Decided *Decision `json:"decided,omitempty"`
}

// WaitingFor lists the persons the request still waits for: those it asks who have not approved.
func (r *Request) WaitingFor() []PersonID {
	if r.Ask == nil {
		return nil
	}
	var out []PersonID
	for _, p := range r.Ask.Persons {
		approved := false
		for _, a := range r.Approvals {
			approved = approved || a.By == p
		}
		if !approved {
			out = append(out, p)
		}
	}
	return out
}

// Ask is what a request asks: who asked, whose consent is missing (any one of them, or the
// owner, decides) and what it would change, so the person asked sees it before deciding.
type Ask struct {
	From    PersonID   `json:"from,omitempty"`
	Persons []PersonID `json:"persons"`
	Effects []Effect   `json:"effects,omitempty"`
}

// Effect is one thing a request would change for a person: a balance (Account "account" or
// "wallet", Before and After), or, with Account "", their profile, bindings or schedule
// (What says which).
type Effect struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person  PersonID     `json:"person"`
	Account Source       `json:"account,omitempty"`
	Before  money.Amount `json:"before"`
	After   money.Amount `json:"after"`
	What    string       `json:"what,omitempty"`
}

// What an effect without a balance changes.
const (
	EffectProfile  = "profile"
	EffectBindings = "bindings"
	EffectSchedule = "schedule"
)

// Decision is who decided a request (their person, "" for an owner's device that is nobody's),
// whether that device is the owner's, when, and the reason a decline gave.
type Decision struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	By     PersonID  `json:"by,omitempty"`
	Owner  bool      `json:"owner,omitempty"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason,omitempty"`
}

// DevicePerson is the person the device belongs to ("" for nobody).
func (s *State) DevicePerson(device string) PersonID {
	for _, l := range s.Devices {
		if l.Device == device {
			return l.Person
		}
	}
	return ""
}

// Request finds a consent request by its id.
func (s *State) Request(id string) *Request {
	for i := range s.Requests {
		if s.Requests[i].ID == id {
			return &s.Requests[i]
		}
	}
	return nil
}

// LinkDevice records (or, with person "", removes) the device's person.
func (s *State) LinkDevice(device string, person PersonID) {
	out := s.Devices[:0:0]
	for _, l := range s.Devices {
		if l.Device != device {
			out = append(out, l)
		}
	}
	if person != "" {
		out = append(out, DeviceLink{Device: device, Person: person})
	}
	s.Devices = out
}
