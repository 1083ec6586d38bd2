package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
)

// premiumForm pays a premium (resident insurance, long-term care, huiminbao) for a relative:
// the engine splits it between the insured's account, wallet, bindings with the premium's
// scope and cash, as the person types.
type premiumForm struct {
	insured, kind, amount, err, saved string
}

var premiums = []engine.Premium{engine.ResidentContribution, engine.LTCContribution, engine.CommercialContribution}

func (f *premiumForm) args() (mutation.PremiumArgs, bool, error) {
	amt, err := parseYuan(f.amount)
	if err != nil {
		return mutation.PremiumArgs{}, false, err
	}
	return mutation.PremiumArgs{Insured: family.PersonID(f.insured), Premium: engine.Premium(f.kind), Amount: amt},
		f.insured != "" && f.amount != "", nil
}

func (f *premiumForm) render() app.UI {
	st := theStore()
	if f.kind == "" {
		f.kind = string(engine.ResidentContribution)
	}
	kinds := make([]app.UI, len(premiums))
	for i, p := range premiums {
		kinds[i] = option(string(p), st.T("premium."+string(p)), f.kind)
	}
	return app.Form().ID("premium-form").Class("card").OnSubmit(f.submit).Body(
		app.H2().Text(st.T("premium.title")),
		app.Div().Class("row").Body(
			field(st.T("premium.insured"), app.Select().ID("premium-insured").OnChange(valueTo(&f.insured)).Body(personOptions(f.insured)...)),
			field(st.T("premium.kind"), app.Select().ID("premium-kind").OnChange(valueTo(&f.kind)).Body(kinds...)),
			field(st.T("premium.amount"), app.Input().ID("premium-amount").Attr("inputmode", "decimal").Value(f.amount).OnInput(valueTo(&f.amount))),
		),
		f.preview(),
		app.If(f.err != "", func() app.UI { return app.P().Class("error").Text(f.err) }),
		app.If(f.saved != "", func() app.UI { return app.P().Class("ok").ID("premium-saved").Text(f.saved) }),
		app.Button().Type("submit").ID("premium-save").Text(st.T("bill.save")),
	)
}

func (f *premiumForm) preview() app.UI {
	st := theStore()
	a, ok, err := f.args()
	if err != nil {
		return app.P().Class("error").Text(st.T("bill.badmoney"))
	}
	if !ok {
		return app.Text("")
	}
	s := st.Book().State
	res, err := st.Engine().PayPremium(&s, st.Now(), engine.PremiumRequest{Insured: a.Insured, Premium: a.Premium, Amount: a.Amount})
	if err != nil {
		return app.P().Class("error").Text(st.T("err.prefix") + err.Error())
	}
	return splitView("premium", res)
}

func (f *premiumForm) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	st := theStore()
	a, ok, err := f.args()
	if err != nil || !ok {
		f.err, f.saved = st.T("bill.badmoney"), ""
		return
	}
	o, err := st.Do(mutation.PayPremium, a)
	if msg := failure(o, err); msg != "" {
		f.err, f.saved = msg, ""
		return
	}
	f.err, f.saved, f.amount = "", st.T("bill.saved"), ""
	clearInput("premium-amount")
}
