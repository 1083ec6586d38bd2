package vocab

import (
	"strings"
	"testing"

	"gongji/shared/family"
)

// TestEveryDomainValueHasATerm: every value of the family's enumerations is in the table,
// in both languages, and no two kinds share a value (Find would pick the wrong one).
func TestEveryDomainValueHasATerm(t *testing.T) {
	values := map[string][]string{
		Relation:  {string(family.Spouse), string(family.Parent), string(family.Child), string(family.Sibling), string(family.Grandparent), string(family.Grandchild), string(family.ParentInLaw), string(family.Other)},
		Scope:     {string(family.Medical), string(family.ResidentPremium), string(family.LTCPremium), string(family.CommercialPremium)},
		Insurance: {string(family.Employee), string(family.Resident), string(family.Uninsured)},
		Status:    {string(family.Active), string(family.Suspended), string(family.Stopped)},
		Transfer:  {string(family.Pending), string(family.Accepted), string(family.Refunded)},
		Source:    {string(family.FromAccount), string(family.FromWallet)},
	}
	n := 0
	for kind, vs := range values {
		for _, v := range vs {
			n++
			term, ok := Word(kind, v)
			if !ok || term.ZH == "" || term.EN == "" {
				t.Errorf("%s %q: no term (%+v)", kind, v, term)
			}
			found, ok := Find(v)
			if kind == Source && ok {
				t.Errorf("Find(%q) = %+v: an account is named by its key, source.%s", v, found, v)
			}
			if kind != Source && found != term {
				t.Errorf("Find(%q) = %+v, want the %s's %+v", v, found, kind, term)
			}
		}
	}
	if len(Keys()) != n {
		t.Errorf("%d keys in the table, %d domain values", len(Keys()), n)
	}
	seen := map[string]string{}
	for _, k := range Keys() {
		v := k[strings.IndexByte(k, '.')+1:]
		if other, dup := seen[v]; dup {
			t.Errorf("%s and %s share the value %q", other, k, v)
		}
		seen[v] = k
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		name, kind, key string
		zh              bool
		want            string
	}{
		{"Chinese as it is", Status, "status.suspended", true, "暂停参保"},
		{"English capitalised", Insurance, "insurance.employee", false, "Employee insurance"},
		{"English without the article", Scope, "scope.ltc_premium", false, "Long-term-care premium"},
		{"a relation reads inside a sentence", Relation, "relation.parent_in_law", false, "parent-in-law"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			term, _ := Of(tc.key)
			if got := Label(tc.kind, term, tc.zh); got != tc.want {
				t.Errorf("Label = %q, want %q", got, tc.want)
			}
		})
	}
}
