// Package book is the app's local model of one family: the mutations a device has made or
// received, replayed in order over an empty state with the shared engine. It is pure (no I/O,
// no clock: every mutation carries its moment) so that it runs on the host in tests and in
// the browser alike.
package book

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/policy"
	"gongji/shared/region"
)

// Mutation names.
const (
	AddPerson = "add_person"
	Link      = "link"
	Bind      = "bind"
	Revoke    = "revoke"
	Settle    = "settle"
)

// Mutation is one intent a person entered: a name, its arguments and the moment it was made.
// ID is unique per family (client id + counter); it is saved before anything is sent.
type Mutation struct {
	ID   string          `json:"id"`
	Name string          `json:"name"`
	At   time.Time       `json:"at"`
	Args json.RawMessage `json:"args"`
}

// PersonArgs adds a person. Amounts are in fen.
type PersonArgs struct {
	ID         family.PersonID  `json:"id"`
	Name       string           `json:"name"`
	Region     region.Code      `json:"region"`
	Insurance  family.Insurance `json:"insurance"`
	Status     family.Status    `json:"status"`
	Retired    bool             `json:"retired,omitempty"`
	Tier       int              `json:"tier,omitempty"`
	Account    money.Amount     `json:"account"`
	WalletOpen bool             `json:"wallet_open,omitempty"`
	Wallet     money.Amount     `json:"wallet,omitempty"`
}

// LinkArgs records that Person is Of's Relation.
type LinkArgs struct {
	Person     family.PersonID `json:"person"`
	Of         family.PersonID `json:"of"`
	Relation   family.Relation `json:"relation"`
	CardLinked bool            `json:"card_linked,omitempty"`
}

// BindArgs asks for a binding; Created is the day it was made (today, or an earlier day when
// an existing binding is recorded).
type BindArgs struct {
	Authorizer  family.PersonID `json:"authorizer"`
	Beneficiary family.PersonID `json:"beneficiary"`
	Scopes      []family.Scope  `json:"scopes"`
	Created     *civil.Date     `json:"created,omitempty"`
}

// RevokeArgs ends a binding.
type RevokeArgs struct {
	Binding string `json:"binding"`
}

// SettleArgs is a bill paid with the patient's own card.
type SettleArgs struct {
	Patient     family.PersonID    `json:"patient"`
	Institution engine.Institution `json:"institution"`
	Bill        engine.Bill        `json:"bill"`
}

// Status is what became of a mutation when it was replayed.
type Status string

// Statuses.
const (
	Applied  Status = "applied"
	Rejected Status = "rejected"
)

// Outcome is the result of one mutation.
type Outcome struct {
	Status      Status
	Reasons     []engine.Code
	Explanation []engine.Line
	Error       string
}

// Bill is a settled bill as the ledger screen lists it.
type Bill struct {
	Mutation string
	At       time.Time
	Patient  family.PersonID
	Total    money.Amount
	Payments []engine.Payment
	Cash     money.Amount
	Entry    ledger.Entry
}

// Book is a family's state after replaying mutations.
type Book struct {
	State    family.State
	Bills    []Bill
	Outcomes map[string]Outcome
}

// New is an empty book.
func New() *Book { return &Book{Outcomes: map[string]Outcome{}} }

// Replay builds a book from mutations in order.
func Replay(e *engine.Engine, ms []Mutation) *Book {
	b := New()
	for _, m := range ms {
		b.Apply(e, m)
	}
	return b
}

// Apply replays one mutation; a refused or malformed mutation changes nothing and records why.
func (b *Book) Apply(e *engine.Engine, m Mutation) Outcome {
	o, err := b.apply(e, m)
	if err != nil {
		o = Outcome{Status: Rejected, Error: err.Error()}
	}
	b.Outcomes[m.ID] = o
	return o
}

func (b *Book) apply(e *engine.Engine, m Mutation) (Outcome, error) {
	switch m.Name {
	case AddPerson:
		var a PersonArgs
		if err := json.Unmarshal(m.Args, &a); err != nil {
			return Outcome{}, err
		}
		return b.addPerson(a)
	case Link:
		var a LinkArgs
		if err := json.Unmarshal(m.Args, &a); err != nil {
			return Outcome{}, err
		}
		return b.link(a)
	case Bind:
		var a BindArgs
		if err := json.Unmarshal(m.Args, &a); err != nil {
			return Outcome{}, err
		}
		return b.bind(e, m, a)
	case Revoke:
		var a RevokeArgs
		if err := json.Unmarshal(m.Args, &a); err != nil {
			return Outcome{}, err
		}
		return b.revoke(m, a)
	case Settle:
		var a SettleArgs
		if err := json.Unmarshal(m.Args, &a); err != nil {
			return Outcome{}, err
		}
		return b.settle(e, m, a)
	}
	return Outcome{}, fmt.Errorf("unknown mutation %q", m.Name)
}

func (b *Book) addPerson(a PersonArgs) (Outcome, error) {
	if a.Name == "" {
		return Outcome{}, fmt.Errorf("name: empty")
	}
	if a.ID == "" {
		a.ID = family.PersonID(a.Name)
	}
	if b.State.Person(a.ID) != nil {
		return Outcome{}, fmt.Errorf("name: %q is already in the family", a.Name)
	}
	if _, err := region.Parse(string(a.Region)); err != nil {
		return Outcome{}, fmt.Errorf("region: %v", err)
	}
	if a.Account < 0 || a.Wallet < 0 {
		return Outcome{}, fmt.Errorf("account: negative opening balance")
	}
	employee := a.Insurance == family.Employee
	b.State.People = append(b.State.People, family.Person{
		ID: a.ID, Name: a.Name, Region: a.Region, Insurance: a.Insurance,
		Status: a.Status, Retired: a.Retired, Tier: a.Tier, HasAccount: employee,
		Account: a.Account, Wallet: family.Wallet{Opened: a.WalletOpen, Balance: a.Wallet},
	})
	return Outcome{Status: Applied}, nil
}

func (b *Book) link(a LinkArgs) (Outcome, error) {
	next := b.State.Clone()
	next.Links = append(next.Links, family.Link{Person: a.Person, Of: a.Of,
		Relation: family.NormalizeRelation(string(a.Relation)), CardLinked: a.CardLinked})
	if a.Person == a.Of {
		return Outcome{}, fmt.Errorf("relation: a person cannot be their own relative")
	}
	if err := next.Validate(); err != nil {
		return Outcome{}, err
	}
	b.State = next
	return Outcome{Status: Applied}, nil
}

func (b *Book) bind(e *engine.Engine, m Mutation, a BindArgs) (Outcome, error) {
	at := m.At
	if a.Created != nil && *a.Created < civil.DateOf(m.At) {
		at = civil.At(*a.Created, 12*3600)
	}
	res, err := e.Bind(&b.State, at, engine.BindRequest{Authorizer: a.Authorizer,
		Beneficiary: a.Beneficiary, Scopes: a.Scopes})
	if err != nil {
		return Outcome{}, err
	}
	o := Outcome{Reasons: res.Reasons, Explanation: res.Explanation, Status: Rejected}
	if !res.Allowed {
		return o, nil
	}
	o.Status = Applied
	b.State.Bindings = append(b.State.Bindings, family.Binding{ID: m.ID, Authorizer: a.Authorizer,
		Beneficiary: a.Beneficiary, Scopes: append([]family.Scope(nil), a.Scopes...),
		Created: civil.DateOf(at), Revoked: civil.Never})
	return o, nil
}

func (b *Book) revoke(m Mutation, a RevokeArgs) (Outcome, error) {
	for i := range b.State.Bindings {
		bd := &b.State.Bindings[i]
		if bd.ID != a.Binding {
			continue
		}
		if bd.Revoked != civil.Never {
			return Outcome{}, fmt.Errorf("binding: %q is already revoked", a.Binding)
		}
		bd.Revoked = civil.DateOf(m.At)
		return Outcome{Status: Applied}, nil
	}
	return Outcome{}, fmt.Errorf("binding: unknown binding %q", a.Binding)
}

func (b *Book) settle(e *engine.Engine, m Mutation, a SettleArgs) (Outcome, error) {
	res, err := e.Settle(&b.State, m.At, engine.SettleRequest{Patient: a.Patient,
		CardHolder: a.Patient, Institution: a.Institution, Bill: a.Bill})
	if err != nil {
		return Outcome{}, err
	}
	o := Outcome{Reasons: res.Reasons, Explanation: res.Explanation, Status: Rejected}
	if res.Refused {
		return o, nil
	}
	if _, err := ledger.Apply(&b.State, res.Entry); err != nil {
		return Outcome{}, err
	}
	o.Status = Applied
	b.Bills = append(b.Bills, Bill{Mutation: m.ID, At: m.At, Patient: a.Patient, Total: a.Bill.Total,
		Payments: res.Payments, Cash: res.Cash, Entry: res.Entry})
	return o, nil
}

// Usage is how much of Authorizer's account paid for Beneficiary in Year.
type Usage struct {
	Year        int
	Authorizer  family.PersonID
	Beneficiary family.PersonID
	Amount      money.Amount
}

// YearSummary adds up the mutual-aid lines of every bill per year, authorizer and beneficiary,
// sorted by year, authorizer, beneficiary.
func (b *Book) YearSummary() []Usage {
	type key struct {
		y    int
		a, p family.PersonID
	}
	sum := map[key]money.Amount{}
	for _, bill := range b.Bills {
		y := bill.At.In(civil.Zone()).Year()
		for _, p := range bill.Payments {
			if p.Source == engine.MutualAid {
				sum[key{y, p.Payer, bill.Patient}] += p.Amount
			}
		}
	}
	out := make([]Usage, 0, len(sum))
	for k, v := range sum {
		out = append(out, Usage{Year: k.y, Authorizer: k.a, Beneficiary: k.p, Amount: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year < out[j].Year
		}
		if out[i].Authorizer != out[j].Authorizer {
			return out[i].Authorizer < out[j].Authorizer
		}
		return out[i].Beneficiary < out[j].Beneficiary
	})
	return out
}

// Invalidated says whether a binding lapsed under the region's legacy cut-off (SZ5: Shenzhen
// bindings made before 2023-10-01 whose only scope is resident_premium) on day d.
func Invalidated(e *engine.Engine, s *family.State, bd *family.Binding, d civil.Date) (civil.Date, bool) {
	a := s.Person(bd.Authorizer)
	if a == nil || len(bd.Scopes) == 0 {
		return 0, false
	}
	cutoff := e.Table().Lookup(policy.LegacyBindingCutoff, a.Region, d).Value.Date
	if cutoff == 0 || d < cutoff || bd.Created >= cutoff {
		return 0, false
	}
	for _, sc := range bd.Scopes {
		if sc != family.ResidentPremium {
			return 0, false
		}
	}
	return cutoff, true
}
