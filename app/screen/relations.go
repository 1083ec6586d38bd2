package screen

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/app/words"
	"gongji/shared/family"
)

// Relations as people say them (issue 19): 「王秀英是李明的母亲」, not 「王秀英 是 李明 的父母」.
// The word follows the person's sex where the family gave it (and, for 岳母 or 婆婆, the sex
// of the one they are related to); without it the word names both (父亲或母亲) and the
// relation form asks. A relation entered wrong is fixed or removed by fix_link.

// kinWord is what person is to of, in lang: 母亲, 儿子, 岳母 ... (rel is the relation as
// recorded, person's and of's sexes as given).
func kinWord(lang string, rel family.Relation, person, of family.Sex) string {
	rel = family.NormalizeRelation(string(rel))
	key := "kin." + string(rel)
	if person != "" {
		key += "." + string(person)
		if rel == family.ParentInLaw && of != "" {
			key += "." + string(of)
		}
	}
	return words.T(lang, key)
}

// sexOf is the person's sex as given ("" when unknown or not in the family).
func sexOf(id family.PersonID) family.Sex {
	if p := client.TheStore().Book().State.Person(id); p != nil {
		return p.Sex
	}
	return ""
}

// relationText reads 「王秀英是李明的母亲」 (Chinese) or "王秀英 is 李明's mother".
func relationText(lang string, l family.Link) string {
	return words.Format(words.T(lang, "kin.is"), personName(l.Person), personName(l.Of),
		kinWord(lang, l.Relation, sexOf(l.Person), sexOf(l.Of)))
}

// relationList is 亲属关系: each relation in words with 修改, which puts it in the relation
// form below; there it can be changed or, with 「删除这条关系」, removed (fix_link).
func (c *familyPage) relationList() app.UI {
	st := client.TheStore()
	links := st.Book().State.Links
	return list("ul#relations.items", len(links), func(i int) app.UI {
		l := links[i]
		key := string(l.Person) + "|" + string(l.Of)
		return with(elem("li",
			elt("span.relation-text", relationText(st.Lang(), l)),
			btn("button.secondary.relation-fix[type=button]", st.T("relation.fix"), func(ctx app.Context, e app.Event) {
				c.rel = relationForm{person: string(l.Person), of: string(l.Of), relation: string(l.Relation), card: l.CardLinked, fixing: true}
				ctx.Defer(func(app.Context) { scrollToID("relation-form") })
			}, app.EventScope(key)),
		), "", "relation", key)
	})
}

// familyRegion is where a new member is most likely insured: where the family's first member
// is; "" for the first member (the form asks).
func familyRegion() string {
	if ps := client.TheStore().Book().State.People; len(ps) > 0 {
		return string(ps[0].Region)
	}
	return ""
}

// personSex is the sex of the form's person: as given, else as chosen in the form.
func (f *relationForm) personSex() family.Sex {
	if s := sexOf(family.PersonID(f.person)); s != "" {
		return s
	}
	return sexValue(f.sex)
}

// insuranceText is a person's scheme and status, and 已退休 when retired: 职工医保 · 正常参保 · 已退休.
func insuranceText(p family.Person) string {
	st := client.TheStore()
	s := st.T("ins."+string(p.Insurance)) + " · " + st.T("status."+string(p.Status))
	if p.Retired {
		s += " · " + st.T("person.retired")
	}
	return s
}
