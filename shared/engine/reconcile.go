package engine

import (
	"time"

	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/policy"
	"gongji/shared/slip"
)

// Reconciliation codes: how a settlement slip differs from Gongji's prediction. They are the
// product's own, beside the rule codes of rules.md: the slip is the truth, and each code says
// which difference it shows and what most likely caused it.
const (
	SlipTotalDiffers        Code = "SLIP_TOTAL_DIFFERS"              // the slip's total is not the bill's
	SlipFundDiffers         Code = "SLIP_FUND_DIFFERS"               // the pooled funds paid another amount
	SlipFullSelfPayFromAcct Code = "SLIP_FULL_SELF_PAY_FROM_ACCOUNT" // accounts paid 全自费 items
	SlipOrderDiffers        Code = "SLIP_ORDER_DIFFERS"              // same account total, other split
	SlipBalanceLower        Code = "SLIP_BALANCE_LOWER"              // the own account had less than believed
	SlipBalanceHigher       Code = "SLIP_BALANCE_HIGHER"             // the own account had more than believed
	SlipMutualAidLower      Code = "SLIP_MUTUAL_AID_LOWER"           // relatives' accounts paid less
	SlipMutualAidHigher     Code = "SLIP_MUTUAL_AID_HIGHER"          // relatives' accounts paid more
	SlipBalanceMismatch     Code = "SLIP_BALANCE_MISMATCH"           // balc is not the ledger's balance
)

// Difference is one amount the slip and the prediction disagree on.
type Difference struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Code      Code         `json:"code"`
	Predicted money.Amount `json:"predicted"`
	Actual    money.Amount `json:"actual"`
}

// Adjustment is a balance change the slip's balc asks for: Amount (signed) brings the
// ledger's balance of Person's account to what the slip says.
type Adjustment struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person family.PersonID `json:"person"`
	Amount money.Amount    `json:"amount"`
}

// ReconcileResult compares a bill's predicted split with its settlement slip.
type ReconcileResult struct {
	Predicted   SplitResult
	Slip        slip.Read
	Differences []Difference
	// Adjustment is set when the slip's balc disagrees with the ledger.
	Adjustment *Adjustment
	// Decision's Entry holds the slip's actual postings, which replace the predicted ones.
	Decision
}

// Reconcile predicts the bill's split (Settle) and compares it with what the slip says
// happened, line by line; each difference gets a code and an explanation line. The slip is
// the truth: the decision's entry posts the slip's amounts (own account, relatives' accounts
// in the region's order up to their balances or the payer the slip names, cash outside).
func (e *Engine) Reconcile(s *family.State, at time.Time, r SettleRequest, sl slip.Slip) (ReconcileResult, error) {
	read, err := sl.Read()
	if err != nil {
		se := err.(*slip.Error)
		return ReconcileResult{}, inputErr("action.slip."+se.Where, "%s", se.Reason)
	}
	predicted, err := e.Settle(s, at, r)
	if err != nil {
		return ReconcileResult{}, err
	}
	d := e.decider(at)
	d.say("RC1", "", nil, readingMsg(read.Reading))
	res := ReconcileResult{Predicted: predicted, Slip: read}
	res.compare(d, r, read)
	entry, adjustment, err := e.slipEntry(s, d, r, sl, read, predicted)
	if err != nil {
		return ReconcileResult{}, err
	}
	res.Adjustment = adjustment
	if len(res.Differences) == 0 && adjustment == nil {
		d.say("RC1", "", nil, msgSlipMatches)
	}
	res.Decision = d.finish(entry)
	return res, nil
}

func readingMsg(r slip.Reading) Msg {
	switch r {
	case slip.Inside:
		return msgSlipInside
	case slip.Beside:
		return msgSlipBeside
	}
	return msgSlipEither
}

// predictedParts sums the prediction by source: own account, relatives' accounts, wallet.
func predictedParts(p SplitResult) (own, mutualAid, wallet money.Amount) {
	for _, l := range p.Payments {
		switch l.Source {
		case Own:
			own += l.Amount
		case MutualAid:
			mutualAid += l.Amount
		case FromPurse:
			wallet += l.Amount
		}
	}
	return own, mutualAid, wallet
}

// compare finds the differences and explains each by its most likely cause (RC2-RC5).
func (res *ReconcileResult) compare(d *decider, r SettleRequest, read slip.Read) {
	// RC2: the bill as entered against the slip's total and fund
	if read.Total != r.Bill.Total {
		res.differ(d, "RC2", SlipTotalDiffers, r.Bill.Total, read.Total, msgSlipTotal, read.Total, r.Bill.Total)
	}
	if read.Fund != r.Bill.Fund {
		res.differ(d, "RC2", SlipFundDiffers, r.Bill.Fund, read.Fund, msgSlipFund, read.Fund, r.Bill.Fund)
	}
	own, mutualAid, wallet := predictedParts(res.Predicted)
	accounts, slipAccounts := own+mutualAid+wallet, read.Own+read.MutualAid
	switch {
	// RC3: the accounts paid more than the eligible part: 全自费 items paid from an account
	case slipAccounts > accounts && slipAccounts-accounts <= r.Bill.FullSelfPay && read.Own >= own:
		res.differ(d, "RC3", SlipFullSelfPayFromAcct, accounts, slipAccounts, msgSlipFullSelfPay, slipAccounts-accounts, r.Bill.FullSelfPay)
	// RC4: the same total from the accounts, split another way: another order
	case slipAccounts == accounts && read.Own != own:
		res.differ(d, "RC4", SlipOrderDiffers, own, read.Own, msgSlipOrder, read.Own, own, read.MutualAid, mutualAid)
	default:
		// RC5, facts first: the patient's 医保钱包 paid, and a slip lists it with the mutual aid
		if fromWallet := walletAsMutualAid(read.MutualAid, mutualAid, wallet); fromWallet > 0 {
			d.say("RC5", "", nil, msgSlipWalletPaid, r.Patient, fromWallet)
			mutualAid += fromWallet
		}
		// RC5, then guesses (the sentences say so): an account had another balance than the
		// ledger says
		if read.Own < own {
			res.differ(d, "RC5", SlipBalanceLower, own, read.Own, msgSlipOwnLower, r.Patient, read.Own, own)
		} else if read.Own > own {
			res.differ(d, "RC5", SlipBalanceHigher, own, read.Own, msgSlipOwnHigher, r.Patient, read.Own, own)
		}
		if read.MutualAid < mutualAid {
			res.differ(d, "RC5", SlipMutualAidLower, mutualAid, read.MutualAid, msgSlipMutualLower, read.MutualAid, mutualAid)
		} else if read.MutualAid > mutualAid {
			res.differ(d, "RC5", SlipMutualAidHigher, mutualAid, read.MutualAid, msgSlipMutualHigher, read.MutualAid, mutualAid)
		}
	}
}

// differ adds the difference c (the prediction against the slip) and its line.
func (res *ReconcileResult) differ(d *decider, rule string, c Code, predicted, actual money.Amount, m Msg, values ...any) {
	res.Differences = append(res.Differences, Difference{Code: c, Predicted: predicted, Actual: actual})
	d.deny(rule, c, nil, m, values...)
}

// slipEntry posts what the slip says was paid, and checks balc (RC6).
func (e *Engine) slipEntry(s *family.State, d *decider, r SettleRequest, sl slip.Slip, read slip.Read, predicted SplitResult) (ledger.Entry, *Adjustment, error) {
	entry := emptyEntry("slip")
	patient := s.Person(r.Patient)
	post := func(a ledger.Account, amount money.Amount) {
		if amount > 0 {
			entry.Postings = append(entry.Postings, ledger.Posting{Account: a, Amount: -amount})
		}
	}
	post(ledger.AccountOf(r.Patient), read.Own)
	remaining := read.MutualAid
	// RC5: what the patient's wallet paid is in the slip's mutual aid, and comes from the wallet
	if _, mutualAid, wallet := predictedParts(predicted); sl.Payer == "" && patient != nil {
		fromWallet := money.Min(walletAsMutualAid(read.MutualAid, mutualAid, wallet), patient.Wallet.Balance.NonNegative())
		post(ledger.WalletOf(r.Patient), fromWallet)
		remaining -= fromWallet
	}
	for _, payer := range slipPayers(s, r.Patient, sl, predicted) {
		if remaining <= 0 {
			break
		}
		p := s.Person(payer)
		take := money.Min(remaining, p.Balance().NonNegative())
		if sl.Payer != "" {
			take = remaining
		}
		// SH1: rules.md 11.3 (a Shanghai relative's account pays from its 历年账户, as far as
		// that part holds what the slip says it paid)
		if take > 0 && p.HasHistory && take <= p.AccountHistory && e.table.Lookup(policy.MutualAidFromHistory, p.Region, d.day).Value.Bool {
			entry.Postings = append(entry.Postings, ledger.Posting{Account: ledger.AccountOf(payer), Amount: -take, Part: ledger.History})
		} else {
			post(ledger.AccountOf(payer), take)
		}
		remaining -= take
	}
	if remaining > 0 {
		return entry, nil, inputErr("action.slip.acct_mulaid_pay", "%s paid by relatives' accounts, but the bound relatives hold only %s", read.MutualAid, read.MutualAid-remaining)
	}
	if paid := read.Own + read.MutualAid; paid > 0 {
		entry.Postings = append(entry.Postings, ledger.Posting{Account: ledger.Account{Kind: ledger.External, Owner: "settle"}, Amount: paid})
	}
	// RC6: only an account that exists is adjusted (a resident has none)
	if read.Balance == nil || patient == nil || !patient.HasAccount {
		return entry, nil, nil
	}
	// RC6: balc is the patient's balance after this settlement
	expected := patient.Balance() - read.Own
	if *read.Balance == expected {
		return entry, nil, nil
	}
	d.refuse(SlipBalanceMismatch)
	adj := &Adjustment{Person: r.Patient, Amount: *read.Balance - expected}
	d.say("RC6", SlipBalanceMismatch, nil, msgSlipBalc, r.Patient, *read.Balance, expected, abs(adj.Amount))
	return entry, adj, nil
}

// slipPayers are the relatives whose accounts paid the slip's mutual-aid amount: the payer
// the slip names, else the authorizers of the prediction in its order, then any other
// authorizer bound to the patient.
func slipPayers(s *family.State, patient family.PersonID, sl slip.Slip, predicted SplitResult) []family.PersonID {
	if sl.Payer != "" && s.Person(family.PersonID(sl.Payer)) != nil {
		return []family.PersonID{family.PersonID(sl.Payer)}
	}
	seen := map[family.PersonID]bool{}
	var out []family.PersonID
	for _, l := range predicted.Payments {
		if l.Source == MutualAid && !seen[l.Payer] {
			seen[l.Payer] = true
			out = append(out, l.Payer)
		}
	}
	for _, b := range s.Bindings {
		if b.Beneficiary == patient && !seen[b.Authorizer] && s.Person(b.Authorizer) != nil {
			seen[b.Authorizer] = true
			out = append(out, b.Authorizer)
		}
	}
	return out
}

// walletAsMutualAid is how much of the slip's mutual aid the patient's wallet paid: the
// prediction's wallet payment, up to what the slip's mutual aid exceeds the relatives' predicted
// part by.
func walletAsMutualAid(slipMutualAid, predictedMutualAid, predictedWallet money.Amount) money.Amount {
	if predictedWallet <= 0 || slipMutualAid <= predictedMutualAid {
		return 0
	}
	return money.Min(slipMutualAid-predictedMutualAid, predictedWallet)
}

func abs(a money.Amount) money.Amount {
	if a < 0 {
		return -a
	}
	return a
}
