package scenario

import (
	"encoding/json"
	"errors"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/ledger"
	"gongji/shared/money"
	"gongji/shared/slip"
)

// Result is the JSON of one decided action. Members that an action does not have are left
// out; the common ones (reasons, rules, ruleset, explanation, ledger) are always there.
type Result struct {
	Allowed            *bool                `json:"allowed,omitempty"`
	Refused            *bool                `json:"refused,omitempty"`
	Payments           *[]engine.Payment    `json:"payments,omitempty"`
	Cash               *string              `json:"cash,omitempty"`
	Fee                *string              `json:"fee,omitempty"`
	State              string               `json:"state,omitempty"`
	RefundAt           string               `json:"refund_at,omitempty"`
	Payout             *string              `json:"payout,omitempty"`
	AccountClosed      *bool                `json:"account_closed,omitempty"`
	AmountMoved        *string              `json:"amount_moved,omitempty"`
	OriginDueDays      *int                 `json:"origin_due_days,omitempty"`
	DestDueDays        *int                 `json:"dest_due_days,omitempty"`
	BenefitsContinuous *bool                `json:"benefits_continuous,omitempty"`
	Balances           *map[string]string   `json:"balances,omitempty"`
	Predicted          *PredictedJSON       `json:"predicted,omitempty"`
	Slip               *SlipJSON            `json:"slip,omitempty"`
	Differences        *[]engine.Difference `json:"differences,omitempty"`
	Adjustment         *engine.Adjustment   `json:"adjustment,omitempty"`
	Routes             *[]RouteJSON         `json:"routes,omitempty"`
	Reasons            []engine.Code        `json:"reasons"`
	Rules              []string             `json:"rules"`
	Ruleset            string               `json:"ruleset"`
	Explanation        []ExplainedLine      `json:"explanation"`
	Ledger             []PostingJSON        `json:"ledger"`

	lines []engine.Line // the decision's lines, rendered into Explanation by Eval
}

// ExplainedLine is one explanation line as `gongji eval` prints it: the engine's structure
// (rule, code, message id, values, sources) and its words in Chinese and English, with each
// source as a citation a person can look up.
type ExplainedLine struct {
	engine.Line
	ZH         string            `json:"zh"`
	EN         string            `json:"en"`
	SourcesZH  []engine.Citation `json:"sources_zh,omitempty"`
	SourcesEN  []engine.Citation `json:"sources_en,omitempty"`
	Unofficial bool              `json:"unofficial,omitempty"`
}

// Explain renders lines for a family in both languages.
func Explain(lines []engine.Line, f *family.State) []ExplainedLine {
	zh, en := engine.Words{ZH: true, Family: f}, engine.Words{Family: f}
	out := make([]ExplainedLine, 0, len(lines))
	for _, l := range lines {
		out = append(out, ExplainedLine{Line: l, ZH: zh.Text(l), EN: en.Text(l),
			SourcesZH: zh.Citations(l), SourcesEN: en.Citations(l), Unofficial: l.Unofficial()})
	}
	return out
}

// PostingJSON is one ledger posting: the account's key and the signed amount.
type PostingJSON struct {
	Account string `json:"account"`
	Amount  string `json:"amount"`
}

// Run decodes a scenario, decides its action and returns the result JSON and the exit code
// of `gongji eval`: 0 with a result, 2 with {"error": {code, message}}.
func Run(e *engine.Engine, data []byte) ([]byte, int) {
	sc, err := Decode(data)
	if err == nil {
		var res *Result
		if res, err = Eval(e, sc); err == nil {
			out, _ := json.MarshalIndent(res, "", "  ")
			return append(out, '\n'), 0
		}
	}
	var se *Error
	if !errors.As(err, &se) {
		se = &Error{Code: CodeInvalidField, Message: err.Error()}
	}
	out, _ := json.MarshalIndent(map[string]*Error{"error": se}, "", "  ")
	return append(out, '\n'), 2
}

// Eval decides the scenario's action. Engine input errors come back as *Error.
func Eval(e *engine.Engine, sc *Scenario) (*Result, error) {
	res, err := decide(e, sc)
	var ie *engine.InputError
	if errors.As(err, &ie) {
		return nil, invalid(ie.Field, "%s", ie.Reason)
	}
	if err != nil {
		return nil, err
	}
	res.Explanation = Explain(res.lines, &sc.State)
	return res, nil
}

func decide(e *engine.Engine, sc *Scenario) (*Result, error) {
	s, at, a := &sc.State, sc.At, sc.Action
	switch a.Type {
	case ActBind:
		r, err := e.Bind(s, at, a.Bind)
		return withDecision(&Result{Allowed: &r.Allowed}, r.Decision), err
	case ActSettle:
		r, err := e.Settle(s, at, a.Settle)
		return splitJSON(r), err
	case ActPayPremium:
		r, err := e.PayPremium(s, at, a.Premium)
		return splitJSON(r), err
	case ActWalletTransfer:
		r, err := e.WalletTransfer(s, at, a.WalletTransfer)
		out := &Result{Allowed: &r.Allowed, Fee: str(r.Fee), State: string(r.State), Balances: balancesJSON(r.Balances)}
		if r.Allowed {
			out.RefundAt = civil.FormatTime(r.RefundAt)
		}
		return withDecision(out, r.Decision), err
	case ActWalletAccept:
		r, err := e.WalletAccept(s, at, a.TransferID)
		return withDecision(&Result{State: string(r.State), Balances: balancesJSON(r.Balances)}, r.Decision), err
	case ActWalletExpire:
		r, err := e.WalletExpire(s, at, a.TransferID)
		return withDecision(&Result{State: string(r.State), Balances: balancesJSON(r.Balances)}, r.Decision), err
	case ActWithdraw:
		r, err := e.Withdraw(s, at, a.Withdraw)
		return withDecision(&Result{Allowed: &r.Allowed, Payout: str(r.Payout), Fee: str(r.Fee),
			AccountClosed: &r.AccountClosed}, r.Decision), err
	case ActReconcile:
		r, err := e.Reconcile(s, at, a.Settle, a.Slip)
		return reconcileJSON(r), err
	case ActRoutes:
		r, err := e.Routes(s, at, a.Beneficiary)
		return routesJSON(r), err
	case ActTransfer:
		r, err := e.Transfer(s, at, a.Transfer)
		out := &Result{Allowed: &r.Allowed, AmountMoved: str(r.AmountMoved)}
		if r.Allowed {
			out.OriginDueDays, out.DestDueDays, out.BenefitsContinuous = &r.OriginDueDays, &r.DestDueDays, &r.BenefitsContinuous
		}
		return withDecision(out, r.Decision), err
	}
	return nil, &Error{Code: CodeUnknownAction, Message: "action.type: unknown action " + a.Type}
}

func splitJSON(r engine.SplitResult) *Result {
	payments := append([]engine.Payment{}, r.Payments...) // engine.Payment is the scenario's payment line
	out := &Result{Refused: &r.Refused, Cash: str(r.Cash), Balances: balancesJSON(r.Balances),
		Payments: &payments}
	return withDecision(out, r.Decision)
}

func withDecision(r *Result, d engine.Decision) *Result {
	r.Reasons, r.Rules, r.Ruleset, r.lines = d.Reasons, d.Rules, d.Ruleset, d.Explanation
	r.Ledger = postingsJSON(d.Entry.Postings)
	return r
}

func postingsJSON(ps []ledger.Posting) []PostingJSON {
	out := []PostingJSON{}
	for _, p := range ps {
		out = append(out, PostingJSON{Account: p.Account.Key(), Amount: p.Amount.String()})
	}
	return out
}

func balancesJSON(bs []engine.Balance) *map[string]string {
	out := map[string]string{}
	for _, b := range bs {
		out[b.Key] = b.Balance.String()
	}
	return &out
}

func str(a money.Amount) *string {
	s := a.String()
	return &s
}

// PredictedJSON is the split Gongji predicted for a reconciled bill.
type PredictedJSON struct {
	Payments []engine.Payment `json:"payments"`
	Cash     money.Amount     `json:"cash"`
}

// SlipJSON is how a reconciled slip was read: which reading of acct_mulaid_pay fits its
// totals, and the amounts by payer kind.
type SlipJSON struct {
	Reading   slip.Reading  `json:"reading"`
	Total     money.Amount  `json:"total"`
	Fund      money.Amount  `json:"fund"`
	Own       money.Amount  `json:"own"`
	MutualAid money.Amount  `json:"mutual_aid"`
	Cash      money.Amount  `json:"cash"`
	Balance   *money.Amount `json:"balc,omitempty"`
}

func reconcileJSON(r engine.ReconcileResult) *Result {
	differences := append([]engine.Difference{}, r.Differences...)
	out := &Result{
		Predicted:   &PredictedJSON{Payments: append([]engine.Payment{}, r.Predicted.Payments...), Cash: r.Predicted.Cash},
		Slip:        &SlipJSON{Reading: r.Slip.Reading, Total: r.Slip.Total, Fund: r.Slip.Fund, Own: r.Slip.Own, MutualAid: r.Slip.MutualAid, Cash: r.Slip.Cash, Balance: r.Slip.Balance},
		Differences: &differences,
		Adjustment:  r.Adjustment,
	}
	return withDecision(out, r.Decision)
}

// RouteJSON is one entry of a routes result (spec/scenarios.md): the relative, the binding's
// state and the wallet's answer.
type RouteJSON struct {
	Person  family.PersonID `json:"person"`
	Binding struct {
		State   engine.RouteState `json:"state"`
		Binding string            `json:"binding,omitempty"`
		Reasons []engine.Code     `json:"reasons"`
	} `json:"binding"`
	Wallet struct {
		Possible bool          `json:"possible"`
		Source   family.Source `json:"source"`
		Reasons  []engine.Code `json:"reasons"`
	} `json:"wallet"`
}

func routesJSON(r engine.RoutesResult) *Result {
	routes := make([]RouteJSON, 0, len(r.Routes))
	for _, rt := range r.Routes {
		var j RouteJSON
		j.Person = rt.Person
		j.Binding.State, j.Binding.Binding, j.Binding.Reasons = rt.Binding.State, rt.Binding.Binding, nonNil(rt.Binding.Reasons)
		j.Wallet.Possible, j.Wallet.Source, j.Wallet.Reasons = rt.Wallet.Possible, rt.Wallet.Source, nonNil(rt.Wallet.Reasons)
		routes = append(routes, j)
	}
	return withDecision(&Result{Routes: &routes}, r.Decision)
}

func nonNil(c []engine.Code) []engine.Code {
	if c == nil {
		return []engine.Code{}
	}
	return c
}
