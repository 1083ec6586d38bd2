package mutation

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/slip"
)

// RecordSlip saves what a bill's settlement slip (结算单) says really happened: the bill's
// predicted postings are reversed and the slip's amounts posted (engine.Reconcile), through
// the same reversal and re-posting as amend_bill, so the server's log and every device stay
// exact. The slip is the truth.
const RecordSlip Name = "record_slip" // RecordSlipArgs

// RecordSlipArgs records the slip Slip of the bill Target (a settle, amend_bill or an earlier
// record_slip). Settle is the bill as entered (the explanation compares the slip with its
// prediction). Slip is an object of the national settlement output's fields
// (medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay, psn_cash_pay, balc; amounts as
// money strings; "payer" for who paid the mutual aid).
//
// AdjustBalance: when the slip's balc disagrees with the ledger (SLIP_BALANCE_MISMATCH), the
// person confirmed bringing the patient's account to balc; the adjustment is a
// "slip_balance" entry of the same mutation, so a void of the slip takes it back with the
// rest. It is computed where the mutation is applied, against the balance there.
type RecordSlipArgs struct {
	Target        string          `json:"target"`
	Settle        SettleArgs      `json:"settle"`
	Slip          json.RawMessage `json:"slip"`
	AdjustBalance bool            `json:"adjust_balance,omitempty"`
	Reason        string          `json:"reason,omitempty"`
}

// ReadSlip reads the args' slip; errors name the field under args.slip.
func (a *RecordSlipArgs) ReadSlip() (slip.Slip, error) {
	if len(a.Slip) == 0 {
		return slip.Slip{}, fieldErr("args.slip", "missing: the slip's fields (medfee_sumamt, acct_pay, ...)")
	}
	sl, err := slip.ParseJSON(a.Slip)
	if err != nil {
		se := err.(*slip.Error)
		return slip.Slip{}, fieldErr("args.slip."+se.Where, se.Reason)
	}
	if _, err := sl.Read(); err != nil {
		se := err.(*slip.Error)
		return slip.Slip{}, fieldErr("args.slip."+se.Where, se.Reason)
	}
	return sl, nil
}

func checkRecordSlip(a *RecordSlipArgs) error {
	if err := first(id("target", a.Target), text("reason", a.Reason, false), checkSettle(&a.Settle, "settle.")); err != nil {
		return err
	}
	_, err := a.ReadSlip()
	return err
}

// bill says whether a record is a bill a slip or an amendment may replace (kinds.go).
func bill(n string) bool {
	k, ok := KindOf(Name(n))
	return ok && k.bill
}

// ownReversal reverses a bill record's own postings (not what it voided), newest first.
func ownReversal(r *family.Record) []ledger.Entry {
	var rev []ledger.Entry
	for i := len(r.Entries) - 1; i >= 0; i-- {
		if r.Entries[i].Kind != "void" {
			rev = append(rev, r.Entries[i].Reversed("void"))
		}
	}
	return rev
}

// withoutBill is s with the bill record r's own postings reversed (ownReversal), and those
// reversals; ok is false when a reversal cannot be applied (an account would go below zero).
func withoutBill(s *family.State, r *family.Record) (mid family.State, rev []ledger.Entry, ok bool) {
	rev = ownReversal(r)
	mid = s.Clone()
	for _, en := range rev {
		if _, err := ledger.Apply(&mid, en); err != nil {
			return mid, rev, false
		}
	}
	return mid, rev, true
}

// decideRecordSlip reverses the target bill's postings and posts the slip's, at the bill's
// visit: the explanation compares the slip with the prediction against the balances of the
// moment (after the reversal), as amend_bill decides.
func decideRecordSlip(c call, v any) (Outcome, error) {
	e, s, a, at := c.e, c.s, v.(*RecordSlipArgs), c.at
	r, code := standingBill(s, a.Target)
	switch {
	case r == nil:
		return refused(code), nil
	case a.Settle.Patient != r.Person:
		return Outcome{}, fieldErr("args.settle.patient", strconv.Quote(string(a.Settle.Patient))+": the bill "+a.Target+" was for "+strconv.Quote(string(r.Person)))
	}
	if err := checkVisit(&a.Settle, at, "args.settle.visit"); err != nil {
		return Outcome{}, err
	}
	sl, err := a.ReadSlip()
	if err != nil {
		return Outcome{}, err
	}
	mid, rev, ok := withoutBill(s, r)
	if !ok {
		return refused(NegativeBalance), nil
	}
	o, err := slipVersion(e, &mid, amendMoment(r, &a.Settle), a, sl)
	if err != nil {
		return Outcome{}, err
	}
	o.Entries = append(rev, o.Entries...)
	return o, nil
}

// slipVersion posts the slip sl of a bill against s at moment: the slip's amounts, and the
// balance adjustment the person confirmed, computed against the balance there.
func slipVersion(e *engine.Engine, s *family.State, moment time.Time, a *RecordSlipArgs, sl slip.Slip) (Outcome, error) {
	req := a.Settle
	if req.CardHolder == "" {
		req.CardHolder = req.Patient
	}
	res, err := e.Reconcile(s, moment, req, sl)
	if err != nil {
		return Outcome{}, slipFieldErr(err)
	}
	o := fromDecision(true, res.Decision)
	o.Split = slipSplit(res, req.Patient)
	if a.AdjustBalance && res.Adjustment != nil {
		o.Entries = append(o.Entries, adjustmentEntry(*res.Adjustment))
	}
	return o, nil
}

// slipFieldErr names a reconcile input error under args (the engine names the scenario's
// action.slip.*).
func slipFieldErr(err error) error {
	if fe, ok := err.(*FieldError); ok {
		c := *fe
		c.Field = "args." + strings.TrimPrefix(strings.TrimPrefix(c.Field, "action."), "args.")
		return &c
	}
	return err
}

// slipSplit is the slip's split as the ledger lists a bill: the patient's own account, the
// patient's wallet, the relatives' accounts, then cash.
func slipSplit(res engine.ReconcileResult, patient family.PersonID) *Split {
	sp := &Split{Lines: []Line{}, Cash: res.Slip.Cash}
	for _, p := range res.Entry.Postings {
		if (p.Account.Kind != ledger.PersonalAccount && p.Account.Kind != ledger.Wallet) || p.Amount >= 0 {
			continue
		}
		src := engine.MutualAid
		switch {
		case p.Account.Kind == ledger.Wallet:
			src = engine.FromPurse // the patient's 医保钱包 (RC5)
		case family.PersonID(p.Account.Owner) == patient:
			src = engine.Own
		}
		sp.Lines = append(sp.Lines, Line{Payer: family.PersonID(p.Account.Owner), Source: src, Amount: -p.Amount})
	}
	return sp
}

// adjustmentEntry brings the patient's account to the slip's balc (RC6).
func adjustmentEntry(a engine.Adjustment) ledger.Entry {
	return ledger.Entry{Kind: "slip_balance", Postings: []ledger.Posting{
		{Account: ledger.AccountOf(a.Person), Amount: a.Amount},
		{Account: ledger.Account{Kind: ledger.External, Owner: "slip_balance"}, Amount: -a.Amount}}}
}

// redoTruth is the structure of record_slip (the bill it replaced is marked), of a credit
// schedule and of a checkpoint. s is the state before the mutation's entries.
func redoTruth(s, next *family.State, m Mutation, args any, at time.Time, rec *family.Record) {
	switch a := args.(type) {
	case *RecordSlipArgs:
		// like an amended bill: the reversal is final, what the target voided stays voided
		next.Mark(a.Target, func(r *family.Record) { r.VoidedBy = m.ID })
		rec.Voids = a.Target
	case *CreditScheduleArgs:
		redoCreditSchedule(next, m, a, at)
	case *CheckpointArgs:
		next.AddCheckpoint(checkpointOf(s, m, a, at))
	}
}
