// Package family holds the people of a family, their insurance, relations, bindings and
// wallet transfers: the state every rule reads.
//
// Rules: rules.md section 2 (people, relations, bindings) and section 8 (relations).
package family

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"gongji/shared/civil"
	"gongji/shared/money"
	"gongji/shared/region"
)

// PersonID names a person within one family.
type PersonID string

// Insurance is the basic medical-insurance scheme a person is in.
type Insurance string

// Schemes.
const (
	Employee  Insurance = "employee" // 职工医保, insutype 310: the only scheme with a personal account
	Resident  Insurance = "resident" // 居民医保, insutype 390: no personal account
	Uninsured Insurance = "none"
)

// Status is the state of a person's insurance.
type Status string

// Statuses.
const (
	Active    Status = "active"
	Suspended Status = "suspended" // 暂停
	Stopped   Status = "stopped"   // 终止 / 中止参保
)

// Wallet is a person's 医保钱包.
type Wallet struct {
	Opened  bool         `json:"opened"`
	Balance money.Amount `json:"balance"`
}

// Person is one member of the family.
type Person struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	ID        PersonID    `json:"id"`
	Name      string      `json:"name,omitempty"`
	Region    region.Code `json:"region"`
	Insurance Insurance   `json:"insurance"`
	Status    Status      `json:"status"`
	Retired   bool        `json:"retired,omitempty"`
	// Tier is the Shenzhen employee tier (1 一档 or 2 二档); 0 when unknown or not Shenzhen.
	Tier int `json:"tier,omitempty"`
	// HasAccount says whether the person has a personal account (个人账户).
	HasAccount bool `json:"has_account,omitempty"`
	// Account is the personal-account balance; with HasHistory it is the current-year part
	// (当年账户), which may be negative.
	Account money.Amount `json:"account"`
	// HasHistory says the account is split into current-year and historical parts (Hangzhou).
	HasHistory bool `json:"has_history,omitempty"`
	// AccountHistory is the historical part (历年账户).
	AccountHistory money.Amount `json:"account_history"`
	Wallet         Wallet       `json:"wallet"`
	// Deceased: a death was recorded (the life_event mutation); the status is then stopped.
	Deceased bool `json:"deceased,omitempty"`
	// Sex, when the family gave it, lets a relation read as people say it (母亲, not 父母).
	Sex Sex `json:"sex,omitempty"`
}

// Sex is a person's sex as the family gave it; "" when not given.
type Sex string

// Sexes.
const (
	Female Sex = "female"
	Male   Sex = "male"
)

// Insured says whether the person is insured in the sense of rule B2: employee or resident
// insurance, and not stopped.
func (p *Person) Insured() bool {
	return (p.Insurance == Employee || p.Insurance == Resident) && p.Status != Stopped
}

// Balance is the whole personal-account balance: current-year plus historical part (rules.md
// section 8, Hangzhou balances). It may be negative for a Hangzhou overdraft.
func (p *Person) Balance() money.Amount {
	if !p.HasAccount {
		return 0
	}
	return p.Account + p.AccountHistory
}

// Debit takes amount from the personal account: the current-year part first while it is
// positive, then the historical part (rules.md section 8, Hangzhou balances).
func (p *Person) Debit(amount money.Amount) {
	if !p.HasHistory {
		p.Account -= amount
		return
	}
	fromCurrent := money.Min(amount, p.Account.NonNegative())
	p.Account -= fromCurrent
	p.AccountHistory -= amount - fromCurrent
}

// Credit adds amount to the personal account (to the current-year part).
func (p *Person) Credit(amount money.Amount) {
	p.HasAccount = true
	p.Account += amount
}

// Relation is what one person is to another.
type Relation string

// Relations. Paternal and maternal grandparents are alike (rules.md section 2).
const (
	Spouse      Relation = "spouse"
	Parent      Relation = "parent"
	Child       Relation = "child"
	Sibling     Relation = "sibling"
	Grandparent Relation = "grandparent"
	Grandchild  Relation = "grandchild"
	ParentInLaw Relation = "parent_in_law"
	Other       Relation = "other"
)

// NormalizeRelation maps any unknown value to Other (rules.md section 8: an unknown relation
// counts as other).
func NormalizeRelation(s string) Relation {
	switch r := Relation(s); r {
	case Spouse, Parent, Child, Sibling, Grandparent, Grandchild, ParentInLaw:
		return r
	}
	return Other
}

// Inverse is what the other person is: if B is A's parent, A is B's child (rules.md section 8).
func (r Relation) Inverse() Relation {
	switch r {
	case Parent:
		return Child
	case Child:
		return Parent
	case Grandparent:
		return Grandchild
	case Grandchild:
		return Grandparent
	case ParentInLaw:
		// A parent-in-law's inverse is a child-in-law: neither is a close relative.
		return Other
	}
	return r
}

// Effective is what a relation means to the rules: itself when it is on the close-relatives
// list, Other for anything else (rules.md section 8: in-laws and unknown values count as other).
func (r Relation) Effective() Relation {
	for _, c := range CloseRelatives() {
		if r == c {
			return r
		}
	}
	return Other
}

// CloseRelatives is the full 近亲属 list of the Civil Code (rules.md B3, W2).
func CloseRelatives() []Relation {
	return []Relation{Spouse, Parent, Child, Sibling, Grandparent, Grandchild}
}

// Link records that Person is Of's Relation ("B is A's parent"), with the Shenzhen
// social-security card family link.
type Link struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person     PersonID `json:"person"`
	Of         PersonID `json:"of"`
	Relation   Relation `json:"relation"`
	CardLinked bool     `json:"card_linked,omitempty"`
}

// Scope is what a binding lets the authorizer's account pay for.
type Scope string

// Scopes (rules.md section 2).
const (
	Medical           Scope = "medical"            // self-pay at designated hospitals, clinics, pharmacies
	ResidentPremium   Scope = "resident_premium"   // 居民医保个人缴费
	LTCPremium        Scope = "ltc_premium"        // 长期护理保险缴费
	CommercialPremium Scope = "commercial_premium" // 惠民保-type premium
)

// AllScopes lists every scope.
func AllScopes() []Scope { return []Scope{Medical, ResidentPremium, LTCPremium, CommercialPremium} }

// ParseScope accepts only the four known scopes (rules.md section 8: an unknown scope is an
// input error).
func ParseScope(s string) (Scope, error) {
	for _, k := range AllScopes() {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("scope %q: want one of medical, resident_premium, ltc_premium, commercial_premium", s)
}

// Binding is a 家庭共济绑定: the authorizer's account may pay for the beneficiary.
type Binding struct {
	ID          string     `json:"id"`
	Authorizer  PersonID   `json:"authorizer"`
	Beneficiary PersonID   `json:"beneficiary"`
	Scopes      []Scope    `json:"scopes"`
	Created     civil.Date `json:"created"`
	Revoked     civil.Date `json:"-"` // civil.Never when not revoked; JSON "revoked", absent when never
}

// InForce says whether created <= d and d < revoked (rules.md section 2). Rule-based
// invalidation (SZ5) is the engine's business.
func (b *Binding) InForce(d civil.Date) bool { return b.Created <= d && d < b.Revoked }

// HasScope says whether s is among the ticked scopes.
func (b *Binding) HasScope(s Scope) bool {
	for _, k := range b.Scopes {
		if k == s {
			return true
		}
	}
	return false
}

// TransferState is where a wallet transfer stands.
type TransferState string

// Transfer states (rules.md W10, W11).
const (
	Pending  TransferState = "pending"
	Accepted TransferState = "accepted"
	Refunded TransferState = "refunded"
)

// Source is where wallet money comes from.
type Source string

// Sources (rules.md W4).
const (
	FromAccount Source = "account"
	FromWallet  Source = "wallet"
)

// WalletTransfer is a 医保钱包 transfer already made.
type WalletTransfer struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	ID     string        `json:"id"`
	From   PersonID      `json:"from"`
	To     PersonID      `json:"to"`
	Amount money.Amount  `json:"amount"`
	Source Source        `json:"source"`
	At     time.Time     `json:"at"`
	State  TransferState `json:"state"`
}

// State is everything the rules read about one family.
type State struct {
	People    []Person         `json:"people"`
	Links     []Link           `json:"links"`
	Bindings  []Binding        `json:"bindings"`
	Transfers []WalletTransfer `json:"transfers"`
	// Devices and Requests are consent (requests.go): whose device is whose, and the
	// mutations waiting for a person's approval.
	Devices  []DeviceLink `json:"devices,omitempty"`
	Requests []Request    `json:"requests,omitempty"`
	// Records are the newest actions a correction may void (record.go), oldest first.
	Records Records `json:"records,omitzero"`
	// Schedules are the monthly credits (credit.go), one per person at most.
	Schedules []CreditSchedule `json:"schedules,omitempty"`
	// Checkpoints are balances the national app showed, oldest first.
	Checkpoints []Checkpoint `json:"checkpoints,omitempty"`
}

// Person finds a person by id.
func (s *State) Person(id PersonID) *Person {
	for i := range s.People {
		if s.People[i].ID == id {
			return &s.People[i]
		}
	}
	return nil
}

// Transfer finds a wallet transfer by id.
func (s *State) Transfer(id string) *WalletTransfer {
	for i := range s.Transfers {
		if s.Transfers[i].ID == id {
			return &s.Transfers[i]
		}
	}
	return nil
}

// RelationOf is what person is to of, read from a record in either order and inverted when
// needed, with the card link. With no record it is Other and not card-linked (rules.md
// section 8).
func (s *State) RelationOf(person, of PersonID) (Relation, bool) {
	for _, l := range s.Links {
		switch {
		case l.Person == person && l.Of == of:
			return l.Relation, l.CardLinked
		case l.Person == of && l.Of == person:
			return l.Relation.Inverse(), l.CardLinked
		}
	}
	return Other, false
}

// Clone is a deep copy, so that an action can be computed without touching the original.
func (s *State) Clone() State {
	c := State{
		People:      append([]Person(nil), s.People...),
		Links:       append([]Link(nil), s.Links...),
		Transfers:   append([]WalletTransfer(nil), s.Transfers...),
		Devices:     append([]DeviceLink(nil), s.Devices...),
		Requests:    append([]Request(nil), s.Requests...),
		Records:     s.Records, // a value whose blocks are shared (records.go)
		Schedules:   append([]CreditSchedule(nil), s.Schedules...),
		Checkpoints: append([]Checkpoint(nil), s.Checkpoints...),
	}
	for _, b := range s.Bindings {
		b.Scopes = append([]Scope(nil), b.Scopes...)
		c.Bindings = append(c.Bindings, b)
	}
	return c
}

// Validate checks what makes a state unreadable: duplicate ids, references to unknown people,
// conflicting relation records (rules.md section 8). It names the offending field.
func (s *State) Validate() error {
	seen := map[PersonID]bool{}
	for i, p := range s.People {
		if p.ID == "" {
			return indexErr("people", i, ".id: empty")
		}
		if seen[p.ID] {
			return indexErr("people", i, ".id: duplicate person "+strconv.Quote(string(p.ID)))
		}
		seen[p.ID] = true
	}
	type pair struct{ a, b PersonID }
	relations := map[pair]Relation{}
	for i, l := range s.Links {
		if err := knownPersons(seen, "relations", i, "person", l.Person, "of", l.Of); err != nil {
			return err
		}
		// Section 8: any value outside the close-relatives list counts as other, so records
		// are compared by what they mean, not by how they are spelled.
		rel := l.Relation.Effective()
		if prev, ok := relations[pair{l.Person, l.Of}]; ok && prev != rel {
			return indexErr("relations", i, ": "+string(l.Person)+" is recorded both as "+string(l.Of)+"'s "+string(prev)+" and "+string(l.Relation))
		}
		if prev, ok := relations[pair{l.Of, l.Person}]; ok && prev != rel.Inverse() {
			return indexErr("relations", i, ": "+string(l.Person)+" is "+string(l.Of)+"'s "+string(l.Relation)+
				", which conflicts with "+string(l.Of)+" being "+string(l.Person)+"'s "+string(prev))
		}
		relations[pair{l.Person, l.Of}] = rel
		relations[pair{l.Of, l.Person}] = rel.Inverse()
	}
	ids := map[string]bool{}
	for i, b := range s.Bindings {
		if err := uniqueKnown(ids, seen, "bindings", i, b.ID, "authorizer", b.Authorizer, "beneficiary", b.Beneficiary); err != nil {
			return err
		}
	}
	tids := map[string]bool{}
	for i, t := range s.Transfers {
		if err := uniqueKnown(tids, seen, "wallet_transfers", i, t.ID, "from", t.From, "to", t.To); err != nil {
			return err
		}
	}
	return nil
}

// indexErr is the error of item i of a list: "bindings[2].id: ...".
func indexErr(list string, i int, rest string) error {
	return errors.New(list + "[" + strconv.Itoa(i) + "]" + rest)
}

// knownPersons says whether the persons list[i] names in fields fa and fb (pa, pb) are
// known; the fields' names are formatted only for the error (Validate runs at every
// mutation applied).
func knownPersons(seen map[PersonID]bool, list string, i int, fa string, pa PersonID, fb string, pb PersonID) error {
	if !seen[pa] {
		return indexErr(list, i, "."+fa+": unknown person "+strconv.Quote(string(pa)))
	}
	if !seen[pb] {
		return indexErr(list, i, "."+fb+": unknown person "+strconv.Quote(string(pb)))
	}
	return nil
}

// uniqueKnown is knownPersons for an item with an id that must be new to ids.
func uniqueKnown(ids map[string]bool, seen map[PersonID]bool, list string, i int, id string, fa string, pa PersonID, fb string, pb PersonID) error {
	if id == "" || ids[id] {
		return indexErr(list, i, ".id: empty or duplicate "+strconv.Quote(id))
	}
	ids[id] = true
	return knownPersons(seen, list, i, fa, pa, fb, pb)
}

// SortedPersonIDs lists the ids in byte order.
func (s *State) SortedPersonIDs() []PersonID {
	ids := make([]PersonID, len(s.People))
	for i, p := range s.People {
		ids[i] = p.ID
	}
	slices.Sort(ids)
	return ids
}

// bindingJSON is a binding's JSON: "revoked" is absent while the binding is not revoked
// (civil.Never has no text form).
type bindingJSON struct {
	ID          string      `json:"id"`
	Authorizer  PersonID    `json:"authorizer"`
	Beneficiary PersonID    `json:"beneficiary"`
	Scopes      []Scope     `json:"scopes"`
	Created     civil.Date  `json:"created"`
	Revoked     *civil.Date `json:"revoked,omitempty"`
}

// MarshalJSON writes the binding with "revoked" only when it was revoked.
func (b Binding) MarshalJSON() ([]byte, error) {
	j := bindingJSON{ID: b.ID, Authorizer: b.Authorizer, Beneficiary: b.Beneficiary, Scopes: b.Scopes, Created: b.Created}
	if b.Revoked != civil.Never {
		j.Revoked = &b.Revoked
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads a binding; without "revoked" it is in force until further notice.
func (b *Binding) UnmarshalJSON(data []byte) error {
	var j bindingJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*b = Binding{ID: j.ID, Authorizer: j.Authorizer, Beneficiary: j.Beneficiary, Scopes: j.Scopes, Created: j.Created, Revoked: civil.Never}
	if j.Revoked != nil {
		b.Revoked = *j.Revoked
	}
	return nil
}
