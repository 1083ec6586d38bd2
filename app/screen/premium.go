package screen

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
)

// premiumForm pays a premium (resident insurance, long-term care, huiminbao) for a relative:
// the engine splits it between the insured's account, wallet, bindings with the premium's
// scope and cash, as the person types.
type premiumForm struct {
	_                            incomparable
	insured, kind, amount, saved string
	prob                         problem // why the last save failed
}

// premiums are the premiums (engine.Premium) the form pays, in its order.
var premiums = []string{string(engine.ResidentContribution), string(engine.LTCContribution), string(engine.CommercialContribution)}

func (f *premiumForm) args() (mutation.PremiumArgs, bool, problem) {
	amt, err := parseYuan(f.amount)
	if err != nil {
		return mutation.PremiumArgs{}, false, problem{"amount", client.TheStore().T("bill.badmoney")}
	}
	return mutation.PremiumArgs{Insured: family.PersonID(f.insured), Premium: engine.Premium(f.kind), Amount: amt},
		f.insured != "" && f.amount != "", problem{}
}

func (f *premiumForm) render() app.UI {
	st := client.TheStore()
	if f.kind == "" {
		f.kind = string(engine.ResidentContribution)
	}
	preview, pp := f.preview()
	placed := []string{"insured", "premium", "amount"}
	return formOf("form#premium-form.card", f.submit, append(append([]app.UI{eltr("h2", "premium.title")}, inputs([]input{
		// a sentence about one input goes under it: the live check's first, else the last save's
		{id: "premium-insured", label: "premium.insured", v: &f.insured, people: true, err: "insured", row: 1},
		{id: "premium-kind", label: "premium.kind", v: &f.kind, keys: premiums, prefix: "premium.", err: "premium", row: 1},
		{id: "premium-amount", label: "premium.amount", v: &f.amount, mode: "decimal", err: "amount", row: 1},
	}, pp, f.prob)...),
		preview,
		note("premium-preview-error", pp.besides(placed...)),
		note("premium-error", f.prob.besides(placed...)),
		paraIf(f.saved != "", "premium-saved", "ok", f.saved),
		submit("premium-save", st.T("bill.save")),
	)...)
}

func (f *premiumForm) preview() (app.UI, problem) {
	st := client.TheStore()
	a, ok, p := f.args()
	if !ok {
		return app.Text(""), p
	}
	s := st.Book().State
	res, err := st.Engine().PayPremium(&s, st.Now(), engine.PremiumRequest{Insured: a.Insured, Premium: a.Premium, Amount: a.Amount})
	if err != nil {
		return app.Text(""), explain(st.Lang(), err)
	}
	return splitView("premium", res), problem{}
}

func (f *premiumForm) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st := client.TheStore()
	a, ok, p := f.args()
	if !ok {
		if p.none() {
			p = problem{"insured", st.T("field.insured")}
			if f.insured != "" {
				p = problem{"amount", st.T("field.amount")}
			}
		}
		f.prob, f.saved = p, ""
		return
	}
	o, err := st.Do(mutation.PayPremium, a)
	if p := failure(o, err); !p.none() {
		f.prob, f.saved = p, ""
		return
	}
	f.prob, f.saved, f.amount = problem{}, st.T("bill.saved"), ""
	clearInput("premium-amount")
}
