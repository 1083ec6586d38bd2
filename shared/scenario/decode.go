// Package scenario reads and writes the scenario JSON of spec/scenarios.md: a family's state,
// one action, and the result the engine decides. `gongji eval` and the tests use it; it does
// no I/O itself.
package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/jsonerr"
	"gongji/shared/money"
	"gongji/shared/region"
)

// Error is a malformed scenario: Code is a short machine word, Message names the field.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Error codes.
const (
	CodeBadJSON       = "BAD_JSON"
	CodeInvalidField  = "INVALID_FIELD"
	CodeUnknownAction = "UNKNOWN_ACTION"
)

func invalid(field, format string, args ...any) *Error {
	return &Error{Code: CodeInvalidField, Message: field + ": " + fmt.Sprintf(format, args...)}
}

// Scenario is a decoded scenario file.
type Scenario struct {
	ID     string
	Title  string
	At     time.Time
	State  family.State
	Action Action
	// Expect is the raw expected result, not read by eval.
	Expect json.RawMessage
}

// maxScenarioBytes bounds what Decode reads: no family scenario comes near it.
const maxScenarioBytes = 4 << 20

type rawScenario struct {
	ID        string          `json:"id"`
	Title     string          `json:"title"`
	At        *string         `json:"at"`
	People    []rawPerson     `json:"people"`
	Relations []rawRelation   `json:"relations"`
	Bindings  []rawBinding    `json:"bindings"`
	Transfers []rawTransfer   `json:"wallet_transfers"`
	Action    json.RawMessage `json:"action"`
	Expect    json.RawMessage `json:"expect"`
}

type rawPerson struct {
	ID             string     `json:"id"`
	Name           string     `json:"name"`
	Region         string     `json:"region"`
	Insurance      string     `json:"insurance"`
	Status         *string    `json:"status"`
	Retired        bool       `json:"retired"`
	Tier           *int       `json:"tier"`
	Account        *string    `json:"account"`
	AccountHistory *string    `json:"account_history"`
	Wallet         *rawWallet `json:"wallet"`
}

type rawWallet struct {
	Opened  bool   `json:"opened"`
	Balance string `json:"balance"`
}

type rawRelation struct {
	Person     string `json:"person"`
	Of         string `json:"of"`
	Relation   string `json:"relation"`
	CardLinked bool   `json:"card_linked"`
}

type rawBinding struct {
	ID          string   `json:"id"`
	Authorizer  string   `json:"authorizer"`
	Beneficiary string   `json:"beneficiary"`
	Scopes      []string `json:"scopes"`
	Created     string   `json:"created"`
	Revoked     *string  `json:"revoked"`
}

type rawTransfer struct {
	ID     string `json:"id"`
	From   string `json:"from"`
	To     string `json:"to"`
	Amount string `json:"amount"`
	Source string `json:"source"`
	At     string `json:"at"`
	State  string `json:"state"`
}

// Decode reads a scenario. Every error is an *Error naming the offending field.
func Decode(data []byte) (*Scenario, error) {
	if len(data) > maxScenarioBytes {
		return nil, &Error{Code: CodeBadJSON, Message: fmt.Sprintf("scenario: %d bytes, more than %d", len(data), maxScenarioBytes)}
	}
	var raw rawScenario
	if err := strictUnmarshal(data, &raw); err != nil {
		return nil, err
	}
	if raw.At == nil {
		return nil, invalid("at", "required")
	}
	at, err := civil.ParseTime(*raw.At)
	if err != nil {
		return nil, invalid("at", "%v", err)
	}
	sc := &Scenario{ID: raw.ID, Title: raw.Title, At: at, Expect: raw.Expect}
	if err := decodeState(&raw, &sc.State); err != nil {
		return nil, err
	}
	if err := sc.State.Validate(); err != nil {
		return nil, invalid("state", "%v", err)
	}
	if sc.Action, err = decodeAction(raw.Action); err != nil {
		return nil, err
	}
	return sc, nil
}

// strictUnmarshal decodes JSON and turns decoder errors into errors naming the field.
func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return invalid(typeErr.Field, "%s", jsonerr.Describe(typeErr))
		}
		return &Error{Code: CodeBadJSON, Message: "scenario: " + err.Error()}
	}
	if dec.More() {
		return &Error{Code: CodeBadJSON, Message: "scenario: more than one JSON value"}
	}
	return nil
}

func decodeState(raw *rawScenario, s *family.State) error {
	for i, rp := range raw.People {
		p, err := decodePerson(fmt.Sprintf("people[%d]", i), rp)
		if err != nil {
			return err
		}
		s.People = append(s.People, p)
	}
	for i, rr := range raw.Relations {
		s.Links = append(s.Links, family.Link{Person: family.PersonID(rr.Person), Of: family.PersonID(rr.Of),
			Relation: family.NormalizeRelation(rr.Relation), CardLinked: rr.CardLinked})
		if rr.Person == "" || rr.Of == "" {
			return invalid(fmt.Sprintf("relations[%d]", i), "person and of are required")
		}
	}
	for i, rb := range raw.Bindings {
		b, err := decodeBinding(fmt.Sprintf("bindings[%d]", i), rb)
		if err != nil {
			return err
		}
		s.Bindings = append(s.Bindings, b)
	}
	for i, rt := range raw.Transfers {
		t, err := decodeTransfer(fmt.Sprintf("wallet_transfers[%d]", i), rt)
		if err != nil {
			return err
		}
		s.Transfers = append(s.Transfers, t)
	}
	return nil
}

func decodePerson(field string, rp rawPerson) (family.Person, error) {
	p := family.Person{ID: family.PersonID(rp.ID), Name: rp.Name, Retired: rp.Retired, Status: family.Active}
	if rp.ID == "" {
		return p, invalid(field+".id", "required")
	}
	var err error
	if p.Region, err = region.Parse(rp.Region); err != nil {
		return p, invalid(field+".region", "%v", err)
	}
	switch ins := family.Insurance(rp.Insurance); ins {
	case family.Employee, family.Resident, family.Uninsured:
		p.Insurance = ins
	default:
		return p, invalid(field+".insurance", "%q: want employee, resident or none", rp.Insurance)
	}
	if rp.Status != nil {
		switch st := family.Status(*rp.Status); st {
		case family.Active, family.Suspended, family.Stopped:
			p.Status = st
		default:
			return p, invalid(field+".status", "%q: want active, suspended or stopped", *rp.Status)
		}
	}
	if rp.Tier != nil {
		if *rp.Tier != 1 && *rp.Tier != 2 {
			return p, invalid(field+".tier", "%d: want 1 or 2", *rp.Tier)
		}
		p.Tier = *rp.Tier
	}
	if err := decodeAccount(field, rp, &p); err != nil {
		return p, err
	}
	if rp.Wallet != nil && rp.Wallet.Opened {
		p.Wallet.Opened = true
		if p.Wallet.Balance, err = money.Parse(rp.Wallet.Balance); err != nil {
			return p, invalid(field+".wallet.balance", "%v", err)
		}
	}
	return p, nil
}

// decodeAccount reads account and account_history: only a split (Hangzhou) account may have
// a negative current-year part (rules.md section 8).
func decodeAccount(field string, rp rawPerson, p *family.Person) error {
	var err error
	if rp.AccountHistory != nil {
		if rp.Account == nil {
			return invalid(field+".account", "required with account_history")
		}
		p.HasHistory = true
		if p.AccountHistory, err = money.Parse(*rp.AccountHistory); err != nil {
			return invalid(field+".account_history", "%v", err)
		}
		p.HasAccount = true
		if p.Account, err = money.ParseSigned(*rp.Account); err != nil {
			return invalid(field+".account", "%v", err)
		}
		return nil
	}
	if rp.Account != nil {
		p.HasAccount = true
		if p.Account, err = money.Parse(*rp.Account); err != nil {
			return invalid(field+".account", "%v", err)
		}
	}
	return nil
}

func decodeBinding(field string, rb rawBinding) (family.Binding, error) {
	b := family.Binding{ID: rb.ID, Authorizer: family.PersonID(rb.Authorizer),
		Beneficiary: family.PersonID(rb.Beneficiary), Revoked: civil.Never}
	scopes, err := decodeScopes(field+".scopes", rb.Scopes)
	if err != nil {
		return b, err
	}
	b.Scopes = scopes
	if b.Created, err = civil.ParseDate(rb.Created); err != nil {
		return b, invalid(field+".created", "%v", err)
	}
	if rb.Revoked != nil {
		if b.Revoked, err = civil.ParseDate(*rb.Revoked); err != nil {
			return b, invalid(field+".revoked", "%v", err)
		}
	}
	return b, nil
}

func decodeScopes(field string, raw []string) ([]family.Scope, error) {
	scopes := make([]family.Scope, 0, len(raw))
	for i, s := range raw {
		sc, err := family.ParseScope(s)
		if err != nil {
			return nil, invalid(fmt.Sprintf("%s[%d]", field, i), "%v", err)
		}
		scopes = append(scopes, sc)
	}
	return scopes, nil
}

func decodeTransfer(field string, rt rawTransfer) (family.WalletTransfer, error) {
	t := family.WalletTransfer{ID: rt.ID, From: family.PersonID(rt.From), To: family.PersonID(rt.To)}
	var err error
	if t.Amount, err = money.Parse(rt.Amount); err != nil {
		return t, invalid(field+".amount", "%v", err)
	}
	if t.Source, err = decodeSource(field+".source", rt.Source); err != nil {
		return t, err
	}
	if t.At, err = civil.ParseTime(rt.At); err != nil {
		return t, invalid(field+".at", "%v", err)
	}
	switch st := family.TransferState(rt.State); st {
	case family.Pending, family.Accepted, family.Refunded:
		t.State = st
	default:
		return t, invalid(field+".state", "%q: want pending, accepted or refunded", rt.State)
	}
	return t, nil
}

func decodeSource(field, s string) (family.Source, error) {
	switch src := family.Source(s); src {
	case family.FromAccount, family.FromWallet:
		return src, nil
	}
	return "", invalid(field, "%q: want account or wallet", s)
}
