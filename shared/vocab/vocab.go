// Package vocab is the one vocabulary of the family's domain values: what a relation, a binding
// scope, an insurance scheme, an insurance status, a wallet transfer's state and an account are
// called in Chinese and in English, and the ledger CSV's column names. The engine's
// explanations (engine.Words), the app's labels (app/words) and the CSV (app/book) read this
// table, so a value has one name wherever a family reads it. Pure Go: no I/O, no globals.
package vocab

import "strings"

// Term is a value's name in Chinese and in English. EN is the form an explanation's sentence
// uses ("the long-term-care premium"); Label makes the form a form field shows.
type Term struct {
	ZH, EN string
}

// In is the term in Chinese when zh, else in English.
func (t Term) In(zh bool) string {
	if zh {
		return t.ZH
	}
	return t.EN
}

// Kinds of domain values, the first part of a key ("relation.parent_in_law").
const (
	Relation  = "relation"  // family.Relation
	Scope     = "scope"     // family.Scope: what a binding lets an account pay for
	Insurance = "insurance" // family.Insurance: the scheme a person is in
	Status    = "status"    // family.Status: where a person's insurance stands
	Transfer  = "transfer"  // family.TransferState: a wallet transfer's state
	Source    = "source"    // family.Source: the account money leaves (个人账户, 医保钱包)
)

// entry is one row of the table: a value's key (kind.value) and its term.
type entry struct {
	key  string
	term Term
}

// table is the vocabulary, one row per value. Chinese first: the words of the policy texts
// (国家医保局, 国办发〔2021〕14号) where they name the value, 就医购药 and 终止参保 among them.
func table() [23]entry {
	return [...]entry{
		{"relation.spouse", Term{"配偶", "spouse"}},
		{"relation.parent", Term{"父母", "parent"}},
		{"relation.child", Term{"子女", "child"}},
		{"relation.sibling", Term{"兄弟姐妹", "sibling"}},
		{"relation.grandparent", Term{"祖父母或外祖父母", "grandparent"}},
		{"relation.grandchild", Term{"孙子女或外孙子女", "grandchild"}},
		{"relation.parent_in_law", Term{"公婆或岳父母", "parent-in-law"}},
		{"relation.other", Term{"其他亲属", "other relative"}},
		{"scope.medical", Term{"就医购药", "medical bills"}},
		{"scope.resident_premium", Term{"居民医保缴费", "the resident-insurance premium"}},
		{"scope.ltc_premium", Term{"长期护理保险缴费", "the long-term-care premium"}},
		{"scope.commercial_premium", Term{"惠民保缴费", "the city health-plan premium"}},
		{"insurance.employee", Term{"职工医保", "employee insurance"}},
		{"insurance.resident", Term{"居民医保", "resident insurance"}},
		{"insurance.none", Term{"未参保", "no insurance"}},
		{"status.active", Term{"正常参保", "active"}},
		{"status.suspended", Term{"暂停参保", "suspended"}},
		{"status.stopped", Term{"终止参保", "stopped"}},
		{"transfer.pending", Term{"待领取", "waiting to be accepted"}},
		{"transfer.accepted", Term{"已领取", "accepted"}},
		{"transfer.refunded", Term{"已退回", "returned"}},
		{"source.account", Term{"个人账户", "personal account"}},
		{"source.wallet", Term{"医保钱包", "medical-insurance wallet"}},
	}
}

// Of is the term of key (kind.value, "scope.medical"); false when the table has no such value
// (a newer build's value).
func Of(key string) (Term, bool) {
	for _, e := range table() {
		if e.key == key {
			return e.term, true
		}
	}
	return Term{}, false
}

// Word is the term of value of kind.
func Word(kind, value string) (Term, bool) { return Of(kind + "." + value) }

// Find is the term of a value whose kind the caller does not know (an explanation's argument):
// the row of any kind but Source with that value (an account is named by its key,
// source.account). No two kinds share a value.
func Find(value string) (Term, bool) {
	for _, e := range table() {
		if e.key[strings.IndexByte(e.key, '.')+1:] == value && !strings.HasPrefix(e.key, Source+".") {
			return e.term, true
		}
	}
	return Term{}, false
}

// Keys lists every key of the table, in its order.
func Keys() []string {
	t := table()
	out := make([]string, len(t))
	for i, e := range t {
		out[i] = e.key
	}
	return out
}

// Label is the term as a form field or a column shows it: in English without the sentence's
// article and, but for relations and transfer states (read inside a sentence: 「李明 是 王秀英 的
// parent」), with a capital first letter.
func Label(kind string, t Term, zh bool) string {
	if zh {
		return t.ZH
	}
	s := strings.TrimPrefix(t.EN, "the ")
	if kind == Relation || kind == Transfer || s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:] // the table's English is ASCII; not strings.ToUpper (1.3 kB of wasm)
}

// CSVHeader is the ledger CSV's columns in Chinese when zh, else in English: first what a
// person reads (the date as 2026年12月6日), then the same moment for programs (ISO 8601).
func CSVHeader(zh bool) []string {
	if zh {
		return []string{"编号", "日期", "时间", "成员", "账户", "摘要", "为谁", "地点", "金额（元）", "余额（元）", "状态", "记录设备", "日期（ISO）", "时刻（ISO）"}
	}
	return []string{"No.", "Date", "Time", "Person", "Account", "Entry", "For", "Place", "Amount (yuan)", "Balance (yuan)", "State", "Recorded on", "Date (ISO)", "Moment (ISO)"}
}
