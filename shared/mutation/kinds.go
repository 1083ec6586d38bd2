package mutation

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
)

// Kind is everything Gongji knows about one mutation kind, declared once (kindList): its
// name, how its arguments are read and checked, whose consent it needs, how it is decided,
// how its outcome is redone and remembered for corrections, and the sign rules of its
// amounts. Every other place reads this list (Names, Decode, ApplyAs, Apply, Redo,
// CheckAmounts, server/API.md's consent table), so a kind cannot exist without a consent
// rule: the package panics at start when one lacks it, and a name with no entry is nobody's to
// make (Apply answers Unknown, nothing changes).
type Kind struct {
	Name Name
	// Args is the argument type's name, for the documentation (ConsentTable).
	Args string
	// Consent says in words whose consent the kind needs (the table in server/API.md).
	Consent string

	decode func(json.RawMessage) (any, error)
	// person is the one person a kind touches: its consent is theirs (when need is nil) and
	// its record names them.
	person func(args any) family.PersonID
	need   func(s *family.State, args any) need
	decide func(c call, args any) (Outcome, error)
	build  func(next *family.State, c call, args any) error
	finish func(next *family.State, c call, args any, rec *family.Record) error
	// keep: the kind keeps a record a correction may reach (redo), named after person and
	// completed by record.
	keep     bool
	record   func(c call, args any, r *family.Record)
	amounts  func(args any) []amountRule
	argsType func(args any) bool
	// voidable: void and undo may take it back; bill: amend_bill and record_slip may replace it.
	voidable, bill bool
	// split: decided with a split against the balances of its moment (a bill, a premium), so
	// a correction of an earlier bill decides it again (moment.go).
	split bool
	// target is the record a correction reaches (void, undo, amend_bill, record_slip).
	target func(args any) string
	// Class is what the kind is on the family's ledger (the one view every screen reads).
	Class Class
}

// Class is what a kind of mutation is on the family's ledger.
type Class string

// Classes of the ledger.
const (
	ClassOpening    Class = "opening"    // a person joins, with the balances they had
	ClassBill       Class = "bill"       // a bill settled
	ClassPremium    Class = "premium"    // an insurance premium paid
	ClassTransfer   Class = "transfer"   // money or insurance moved (wallet transfer, its acceptance, a move of region, a withdrawal)
	ClassRefund     Class = "refund"     // a wallet transfer refunded at 06:00
	ClassCredit     Class = "credit"     // money credited to an account (a monthly credit, a credit)
	ClassCorrection Class = "correction" // a mistake corrected (void, undo, amended bill, recorded slip, profile edit)
	ClassAdjustment Class = "adjustment" // a balance corrected by a signed entry with its memo
	ClassApproval   Class = "approval"   // a request approved or declined
	ClassEvent      Class = "event"      // what happened to a person, recorded: a retirement, a death, a transferred balance arriving
	ClassFamily     Class = "family"     // who is who: relations, bindings, devices, schedules, checkpoints
)

// call is one mutation being decided or redone: the engine (nil when redoing), the state it
// meets (the monthly credits due already accrued), the mutation and its moment.
type call struct {
	e  *engine.Engine
	s  *family.State
	m  Mutation
	at time.Time
}

// decoder reads a kind's arguments into a new *T from alloc and checks them with check. Every
// other function of a kind takes the arguments as any and asserts their type once, at its top:
// a declaration per kind without a generic copy of each of them (the app's wasm pays for every
// copy). P is always a pointer, so all kinds share one copy of decoder (a type parameter *T
// would make one copy per argument struct).
func decoder[P any](alloc func() P, check func(P) error) func(json.RawMessage) (any, error) {
	return func(raw json.RawMessage) (any, error) {
		a := alloc()
		if err := decodeInto(raw, a); err != nil {
			return nil, err
		}
		if err := check(a); err != nil {
			return nil, err
		}
		return a, nil
	}
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
		if k.need == nil && k.person == nil || k.decide == nil || k.decode == nil || k.Consent == "" || k.Args == "" || k.Class == "" {
			panic("mutation kind " + strconv.Quote(string(k.Name)) + ": consent, decision, arguments and ledger class are required")
		}
		if _, dup := kindIndex[k.Name]; dup {
			panic("mutation kind " + strconv.Quote(string(k.Name)) + " declared twice")
		}
		kindIndex[k.Name] = i
	}
}

// Whose consent, in words (ConsentTable and server/API.md).
const (
	consentAnyone     = "anyone in the family (it moves nobody's money)"
	consentOwner      = "the owner only"
	consentServer     = "the family's clock only: the server, or the one device of a family kept only there (a device's push to a server is refused)"
	consentPerson     = "the person it names"
	consentTouched    = "every person whose account, wallet or profile the target changed (and whoever approved the target, if it was a request)"
	consentDecider    = "each person the request asks (it runs when the last of them approves) or the owner; any of them declines"
	consentAuthorizer = "the authorizer (whose account will pay)"
)

// declareKinds declares every mutation kind, in the fixed order of Names.
func declareKinds() []Kind {
	return []Kind{
		{Name: AddPerson, Class: ClassOpening, Args: "PersonArgs", Consent: consentAnyone, decode: decoder(func() *PersonArgs { return new(PersonArgs) }, checkPerson),
			need:   needAnyone,
			decide: decidePerson,
			build:  func(next *family.State, _ call, v any) error { a := v.(*PersonArgs); addPerson(next, a); return nil },
			finish: func(next *family.State, _ call, v any, _ *family.Record) error {
				return splitOpening(next, v.(*PersonArgs))
			},
			amounts: func(v any) []amountRule {
				a := v.(*PersonArgs)
				return historyRule([]amountRule{{field: "args.account", v: a.Account, sign: zeroOK}, {field: "args.wallet", v: a.Wallet, sign: zeroOK}}, a.AccountHistory)
			}},
		{Name: Link, Class: ClassFamily, Args: "LinkArgs", Consent: consentAnyone, decode: decoder(func() *LinkArgs { return new(LinkArgs) }, checkLink),
			need:   needAnyone,
			decide: decideLink,
			build: func(next *family.State, _ call, v any) error {
				a := v.(*LinkArgs)
				next.Links = append(next.Links, linkOf(a))
				return nil
			}},
		{Name: Bind, Class: ClassFamily, Args: "BindArgs", Consent: consentAuthorizer, decode: decoder(func() *BindArgs { return new(BindArgs) }, checkBind),
			need: func(_ *family.State, v any) need {
				a := v.(*BindArgs)
				return need{persons: []family.PersonID{a.Authorizer},
					line: engine.Say("K1", ConsentRequired, engine.MsgConsentBind, a.Authorizer, a.Beneficiary)}
			},
			decide: decideBind, build: buildBind},
		{Name: Revoke, Class: ClassFamily, Args: "RevokeArgs", Consent: "the authorizer or the beneficiary",
			decode: decoder(func() *RevokeArgs { return new(RevokeArgs) }, func(a *RevokeArgs) error { return id("binding", a.Binding) }),
			need:   needRevoke,
			decide: decideRevoke,
			build: func(next *family.State, c call, v any) error {
				a := v.(*RevokeArgs)
				return revoke(next, a.Binding, civil.DateOf(c.at))
			}},
		{Name: Settle, Class: ClassBill, Args: "SettleArgs", Consent: "the patient (the bindings that pay are their authorizers' consent, given once)",
			decode:   decoder(func() *SettleArgs { return new(SettleArgs) }, func(a *SettleArgs) error { return checkSettle(a, "") }),
			person:   func(v any) family.PersonID { return v.(*SettleArgs).Patient },
			decide:   decideSettle,
			keep:     true,
			record:   func(c call, v any, r *family.Record) { r.At = visitMoment(v.(*SettleArgs), c.at) },
			amounts:  func(v any) []amountRule { a := v.(*SettleArgs); return billRules(a, false) },
			voidable: true, bill: true, split: true},
		{Name: PayPremium, Class: ClassPremium, Args: "PremiumArgs", Consent: "the insured person (likewise)", decode: decoder(func() *PremiumArgs { return new(PremiumArgs) }, checkPremium),
			person: func(v any) family.PersonID { return v.(*PremiumArgs).Insured },
			decide: func(c call, v any) (Outcome, error) {
				a := v.(*PremiumArgs)
				r, err := c.e.PayPremium(c.s, c.at, *a)
				return withSplit(r, c.m.Expected), err
			},
			keep: true,
			amounts: func(v any) []amountRule {
				a := v.(*PremiumArgs)
				return []amountRule{{field: "args.amount", v: a.Amount, sign: positive}}
			},
			voidable: true, split: true},
		{Name: WalletTransfer, Class: ClassTransfer, Args: "WalletTransferArgs", Consent: "the sender", decode: decoder(func() *WalletTransferArgs { return new(WalletTransferArgs) }, checkWalletTransfer),
			person: func(v any) family.PersonID { return v.(*WalletTransferArgs).From },
			decide: func(c call, v any) (Outcome, error) {
				a := v.(*WalletTransferArgs)
				req := *a
				req.ID = c.m.ID
				r, err := c.e.WalletTransfer(c.s, c.at, req)
				return fromDecision(r.Allowed, r.Decision), err
			},
			finish: func(next *family.State, c call, v any, _ *family.Record) error {
				a := v.(*WalletTransferArgs)
				next.Transfers = append(next.Transfers, family.WalletTransfer{ID: c.m.ID, From: a.From, To: a.To,
					Amount: a.Amount, Source: a.Source, At: c.at, State: family.Pending})
				return nil
			},
			amounts: func(v any) []amountRule {
				a := v.(*WalletTransferArgs)
				return []amountRule{{field: "args.amount", v: a.Amount, sign: positive}}
			}},
		{Name: WalletAccept, Class: ClassTransfer, Args: "WalletRefArgs", Consent: "the recipient", decode: decoder(func() *WalletRefArgs { return new(WalletRefArgs) }, checkWalletRef),
			need: func(s *family.State, v any) need {
				a := v.(*WalletRefArgs)
				if t := s.Transfer(a.Transfer); t != nil {
					return one(t.To)
				}
				return need{owner: true} // unknown: refused anyway; asks no one
			},
			decide: func(c call, v any) (Outcome, error) {
				a := v.(*WalletRefArgs)
				return decideWalletRef(c.e, c.s, WalletAccept, a, c.at)
			},
			finish: func(next *family.State, _ call, v any, _ *family.Record) error {
				a := v.(*WalletRefArgs)
				return settleTransfer(next, a.Transfer, family.Accepted)
			}},
		{Name: WalletExpire, Class: ClassRefund, Args: "WalletRefArgs", Consent: consentServer, decode: decoder(func() *WalletRefArgs { return new(WalletRefArgs) }, checkWalletRef),
			need: func(*family.State, any) need { return need{server: true} },
			decide: func(c call, v any) (Outcome, error) {
				a := v.(*WalletRefArgs)
				return decideWalletRef(c.e, c.s, WalletExpire, a, c.at)
			},
			finish: func(next *family.State, _ call, v any, _ *family.Record) error {
				a := v.(*WalletRefArgs)
				return settleTransfer(next, a.Transfer, family.Refunded)
			}},
		{Name: Withdraw, Class: ClassTransfer, Args: "WithdrawArgs", Consent: consentPerson,
			decode: decoder(func() *WithdrawArgs { return new(WithdrawArgs) }, func(a *WithdrawArgs) error {
				return first(id("person", string(a.Person)), text("ground", a.Ground, false))
			}),
			person: func(v any) family.PersonID { return v.(*WithdrawArgs).Person },
			decide: func(c call, v any) (Outcome, error) {
				a := v.(*WithdrawArgs)
				r, err := c.e.Withdraw(c.s, c.at, *a)
				return fromDecision(r.Allowed, r.Decision), err
			},
			finish: func(next *family.State, _ call, v any, _ *family.Record) error {
				a := v.(*WithdrawArgs)
				// D3: rules.md section 6 (the account is closed after a withdrawal)
				if p := next.Person(a.Person); p != nil {
					p.HasAccount = false
				}
				return nil
			}},
		{Name: Transfer, Class: ClassTransfer, Args: "TransferArgs", Consent: consentPerson, decode: decoder(func() *TransferArgs { return new(TransferArgs) }, checkTransfer),
			person: func(v any) family.PersonID { return v.(*TransferArgs).Person },
			decide: decideTransfer,
			finish: func(next *family.State, _ call, v any, _ *family.Record) error {
				a := v.(*TransferArgs)
				if p := next.Person(a.Person); p != nil {
					p.Region = a.ToRegion
				}
				return nil
			},
			keep: true},
		{Name: Credit, Class: ClassCredit, Args: "CreditArgs", Consent: consentPerson,
			decode: decoder(func() *CreditArgs { return new(CreditArgs) }, func(a *CreditArgs) error { return checkMoney(a.Person, a.Account, a.Amount, a.Memo, true) }),
			person: func(v any) family.PersonID { return v.(*CreditArgs).Person },
			decide: func(c call, v any) (Outcome, error) {
				a := v.(*CreditArgs)
				return decideMoney(c.s, "credit", a.Person, a.Account, a.Amount)
			},
			keep: true,
			amounts: func(v any) []amountRule {
				a := v.(*CreditArgs)
				return []amountRule{{field: "args.amount", v: a.Amount, sign: positive}}
			},
			voidable: true},
		{Name: Correct, Class: ClassAdjustment, Args: "CorrectArgs", Consent: consentPerson,
			decode: decoder(func() *CorrectArgs { return new(CorrectArgs) }, func(a *CorrectArgs) error {
				return first(checkMoney(a.Person, a.Account, a.Amount, a.Memo, false), text("memo", a.Memo, true))
			}),
			person: func(v any) family.PersonID { return v.(*CorrectArgs).Person },
			decide: func(c call, v any) (Outcome, error) {
				a := v.(*CorrectArgs)
				return decideMoney(c.s, "correction", a.Person, a.Account, a.Amount)
			},
			keep: true,
			amounts: func(v any) []amountRule {
				a := v.(*CorrectArgs)
				return []amountRule{{field: "args.amount", v: a.Amount, sign: signedNonZero}}
			},
			voidable: true},
		{Name: Approve, Class: ClassApproval, Args: "RequestArgs", Consent: consentDecider, decode: decoder(func() *RequestArgs { return new(RequestArgs) }, checkRequestArgs),
			need: needNobody, decide: decideOnlyAs},
		{Name: Decline, Class: ClassApproval, Args: "RequestArgs", Consent: consentDecider, decode: decoder(func() *RequestArgs { return new(RequestArgs) }, checkRequestArgs),
			need: needNobody, decide: decideOnlyAs},
		{Name: LinkDevice, Class: ClassFamily, Args: "LinkDeviceArgs", Consent: consentOwner, decode: decoder(func() *LinkDeviceArgs { return new(LinkDeviceArgs) }, checkLinkDevice),
			need: func(_ *family.State, v any) need {
				a := v.(*LinkDeviceArgs)
				return need{owner: true, line: engine.Say("K1", ConsentRequired, engine.MsgConsentDevice, a.Person)}
			},
			decide: decideLinkDevice,
			build: func(next *family.State, _ call, v any) error {
				a := v.(*LinkDeviceArgs)
				next.LinkDevice(a.Device, a.Person)
				return nil
			}},
		{Name: EditPerson, Class: ClassCorrection, Args: "EditPersonArgs", Consent: consentPerson, decode: decoder(func() *EditPersonArgs { return new(EditPersonArgs) }, checkEditPerson),
			person: func(v any) family.PersonID { return v.(*EditPersonArgs).Person },
			decide: decideEditPerson,
			finish: func(next *family.State, _ call, v any, _ *family.Record) error {
				a := v.(*EditPersonArgs)
				return changeProfile(next, a.Person, func(p *family.Person) { editPerson(p, a) })
			},
			keep: true, record: profileRecord,
			amounts:  func(v any) []amountRule { return historyRule(nil, v.(*EditPersonArgs).AccountHistory) },
			voidable: true},
		{Name: Void, Class: ClassCorrection, Args: "VoidArgs", Consent: consentTouched,
			decode: decoder(func() *VoidArgs { return new(VoidArgs) }, func(a *VoidArgs) error { return first(id("target", a.Target), text("reason", a.Reason, false)) }),
			need:   func(s *family.State, v any) need { a := v.(*VoidArgs); return needTouched(s, a.Target) },
			decide: decideVoidAsItStands,
			finish: func(next *family.State, c call, v any, rec *family.Record) error {
				a := v.(*VoidArgs)
				return redoVoidAsItStands(next, c.m.ID, a.Target, rec)
			},
			keep:     true, // person and profiles: redoVoid
			target:   func(v any) string { return v.(*VoidArgs).Target },
			voidable: true},
		{Name: AmendBill, Class: ClassCorrection, Args: "AmendArgs", Consent: consentTouched + "; the corrected bill's patient",
			decode: decoder(func() *AmendArgs { return new(AmendArgs) }, func(a *AmendArgs) error {
				return first(id("target", a.Target), text("reason", a.Reason, false), checkSettle(&a.Settle, "settle."))
			}),
			need: func(s *family.State, v any) need {
				a := v.(*AmendArgs)
				return needTouched(s, a.Target, a.Settle.Patient)
			},
			decide: func(c call, v any) (Outcome, error) {
				a := v.(*AmendArgs)
				if err := checkVisit(&a.Settle, c.at, "args.settle.visit"); err != nil {
					return Outcome{}, err
				}
				return decideAmend(c.e, c.s, c.m, a)
			},
			finish: func(next *family.State, c call, v any, rec *family.Record) error {
				return replaceBill(next, c, v.(*AmendArgs).Target, rec)
			},
			keep:     true,
			record:   func(c call, v any, r *family.Record) { a := v.(*AmendArgs); billRecord(c, &a.Settle, a.Target, r) },
			amounts:  func(v any) []amountRule { a := v.(*AmendArgs); return billRules(&a.Settle, true) },
			target:   func(v any) string { return v.(*AmendArgs).Target },
			voidable: true, bill: true, split: true},
		{Name: Undo, Class: ClassCorrection, Args: "UndoArgs", Consent: "what voiding its target would need",
			decode: decoder(func() *UndoArgs { return new(UndoArgs) }, func(a *UndoArgs) error { return id("target", a.Target) }),
			need:   func(s *family.State, v any) need { a := v.(*UndoArgs); return needTouched(s, a.Target) },
			decide: decideUndo,
			finish: func(next *family.State, c call, v any, rec *family.Record) error {
				a := v.(*UndoArgs)
				return redoVoid(next, c.m.ID, a.Target, rec)
			},
			keep:     true,
			target:   func(v any) string { return v.(*UndoArgs).Target },
			voidable: true},
		{Name: LifeEvent, Class: ClassEvent, Args: "LifeEventArgs", Consent: consentPerson, decode: decoder(func() *LifeEventArgs { return new(LifeEventArgs) }, checkLifeEvent),
			person: func(v any) family.PersonID { return v.(*LifeEventArgs).Person },
			decide: decideLifeEvent,
			finish: func(next *family.State, _ call, v any, _ *family.Record) error {
				a := v.(*LifeEventArgs)
				return changeProfile(next, a.Person, func(p *family.Person) { lifeEvent(p, a) })
			},
			keep: true, record: profileRecord,
			voidable: true},
		{Name: TransferArrive, Class: ClassEvent, Args: "TransferArriveArgs", Consent: "the person whose balance arrives",
			decode: decoder(func() *TransferArriveArgs { return new(TransferArriveArgs) }, func(a *TransferArriveArgs) error { return id("transfer", a.Transfer) }),
			need: func(s *family.State, v any) need {
				a := v.(*TransferArriveArgs)
				if r := s.Record(a.Transfer); r != nil && Name(r.Name) == Transfer {
					return one(r.Person)
				}
				return need{owner: true}
			},
			decide: decideArrive,
			finish: func(next *family.State, c call, v any, _ *family.Record) error {
				a := v.(*TransferArriveArgs)
				if !next.Mark(a.Transfer, func(r *family.Record) { r.Arrived = c.m.ID }) {
					return unknown("args.transfer", "transfer", a.Transfer)
				}
				return nil
			}},
		{Name: RecordSlip, Class: ClassCorrection, Args: "RecordSlipArgs", Consent: consentTouched, decode: decoder(func() *RecordSlipArgs { return new(RecordSlipArgs) }, checkRecordSlip),
			need: func(s *family.State, v any) need {
				a := v.(*RecordSlipArgs)
				return needTouched(s, a.Target, a.Settle.Patient)
			},
			decide: decideRecordSlip,
			finish: func(next *family.State, c call, v any, rec *family.Record) error {
				return replaceBill(next, c, v.(*RecordSlipArgs).Target, rec)
			},
			keep:     true,
			record:   func(c call, v any, r *family.Record) { a := v.(*RecordSlipArgs); billRecord(c, &a.Settle, a.Target, r) },
			amounts:  func(v any) []amountRule { a := v.(*RecordSlipArgs); return billRules(&a.Settle, true) },
			target:   func(v any) string { return v.(*RecordSlipArgs).Target },
			voidable: true, bill: true, split: true},
		{Name: SetCreditSchedule, Class: ClassFamily, Args: "CreditScheduleArgs", Consent: consentPerson,
			decode: decoder(func() *CreditScheduleArgs { return new(CreditScheduleArgs) }, checkCreditSchedule),
			person: func(v any) family.PersonID { return v.(*CreditScheduleArgs).Person },
			decide: decideCreditSchedule,
			finish: func(next *family.State, c call, v any, _ *family.Record) error {
				a := v.(*CreditScheduleArgs)
				redoCreditSchedule(next, c.m, a, c.at)
				return nil
			},
			amounts: func(v any) []amountRule {
				a := v.(*CreditScheduleArgs)
				return []amountRule{{field: "args.amount", v: a.Amount, sign: zeroOK}}
			}},
		{Name: Checkpoint, Class: ClassFamily, Args: "CheckpointArgs", Consent: consentPerson, decode: decoder(func() *CheckpointArgs { return new(CheckpointArgs) }, checkCheckpoint),
			person: func(v any) family.PersonID { return v.(*CheckpointArgs).Person },
			decide: decideCheckpoint,
			finish: func(next *family.State, c call, v any, _ *family.Record) error {
				a := v.(*CheckpointArgs)
				next.AddCheckpoint(checkpointOf(c.s, c.m, a, c.at))
				return nil
			},
			amounts: func(v any) []amountRule {
				a := v.(*CheckpointArgs)
				return []amountRule{{field: "args.balance", v: a.Balance, sign: zeroOK}}
			}},
		{Name: FixLink, Class: ClassFamily, Args: "LinkArgs", Consent: consentAnyone, decode: decoder(func() *LinkArgs { return new(LinkArgs) }, checkFixLink),
			need:   needAnyone,
			decide: decideFixLink,
			build:  func(next *family.State, _ call, v any) error { fixLinks(next, v.(*FixLinkArgs)); return nil }},
	}
}

// historyRule adds the sign rule of a prior-years balance, when one is given, to rules.
func historyRule(rules []amountRule, h *money.Amount) []amountRule {
	if h == nil {
		return rules
	}
	return append(rules, amountRule{field: "args.account_history", v: *h, sign: zeroOK})
}

// billRules are the sign rules of a bill's amounts: a settle's, or a corrected bill's (in
// args.settle).
func billRules(a *SettleArgs, corrected bool) []amountRule {
	b := a.Bill
	if corrected {
		return []amountRule{{field: "args.settle.bill.total", v: b.Total, sign: zeroOK}, {field: "args.settle.bill.fund", v: b.Fund, sign: zeroOK},
			{field: "args.settle.bill.policy_self_pay", v: b.PolicySelfPay, sign: zeroOK}, {field: "args.settle.bill.full_self_pay", v: b.FullSelfPay, sign: zeroOK}}
	}
	return []amountRule{{field: "args.bill.total", v: b.Total, sign: zeroOK}, {field: "args.bill.fund", v: b.Fund, sign: zeroOK},
		{field: "args.bill.policy_self_pay", v: b.PolicySelfPay, sign: zeroOK}, {field: "args.bill.full_self_pay", v: b.FullSelfPay, sign: zeroOK}}
}

// replaceBill marks target replaced by the bill c made (an amended bill or a recorded slip):
// the reversal is final, and what the target had voided stays voided.
func replaceBill(next *family.State, c call, target string, rec *family.Record) error {
	next.Mark(target, func(r *family.Record) { r.VoidedBy = c.m.ID })
	rec.Voids = target
	return nil
}

// changeProfile applies change to person p of next (an edit or a life event).
func changeProfile(next *family.State, p family.PersonID, change func(*family.Person)) error {
	q := next.Person(p)
	if q == nil {
		return unknownPerson(p)
	}
	change(q)
	return nil
}

// profileRecord remembers the profile before a profile change of the record's person.
func profileRecord(c call, _ any, r *family.Record) {
	r.Before = profileOf(c.s.Person(r.Person))
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

func needNobody(*family.State, any) need { return need{owner: true} }

func needAnyone(*family.State, any) need { return need{anyone: true} }

// needOf is whose consent the kind needs to make a mutation with args in s.
func (k Kind) needOf(s *family.State, args any) need {
	if k.need == nil {
		return one(k.person(args))
	}
	return k.need(s, args)
}

func decideOnlyAs(c call, _ any) (Outcome, error) {
	return Outcome{}, fieldErr("name", string(c.m.Name)+" needs the device that decides (ApplyAs)")
}

func decideLink(c call, v any) (Outcome, error) {
	s, a := c.s, v.(*LinkArgs)
	next := s.Clone()
	next.Links = append(next.Links, linkOf(a))
	// R1: rules.md section 2 (a relation is recorded once, consistently both ways)
	if err := next.Validate(); err != nil {
		return Outcome{}, fieldErr("args", err.Error())
	}
	return Outcome{Status: Confirmed}, nil
}

func decideBind(c call, v any) (Outcome, error) {
	a := v.(*BindArgs)
	r, err := c.e.Bind(c.s, bindMoment(a, c.at), engine.BindRequest{Authorizer: a.Authorizer,
		Beneficiary: a.Beneficiary, Scopes: a.Scopes})
	return fromDecision(r.Allowed, r.Decision), err
}

func decideSettle(c call, v any) (Outcome, error) {
	a := v.(*SettleArgs)
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
		return unknown("args.transfer", "wallet transfer", id)
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

// Corrects says whether the kind corrects a record (void, undo, amend_bill, record_slip): a
// correction of a bill is decided as of the bill's moment, with the log at hand.
func (k Kind) Corrects() bool { return k.target != nil }

// Bill says whether the kind makes a bill as it stands (a settle, an amended bill, a recorded
// slip): the bill lists read it.
func (k Kind) Bill() bool { return k.bill }

// Split says whether the kind is decided with a split (a bill or a premium).
func (k Kind) Split() bool { return k.split }

// Voidable says whether void and undo may take it back.
func (k Kind) Voidable() bool { return k.voidable }

// Target is the record a correction with these arguments reaches, "" for a kind that
// corrects nothing or arguments that do not decode.
func (k Kind) Target(args json.RawMessage) string {
	if k.target == nil {
		return ""
	}
	a, err := k.decode(args)
	if err != nil {
		return ""
	}
	return k.target(a)
}
