package screen

import (
	"encoding/json"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/shared/family"
	"gongji/shared/money"
)

// itemArgs reads the fields that name who and how much from any mutation's arguments.
type itemArgs struct {
	Name        string          `json:"name"`
	Person      family.PersonID `json:"person"`
	Patient     family.PersonID `json:"patient"`
	Insured     family.PersonID `json:"insured"`
	From        family.PersonID `json:"from"`
	To          family.PersonID `json:"to"`
	Authorizer  family.PersonID `json:"authorizer"`
	Beneficiary family.PersonID `json:"beneficiary"`
	Amount      money.Amount    `json:"amount"`
	Bill        struct {
		Total money.Amount `json:"total"`
	} `json:"bill"`
	Transfer string `json:"transfer"`
}

// itemLabel names a sync item by its kind, its people and its amount: 记账 · 王芳 · 80.00 元,
// 医保钱包转账 · 张三 → 小明 · 100.00 元.
func itemLabel(b *book.Book, it *book.Item) string {
	st := client.TheStore()
	out := st.T(mutKey(it.Mutation.Name))
	var a itemArgs
	if json.Unmarshal(it.Mutation.Args, &a) != nil {
		return out
	}
	if a.Transfer != "" { // accept or refund: the transfer's people and amount
		if t := b.State.Transfer(a.Transfer); t != nil {
			a.From, a.To, a.Amount = t.From, t.To, t.Amount
		}
	}
	who := ""
	switch {
	case a.From != "" || a.To != "":
		who = personName(a.From) + " → " + personName(a.To)
	case a.Authorizer != "":
		who = personName(a.Authorizer) + " → " + personName(a.Beneficiary)
	case a.Patient != "":
		who = personName(a.Patient)
	case a.Insured != "":
		who = personName(a.Insured)
	case a.Person != "":
		who = personName(a.Person)
	case a.Name != "":
		who = a.Name
	}
	if who != "" {
		out += " · " + who
	}
	amt := a.Amount
	if a.Bill.Total != 0 {
		amt = a.Bill.Total
	}
	if amt != 0 {
		out += " · " + yuan(amt)
	}
	return out
}
