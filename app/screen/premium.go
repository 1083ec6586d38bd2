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
	insured, kind, amount, saved string
	prob                         problem // why the last save failed
}

var premiums = []engine.Premium{engine.ResidentContribution, engine.LTCContribution, engine.CommercialContribution}

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
	at := func(fs ...string) string {
		if s := pp.on(fs...); s != "" {
			return s
		}
		return f.prob.on(fs...)
	}
	placed := []string{"insured", "premium", "amount"}
	kinds := make([]app.UI, len(premiums))
	for i, p := range premiums {
		kinds[i] = option(string(p), st.T("premium."+string(p)), f.kind)
	}
	return formOf("form#premium-form.card", f.submit,
		heading(st.T("premium.title")),
		row(
			fieldErr(st.T("premium.insured"), selectInput("premium-insured", &f.insured).Body(personOptions(f.insured)...),
				"premium-insured-error", at("insured")),
			fieldErr(st.T("premium.kind"), selectInput("premium-kind", &f.kind).Body(kinds...),
				"premium-kind-error", at("premium")),
			fieldErr(st.T("premium.amount"), amountInput("premium-amount", &f.amount),
				"premium-amount-error", at("amount")),
		),
		preview,
		note("premium-preview-error", pp.besides(placed...)),
		note("premium-error", f.prob.besides(placed...)),
		paraIf(f.saved != "", "premium-saved", "ok", f.saved),
		submit("premium-save", st.T("bill.save")),
	)
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
