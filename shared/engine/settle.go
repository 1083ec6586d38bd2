package engine

import (
	"encoding/json"
	"time"

	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/order"
	"gongji/shared/policy"
	"gongji/shared/region"
)

// Category is what a bill paid for (rules.md S3).
type Category string

// Categories paid by an account, then those never paid.
const (
	Drug       Category = "drug"
	Device     Category = "device"
	Consumable Category = "consumable"
	Treatment  Category = "treatment"
	Exam       Category = "exam"
	Inpatient  Category = "inpatient"

	HealthFood   Category = "health_food"
	Cosmetics    Category = "cosmetics"
	Fitness      Category = "fitness"
	Wellness     Category = "wellness"
	PublicHealth Category = "public_health"
	DailyGoods   Category = "daily_goods"
)

// ParseCategory accepts only the known categories (rules.md section 8).
func ParseCategory(s string) (Category, bool) {
	switch c := Category(s); c {
	case Drug, Device, Consumable, Treatment, Exam, Inpatient,
		HealthFood, Cosmetics, Fitness, Wellness, PublicHealth, DailyGoods:
		return c, true
	}
	return "", false
}

// Excluded says whether no account may pay for the category (S3).
func (c Category) Excluded() bool {
	switch c {
	case HealthFood, Cosmetics, Fitness, Wellness, PublicHealth, DailyGoods:
		return true
	}
	return false
}

// Institution is where a bill was incurred.
type Institution struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Region     region.Code `json:"region"`
	Kind       string      `json:"kind"` // hospital, clinic or pharmacy
	Designated bool        `json:"designated"`
	Wallet     bool        `json:"wallet"` // accepts 医保钱包 payments
}

// Bill is the amounts of one visit: Total = Fund + PolicySelfPay + FullSelfPay.
type Bill struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Total         money.Amount `json:"total"`
	Fund          money.Amount `json:"fund"`
	PolicySelfPay money.Amount `json:"policy_self_pay"`
	FullSelfPay   money.Amount `json:"full_self_pay"`
	Category      Category     `json:"category"`
}

// SettleRequest is a bill of Patient paid with CardHolder's card or e-voucher. It is also the
// arguments of the settle mutation (mutation.SettleArgs), where an empty CardHolder means the
// patient's own card.
type SettleRequest struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Patient     family.PersonID `json:"patient"`
	CardHolder  family.PersonID `json:"card_holder,omitempty"`
	Institution Institution     `json:"institution"`
	Bill        Bill            `json:"bill"`
	// The receipt's other lines, which no rule reads: when the visit was (the settle mutation
	// decides with its date; the mutation's moment when zero), the institution's name, a note.
	Visit time.Time `json:"visit,omitzero"`
	Place string    `json:"place,omitempty"`
	Note  string    `json:"note,omitempty"`
}

// PaySource says which money paid a line.
type PaySource string

// Payment sources.
const (
	Own       PaySource = "own"
	FromPurse PaySource = "wallet"
	MutualAid PaySource = "mutual_aid"
)

// Payment is one line of a split: in a scenario result, in a mutation's outcome (the
// server's split and the phone's expected one) and in the app. Its JSON is the scenario
// format's: {"payer", "source", "binding"?, "amount": "12.34", "claimable_elsewhere": false?}.
type Payment struct {
	Payer   family.PersonID
	Source  PaySource
	Binding string // for mutual aid
	Amount  money.Amount
	// NotClaimableElsewhere marks a Shenzhen mutual-aid line (SZ8: "claimable_elsewhere": false).
	NotClaimableElsewhere bool
}

// paymentJSON is Payment's wire form; claimable_elsewhere is written only where it is false.
type paymentJSON struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Payer              family.PersonID `json:"payer"`
	Source             PaySource       `json:"source"`
	Binding            string          `json:"binding,omitempty"`
	Amount             money.Amount    `json:"amount"`
	ClaimableElsewhere *bool           `json:"claimable_elsewhere,omitempty"`
}

// MarshalJSON writes the scenario format's payment line.
func (p Payment) MarshalJSON() ([]byte, error) { return p.AppendJSON(nil), nil }

// UnmarshalJSON reads what MarshalJSON writes; claimable_elsewhere absent means true.
func (p *Payment) UnmarshalJSON(b []byte) error {
	var j paymentJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*p = Payment{Payer: j.Payer, Source: j.Source, Binding: j.Binding, Amount: j.Amount,
		NotClaimableElsewhere: j.ClaimableElsewhere != nil && !*j.ClaimableElsewhere}
	return nil
}

// SplitResult is who pays what of a bill or premium.
type SplitResult struct {
	Refused  bool
	Payments []Payment
	Cash     money.Amount
	Balances []Balance
	Decision
}

// Settle splits a bill between the patient's own account, wallet, authorizers and cash
// (rules.md section 4).
func (e *Engine) Settle(s *family.State, at time.Time, r SettleRequest) (SplitResult, error) {
	patient, err := person(s, "action.patient", r.Patient)
	if err != nil {
		return SplitResult{}, err
	}
	if _, err := person(s, "action.card_holder", r.CardHolder); err != nil {
		return SplitResult{}, err
	}
	if err := r.Bill.check(); err != nil {
		return SplitResult{}, err
	}
	d := e.decider(at)
	d.at(patient.Region)
	// S0: 医疗保障基金使用监督管理条例 art. 41 (the card must be the patient's own)
	if r.CardHolder != r.Patient {
		d.deny("S0", Impersonation, nil, msgImpersonation, r.CardHolder, r.Patient)
		return SplitResult{Refused: true, Payments: []Payment{}, Balances: []Balance{},
			Decision: d.finish(emptyEntry("settle"))}, nil
	}
	base := d.lookup(policy.EligibleBase, patient.Region)
	eligible := r.Bill.PolicySelfPay
	// S1: 国办发〔2021〕14号 wording; eligible base per region
	if base.Value.Word == policy.AllPersonalBurden {
		eligible += r.Bill.FullSelfPay
	}
	d.say("S1", "", &base, msgEligible, eligible, word(base.Value.Word))
	blocked := false
	// S2: 国办发〔2021〕14号 (only designated institutions)
	if !r.Institution.Designated {
		blocked = true
		d.deny("S2", NotDesignated, nil, msgNotDesignated)
	}
	// S3: 国办发〔2021〕14号 (public health, fitness, wellness and non-medical goods excluded)
	if r.Bill.Category.Excluded() {
		blocked = true
		d.deny("S3", ExcludedCategory, nil, msgExcludedCategory, r.Bill.Category)
	}
	sp := splitter{d: d, s: s, work: s.Clone(), blocked: blocked, remaining: eligible,
		holder: r.Patient, need: family.Medical, institution: &r.Institution}
	sp.payOwn()
	sp.payWallet(r.Institution.Wallet)
	sp.payAuthorizers()
	personal := r.Bill.PolicySelfPay + r.Bill.FullSelfPay
	return sp.result("settle", personal)
}

// check enforces total = fund + policy_self_pay + full_self_pay (rules.md section 4).
func (b Bill) check() error {
	parts := []struct {
		field string
		value money.Amount
	}{{"action.bill.total", b.Total}, {"action.bill.fund", b.Fund}, {"action.bill.policy_self_pay", b.PolicySelfPay},
		{"action.bill.full_self_pay", b.FullSelfPay}}
	for _, p := range parts {
		// Every part is an amount paid: never negative, never beyond money.Max (so the sum
		// below cannot wrap).
		if p.value < 0 || p.value > money.Max {
			return inputErr(p.field, "%s is outside 0.00 to %s", p.value, money.Max)
		}
	}
	if b.Fund+b.PolicySelfPay+b.FullSelfPay != b.Total {
		return inputErr("action.bill.total", "%s is not fund %s + policy_self_pay %s + full_self_pay %s",
			b.Total, b.Fund, b.PolicySelfPay, b.FullSelfPay)
	}
	return nil
}

// splitter pays an eligible amount from the payers in order, on a working copy of the state so
// that an account paying twice sees its own earlier payment.
type splitter struct {
	d           *decider
	s           *family.State
	work        family.State
	blocked     bool // S2 or S3: nobody pays, codes are still reported
	remaining   money.Amount
	holder      family.PersonID
	need        family.Scope
	institution *Institution // nil for premiums: S2, S3, SZ7 do not apply
	walletRow   *policy.Row  // the row that let the wallet pay a premium (W12 ltc), or nil
	payments    []Payment
	postings    []ledger.Posting
}

func (sp *splitter) pay(p Payment, from ledger.Account) {
	if p.Amount <= 0 {
		return
	}
	sp.remaining -= p.Amount
	sp.payments = append(sp.payments, p)
	posting := ledger.Posting{Account: from, Amount: -p.Amount}
	sp.postings = append(sp.postings, posting)
	// The payer exists in the working copy, so Post cannot fail.
	_, _ = ledger.Post(&sp.work, posting)
}

// payOwn is S4: the holder's own personal account first.
func (sp *splitter) payOwn() {
	own := sp.work.Person(sp.holder)
	if !own.HasAccount {
		return
	}
	usable := own.Balance().NonNegative()
	amount := money.Zero
	if !sp.blocked {
		amount = money.Min(sp.remaining, usable)
	}
	// S4: seed 004; bendibao 635961 (先本人，后共济: own account first)
	if amount > 0 {
		sp.d.say("S4", "", nil, msgOwnPays, sp.holder, usable, amount)
	} else {
		sp.sayZero("S4", sp.holder, family.FromAccount, usable)
	}
	sp.pay(Payment{Payer: sp.holder, Source: Own, Amount: amount}, ledger.AccountOf(sp.holder))
}

// payWallet is W12: the holder's wallet after the own account, before authorizers.
func (sp *splitter) payWallet(institutionTakesWallet bool) {
	own := sp.work.Person(sp.holder)
	if !own.Wallet.Opened || own.Wallet.Balance <= 0 {
		return
	}
	// W12: shm.com.cn 2025-09-18 (wallet pays only where the institution supports it)
	if !institutionTakesWallet {
		sp.d.deny("W12", InstitutionNoWallet, nil, msgNoWalletHere, own.Wallet.Balance)
		return
	}
	amount := money.Zero
	if !sp.blocked {
		amount = money.Min(sp.remaining, own.Wallet.Balance)
	}
	if amount > 0 {
		sp.d.say("W12", "", sp.walletRow, msgWalletPays, own.Wallet.Balance, amount)
	} else {
		sp.sayZero("W12", sp.holder, family.FromWallet, own.Wallet.Balance)
	}
	sp.pay(Payment{Payer: sp.holder, Source: FromPurse, Amount: amount}, ledger.WalletOf(sp.holder))
}

// candidate is a binding that may pay, with what the order needs.
type candidate struct {
	b       *family.Binding
	balance money.Amount // authorizer balance before this settlement (S6 Shenzhen order)
}

// payAuthorizers is S5-S8 and SZ5-SZ8: every binding to the holder reports at most one code;
// usable ones pay in the holder's region's order.
func (sp *splitter) payAuthorizers() {
	var usable []candidate
	for i := range sp.s.Bindings {
		b := &sp.s.Bindings[i]
		if b.Beneficiary != sp.holder {
			continue
		}
		if code := sp.unusable(b); code != "" {
			sp.d.refuse(code)
			continue
		}
		usable = append(usable, candidate{b: b, balance: sp.s.Person(b.Authorizer).Balance()})
	}
	holder := sp.s.Person(sp.holder)
	payOrder := sp.d.lookup(policy.AuthorizerOrder, holder.Region)
	byBalance := payOrder.Value.Word == policy.BalanceDesc
	// S6: jiusongjiankang 4769855 (binding order); Shenzhen bendibao 635961 (balance, highest first).
	// Binding ids are unique, so the order is total and needs no stable sort.
	order.Sort(len(usable), func(i, j int) bool {
		x, y := usable[i], usable[j]
		if byBalance && x.balance != y.balance {
			return x.balance > y.balance
		}
		if x.b.Created != y.b.Created {
			return x.b.Created < y.b.Created
		}
		return x.b.ID < y.b.ID
	}, func(i, j int) { usable[i], usable[j] = usable[j], usable[i] })
	if len(usable) > 1 {
		sp.d.say("S6", "", &payOrder, msgOrder, word(payOrder.Value.Word))
	}
	for _, c := range usable {
		sp.payBinding(c.b)
	}
}

// payBinding is S5 with SZ6 and SZ8 for one usable binding.
func (sp *splitter) payBinding(b *family.Binding) {
	a := sp.work.Person(b.Authorizer)
	// S5 is the holder's region's rule, SZ6, SZ8 and SH1 the authorizer's (rules.md section 4)
	holder := sp.s.Person(sp.holder).Region
	sp.d.at(holder, a.Region)
	threshold := sp.d.lookup(policy.AuthorizerThreshold, a.Region)
	history := sp.d.lookup(policy.MutualAidFromHistory, a.Region)
	usable := money.Zero
	if a.HasAccount {
		// SZ6: bendibao 635961 (Shenzhen before 2023-10-01: only the balance above the threshold)
		usable = (a.Balance() - threshold.Value.Amount).NonNegative()
	}
	// SH1: rules.md 11.3; 上海市松江区医疗保障局 2025-07-23 (Shanghai: a binding pays only from
	// the 历年账户, never more than the whole balance, never below 0.00; none when not given)
	if history.Value.Bool {
		usable = money.Zero
		if a.HasAccount && a.HasHistory {
			usable = money.Min(a.AccountHistory, a.Balance()).NonNegative()
			sp.d.say("SH1", "", &history, msgHistoryOnly, a.ID, a.AccountHistory, usable)
		} else if a.HasAccount {
			sp.d.say("SH1", "", &history, msgHistoryUnknown, a.ID)
		}
	}
	amount := money.Zero
	if !sp.blocked {
		amount = money.Min(sp.remaining, usable)
	}
	if threshold.Value.Amount > 0 {
		sp.d.say("SZ6", "", &threshold, msgThreshold, a.ID, a.Balance(), threshold.Value.Amount, usable)
	}
	claim := sp.d.lookup(policy.ClaimableElsewhere, a.Region)
	// S5: seed 004; bendibao 635961 (each authorizer up to what remains; S8: zero pays 0.00)
	if amount > 0 {
		sp.d.say("S5", "", nil, msgAuthorizerPays, a.ID, bindingRef(b.ID), usable, amount)
	} else {
		sp.sayZero("S8", a.ID, family.FromAccount, usable)
	}
	p := Payment{Payer: a.ID, Source: MutualAid, Binding: b.ID, Amount: amount}
	// SZ8: seed 004 (Shenzhen mutual aid not claimable from assistance or commercial insurance);
	// the sentence is about medical costs, so a premium's line carries the mark without it
	if !claim.Value.Bool {
		p.NotClaimableElsewhere = true
		if amount > 0 && sp.institution != nil {
			sp.d.say("SZ8", "", &claim, msgNotClaimable, a.ID)
		}
	}
	if history.Value.Bool && amount > 0 {
		sp.payFromHistory(p)
	} else {
		sp.pay(p, ledger.AccountOf(a.ID))
	}
	sp.d.at(holder)
}

// payFromHistory is SH1's payment: its posting names the prior-years part, so the ledger (and
// the working copy, so that a second binding of the same authorizer sees what is left) takes
// it from that part only; the whole balance, which balances report, is the same either way.
func (sp *splitter) payFromHistory(p Payment) {
	sp.remaining -= p.Amount
	sp.payments = append(sp.payments, p)
	sp.postings = append(sp.postings, ledger.Posting{Account: ledger.AccountOf(p.Payer), Amount: -p.Amount, Part: ledger.History})
	sp.work.Person(p.Payer).AccountHistory -= p.Amount
}

// unusable is the one code of a binding that cannot pay, in the order of rules.md section 8:
// SZ5, not in force, authorizer stopped, scope missing, SZ7. Empty when the binding is usable.
func (sp *splitter) unusable(b *family.Binding) Code {
	a := sp.s.Person(b.Authorizer)
	holder := sp.s.Person(sp.holder).Region
	// S7 is the holder's region's rule, SZ5 and SZ7 the authorizer's (rules.md section 4)
	sp.d.at(holder, a.Region)
	code := sp.refusal(b, a)
	sp.d.at(holder)
	return code
}

// refusal is unusable's code with the decision at the authorizer's region.
func (sp *splitter) refusal(b *family.Binding, a *family.Person) Code {
	d := sp.d
	// SZ5: seed 004 (option-2-only Shenzhen bindings made before 2023-10-01 lapse then)
	if d.invalidated(sp.s, b) {
		d.say("SZ5", BindingInvalidated20231001, nil, msgInvalidated, bindingRef(b.ID), b.Created)
		return BindingInvalidated20231001
	}
	// S7: seed 004 (a binding pays only while in force on the bill date)
	if !b.InForce(d.day) {
		if b.Created > d.day {
			d.say("S7", BindingNotInForce, nil, msgNotYetInForce, bindingRef(b.ID), b.Created, d.day)
		} else {
			d.say("S7", BindingNotInForce, nil, msgRevoked, bindingRef(b.ID), b.Revoked, d.day)
		}
		return BindingNotInForce
	}
	// S7: a stopped authorizer's account pays nothing
	if a.Status == family.Stopped {
		d.say("S7", AuthorizerNotEmployee, nil, msgAuthorizerStopped, a.ID, bindingRef(b.ID))
		return AuthorizerNotEmployee
	}
	// S7: the binding must carry the scope the bill needs (SZ5: Shenzhen bindings made from
	// 2023-10-01 cover medical and resident_premium)
	if !d.covers(a, b, sp.need) {
		d.say("S7", ScopeNotAuthorized, nil, msgScopeMissing, bindingRef(b.ID), sp.need)
		return ScopeNotAuthorized
	}
	if sp.institution != nil {
		area := d.lookup(policy.MedicalPayArea, a.Region)
		// SZ7: seed 004 (Shenzhen bindings pay only at institutions in Shenzhen); NHSA 2024-11-26
		// (Guangdong province-wide from 2024-11-01: then at institutions in Guangdong)
		if !inPayArea(area.Value.Word, sp.institution.Region, a.Region) {
			d.say("SZ7", OutOfRegion, &area, msgOutOfRegion, bindingRef(b.ID), payArea(area.Value.Word, a.Region), sp.institution.Region)
			return OutOfRegion
		}
	}
	return ""
}

// covers says whether a binding carries a scope, with Shenzhen's post-cut-off widening.
func (d *decider) covers(a *family.Person, b *family.Binding, need family.Scope) bool {
	cutoff := d.lookup(policy.LegacyBindingCutoff, a.Region).Value.Date
	// SZ5: seed 004 (bindings made on or after 2023-10-01 cover medical and resident_premium)
	if b.Created >= cutoff && (need == family.Medical || need == family.ResidentPremium) {
		return true
	}
	return b.HasScope(need)
}

// result closes the split: cash is the personal part minus the payments (rules.md section 8).
func (sp *splitter) result(kind string, personal money.Amount) (SplitResult, error) {
	var paid money.Amount
	for _, p := range sp.payments {
		paid += p.Amount
	}
	cash := personal - paid
	entry := ledger.Entry{Kind: kind, Postings: sp.postings}
	if paid > 0 {
		entry.Postings = append(entry.Postings, ledger.Posting{
			Account: ledger.Account{Kind: ledger.External, Owner: kind}, Amount: paid})
	}
	if cash == 0 && paid > 0 {
		sp.d.say("S5", "", nil, msgPaidInFull, paid) // no 「现金支付0.00 元」
	} else {
		sp.d.say("S5", "", nil, msgCash, paid, cash)
	}
	balances, err := balancesAfter(sp.s, entry)
	if err != nil {
		return SplitResult{}, err
	}
	if sp.payments == nil {
		sp.payments = []Payment{}
	}
	return SplitResult{Payments: sp.payments, Cash: cash, Balances: balances,
		Decision: sp.d.finish(entry)}, nil
}

func emptyEntry(kind string) ledger.Entry {
	return ledger.Entry{Kind: kind, Postings: []ledger.Posting{}}
}

// sayZero explains why a payer paid nothing: S2 or S3 blocked every account, its usable
// balance was zero, or the payers before it paid everything.
func (sp *splitter) sayZero(rule string, payer family.PersonID, from family.Source, usable money.Amount) {
	switch {
	case sp.blocked:
		sp.d.say(rule, "", nil, msgPayerBlocked, payer, from)
	case usable <= 0:
		sp.d.say(rule, "", nil, msgPayerEmpty, payer, from)
	case len(sp.payments) == 0:
		sp.d.say(rule, "", nil, msgPayerNothingDue, payer, from)
	default:
		sp.d.say(rule, "", nil, msgPayerNotNeeded, payer, from)
	}
}

// payArea is the region a medical binding of an authorizer insured in home pays in, as a code
// to name it by: the city, the province, or home itself.
func payArea(area string, home region.Code) region.Code {
	switch area {
	case policy.SameCity:
		return region.Pool(home).Code()
	case policy.SameProvince:
		return home[:2] + "0000"
	}
	return home
}

// inPayArea says whether an institution lies where a medical binding of an authorizer insured
// in home may pay (SZ7).
func inPayArea(area string, institution, home region.Code) bool {
	switch area {
	case policy.SameCity:
		return region.SamePool(institution, home)
	case policy.SameProvince:
		return region.SameProvince(institution, home)
	}
	return true
}
