package mutation

import (
	"strconv"
	"strings"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/region"
)

// Corrections (server/API.md, Mutations). A mistake is never edited away: a correction is a
// new mutation whose entries reverse the original's and, for an amended bill, post the bill
// again, so the server's re-run of the rules and every device's history stay exact. The
// actions a correction may reach are the state's records (family.Record).
const (
	EditPerson Name = "edit_person" // EditPersonArgs: fix a person's name, region, scheme, status, tier
	Void       Name = "void"        // VoidArgs: take back an earlier action
	AmendBill  Name = "amend_bill"  // AmendArgs: void a bill and settle the corrected one at its visit
	Undo       Name = "undo"        // UndoArgs: void this device's last action
)

// Reason codes of corrections, beside the engine's (a refusal changes nothing).
const (
	// TargetUnknown: no remembered action has that id (never made, refused, or older than the
	// newest family.MaxRecords).
	TargetUnknown engine.Code = "TARGET_UNKNOWN"
	// AlreadyVoided: the action was voided or amended already.
	AlreadyVoided engine.Code = "ALREADY_VOIDED"
	// NotVoidable: wallet transfers (refunded at 06:00 or accepted), withdrawals and transfers
	// of the insurance (done by the insurer) are not voided; a correcting entry fixes them.
	NotVoidable engine.Code = "NOT_VOIDABLE"
	// Superseded: a later change to the same person came after this edit: take that back first.
	Superseded engine.Code = "SUPERSEDED"
	// NotLastAction: an undo's target is no longer this device's last action.
	NotLastAction engine.Code = "NOT_LAST_ACTION"
	// NotABill: amend_bill names an action that is not a bill.
	NotABill engine.Code = "NOT_A_BILL"
	// NameTaken: another person of the family already has the name.
	NameTaken engine.Code = "NAME_TAKEN"
)

// EditPersonArgs corrects what was entered about Person; fields left out stay. Balances are
// corrected with the correct mutation (a signed entry with its reason), never here.
type EditPersonArgs struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person    family.PersonID   `json:"person"`
	Name      *string           `json:"name,omitempty"`
	Region    *region.Code      `json:"region,omitempty"`
	Insurance *family.Insurance `json:"insurance,omitempty"`
	Status    *family.Status    `json:"status,omitempty"`
	Retired   *bool             `json:"retired,omitempty"`
	Tier      *int              `json:"tier,omitempty"`
	Sex       *family.Sex       `json:"sex,omitempty"`
	// AccountHistory is how much of the balance is the prior-years part (历年账户), in a region
	// whose account is split (policy.AccountSplit). It moves no money: the whole balance
	// stays, and the current-year part is what is left (rules.md section 8).
	AccountHistory *money.Amount `json:"account_history,omitempty"`
	Reason         string        `json:"reason,omitempty"`
}

// VoidArgs takes back Target (a mutation id, "<client_id>/<mutation_id>").
type VoidArgs struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Target string `json:"target"`
	Reason string `json:"reason,omitempty"`
}

// UndoArgs takes back Target, which must be this device's last action that can be taken back
// (so an undo queued offline never reaches further than the person saw).
type UndoArgs struct {
	Target string `json:"target"`
}

// AmendArgs replaces the bill Target with Settle: Target's postings are reversed and Settle is
// decided again by the rules, at the original's visit unless Settle names its own.
type AmendArgs struct {
	Target string     `json:"target"`
	Settle SettleArgs `json:"settle"`
	Reason string     `json:"reason,omitempty"`
}

// voidable says which records a void or an undo may take back (kinds.go).
func voidable(n string) bool {
	k, ok := KindOf(Name(n))
	return ok && k.voidable
}

func refused(c engine.Code) Outcome { return Outcome{Status: Rejected, Codes: []engine.Code{c}} }

// standingBill is the bill a correction (amend_bill, record_slip) targets, or, when
// the target is unknown, not a bill or already voided, the code that refuses it.
func standingBill(s *family.State, target string) (*family.Record, engine.Code) {
	r := s.Record(target)
	switch {
	case r == nil:
		return nil, TargetUnknown
	case !bill(r.Name):
		return nil, NotABill
	case r.VoidedBy != "":
		return nil, AlreadyVoided
	}
	return r, ""
}

// decideVoid reverses every entry of the target, newest first. Balances that moved since are
// not re-decided: the reversal puts back exactly what the action moved, and is refused
// (NEGATIVE_BALANCE) when that money has been spent since.
func decideVoid(s *family.State, target string) (Outcome, error) {
	r := s.Record(target)
	switch {
	case r == nil:
		return refused(TargetUnknown), nil
	case !voidable(r.Name):
		return refused(NotVoidable), nil
	case r.VoidedBy != "":
		return refused(AlreadyVoided), nil
	case r.After != nil && !sameProfile(s.Person(r.Person), r.After), !chainClear(s, r):
		return refused(Superseded), nil
	}
	o := Outcome{Status: Confirmed}
	for i := len(r.Entries) - 1; i >= 0; i-- {
		o.Entries = append(o.Entries, r.Entries[i].Reversed("void"))
	}
	return o, nil
}

// replacement says whether a record replaced a bill (an amended bill or a recorded slip):
// voiding it voids the bill as it stands; only an undo brings the bill it replaced back.
func replacement(r *family.Record) bool { return r != nil && bill(r.Name) && r.Voids != "" }

// decideVoidAsItStands is void: a bill that replaced another is voided as it stands (its own
// postings reversed; the bill it replaced stays voided); anything else as decideVoid.
func decideVoidAsItStands(c call, v any) (Outcome, error) {
	s, target := c.s, v.(*VoidArgs).Target
	r := s.Record(target)
	if !replacement(r) {
		return decideVoid(s, target)
	}
	if r.VoidedBy != "" {
		return refused(AlreadyVoided), nil
	}
	return Outcome{Status: Confirmed, Entries: ownReversal(r)}, nil
}

// redoVoidAsItStands is the structure of void: a replacement is marked voided, and what it
// replaced stays voided.
func redoVoidAsItStands(next *family.State, id, target string, rec *family.Record) error {
	t := next.Record(target)
	if !replacement(t) {
		return redoVoid(next, id, target, rec)
	}
	rec.Voids, rec.Person = target, t.Person
	next.Mark(target, func(r *family.Record) { r.VoidedBy = id })
	return nil
}

// decideUndo is a void of the device's last action that can be taken back.
func decideUndo(c call, v any) (Outcome, error) {
	s, m, a := c.s, c.m, v.(*UndoArgs)
	if last := LastAction(s, clientOf(m.ID)); last == nil || last.ID != a.Target {
		return refused(NotLastAction), nil
	}
	return decideVoid(s, a.Target)
}

// LastAction is the newest record of client that an undo would take back: made by that
// client, standing, voidable and not itself an undo; nil when there is none.
func LastAction(s *family.State, client string) *family.Record {
	for i := s.Records.Len() - 1; i >= 0; i-- {
		if clientOf(s.Records.ID(i)) != client {
			continue // decoding only this client's records
		}
		if r := s.Records.At(i); r.VoidedBy == "" && voidable(r.Name) && Name(r.Name) != Undo {
			return r
		}
	}
	return nil
}

// clientOf is the client part of a mutation id ("c_7f3a/12" is "c_7f3a").
func clientOf(id string) string {
	c, _, _ := strings.Cut(id, "/")
	return c
}

// decideAmend reverses the target bill's own postings and settles the corrected bill against
// the state after that reversal, at the original visit: the rules see the bindings of that
// day and the balances of the moment of the correction.
func decideAmend(e *engine.Engine, s *family.State, m Mutation, a *AmendArgs) (Outcome, error) {
	r, code := standingBill(s, a.Target)
	if r == nil {
		return refused(code), nil
	}
	mid, rev, ok := withoutBill(s, r)
	if !ok {
		return refused(NegativeBalance), nil
	}
	o, err := settleVersion(e, &mid, amendMoment(r, &a.Settle), &a.Settle, m.Expected)
	if err != nil {
		return Outcome{}, err
	}
	if o.Status.Applied() {
		o.Entries = append(rev, o.Entries...)
	}
	return o, nil
}

// settleVersion decides a bill (a settle's arguments, or a corrected bill's) against s at
// moment: its split and postings, adjusted when expected (the phone's split) differs.
func settleVersion(e *engine.Engine, s *family.State, moment time.Time, a *SettleArgs, expected *Split) (Outcome, error) {
	req := *a
	if req.CardHolder == "" {
		req.CardHolder = req.Patient
	}
	res, err := e.Settle(s, moment, req)
	if err != nil {
		return Outcome{}, err
	}
	return withSplit(res, expected), nil
}

func amendMoment(r *family.Record, a *SettleArgs) time.Time {
	if !a.Visit.IsZero() {
		return a.Visit
	}
	return r.At
}

func decideEditPerson(c call, v any) (Outcome, error) {
	s, a := c.s, v.(*EditPersonArgs)
	p := s.Person(a.Person)
	if p == nil {
		return Outcome{}, unknownPerson(a.Person)
	}
	next := *p
	editPerson(&next, a)
	if a.AccountHistory != nil {
		if !next.HasAccount {
			return Outcome{}, fieldErr("args.account_history", string(a.Person)+" has no personal account")
		}
		if err := splitRegion(c, next.Region); err != nil {
			return Outcome{}, err
		}
	}
	if sameProfile(p, &next) && sameSplit(p, &next) {
		return refused(NoChange), nil
	}
	// R4: rules.md section 2 (people are told apart by name: no two members share one)
	if a.Name != nil {
		if o, taken := nameTakenBy(s, a.Person, *a.Name); taken {
			return o, nil
		}
	}
	return Outcome{Status: Confirmed}, nil
}

func editPerson(p *family.Person, a *EditPersonArgs) {
	if a.Name != nil {
		p.Name = *a.Name
	}
	if a.Region != nil {
		p.Region = *a.Region
	}
	if a.Insurance != nil {
		setScheme(p, *a.Insurance)
	}
	if a.Status != nil {
		p.Status = *a.Status
	}
	if a.Retired != nil {
		p.Retired = *a.Retired
	}
	if a.Tier != nil {
		p.Tier = *a.Tier
	}
	if a.Sex != nil {
		p.Sex = *a.Sex
	}
	if a.AccountHistory != nil {
		setHistory(p, *a.AccountHistory)
	}
}

// setScheme changes the scheme. Joining employee insurance opens a personal account; leaving
// it keeps the account and its balance (it is paid out or moved by withdraw or transfer).
func setScheme(p *family.Person, in family.Insurance) {
	p.Insurance = in
	if in == family.Employee {
		p.HasAccount = true
	}
}

// nameTakenBy refuses name when another member than self has it (compared as
// family.NameKey), naming that member.
func nameTakenBy(s *family.State, self family.PersonID, name string) (Outcome, bool) {
	key := family.NameKey(name)
	for i := range s.People {
		o := &s.People[i]
		theirs := o.Name
		if theirs == "" {
			theirs = string(o.ID)
		}
		if o.ID != self && family.NameKey(theirs) == key {
			return Outcome{Status: Rejected, Codes: []engine.Code{NameTaken}, Rules: []string{"R4"},
				Explanation: []engine.Line{engine.Say("R4", NameTaken, engine.MsgNameTaken, o.ID)}}, true
		}
	}
	return Outcome{}, false
}

// sameProfile compares what an edit or a life event changes (not balances).
func sameProfile(p, q *family.Person) bool {
	if p == nil || q == nil {
		return p == q
	}
	return p.Name == q.Name && p.Region == q.Region && p.Insurance == q.Insurance && p.Status == q.Status &&
		p.Retired == q.Retired && p.Tier == q.Tier && p.Deceased == q.Deceased && p.Sex == q.Sex
}

// sameSplit says whether p and q give the same prior-years balance (or both none). It is not
// part of sameProfile: a bill may take money from the prior-years part, and that must not
// make a later edit of the name look superseded.
func sameSplit(p, q *family.Person) bool {
	return p.HasHistory == q.HasHistory && p.AccountHistory == q.AccountHistory
}

// setProfile gives p the profile of q, keeping p's accounts. When the change taken back set
// the prior-years balance (after's differs from q's), p gets q's split back, its whole
// balance unchanged.
func setProfile(p, q, after *family.Person) {
	p.Name, p.Region, p.Status, p.Retired, p.Tier, p.Deceased, p.Sex = q.Name, q.Region, q.Status, q.Retired, q.Tier, q.Deceased, q.Sex
	setScheme(p, q.Insurance)
	if after == nil || sameSplit(q, after) {
		return
	}
	if q.HasHistory {
		setHistory(p, q.AccountHistory)
		return
	}
	p.HasHistory, p.Account, p.AccountHistory = false, p.Account+p.AccountHistory, 0
}

// chainClear says whether voiding r puts back a consistent past: the action r voided must
// still be voided by r alone (it stands again), what that one voided must be standing or
// voided by it (it is voided again), and so on down the chain. A later void or undo of one of
// them makes r superseded: take that back first.
func chainClear(s *family.State, r *family.Record) bool {
	by, id, stands := r.ID, r.Voids, true
	for depth := 0; id != "" && depth < family.MaxRecords; depth++ {
		t := s.Record(id)
		if t == nil {
			return true // forgotten (older than MaxRecords): nothing left to put back
		}
		if (stands && t.VoidedBy != by) || (!stands && t.VoidedBy != "" && t.VoidedBy != by) {
			return false
		}
		by, id, stands = t.ID, t.Voids, !stands
	}
	return true
}

// markVoided records that by voided id; the action id had voided stands again, unless id is
// a corrected bill replaced again by by (an amendment of an amendment standing again): the
// bill it replaced stays replaced.
func markVoided(s *family.State, id, by string, depth int) {
	var voids string
	var repl bool
	s.Mark(id, func(r *family.Record) { r.VoidedBy, voids, repl = by, r.Voids, replacement(r) })
	if repl && replacement(s.Record(by)) {
		return
	}
	if voids != "" && depth < family.MaxRecords {
		markStanding(s, voids, depth+1)
	}
}

// markStanding records that id stands again; what it had voided is voided again.
func markStanding(s *family.State, id string, depth int) {
	var voids string
	s.Mark(id, func(r *family.Record) { r.VoidedBy, voids = "", r.Voids })
	if voids != "" && depth < family.MaxRecords {
		markVoided(s, voids, id, depth+1)
	}
}

// redoCorrection is the structural part of a correction: a person's profile edited or put
// back, the voided action marked. Entries are already posted.
func redoCorrection(next *family.State, m Mutation, args any, rec *family.Record) error {
	switch a := args.(type) {
	case *EditPersonArgs:
		p := next.Person(a.Person)
		if p == nil {
			return unknownPerson(a.Person)
		}
		editPerson(p, a)
	case *VoidArgs:
		return redoVoid(next, m.ID, a.Target, rec)
	case *UndoArgs:
		return redoVoid(next, m.ID, a.Target, rec)
	case *AmendArgs:
		// an amended bill's reversal is final: what the target had voided stays voided
		next.Mark(a.Target, func(r *family.Record) { r.VoidedBy = m.ID })
		rec.Voids = a.Target
	}
	return nil
}

func redoVoid(next *family.State, id, target string, rec *family.Record) error {
	t := next.Record(target)
	if t == nil {
		return unknown("args.target", "action", target)
	}
	rec.Voids, rec.Person = target, t.Person
	if t.Before != nil {
		p := next.Person(t.Person)
		if p == nil {
			return unknown("args.target", "person", string(t.Person))
		}
		rec.Before = profileOf(p)
		setProfile(p, t.Before, t.After)
	}
	markVoided(next, target, id, 0)
	return nil
}

func checkEditPerson(a *EditPersonArgs) error {
	if err := first(id("person", string(a.Person)), text("reason", a.Reason, false)); err != nil {
		return err
	}
	if a.Name != nil {
		if err := text("name", strings.TrimSpace(*a.Name), true); err != nil {
			return err
		}
	}
	if a.Region != nil {
		if _, err := region.Parse(string(*a.Region)); err != nil {
			return fieldErr("args.region", err.Error())
		}
	}
	if a.Insurance != nil {
		if err := checkInsurance(*a.Insurance); err != nil {
			return err
		}
	}
	if a.Status != nil {
		if err := checkStatus(*a.Status); err != nil {
			return err
		}
	}
	if a.Sex != nil {
		if err := checkSex(*a.Sex); err != nil {
			return err
		}
	}
	if a.Tier != nil && (*a.Tier < 0 || *a.Tier > 2) {
		return fieldErr("args.tier", strconv.Itoa(*a.Tier)+": want 1, 2 or 0 (unknown)")
	}
	return checkHistory(a.AccountHistory, true)
}

// checkSettle checks a bill's arguments without the state; prefix is where they sit in args.
func checkSettle(a *SettleArgs, prefix string) error {
	return first(id(prefix+"patient", string(a.Patient)), text(prefix+"place", a.Place, false),
		text(prefix+"note", a.Note, false))
}
