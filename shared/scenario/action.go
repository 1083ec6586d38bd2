package scenario

import (
	"encoding/json"
	"fmt"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/region"
	"gongji/shared/slip"
)

// Action types of spec/scenarios.md.
const (
	ActBind           = "bind"
	ActSettle         = "settle"
	ActPayPremium     = "pay_premium"
	ActWalletTransfer = "wallet_transfer"
	ActWalletAccept   = "wallet_accept"
	ActWalletExpire   = "wallet_expire"
	ActWithdraw       = "withdraw"
	ActTransfer       = "transfer"
	ActReconcile      = "reconcile"
	ActRoutes         = "routes"
)

// Action is one decoded action; Type says which request field is set.
type Action struct {
	Type           string
	Bind           engine.BindRequest
	Settle         engine.SettleRequest
	Premium        engine.PremiumRequest
	WalletTransfer engine.WalletTransferRequest
	TransferID     string // wallet_accept, wallet_expire
	Withdraw       engine.WithdrawRequest
	Transfer       engine.TransferRequest
	Slip           slip.Slip       // reconcile: the settlement slip (Settle holds the bill)
	Beneficiary    family.PersonID // routes
}

type rawAction struct {
	Type        string          `json:"type"`
	ID          string          `json:"id"`
	Authorizer  string          `json:"authorizer"`
	Beneficiary string          `json:"beneficiary"`
	Scopes      []string        `json:"scopes"`
	Patient     string          `json:"patient"`
	CardHolder  string          `json:"card_holder"`
	Institution *rawInstitution `json:"institution"`
	Bill        *rawBill        `json:"bill"`
	Insured     string          `json:"insured"`
	Premium     string          `json:"premium"`
	Amount      *string         `json:"amount"`
	From        string          `json:"from"`
	To          string          `json:"to"`
	Source      string          `json:"source"`
	Transfer    string          `json:"transfer"`
	Person      string          `json:"person"`
	Ground      *string         `json:"ground"`
	ToRegion    string          `json:"to_region"`
	Stopped     bool            `json:"origin_stopped"`
	Enrolled    bool            `json:"dest_enrolled"`
	GapMonths   int             `json:"gap_months"`
	Slip        json.RawMessage `json:"slip"`
}

type rawInstitution struct {
	Region     string `json:"region"`
	Kind       string `json:"kind"`
	Designated *bool  `json:"designated"`
	Wallet     bool   `json:"wallet"`
}

type rawBill struct {
	Total         string `json:"total"`
	Fund          string `json:"fund"`
	PolicySelfPay string `json:"policy_self_pay"`
	FullSelfPay   string `json:"full_self_pay"`
	Category      string `json:"category"`
}

func decodeAction(data json.RawMessage) (Action, error) {
	if len(data) == 0 || string(data) == "null" {
		return Action{}, invalid("action", "required")
	}
	var ra rawAction
	if err := strictUnmarshal(data, &ra); err != nil {
		if e, ok := err.(*Error); ok && e.Code == CodeInvalidField {
			e.Message = "action." + e.Message
		}
		return Action{}, err
	}
	a := Action{Type: ra.Type}
	var err error
	switch ra.Type {
	case ActBind:
		a.Bind = engine.BindRequest{Authorizer: family.PersonID(ra.Authorizer), Beneficiary: family.PersonID(ra.Beneficiary)}
		a.Bind.Scopes, err = decodeScopes("action.scopes", ra.Scopes)
	case ActSettle:
		a.Settle, err = decodeSettle(&ra)
	case ActReconcile:
		if a.Settle, err = decodeSettle(&ra); err == nil {
			a.Slip, err = decodeSlip(ra.Slip)
		}
	case ActPayPremium:
		a.Premium, err = decodePremium(&ra)
	case ActWalletTransfer:
		a.WalletTransfer, err = decodeWalletTransfer(&ra)
	case ActWalletAccept, ActWalletExpire:
		a.TransferID = ra.Transfer
	case ActWithdraw:
		a.Withdraw = engine.WithdrawRequest{Person: family.PersonID(ra.Person)}
		if ra.Ground != nil {
			a.Withdraw.Ground = *ra.Ground
		}
	case ActTransfer:
		a.Transfer, err = decodeTransferAction(&ra)
	case ActRoutes:
		a.Beneficiary = family.PersonID(ra.Beneficiary)
	default:
		return a, &Error{Code: CodeUnknownAction, Message: fmt.Sprintf("action.type: unknown action %q", ra.Type)}
	}
	return a, err
}

func decodeSettle(ra *rawAction) (engine.SettleRequest, error) {
	r := engine.SettleRequest{Patient: family.PersonID(ra.Patient), CardHolder: family.PersonID(ra.CardHolder)}
	in := ra.Institution
	if in == nil {
		return r, invalid("action.institution", "required")
	}
	var err error
	if r.Institution.Region, err = region.Parse(in.Region); err != nil {
		return r, invalid("action.institution.region", "%v", err)
	}
	switch in.Kind {
	case "hospital", "clinic", "pharmacy":
		r.Institution.Kind = in.Kind
	default:
		return r, invalid("action.institution.kind", "%q: want hospital, clinic or pharmacy", in.Kind)
	}
	if in.Designated == nil {
		return r, invalid("action.institution.designated", "required (true or false)")
	}
	r.Institution.Designated, r.Institution.Wallet = *in.Designated, in.Wallet
	if ra.Bill == nil {
		return r, invalid("action.bill", "required")
	}
	r.Bill, err = decodeBill(ra.Bill)
	return r, err
}

func decodeBill(rb *rawBill) (engine.Bill, error) {
	var b engine.Bill
	fields := []struct {
		name string
		raw  string
		into *money.Amount
	}{
		{"total", rb.Total, &b.Total}, {"fund", rb.Fund, &b.Fund},
		{"policy_self_pay", rb.PolicySelfPay, &b.PolicySelfPay}, {"full_self_pay", rb.FullSelfPay, &b.FullSelfPay},
	}
	for _, f := range fields {
		v, err := money.Parse(f.raw)
		if err != nil {
			return b, invalid("action.bill."+f.name, "%v", err)
		}
		*f.into = v
	}
	c, ok := engine.ParseCategory(rb.Category)
	if !ok {
		return b, invalid("action.bill.category", "unknown category %q", rb.Category)
	}
	b.Category = c
	if b.Fund+b.PolicySelfPay+b.FullSelfPay != b.Total {
		return b, invalid("action.bill.total", "%s is not fund %s + policy_self_pay %s + full_self_pay %s",
			b.Total, b.Fund, b.PolicySelfPay, b.FullSelfPay)
	}
	return b, nil
}

func decodePremium(ra *rawAction) (engine.PremiumRequest, error) {
	r := engine.PremiumRequest{Insured: family.PersonID(ra.Insured)}
	p, ok := engine.ParsePremium(ra.Premium)
	if !ok {
		return r, invalid("action.premium", "%q: want resident, ltc or commercial", ra.Premium)
	}
	r.Premium = p
	amount, err := requiredAmount(ra.Amount)
	if err != nil {
		return r, err
	}
	if amount == 0 {
		return r, invalid("action.amount", "a premium must be more than 0.00")
	}
	r.Amount = amount
	return r, nil
}

func decodeWalletTransfer(ra *rawAction) (engine.WalletTransferRequest, error) {
	r := engine.WalletTransferRequest{ID: ra.ID, From: family.PersonID(ra.From), To: family.PersonID(ra.To)}
	if r.ID == "" {
		r.ID = "new"
	}
	var err error
	if r.Source, err = decodeSource("action.source", ra.Source); err != nil {
		return r, err
	}
	r.Amount, err = requiredAmount(ra.Amount)
	return r, err
}

func requiredAmount(raw *string) (money.Amount, error) {
	if raw == nil {
		return 0, invalid("action.amount", "required")
	}
	a, err := money.Parse(*raw)
	if err != nil {
		return 0, invalid("action.amount", "%v", err)
	}
	return a, nil
}

func decodeTransferAction(ra *rawAction) (engine.TransferRequest, error) {
	r := engine.TransferRequest{Person: family.PersonID(ra.Person), OriginStopped: ra.Stopped,
		DestEnrolled: ra.Enrolled, GapMonths: ra.GapMonths}
	var err error
	if r.ToRegion, err = region.Parse(ra.ToRegion); err != nil {
		return r, invalid("action.to_region", "%v", err)
	}
	if ra.GapMonths < 0 {
		return r, invalid("action.gap_months", "%d: must not be negative", ra.GapMonths)
	}
	return r, nil
}

// decodeSlip reads the reconcile action's slip: an object of national field names
// (medfee_sumamt, acct_pay, ...; amounts as strings or numbers) or {"text": "..."} holding the
// text copied from the national app's 结算记录.
func decodeSlip(raw json.RawMessage) (slip.Slip, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return slip.Slip{}, invalid("action.slip", "required")
	}
	var text struct {
		Text *string `json:"text"`
	}
	var (
		sl  slip.Slip
		err error
	)
	if json.Unmarshal(raw, &text) == nil && text.Text != nil {
		sl, err = slip.ParseText(*text.Text)
	} else {
		sl, err = slip.ParseJSON(raw)
	}
	if se, ok := err.(*slip.Error); ok {
		return sl, invalid("action.slip."+se.Where, "%s", se.Reason)
	}
	return sl, err
}
