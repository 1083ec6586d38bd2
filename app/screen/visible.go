package screen

import (
	"gongji/app/client"
	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/policy"
	"gongji/shared/region"
)

// Fields a region does not use are not shown. The policy table says which regions use them:
// the authorizer's tier (档次, SZ1) and the card link (SZ3) are Shenzhen's today.

// usesTier says whether people insured in code have a tier that the rules read.
func usesTier(code string) bool { return usesParam(policy.AuthorizerTierRequired, code) }

// usesCardLink says whether bindings in code need the pair linked on the social-security card.
func usesCardLink(code string) bool { return usesParam(policy.CardLinkRequired, code) }

// splitsAccount: the region keeps the personal account in a current-year and a prior-years
// part (Hangzhou, Shanghai), so the family may give the prior-years balance.
func splitsAccount(code string) bool { return usesParam(policy.AccountSplit, code) }

// historyAbout is the text key of the line under the prior-years balance: in a region where
// only it pays for relatives (Shanghai, SH1) the line says so.
func historyAbout(code string) string {
	if usesParam(policy.MutualAidFromHistory, code) {
		return "person.historyhint.relatives"
	}
	return "person.historyhint"
}

func usesParam(p policy.Param, code string) bool {
	if code == "" {
		return false
	}
	st := client.TheStore()
	r := st.Engine().Table().Lookup(p, region.Code(code), civil.DateOf(st.Now()))
	return r.Value.Int != 0 || r.Value.Bool
}

// familyUses says whether anyone in the family is insured where f applies.
func familyUses(f func(string) bool) bool {
	for _, p := range client.TheStore().Book().State.People {
		if f(string(p.Region)) {
			return true
		}
	}
	return false
}

// personRegion is the region code of a person of the family ("" when unknown).
func personRegion(id string) string {
	if p := client.TheStore().Book().State.Person(family.PersonID(id)); p != nil {
		return string(p.Region)
	}
	return ""
}
