package mutation

import (
	"fmt"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
)

// Corrections as of their moment (issue 21). A bill is decided against the accounts as they
// stood when it was made; a correction of it (amend_bill, record_slip, void, undo) decides it
// again there, not at today's balances: the log is redone up to the bill's place, the bill
// as it now stands (or nothing, once voided) is decided against that state, and every later
// change is applied again in order. Later bills and premiums are decided again too (their
// money may have been spent by the corrected bill, or freed by it); each one whose split
// changes is restated in the correction's outcome (Restated: its split before and after, its
// postings reversed and posted anew), so devices redo the correction from the log without the
// engine, and a later void of such a bill takes back what it now posts.
//
// The state keeps no arguments of its records (memory per family stays small): the log is
// read where a correction is decided, through Mutation.History (the server reads its store,
// a device its pulled log and its queue).

// Step is one change of the family's log as a correction reads it: the mutation, its moment
// and its recorded outcome.
type Step struct {
	Mutation Mutation
	At       time.Time
	Outcome  Outcome
}

// History reads the family's whole log in order, from the empty state.
type History func() ([]Step, error)

// Restated is a bill (or premium) a correction decided again as of its moment.
type Restated struct {
	// Record is the bill's key (its record's id).
	Record string `json:"record"`
	// Before and After are its split before and after; Before is nil for a bill that stands
	// again (an undone correction), After nil for one taken back.
	Before *Split `json:"before,omitempty"`
	After  *Split `json:"after,omitempty"`
	// Undone reverses its postings as they were; Entries are its postings now (nil: its record
	// keeps the postings it had).
	Undone  []ledger.Entry `json:"undone,omitempty"`
	Entries []ledger.Entry `json:"entries,omitempty"`
}

// Changed says whether a restated bill's split changed while the bill stayed the same
// version: a later line a person should see before and after.
func (r *Restated) Changed() bool {
	return r.Before != nil && r.After != nil && !r.Before.Equal(r.After)
}

// restate applies an outcome's restated bills to next: their money, and their records'
// postings.
func restate(next *family.State, rs []Restated) error {
	for i := range rs {
		r := &rs[i]
		for _, list := range [][]ledger.Entry{r.Undone, r.Entries} {
			for _, e := range list {
				if _, err := ledger.Apply(next, e); err != nil {
					return fmt.Errorf("restated %s: %w", r.Record, err)
				}
			}
		}
		if r.Entries != nil {
			entries := r.Entries
			next.Mark(r.Record, func(rec *family.Record) { rec.Entries = entries })
		}
	}
	return nil
}

// act is what an applied step did: its own mutation, or an approval's request.
type act struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	key  string
	name Name
	args any
	at   time.Time
}

// version is one version of a bill in the log: a settle or premium (its own slot), or a
// corrected bill (amend_bill, record_slip) in the slot of the bill it replaced.
type version struct {
	act
	slot   string
	moment time.Time
	split  *Split         // as it stands in the log (made, then restated)
	own    []ledger.Entry // its own postings as they stand
}

// past is the log read for one correction.
type past struct {
	steps    []Step
	acts     []*act              // per step: what it did when applied, nil otherwise
	versions map[string]*version // by key
	slotAt   map[string]int      // a slot's step
	targets  map[string]string   // a correction's target, by key
	bySlot   map[string][]string // the versions of a slot, in the log's order
}

func readPast(s *family.State, steps []Step) *past {
	p := &past{steps: steps, acts: make([]*act, len(steps)), versions: map[string]*version{},
		slotAt: map[string]int{}, targets: map[string]string{}, bySlot: map[string][]string{}}
	requests := map[string]Mutation{}
	for i := range steps {
		st := &steps[i]
		if st.Outcome.Status == PendingConsent && st.Outcome.Request == "" {
			requests[st.Mutation.ID] = st.Mutation
		}
		if !st.Outcome.Status.Applied() {
			continue
		}
		m := st.Mutation
		if Canonical(m.Name) == Approve && st.Outcome.Request != "" {
			var ok bool
			if m, ok = requests[st.Outcome.Request]; !ok {
				if r := s.Request(st.Outcome.Request); r != nil {
					m, _ = intentOf(r)
				}
			}
		}
		k, ok := KindOf(m.Name)
		if !ok {
			continue
		}
		args, err := k.decode(m.Args)
		if err != nil {
			continue
		}
		a := &act{key: m.ID, name: k.Name, args: args, at: st.At}
		p.acts[i] = a
		p.note(a, k, &st.Outcome)
		if v := p.versions[a.key]; v != nil && v.slot == a.key {
			p.slotAt[a.key] = i
		}
	}
	return p
}

// decoded is step j's mutation with its arguments decoded once (readPast), for Redo.
func (p *past) decoded(j int) Mutation {
	m := p.steps[j].Mutation
	if a := p.acts[j]; a != nil && a.key == m.ID && m.Decoded == nil {
		m.Decoded = a.args
	}
	return m
}

// note records what an applied act means for the bills: a version, a correction's target, a
// restatement.
func (p *past) note(a *act, k Kind, o *Outcome) {
	if k.target != nil {
		p.targets[a.key] = k.target(a.args)
	}
	if k.split {
		v := &version{act: *a, slot: a.key, split: o.Split, own: ownEntries(o.Entries)}
		v.moment = p.momentOf(v)
		if k.bill && k.target != nil {
			if t := p.versions[k.target(a.args)]; t != nil {
				v.slot = t.slot
			}
		}
		p.versions[a.key] = v
		p.bySlot[v.slot] = append(p.bySlot[v.slot], a.key)
	}
	for _, r := range o.Restated {
		if v := p.versions[r.Record]; v != nil {
			if r.After != nil {
				v.split = r.After
			}
			if r.Entries != nil {
				v.own = r.Entries
			}
		}
	}
}

// momentOf is when the rules decide a version: a bill's visit, a premium's moment, a
// corrected bill's own visit or else the moment of the bill it replaced.
func (p *past) momentOf(v *version) time.Time {
	switch a := v.args.(type) {
	case *SettleArgs:
		return visitMoment(a, v.at)
	case *AmendArgs:
		return p.replacedMoment(a.Target, &a.Settle, v.at)
	case *RecordSlipArgs:
		return p.replacedMoment(a.Target, &a.Settle, v.at)
	}
	return v.at
}

func (p *past) replacedMoment(target string, a *SettleArgs, at time.Time) time.Time {
	if !a.Visit.IsZero() {
		return a.Visit
	}
	if t := p.versions[target]; t != nil {
		return t.moment
	}
	return at
}

// ownEntries are a bill's own postings among its entries (not the reversal of what it
// replaced).
func ownEntries(es []ledger.Entry) []ledger.Entry {
	var own []ledger.Entry
	for _, e := range es {
		if e.Kind != "void" {
			own = append(own, e)
		}
	}
	return own
}

// slotOf is the bill slot a correction of target reaches: the slot of the version it names,
// or, for a correction of a correction (a void of a void), of what that one reached.
func (p *past) slotOf(target string) (string, bool) {
	for depth := 0; depth < family.MaxRecords; depth++ {
		if v := p.versions[target]; v != nil {
			return v.slot, true
		}
		next, ok := p.targets[target]
		if !ok {
			return "", false
		}
		target = next
	}
	return "", false
}

// from is the step the log must be decided again from for a correction reaching slot: the
// slot's step, or an earlier one whose bill a later correction in between reached (the state
// before it must not hold a version that correction replaced).
func (p *past) from(slot string) (int, bool) {
	k, ok := p.slotAt[slot]
	if !ok {
		return 0, false
	}
	for moved := true; moved; {
		moved = false
		for j := k + 1; j < len(p.steps); j++ {
			a := p.acts[j]
			if a == nil || p.targets[a.key] == "" {
				continue
			}
			s, ok := p.slotOf(p.targets[a.key])
			if at, known := p.slotAt[s]; ok && known && at < k {
				k, moved = at, true
			}
		}
	}
	return k, true
}

// standings are which records stand in a state (read once: a state finds a record by a
// scan).
type standings map[string]bool

func standingsOf(s *family.State) standings {
	st := standings{}
	for r := range s.Records.All() {
		st[r.ID] = r.VoidedBy == ""
	}
	return st
}

// standing says whether version key stands (a forgotten record: unless a correction in the
// log reached it).
func (p *past) standing(st standings, key string) bool {
	if stands, ok := st[key]; ok {
		return stands
	}
	for _, t := range p.targets {
		if t == key {
			return false
		}
	}
	return true
}

// standsIn is the version of slot standing, "" for none; extra is the bill a correction makes
// in its slot.
func (p *past) standsIn(st standings, slot string, extra *version) string {
	if extra != nil && extra.slot == slot {
		return extra.key
	}
	for _, key := range p.bySlot[slot] {
		if p.standing(st, key) {
			return key
		}
	}
	return ""
}

// asOfMoment decides correction m of a bill again as of the bill's moment (today is its
// decision at s's balances, which stands when the log is not at hand or m reaches no bill).
func asOfMoment(c call, k Kind, args any, today Outcome) (Outcome, error) {
	if !today.Status.Applied() || c.m.History == nil || k.target == nil {
		return today, nil
	}
	steps, err := c.m.History()
	if err != nil {
		return Outcome{}, fmt.Errorf("the family's log: %w", err)
	}
	p := readPast(c.s, steps)
	slot, ok := p.slotOf(k.target(args))
	if !ok {
		return today, nil // not a bill: its own reversal is exact
	}
	from, ok := p.from(slot)
	if !ok {
		return today, nil // the bill's place is not in the log (older than it)
	}
	// the standing bills once m is made: its marks on a copy, and the bill it makes
	marks := c.s.Clone()
	if k.finish != nil {
		if err := k.finish(&marks, c, args, &family.Record{ID: c.m.ID, Name: string(k.Name), At: c.at}); err != nil {
			return Outcome{}, err
		}
	}
	var made *version
	if k.split {
		made = &version{act: act{key: c.m.ID, name: k.Name, args: args, at: c.at}, slot: slot}
		made.moment = p.momentOf(made)
	}
	return p.decideFrom(c, from, marks, made, k.target(args), today)
}

// decideFrom redoes the log before step from, decides every slot from there on as it stands
// after the correction, and returns the correction's outcome: its own postings (the target
// slot's) and the other slots restated.
func (p *past) decideFrom(c call, from int, marks family.State, made *version, target string, today Outcome) (Outcome, error) {
	before, after := standingsOf(c.s), standingsOf(&marks)
	sim := family.State{}
	for j := 0; j < from; j++ {
		next, err := Redo(&sim, p.decoded(j), p.steps[j].At, p.steps[j].Outcome)
		if err != nil {
			return Outcome{}, fmt.Errorf("the family's log, change %d: %w", j+1, err)
		}
		sim = next
	}
	o := today
	o.Entries, o.Restated = nil, nil
	for j := from; j < len(p.steps); j++ {
		st, a := &p.steps[j], p.acts[j]
		var err error
		switch {
		case a != nil && p.versions[a.key] != nil && p.versions[a.key].slot == a.key:
			if err = postCredits(&sim, st.Outcome.Credits); err == nil {
				var refused *Outcome
				refused, err = p.decideSlot(c, &sim, &o, p.standsIn(before, a.key, nil), p.standsIn(after, a.key, made), made, target)
				if refused != nil {
					return *refused, nil // the rules refuse the bill there now
				}
			}
		case a != nil && p.targets[a.key] != "" && p.reachesBill(a.key):
			err = postCredits(&sim, st.Outcome.Credits) // its money is the slots' as they now stand
		default:
			var next family.State
			if next, err = Redo(&sim, p.decoded(j), st.At, st.Outcome); err == nil {
				sim = next
			}
		}
		if err == nil {
			err = CheckNonNegative(&sim)
		}
		if err != nil {
			// L1: architecture.md money invariants (no account or wallet goes below zero, then either)
			return Outcome{Status: Rejected, Codes: []engine.Code{NegativeBalance}, Ruleset: today.Ruleset,
				Error: fieldErr("args.target", "decided again at the bill's moment, "+err.Error()+" at change "+st.Mutation.ID)}, nil
		}
	}
	return o, nil
}

// decideSlot decides a slot as it stands after the correction (now, "" for none; cur stood
// before) against sim, posts it there, and adds to o what changes: the target's reversal,
// the corrected bill, or the slot restated. refused is the rules' refusal of the bill there.
func (p *past) decideSlot(c call, sim *family.State, o *Outcome, cur, now string, made *version, target string) (refused *Outcome, err error) {
	d := &Outcome{}
	if now != "" {
		v := made
		if now != made.keyOrEmpty() {
			v = p.versions[now]
		}
		if *d, err = decideVersion(c, sim, v); err != nil {
			return nil, err
		}
		if !d.Status.Applied() {
			return d, nil
		}
		for _, e := range d.Entries {
			if _, err = ledger.Apply(sim, e); err != nil {
				return nil, err
			}
		}
	}
	cv := p.versions[cur]
	if cur == now && (cv == nil || d.Split.Equal(cv.split)) {
		return nil, nil // the same bill, the same split: nothing changes
	}
	if cur != "" && cur == target {
		o.Entries = append(o.Entries, reversal(cv)...) // what the correction takes back
		cv = nil
	}
	switch {
	case made != nil && now == made.key:
		o.Entries = append(o.Entries, d.Entries...)
		o.Split, o.Explanation, o.Rules, o.Codes = d.Split, d.Explanation, d.Rules, d.Codes
		o.Status, o.Expected = Confirmed, nil
		// M1: architecture.md data flow 3 (the server's split wins; the phone's is kept beside it)
		if c.m.Expected != nil && !c.m.Expected.Equal(o.Split) {
			o.Status, o.Expected = Adjusted, c.m.Expected
		}
	case cv != nil || now != "":
		o.Restated = append(o.Restated, restatedOf(cv, now, d))
	}
	return nil, nil
}

func (v *version) keyOrEmpty() string {
	if v == nil {
		return ""
	}
	return v.key
}

// reachesBill says whether the correction key reaches a bill slot.
func (p *past) reachesBill(key string) bool {
	_, ok := p.slotOf(p.targets[key])
	return ok
}

// reversal reverses a version's own postings, newest first (none for no version).
func reversal(v *version) []ledger.Entry {
	if v == nil {
		return nil
	}
	rev := make([]ledger.Entry, 0, len(v.own))
	for i := len(v.own) - 1; i >= 0; i-- {
		rev = append(rev, v.own[i].Reversed("void"))
	}
	return rev
}

// restatedOf is a slot's bill decided again: cur as it stood (nil: none stood), now the version
// standing after the correction ("" none) as decided.
func restatedOf(cur *version, now string, decided *Outcome) Restated {
	r := Restated{Record: now, Undone: reversal(cur)}
	if cur != nil && (now == "" || now == cur.key) {
		r.Record, r.Before = cur.key, cur.split
	}
	if now != "" {
		r.After, r.Entries = decided.Split, decided.Entries
		if r.Entries == nil {
			r.Entries = []ledger.Entry{}
		}
	}
	return r
}

// decideVersion decides a version of a bill against sim at its moment.
func decideVersion(c call, sim *family.State, v *version) (Outcome, error) {
	switch a := v.args.(type) {
	case *SettleArgs:
		return settleVersion(c.e, sim, v.moment, a, nil)
	case *AmendArgs:
		return settleVersion(c.e, sim, v.moment, &a.Settle, nil)
	case *RecordSlipArgs:
		sl, err := a.ReadSlip()
		if err != nil {
			return Outcome{}, err
		}
		return slipVersion(c.e, sim, v.moment, a, sl)
	case *PremiumArgs:
		r, err := c.e.PayPremium(sim, v.moment, *a)
		return withSplit(r, nil), err
	}
	return Outcome{}, fmt.Errorf("%s: not a bill", v.key)
}
