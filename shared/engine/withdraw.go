package engine

import (
	"time"

	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/policy"
	"gongji/shared/region"
)

// Transfer time limits and the benefit grace period (rules.md T3, T4).
const (
	originDueWorkingDays = 10 // T3: origin finishes within 10 working days
	destDueWorkingDays   = 5  // T3: destination within 5 working days of receipt
	graceMonths          = 3  // T4: benefits continue across a gap of at most 3 months
)

// Grounds lists every withdrawal ground rules.md D1 names.
func Grounds() []string {
	return []string{"death", "voluntary_exit", "lump_sum_pension_clearing", "emigration",
		"move_no_transfer", "retiree_nonlocal", "retiree_resettled", "to_resident_elsewhere"}
}

// WithdrawRequest asks to pay out Person's account on Ground ("" when none is given).
type WithdrawRequest struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person family.PersonID `json:"person"`
	Ground string          `json:"ground"`
}

// WithdrawResult is the outcome of a withdrawal request.
type WithdrawResult struct {
	Allowed       bool
	Payout        money.Amount
	Fee           money.Amount
	AccountClosed bool
	Decision
}

// Withdraw checks a one-off withdrawal (一次性支取) under the person's region (D1-D4).
func (e *Engine) Withdraw(s *family.State, at time.Time, r WithdrawRequest) (WithdrawResult, error) {
	p, err := person(s, "action.person", r.Person)
	if err != nil {
		return WithdrawResult{}, err
	}
	d := e.decider(at)
	d.at(p.Region)
	grounds := d.lookup(policy.WithdrawalGrounds, p.Region)
	switch {
	// D2: 江苏省医疗保障局 guide (no ground, or a ground rules.md does not know, is refused)
	case !contains(Grounds(), r.Ground):
		d.deny("D2", NoWithdrawalGround, nil, msgNoGround)
	// D1: the ground must be in the region's list (section 7)
	case !contains(grounds.Value.Words, r.Ground):
		d.deny("D1", GroundNotInRegionList, &grounds, msgGroundNotListed, word(r.Ground), p.Region, grounds.Value)
	}
	if len(d.codes) > 0 {
		return WithdrawResult{Decision: d.finish(emptyEntry("withdraw"))}, nil
	}
	// D3: the whole balance, free, and the account is closed; D4: Hangzhou offsets a
	// current-year overdraft with the historical part and never pays out a negative amount
	payout := p.Balance().NonNegative()
	d.say("D3", "", &grounds, msgWithdrawn, word(r.Ground), payout)
	// D4: husay.cn (Hangzhou: the historical part offsets a current-year overdraft first)
	if p.HasHistory {
		d.say("D4", "", nil, msgHangzhouOffset, p.Account, p.AccountHistory, payout)
	}
	entry := closingEntry("withdraw", p, payout, "heirs_or_holder")
	return WithdrawResult{Allowed: true, Payout: payout, AccountClosed: true, Decision: d.finish(entry)}, nil
}

// closingEntry empties a personal account: whatever is in it (a negative remainder too, which
// is written off or repaid) leaves for an external party.
func closingEntry(kind string, p *family.Person, payout money.Amount, to string) ledger.Entry {
	entry := emptyEntry(kind)
	if !p.HasAccount || p.Balance() == 0 {
		return entry
	}
	entry.Postings = []ledger.Posting{
		{Account: ledger.AccountOf(p.ID), Amount: -p.Balance()},
		{Account: ledger.Account{Kind: ledger.External, Owner: to}, Amount: payout},
	}
	if writeOff := p.Balance() - payout; writeOff != 0 {
		entry.Postings = append(entry.Postings, ledger.Posting{
			Account: ledger.Account{Kind: ledger.External, Owner: "written_off"}, Amount: writeOff})
	}
	return entry
}

// TransferRequest asks to move Person's insurance relationship to ToRegion (转移接续).
type TransferRequest struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person        family.PersonID `json:"person"`
	ToRegion      region.Code     `json:"to_region"`
	OriginStopped bool            `json:"origin_stopped"`
	DestEnrolled  bool            `json:"dest_enrolled"`
	GapMonths     int             `json:"gap_months"`
}

// TransferResult is the outcome of a transfer request.
type TransferResult struct {
	Allowed            bool
	AmountMoved        money.Amount
	OriginDueDays      int
	DestDueDays        int
	BenefitsContinuous bool
	Decision
}

// Transfer checks a transfer of the insurance relationship (T1-T4).
func (e *Engine) Transfer(s *family.State, at time.Time, r TransferRequest) (TransferResult, error) {
	p, err := person(s, "action.person", r.Person)
	if err != nil {
		return TransferResult{}, err
	}
	d := e.decider(at)
	d.at(p.Region, r.ToRegion)
	// T1: 医保办发〔2021〕43号 (stopped at the origin, enrolled at the destination, not retired)
	if !r.OriginStopped {
		d.deny("T1", TransferOriginActive, nil, msgOriginActive, p.Region)
	}
	if !r.DestEnrolled {
		d.deny("T1", TransferDestNotEnrolled, nil, msgDestNotEnrolled, r.ToRegion)
	}
	if p.Retired {
		d.deny("T1", TransferRetireeNA, nil, msgRetiree, p.ID)
	}
	// T2: 医保办发〔2021〕43号; m.5728338.com (inside one pooling region no transfer is needed)
	if region.SamePool(p.Region, r.ToRegion) {
		d.deny("T2", TransferSameRegion, nil, msgSameRegion, p.Region, r.ToRegion)
	}
	if len(d.codes) > 0 {
		return TransferResult{Decision: d.finish(emptyEntry("transfer"))}, nil
	}
	keep := d.lookup(policy.TransferKeepsBalanceInProvince, p.Region)
	res := TransferResult{Allowed: true, OriginDueDays: originDueWorkingDays, DestDueDays: destDueWorkingDays}
	entry := emptyEntry("transfer")
	// T5: 粤医保规〔2022〕6号 第十四条 (inside Guangdong the balance stays with the person,
	// usable in every city of the province: it neither moves nor is paid out)
	if keep.Value.Bool && region.SameProvince(p.Region, r.ToRegion) {
		d.say("T5", "", &keep, msgBalanceStays, p.Balance().NonNegative(), p.Region, r.ToRegion)
		d.say("T3", "", nil, msgTransferDue, originDueWorkingDays, destDueWorkingDays)
	} else {
		// T3: 医保办发〔2021〕43号 (whole balance, free, 10 + 5 working days)
		res.AmountMoved = p.Balance().NonNegative()
		d.say("T3", "", nil, msgTransferred, res.AmountMoved, p.Region, r.ToRegion, originDueWorkingDays, destDueWorkingDays)
		entry = closingEntry("transfer", p, res.AmountMoved, string(r.ToRegion))
	}
	res.BenefitsContinuous = d.checkGap(r.GapMonths)
	res.Decision = d.finish(entry)
	return res, nil
}

func contains(list []string, s string) bool {
	for _, k := range list {
		if k == s {
			return true
		}
	}
	return false
}

// checkGap applies T4 and says whether benefits continue.
func (d *decider) checkGap(gapMonths int) bool {
	// T4: Xinhua (a gap of at most 3 months keeps benefits continuous)
	if gapMonths <= graceMonths {
		d.say("T4", "", nil, msgGapOK, gapMonths, graceMonths)
		return true
	}
	d.say("T4", "", nil, msgGapWait, gapMonths, graceMonths)
	return false
}
