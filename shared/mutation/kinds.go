package mutation

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
)

// Kind is everything Gongji knows about one mutation kind, declared once (kindList): its
// name, how its arguments are read and checked, whose consent it needs, how it is decided,
// how its outcome is redone and remembered for corrections, and the sign rules of its
// amounts. Every other place reads this list (Names, Decode, ApplyAs, Apply, Redo,
// CheckAmounts, server/API.md's consent table), so a kind cannot exist without a consent
// rule: kind panics at start without one, and a name with no entry is nobody's to make
// (Apply answers Unknown, nothing changes).
type Kind struct {
	Name Name
	// Args is the argument type's name, for the documentation (ConsentTable).
	Args string
	// Consent says in words whose consent the kind needs (the table in server/API.md).
	Consent string

	decode   func(json.RawMessage) (any, error)
	need     func(s *family.State, args any) need
	decide   func(c call, args any) (Outcome, error)
	build    func(next *family.State, c call, args any) error
	finish   func(next *family.State, c call, args any, rec *family.Record) error
	record   func(c call, args any, r *family.Record)
	amounts  func(args any) []amountRule
	argsType func(args any) bool
	// voidable: void and undo may take it back; bill: amend_bill and record_slip may replace it.
	voidable, bill bool
}

// call is one mutation being decided or redone: the engine (nil when redoing), the state it
// meets (the monthly credits due already accrued), the mutation and its moment.
type call struct {
	e  *engine.Engine
	s  *family.State
	m  Mutation
	at time.Time
}

// spec is a Kind's declaration with its argument type T.
type spec[T any] struct {
	args    string
	consent string
	check   func(*T) error
	need    func(s *family.State, a *T) need
	decide  func(c call, a *T) (Outcome, error)
	// build is the structure made before the outcome's entries are posted (a person must
	// exist before their opening entry); finish what follows them.
	build  func(next *family.State, c call, a *T) error
	finish func(next *family.State, c call, a *T, rec *family.Record) error
	// record fills what a correction needs to know of the action; nil: not remembered.
	record   func(c call, a *T, r *family.Record)
	amounts  func(a *T) []amountRule
	voidable bool
	bill     bool
}

// kind declares the mutation kind name. A kind without a consent rule or a decision cannot
// be declared.
func kind[T any](name Name, sp spec[T]) Kind {
	if sp.need == nil || sp.decide == nil || sp.check == nil || sp.consent == "" {
		panic(fmt.Sprintf("mutation kind %q: consent, decision and argument check are required", name))
	}
	k := Kind{Name: name, Args: sp.args, Consent: sp.consent, voidable: sp.voidable, bill: sp.bill,
		decode: func(raw json.RawMessage) (any, error) { return decodeAs(raw, sp.check) },
		need:   func(s *family.State, args any) need { return sp.need(s, args.(*T)) },
		decide: func(c call, args any) (Outcome, error) { return sp.decide(c, args.(*T)) },
		argsType: func(args any) bool {
			_, ok := args.(*T)
			return ok
		},
	}
	if sp.build != nil {
		k.build = func(next *family.State, c call, args any) error { return sp.build(next, c, args.(*T)) }
	}
	if sp.finish != nil {
		k.finish = func(next *family.State, c call, args any, rec *family.Record) error {
			return sp.finish(next, c, args.(*T), rec)
		}
	}
	if sp.record != nil {
		k.record = func(c call, args any, r *family.Record) { sp.record(c, args.(*T), r) }
	}
	if sp.amounts != nil {
		k.amounts = func(args any) []amountRule { return sp.amounts(args.(*T)) }
	}
	return k
}

// Kinds lists every mutation kind this build knows, in a fixed order.
func Kinds() []Kind { return kindList }

// KindOf is the kind called n (or an old name of it); ok is false for a name this build does
// not know.
func KindOf(n Name) (Kind, bool) {
	i, ok := kindIndex[Canonical(n)]
	if !ok {
		return Kind{}, false
	}
	return kindList[i], true
}

// kindList is the one declaration of every mutation kind (declareKinds) and kindIndex finds
// one by name. Both are set once in init (the kinds' decisions refer to the list: void asks
// which kinds are voidable) and only read after.
var (
	kindList  []Kind
	kindIndex map[Name]int
)

func init() {
	kindList = declareKinds()
	kindIndex = make(map[Name]int, len(kindList))
	for i, k := range kindList {
		if _, dup := kindIndex[k.Name]; dup {
			panic(fmt.Sprintf("mutation kind %q declared twice", k.Name))
		}
		kindIndex[k.Name] = i
	}
}

// Whose consent, in words (ConsentTable and server/API.md).
const (
	consentAnyone     = "anyone in the family (it moves nobody's money)"
	consentOwner      = "the owner only"
	consentServer     = "the server only (a device's push is refused)"
	consentPerson     = "the person it names"
	consentTouched    = "every person whose account, wallet or profile the target changed (and whoever approved the target, if it was a request)"
	consentDecider    = "each person the request asks (it runs when the last of them approves) or the owner; any of them declines"
	consentAuthorizer = "the authorizer (whose account will pay)"
)

// declareKinds declares every mutation kind, in the fixed order of Names.
func declareKinds() []Kind {
	return []Kind{
		kind(AddPerson, spec[PersonArgs]{args: "PersonArgs", consent: consentAnyone, check: checkPerson,
			need:   func(*family.State, *PersonArgs) need { return need{anyone: true} },
			decide: func(c call, a *PersonArgs) (Outcome, error) { return decidePerson(c.s, a) },
			build:  func(next *family.State, _ call, a *PersonArgs) error { addPerson(next, a); return nil },
			amounts: func(a *PersonArgs) []amountRule {
				return []amountRule{{"args.account", a.Account, zeroOK}, {"args.wallet", a.Wallet, zeroOK}}
			}}),
		kind(Link, spec[LinkArgs]{args: "LinkArgs", consent: consentAnyone, check: checkLink,
			need:   func(*family.State, *LinkArgs) need { return need{anyone: true} },
			decide: func(c call, a *LinkArgs) (Outcome, error) { return decideLink(c.s, a) },
			build: func(next *family.State, _ call, a *LinkArgs) error {
				next.Links = append(next.Links, linkOf(a))
				return nil
			}}),
		kind(Bind, spec[BindArgs]{args: "BindArgs", consent: consentAuthorizer, check: checkBind,
			need: func(_ *family.State, a *BindArgs) need {
				return need{persons: []family.PersonID{a.Authorizer},
					line: engine.Say("K1", ConsentRequired, engine.MsgConsentBind, a.Authorizer, a.Beneficiary)}
			},
			decide: decideBind, build: buildBind}),
		kind(Revoke, spec[RevokeArgs]{args: "RevokeArgs", consent: "the authorizer or the beneficiary",
			check:  func(a *RevokeArgs) error { return id("binding", a.Binding) },
			need:   needRevoke,
			decide: func(c call, a *RevokeArgs) (Outcome, error) { return decideRevoke(c.s, a) },
			build: func(next *family.State, c call, a *RevokeArgs) error {
				return revoke(next, a.Binding, civil.DateOf(c.at))
			}}),
		kind(Settle, spec[SettleArgs]{args: "SettleArgs", consent: "the patient (the bindings that pay are their authorizers' consent, given once)",
			check:    func(a *SettleArgs) error { return checkSettle(a, "") },
			need:     func(_ *family.State, a *SettleArgs) need { return one(a.Patient) },
			decide:   decideSettle,
			record:   func(c call, a *SettleArgs, r *family.Record) { r.Person, r.At = a.Patient, visitMoment(a, c.at) },
			amounts:  func(a *SettleArgs) []amountRule { return billRules(a, false) },
			voidable: true, bill: true}),
		kind(PayPremium, spec[PremiumArgs]{args: "PremiumArgs", consent: "the insured person (likewise)", check: checkPremium,
			need: func(_ *family.State, a *PremiumArgs) need { return one(a.Insured) },
			decide: func(c call, a *PremiumArgs) (Outcome, error) {
				r, err := c.e.PayPremium(c.s, c.at, *a)
				return withSplit(r, c.m.Expected), err
			},
			record:   func(_ call, a *PremiumArgs, r *family.Record) { r.Person = a.Insured },
			amounts:  func(a *PremiumArgs) []amountRule { return []amountRule{{"args.amount", a.Amount, positive}} },
			voidable: true}),
		kind(WalletTransfer, spec[WalletTransferArgs]{args: "WalletTransferArgs", consent: "the sender", check: checkWalletTransfer,
			need: func(_ *family.State, a *WalletTransferArgs) need { return one(a.From) },
			decide: func(c call, a *WalletTransferArgs) (Outcome, error) {
				req := *a
				req.ID = c.m.ID
				r, err := c.e.WalletTransfer(c.s, c.at, req)
				return fromDecision(r.Allowed, r.Decision), err
			},
			finish: func(next *family.State, c call, a *WalletTransferArgs, _ *family.Record) error {
				next.Transfers = append(next.Transfers, family.WalletTransfer{ID: c.m.ID, From: a.From, To: a.To,
					Amount: a.Amount, Source: a.Source, At: c.at, State: family.Pending})
				return nil
			},
			amounts: func(a *WalletTransferArgs) []amountRule { return []amountRule{{"args.amount", a.Amount, positive}} }}),
		kind(WalletAccept, spec[WalletRefArgs]{args: "WalletRefArgs", consent: "the recipient", check: checkWalletRef,
			need: func(s *family.State, a *WalletRefArgs) need {
				if t := s.Transfer(a.Transfer); t != nil {
					return one(t.To)
				}
				return need{owner: true} // unknown: refused anyway; asks no one
			},
			decide: func(c call, a *WalletRefArgs) (Outcome, error) {
				return decideWalletRef(c.e, c.s, WalletAccept, a, c.at)
			},
			finish: func(next *family.State, _ call, a *WalletRefArgs, _ *family.Record) error {
				return settleTransfer(next, a.Transfer, family.Accepted)
			}}),
		kind(WalletExpire, spec[WalletRefArgs]{args: "WalletRefArgs", consent: consentServer, check: checkWalletRef,
			need: func(*family.State, *WalletRefArgs) need { return need{server: true} },
			decide: func(c call, a *WalletRefArgs) (Outcome, error) {
				return decideWalletRef(c.e, c.s, WalletExpire, a, c.at)
			},
			finish: func(next *family.State, _ call, a *WalletRefArgs, _ *family.Record) error {
				return settleTransfer(next, a.Transfer, family.Refunded)
			}}),
		kind(Withdraw, spec[WithdrawArgs]{args: "WithdrawArgs", consent: consentPerson,
			check: func(a *WithdrawArgs) error {
				return first(id("person", string(a.Person)), text("ground", a.Ground, false))
			},
			need: func(_ *family.State, a *WithdrawArgs) need { return one(a.Person) },
			decide: func(c call, a *WithdrawArgs) (Outcome, error) {
				r, err := c.e.Withdraw(c.s, c.at, *a)
				return fromDecision(r.Allowed, r.Decision), err
			},
			finish: func(next *family.State, _ call, a *WithdrawArgs, _ *family.Record) error {
				// D3: rules.md section 6 (the account is closed after a withdrawal)
				if p := next.Person(a.Person); p != nil {
					p.HasAccount = false
				}
				return nil
			}}),
		kind(Transfer, spec[TransferArgs]{args: "TransferArgs", consent: consentPerson, check: checkTransfer,
			need:   func(_ *family.State, a *TransferArgs) need { return one(a.Person) },
			decide: func(c call, a *TransferArgs) (Outcome, error) { return decideTransfer(c.e, c.s, a, c.at, c.m.ID) },
			finish: func(next *family.State, _ call, a *TransferArgs, _ *family.Record) error {
				if p := next.Person(a.Person); p != nil {
					p.Region = a.ToRegion
				}
				return nil
			},
			record: func(_ call, a *TransferArgs, r *family.Record) { r.Person = a.Person }}),
		kind(Credit, spec[CreditArgs]{args: "CreditArgs", consent: consentPerson,
			check: func(a *CreditArgs) error { return checkMoney(a.Person, a.Account, a.Amount, a.Memo, true) },
			need:  func(_ *family.State, a *CreditArgs) need { return one(a.Person) },
			decide: func(c call, a *CreditArgs) (Outcome, error) {
				return decideMoney(c.s, "credit", a.Person, a.Account, a.Amount)
			},
			record:   func(_ call, a *CreditArgs, r *family.Record) { r.Person = a.Person },
			amounts:  func(a *CreditArgs) []amountRule { return []amountRule{{"args.amount", a.Amount, positive}} },
			voidable: true}),
		kind(Correct, spec[CorrectArgs]{args: "CorrectArgs", consent: consentPerson,
			check: func(a *CorrectArgs) error {
				return first(checkMoney(a.Person, a.Account, a.Amount, a.Memo, false), text("memo", a.Memo, true))
			},
			need: func(_ *family.State, a *CorrectArgs) need { return one(a.Person) },
			decide: func(c call, a *CorrectArgs) (Outcome, error) {
				return decideMoney(c.s, "correction", a.Person, a.Account, a.Amount)
			},
			record:   func(_ call, a *CorrectArgs, r *family.Record) { r.Person = a.Person },
			amounts:  func(a *CorrectArgs) []amountRule { return []amountRule{{"args.amount", a.Amount, signedNonZero}} },
			voidable: true}),
		kind(Approve, spec[RequestArgs]{args: "RequestArgs", consent: consentDecider, check: checkRequestArgs,
			need: needNobody, decide: decideOnlyAs}),
		kind(Decline, spec[RequestArgs]{args: "RequestArgs", consent: consentDecider, check: checkRequestArgs,
			need: needNobody, decide: decideOnlyAs}),
		kind(LinkDevice, spec[LinkDeviceArgs]{args: "LinkDeviceArgs", consent: consentOwner, check: checkLinkDevice,
			need: func(_ *family.State, a *LinkDeviceArgs) need {
				return need{owner: true, line: engine.Say("K1", ConsentRequired, engine.MsgConsentDevice, a.Person)}
			},
			decide: func(c call, a *LinkDeviceArgs) (Outcome, error) { return decideLinkDevice(c.s, a) },
			build: func(next *family.State, _ call, a *LinkDeviceArgs) error {
				next.LinkDevice(a.Device, a.Person)
				return nil
			}}),
		kind(EditPerson, spec[EditPersonArgs]{args: "EditPersonArgs", consent: consentPerson, check: checkEditPerson,
			need:   func(_ *family.State, a *EditPersonArgs) need { return one(a.Person) },
			decide: func(c call, a *EditPersonArgs) (Outcome, error) { return decideEditPerson(c.s, a) },
			finish: func(next *family.State, _ call, a *EditPersonArgs, _ *family.Record) error {
				p := next.Person(a.Person)
				if p == nil {
					return fieldErr("args.person", fmt.Sprintf("unknown person %q", a.Person))
				}
				editPerson(p, a)
				return nil
			},
			record: func(c call, a *EditPersonArgs, r *family.Record) {
				r.Person, r.Before = a.Person, profileOf(c.s.Person(a.Person))
			},
			voidable: true}),
		kind(Void, spec[VoidArgs]{args: "VoidArgs", consent: consentTouched,
			check: func(a *VoidArgs) error { return first(id("target", a.Target), text("reason", a.Reason, false)) },
			need:  func(s *family.State, a *VoidArgs) need { return needTouched(s, a.Target) },
			decide: func(c call, a *VoidArgs) (Outcome, error) {
				return decideVoidAsItStands(c.s, a.Target)
			},
			finish: func(next *family.State, c call, a *VoidArgs, rec *family.Record) error {
				return redoVoidAsItStands(next, c.m.ID, a.Target, rec)
			},
			record:   func(call, *VoidArgs, *family.Record) {}, // person and profiles: redoVoid
			voidable: true}),
		kind(AmendBill, spec[AmendArgs]{args: "AmendArgs", consent: consentTouched + "; the corrected bill's patient",
			check: func(a *AmendArgs) error {
				return first(id("target", a.Target), text("reason", a.Reason, false), checkSettle(&a.Settle, "settle."))
			},
			need: func(s *family.State, a *AmendArgs) need { return needTouched(s, a.Target, a.Settle.Patient) },
			decide: func(c call, a *AmendArgs) (Outcome, error) {
				if err := checkVisit(&a.Settle, c.at, "args.settle.visit"); err != nil {
					return Outcome{}, err
				}
				return decideAmend(c.e, c.s, c.m, a)
			},
			finish: func(next *family.State, c call, a *AmendArgs, rec *family.Record) error {
				// an amended bill's reversal is final: what the target had voided stays voided
				next.Mark(a.Target, func(r *family.Record) { r.VoidedBy = c.m.ID })
				rec.Voids = a.Target
				return nil
			},
			record:   func(c call, a *AmendArgs, r *family.Record) { billRecord(c, &a.Settle, a.Target, r) },
			amounts:  func(a *AmendArgs) []amountRule { return billRules(&a.Settle, true) },
			voidable: true, bill: true}),
		kind(Undo, spec[UndoArgs]{args: "UndoArgs", consent: "what voiding its target would need",
			check:  func(a *UndoArgs) error { return id("target", a.Target) },
			need:   func(s *family.State, a *UndoArgs) need { return needTouched(s, a.Target) },
			decide: func(c call, a *UndoArgs) (Outcome, error) { return decideUndo(c.s, c.m, a) },
			finish: func(next *family.State, c call, a *UndoArgs, rec *family.Record) error {
				return redoVoid(next, c.m.ID, a.Target, rec)
			},
			record:   func(call, *UndoArgs, *family.Record) {},
			voidable: true}),
		kind(LifeEvent, spec[LifeEventArgs]{args: "LifeEventArgs", consent: consentPerson, check: checkLifeEvent,
			need:   func(_ *family.State, a *LifeEventArgs) need { return one(a.Person) },
			decide: func(c call, a *LifeEventArgs) (Outcome, error) { return decideLifeEvent(c.s, a) },
			finish: func(next *family.State, _ call, a *LifeEventArgs, _ *family.Record) error {
				p := next.Person(a.Person)
				if p == nil {
					return fieldErr("args.person", fmt.Sprintf("unknown person %q", a.Person))
				}
				lifeEvent(p, a)
				return nil
			},
			record: func(c call, a *LifeEventArgs, r *family.Record) {
				r.Person, r.Before = a.Person, profileOf(c.s.Person(a.Person))
			},
			voidable: true}),
		kind(TransferArrive, spec[TransferArriveArgs]{args: "TransferArriveArgs", consent: "the person whose balance arrives",
			check: func(a *TransferArriveArgs) error { return id("transfer", a.Transfer) },
			need: func(s *family.State, a *TransferArriveArgs) need {
				if r := s.Record(a.Transfer); r != nil && Name(r.Name) == Transfer {
					return one(r.Person)
				}
				return need{owner: true}
			},
			decide: func(c call, a *TransferArriveArgs) (Outcome, error) { return decideArrive(c.s, a) },
			finish: func(next *family.State, c call, a *TransferArriveArgs, _ *family.Record) error {
				if !next.Mark(a.Transfer, func(r *family.Record) { r.Arrived = c.m.ID }) {
					return fieldErr("args.transfer", fmt.Sprintf("unknown transfer %q", a.Transfer))
				}
				return nil
			}}),
		kind(RecordSlip, spec[RecordSlipArgs]{args: "RecordSlipArgs", consent: consentTouched, check: checkRecordSlip,
			need:   func(s *family.State, a *RecordSlipArgs) need { return needTouched(s, a.Target, a.Settle.Patient) },
			decide: func(c call, a *RecordSlipArgs) (Outcome, error) { return decideRecordSlip(c.e, c.s, a, c.at) },
			finish: func(next *family.State, c call, a *RecordSlipArgs, rec *family.Record) error {
				// like an amended bill: the reversal is final, what the target voided stays voided
				next.Mark(a.Target, func(r *family.Record) { r.VoidedBy = c.m.ID })
				rec.Voids = a.Target
				return nil
			},
			record:   func(c call, a *RecordSlipArgs, r *family.Record) { billRecord(c, &a.Settle, a.Target, r) },
			amounts:  func(a *RecordSlipArgs) []amountRule { return billRules(&a.Settle, true) },
			voidable: true, bill: true}),
		kind(SetCreditSchedule, spec[CreditScheduleArgs]{args: "CreditScheduleArgs", consent: consentPerson,
			check:  checkCreditSchedule,
			need:   func(_ *family.State, a *CreditScheduleArgs) need { return one(a.Person) },
			decide: func(c call, a *CreditScheduleArgs) (Outcome, error) { return decideCreditSchedule(c.s, a, c.at) },
			finish: func(next *family.State, c call, a *CreditScheduleArgs, _ *family.Record) error {
				redoCreditSchedule(next, c.m, a, c.at)
				return nil
			},
			amounts: func(a *CreditScheduleArgs) []amountRule { return []amountRule{{"args.amount", a.Amount, zeroOK}} }}),
		kind(Checkpoint, spec[CheckpointArgs]{args: "CheckpointArgs", consent: consentPerson, check: checkCheckpoint,
			need:   func(_ *family.State, a *CheckpointArgs) need { return one(a.Person) },
			decide: func(c call, a *CheckpointArgs) (Outcome, error) { return decideCheckpoint(c.s, a, c.at) },
			finish: func(next *family.State, c call, a *CheckpointArgs, _ *family.Record) error {
				next.AddCheckpoint(checkpointOf(c.s, c.m, a, c.at))
				return nil
			},
			amounts: func(a *CheckpointArgs) []amountRule { return []amountRule{{"args.balance", a.Balance, zeroOK}} }}),
	}
}

// billRules are the sign rules of a bill's amounts: a settle's, or a corrected bill's (in
// args.settle).
func billRules(a *SettleArgs, corrected bool) []amountRule {
	b := a.Bill
	if corrected {
		return []amountRule{{"args.settle.bill.total", b.Total, zeroOK}, {"args.settle.bill.fund", b.Fund, zeroOK},
			{"args.settle.bill.policy_self_pay", b.PolicySelfPay, zeroOK}, {"args.settle.bill.full_self_pay", b.FullSelfPay, zeroOK}}
	}
	return []amountRule{{"args.bill.total", b.Total, zeroOK}, {"args.bill.fund", b.Fund, zeroOK},
		{"args.bill.policy_self_pay", b.PolicySelfPay, zeroOK}, {"args.bill.full_self_pay", b.FullSelfPay, zeroOK}}
}

// billRecord remembers a bill that replaced target: its patient, at the target's visit unless
// the corrected bill names its own.
func billRecord(c call, a *SettleArgs, target string, r *family.Record) {
	r.Person = a.Patient
	if t := c.s.Record(target); t != nil {
		r.At = amendMoment(t, a)
	}
}

func checkWalletRef(a *WalletRefArgs) error { return id("transfer", a.Transfer) }

func checkRequestArgs(a *RequestArgs) error {
	return first(id("request", a.Request), text("reason", a.Reason, false))
}

func needNobody(*family.State, *RequestArgs) need { return need{owner: true} }

func decideOnlyAs(c call, _ *RequestArgs) (Outcome, error) {
	return Outcome{}, fieldErr("name", fmt.Sprintf("%s needs the device that decides (ApplyAs)", c.m.Name))
}

func decideLink(s *family.State, a *LinkArgs) (Outcome, error) {
	next := s.Clone()
	next.Links = append(next.Links, linkOf(a))
	// R1: rules.md section 2 (a relation is recorded once, consistently both ways)
	if err := next.Validate(); err != nil {
		return Outcome{}, fieldErr("args", err.Error())
	}
	return Outcome{Status: Confirmed}, nil
}

func decideBind(c call, a *BindArgs) (Outcome, error) {
	r, err := c.e.Bind(c.s, bindMoment(a, c.at), engine.BindRequest{Authorizer: a.Authorizer,
		Beneficiary: a.Beneficiary, Scopes: a.Scopes})
	return fromDecision(r.Allowed, r.Decision), err
}

func decideSettle(c call, a *SettleArgs) (Outcome, error) {
	req := *a
	if req.CardHolder == "" {
		req.CardHolder = a.Patient
	}
	if err := checkVisit(a, c.at, "args.visit"); err != nil {
		return Outcome{}, err
	}
	r, err := c.e.Settle(c.s, visitMoment(a, c.at), req)
	return withSplit(r, c.m.Expected), err
}

func settleTransfer(next *family.State, id string, state family.TransferState) error {
	t := next.Transfer(id)
	if t == nil {
		return fieldErr("args.transfer", fmt.Sprintf("unknown wallet transfer %q", id))
	}
	t.State = state
	return nil
}

// ledgerPersons lists the persons whose account or wallet the entries post to, in order of
// first posting.
func ledgerPersons(entries []ledger.Entry) []family.PersonID {
	var out []family.PersonID
	for _, en := range entries {
		for _, p := range en.Postings {
			if p.Account.Kind == ledger.PersonalAccount || p.Account.Kind == ledger.Wallet {
				out = addPerson1(out, family.PersonID(p.Account.Owner))
			}
		}
	}
	return out
}

func addPerson1(ps []family.PersonID, p family.PersonID) []family.PersonID {
	if p == "" {
		return ps
	}
	for _, q := range ps {
		if q == p {
			return ps
		}
	}
	return append(ps, p)
}

// ConsentTable is the table of every kind and whose consent it needs, in Markdown: the one in
// server/API.md (a test keeps them equal).
func ConsentTable() string {
	var b strings.Builder
	b.WriteString("| mutation | arguments | whose consent |\n|---|---|---|\n")
	for _, k := range kindList {
		fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", k.Name, k.Args, k.Consent)
	}
	return b.String()
}
