package engine

import (
	"strings"

	"gongji/shared/family"
	"gongji/shared/policy"
)

// word is a value that reads differently per language (a policy word, yes/no, a ground).
type word string

// localize turns the values of an explanation into the words of one language: relations,
// scopes, statuses, insurance schemes, policy words and lists of them. Other values (ids,
// amounts, dates) print as they are.
func localize(args []any, zh bool) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = localizeOne(a, zh)
	}
	return out
}

func localizeOne(a any, zh bool) any {
	switch v := a.(type) {
	case family.Relation:
		return label(string(v), zh)
	case family.Scope:
		return label(string(v), zh)
	case family.Status:
		return label(string(v), zh)
	case family.Insurance:
		return label(string(v), zh)
	case family.TransferState:
		return label(string(v), zh)
	case family.Source:
		return label("source."+string(v), zh)
	case word:
		return label(string(v), zh)
	case policy.Value:
		return listLabel(v, zh)
	case []family.Scope:
		words := make([]string, len(v))
		for i, sc := range v {
			words[i] = string(sc)
		}
		return listLabel(policy.Value{Words: words}, zh)
	}
	return a
}

func listLabel(v policy.Value, zh bool) string {
	var items []string
	for _, r := range v.Relations {
		items = append(items, label(string(r), zh))
	}
	for _, w := range v.Words {
		items = append(items, label(w, zh))
	}
	if items == nil {
		return label(v.String(), zh)
	}
	if zh {
		return strings.Join(items, "、")
	}
	return strings.Join(items, ", ")
}

// label is the family-readable name of a value in one language; unknown values print as they are.
func label(v string, zh bool) string {
	pair, ok := labels(v)
	if !ok {
		return v
	}
	if zh {
		return pair[0]
	}
	return pair[1]
}

// labels holds each value's Chinese and English name: one place for both languages' words.
func labels(v string) ([2]string, bool) {
	switch v {
	case string(family.Spouse):
		return [2]string{"配偶", "spouse"}, true
	case string(family.Parent):
		return [2]string{"父母", "parent"}, true
	case string(family.Child):
		return [2]string{"子女", "child"}, true
	case string(family.Sibling):
		return [2]string{"兄弟姐妹", "sibling"}, true
	case string(family.Grandparent):
		return [2]string{"（外）祖父母", "grandparent"}, true
	case string(family.Grandchild):
		return [2]string{"（外）孙子女", "grandchild"}, true
	case string(family.ParentInLaw):
		return [2]string{"岳父母/公婆", "parent-in-law"}, true
	case string(family.Other):
		return [2]string{"其他关系", "other relation"}, true
	case string(family.Medical):
		return [2]string{"就医购药", "medical"}, true
	case string(family.ResidentPremium):
		return [2]string{"居民医保缴费", "resident-insurance premium"}, true
	case string(family.LTCPremium):
		return [2]string{"长护险缴费", "long-term-care premium"}, true
	case string(family.CommercialPremium):
		return [2]string{"惠民保缴费", "惠民保 premium"}, true
	case string(family.Active):
		return [2]string{"正常", "active"}, true
	case string(family.Suspended):
		return [2]string{"暂停", "suspended"}, true
	case string(family.Stopped):
		return [2]string{"终止", "stopped"}, true
	case string(family.Employee):
		return [2]string{"职工医保", "employee insurance"}, true
	case string(family.Resident):
		return [2]string{"居民医保", "resident insurance"}, true
	case string(family.Uninsured):
		return [2]string{"未参保", "uninsured"}, true
	case string(family.Pending):
		return [2]string{"待接收", "pending"}, true
	case string(family.Accepted):
		return [2]string{"已接收", "accepted"}, true
	case string(family.Refunded):
		return [2]string{"已退回", "refunded"}, true
	case "source.account":
		return [2]string{"个人账户", "personal account"}, true
	case "source.wallet":
		return [2]string{"医保钱包", "wallet"}, true
	case policy.SameCity:
		return [2]string{"须同一城市参保", "same city"}, true
	case policy.SameProvince:
		return [2]string{"须同一省份参保", "same province"}, true
	case policy.PolicySelfPay:
		return [2]string{"政策范围内自付", "policy-range self-pay"}, true
	case policy.AllPersonalBurden:
		return [2]string{"全部个人负担", "all personal burden"}, true
	case policy.BindingOrder:
		return [2]string{"按绑定先后", "in binding order"}, true
	case policy.BalanceDesc:
		return [2]string{"按共济人余额由多到少", "by authorizer balance, highest first"}, true
	case "yes":
		return [2]string{"是", "yes"}, true
	case "no":
		return [2]string{"否", "no"}, true
	case "death":
		return [2]string{"死亡", "death"}, true
	case "voluntary_exit":
		return [2]string{"主动放弃基本医疗保险", "voluntary exit"}, true
	case "lump_sum_pension_clearing":
		return [2]string{"一次性支取养老金清退", "lump-sum pension clearing"}, true
	case "emigration":
		return [2]string{"出国（境）定居", "emigration"}, true
	case "move_no_transfer":
		return [2]string{"迁出且无法转移", "moved out, balance cannot move"}, true
	case "retiree_nonlocal":
		return [2]string{"达退休年龄的非本地户籍人员", "non-local retiree"}, true
	case "retiree_resettled":
		return [2]string{"异地安置退休", "retiree resettled elsewhere"}, true
	case "to_resident_elsewhere":
		return [2]string{"转外地居民医保", "to resident insurance elsewhere"}, true
	}
	return [2]string{}, false
}
