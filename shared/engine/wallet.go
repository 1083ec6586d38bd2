package engine

import (
	"time"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/policy"
	"gongji/shared/region"
)

// Wallet limits (rules.md W5-W7, W11; shm.com.cn 2025-09-18, qinan.gov.cn), exported so the
// app can show them before a transfer is sent.
const (
	WalletMaxAmount     money.Amount = 2000_00   // W5: at most 2,000.00 per transfer
	WalletDailyCount                 = 3         // W6: at most 3 transfers per sender per UTC+8 day
	WalletQuietFromSec               = 22 * 3600 // W7: no transfers from 22:00:00 UTC+8 ...
	WalletQuietUntilSec              = 6 * 3600  // ... to 05:59:59; W11 refunds at 06:00:00
)

// WalletTransferRequest sends Amount from From's Source to To's wallet.
type WalletTransferRequest struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	// ID names the transfer once made; its money is in transit under this id until accepted
	// or refunded.
	// In a mutation it is the mutation's id, whatever the arguments say.
	ID     string          `json:"id,omitempty"`
	From   family.PersonID `json:"from"`
	To     family.PersonID `json:"to"`
	Amount money.Amount    `json:"amount"`
	Source family.Source   `json:"source"`
}

// WalletTransferResult is the outcome of a transfer request.
type WalletTransferResult struct {
	Allowed  bool
	Fee      money.Amount
	State    family.TransferState // pending when allowed
	RefundAt time.Time            // zero when refused
	// Routes, when W1-W4 refused, is who can pay for the recipient today and how (rules.md
	// section 10).
	Routes   *RoutesResult
	Balances []Balance
	Decision
}

// RefundAt is the earliest 06:00:00 UTC+8 strictly later than at (W11, rules.md section 8).
func RefundAt(at time.Time) time.Time {
	day := civil.DateOf(at)
	if civil.SecondOfDay(at) >= WalletQuietUntilSec {
		day = day.AddDays(1)
	}
	return civil.At(day, WalletQuietUntilSec)
}

// WalletTransfer checks and makes a 医保钱包 transfer (rules.md W1-W11).
func (e *Engine) WalletTransfer(s *family.State, at time.Time, r WalletTransferRequest) (WalletTransferResult, error) {
	from, err := person(s, "action.from", r.From)
	if err != nil {
		return WalletTransferResult{}, err
	}
	to, err := person(s, "action.to", r.To)
	if err != nil {
		return WalletTransferResult{}, err
	}
	d := e.decider(at)
	d.checkWalletRegions(from, to)
	d.checkRecipient(s, from, to)
	sourceExists := d.checkSender(from, r.Source)
	d.checkWalletAmount(from, r, sourceExists)
	d.checkWalletTiming(s, at, r)
	res := WalletTransferResult{Allowed: len(d.codes) == 0, Balances: []Balance{}}
	if d.codes[WalletRegionNotEnabled] || d.codes[RelationNotAllowed] || d.codes[BeneficiaryNotInsured] ||
		d.codes[WalletRecipientNotOpened] || d.codes[AuthorizerNotEmployee] {
		// RT1: rules.md section 10 (a transfer refused by W1-W4 shows who can pay for the recipient)
		routes, err := e.Routes(s, at, r.To)
		if err != nil {
			return WalletTransferResult{}, err
		}
		// the other way for the same person: a binding, and why not when it is refused
		if rt, ok := routes.Route(r.From); ok && rt.Binding.State == RouteRefused {
			d.explainOther(msgRouteCannotBind, r.From, r.To, rt.Binding.Lines)
		}
		d.suggestRoutes(routes)
		d.suggestLater(routes)
		res.Routes = &routes
	}
	entry := emptyEntry("wallet_transfer")
	if res.Allowed {
		res.State, res.RefundAt = family.Pending, RefundAt(at)
		src := sourceAccount(r.From, r.Source)
		entry.Postings = []ledger.Posting{{Account: src, Amount: -r.Amount},
			{Account: ledger.Account{Kind: ledger.InTransit, Owner: r.ID}, Amount: r.Amount}}
		// W10: shm.com.cn 2025-09-18 (no fee; the amount leaves the source at once, pending)
		d.say("W10", "", nil, msgTransferPending, r.Amount, r.To, res.RefundAt)
		if res.Balances, err = balancesAfter(s, entry); err != nil {
			return WalletTransferResult{}, err
		}
	}
	res.Decision = d.finish(entry)
	return res, nil
}

func sourceAccount(p family.PersonID, src family.Source) ledger.Account {
	if src == family.FromWallet {
		return ledger.WalletOf(p)
	}
	return ledger.AccountOf(p)
}

func (d *decider) checkWalletRegions(from, to *family.Person) {
	people := []*family.Person{from, to}
	// W1: rules.md 11.1 (two people in one province need that province's date only)
	if region.SameProvince(from.Region, to.Region) {
		people = people[:1]
	}
	for _, p := range people {
		// W1 is each person's province's own date (rules.md 11.1)
		d.at(p.Region)
		row := d.lookup(policy.WalletEnabled, p.Region)
		// W1: shm.com.cn 2025-09-18; media list 2026-01-09 (wallet enabled per province)
		if !row.Value.Bool {
			d.deny("W1", WalletRegionNotEnabled, &row, msgWalletRegionOff, p.ID, provinceOf(p.Region), d.day)
		}
	}
	d.at(from.Region, to.Region)
}

func (d *decider) checkRecipient(s *family.State, from, to *family.Person) {
	rel, _ := s.RelationOf(to.ID, from.ID)
	// W2: hn.ccedn.com.cn 2025-09-19 (any close relative, any province); to self is refused
	if from.ID == to.ID || !hasRelation(family.CloseRelatives(), rel) {
		d.deny("W2", RelationNotAllowed, nil, msgWalletRelation, to.ID, from.ID, rel)
	}
	// W2: the recipient must be insured (as in B2)
	if !to.Insured() {
		d.deny("W2", BeneficiaryNotInsured, nil, msgBeneficiaryNotInsured, to.ID, to.Insurance, to.Status)
	}
	// W3: the recipient must have opened a wallet
	if !to.Wallet.Opened {
		d.deny("W3", WalletRecipientNotOpened, nil, msgWalletNotOpened, to.ID)
		d.suggest("W3", msgNextWalletOpen, to.ID)
	}
}

// checkSender is W4; it reports whether the source account or wallet exists, for W8.
func (d *decider) checkSender(from *family.Person, src family.Source) bool {
	exists := from.HasAccount
	ok := from.Insurance == family.Employee && from.Status != family.Stopped && from.HasAccount
	if src == family.FromWallet {
		exists = from.Wallet.Opened
		ok = from.Insured() && from.Wallet.Opened
	}
	// W4: account source needs an employee with a personal account; wallet source any insured
	// holder of a wallet; a stopped sender is refused
	if !ok {
		d.deny("W4", AuthorizerNotEmployee, nil, msgWalletSender, from.ID, src, from.Insurance, from.Status)
	}
	return exists
}

func (d *decider) checkWalletAmount(from *family.Person, r WalletTransferRequest, sourceExists bool) {
	// W5: at most 2,000.00 and more than 0.00 per transfer
	switch {
	case r.Amount <= 0:
		d.deny("W5", InvalidAmount, nil, msgWalletZero, r.Amount)
	case r.Amount > WalletMaxAmount:
		d.deny("W5", WalletPerTxnLimit, nil, msgWalletPerTxn, r.Amount, WalletMaxAmount)
	}
	if !sourceExists {
		return
	}
	balance := from.Balance()
	if r.Source == family.FromWallet {
		balance = from.Wallet.Balance
	}
	// W8: the amount must not exceed the source balance
	if r.Amount > balance {
		d.deny("W8", InsufficientBalance, nil, msgWalletBalance, r.Amount, r.Source, balance)
	}
}

func (d *decider) checkWalletTiming(s *family.State, at time.Time, r WalletTransferRequest) {
	count := 0
	pending := ""
	for _, t := range s.Transfers {
		if t.From != r.From {
			continue
		}
		if civil.DateOf(t.At) == d.day {
			count++
		}
		if t.To == r.To && t.State == family.Pending {
			pending = t.ID
		}
	}
	// W6: at most 3 transfers per sender per UTC+8 day, refunded and accepted ones included
	if count >= WalletDailyCount {
		d.deny("W6", WalletDailyCountLimit, nil, msgWalletDaily, count, d.day)
	}
	// W7: no transfers from 22:00:00 to 05:59:59 UTC+8
	if sec := civil.SecondOfDay(at); sec >= WalletQuietFromSec || sec < WalletQuietUntilSec {
		d.deny("W7", WalletQuietHours, nil, msgWalletQuiet, at)
	}
	// W9: one pending transfer per sender and recipient
	if pending != "" {
		d.deny("W9", WalletPendingTransfer, nil, msgWalletPending, r.To)
	}
}

// WalletResult is the outcome of an accept or expire.
type WalletResult struct {
	State    family.TransferState
	Balances []Balance
	Decision
}

// WalletAccept lets the recipient take a pending transfer before its refund time (W11).
func (e *Engine) WalletAccept(s *family.State, at time.Time, transferID string) (WalletResult, error) {
	t := s.Transfer(transferID)
	if t == nil {
		return WalletResult{}, inputErr("action.transfer", "unknown wallet transfer %q", transferID)
	}
	d := e.decider(at)
	d.atTransfer(s, t)
	refund := RefundAt(t.At)
	// W11: accepted only while pending and before the refund time; otherwise nothing changes
	if t.State != family.Pending || !at.Before(refund) {
		d.say("W11", "", nil, msgAcceptNoChange, t.State, refund)
		return WalletResult{State: t.State, Balances: []Balance{}, Decision: d.finish(emptyEntry("wallet_accept"))}, nil
	}
	d.say("W11", "", nil, msgAccepted, t.Amount, t.To)
	return e.moveTransfer(s, d, t, family.Accepted, ledger.WalletOf(t.To), "wallet_accept")
}

// WalletExpire refunds a pending transfer whose refund time has come (W11).
func (e *Engine) WalletExpire(s *family.State, at time.Time, transferID string) (WalletResult, error) {
	t := s.Transfer(transferID)
	if t == nil {
		return WalletResult{}, inputErr("action.transfer", "unknown wallet transfer %q", transferID)
	}
	d := e.decider(at)
	d.atTransfer(s, t)
	refund := RefundAt(t.At)
	// W11: at the first 06:00 UTC+8 after the transfer an unaccepted amount goes back
	if t.State != family.Pending || at.Before(refund) {
		d.say("W11", "", nil, msgExpireNoChange, t.State, refund)
		return WalletResult{State: t.State, Balances: []Balance{}, Decision: d.finish(emptyEntry("wallet_refund"))}, nil
	}
	d.say("W11", "", nil, msgRefunded, t.Amount, t.From, refund)
	return e.moveTransfer(s, d, t, family.Refunded, sourceAccount(t.From, t.Source), "wallet_refund")
}

// atTransfer sets the regions of a transfer's sender and recipient.
func (d *decider) atTransfer(s *family.State, t *family.WalletTransfer) {
	d.where = d.where[:0]
	for _, id := range []family.PersonID{t.From, t.To} {
		if p := s.Person(id); p != nil {
			d.where = append(d.where, p.Region)
		}
	}
}

func (e *Engine) moveTransfer(s *family.State, d *decider, t *family.WalletTransfer, state family.TransferState, to ledger.Account, kind string) (WalletResult, error) {
	entry := ledger.Entry{Kind: kind, Postings: []ledger.Posting{
		{Account: ledger.Account{Kind: ledger.InTransit, Owner: t.ID}, Amount: -t.Amount},
		{Account: to, Amount: t.Amount}}}
	balances, err := balancesAfter(s, entry)
	if err != nil {
		return WalletResult{}, err
	}
	return WalletResult{State: state, Balances: balances, Decision: d.finish(entry)}, nil
}
