package screen

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/client"
	"gongji/shared/family"
)

// The person's selects, one each for the add and the edit form (their ids differ): scheme,
// status and Shenzhen's 档次, each option from a list rather than a builder chain per form.

// choices is a labelled select of id bound to *v, one option per value, each named by the
// text key prefix+value.
func choices(label, id string, v *string, prefix string, values ...string) app.UI {
	st := client.TheStore()
	opts := make([]app.UI, len(values))
	for i, x := range values {
		opts[i] = option(x, st.T(prefix+x), *v)
	}
	return field(label, selectInput(id, v).Body(opts...))
}

func insuranceSelect(id string, v *string) app.UI {
	return choices(client.TheStore().T("person.insurance"), id, v, "ins.", "employee", "resident", "none")
}

func statusSelect(id string, v *string) app.UI {
	return choices(client.TheStore().T("person.status"), id, v, "status.", "active", "suspended", "stopped")
}

func tierSelect(id string, v *string) app.UI {
	return choices(client.TheStore().T("person.tier"), id, v, "tier.", "0", "1", "2")
}

// sexSelect asks the person's sex: not given, 女, 男.
func sexSelect(label, id string, v *string) app.UI {
	return choices(label, id, v, "sex.", "", "female", "male")
}

// sexValue is a sex select's value as a sex: an option without a value reads as its text
// (不填), which is no sex.
func sexValue(s string) family.Sex {
	if x := family.Sex(s); x == family.Female || x == family.Male {
		return x
	}
	return ""
}

// removeRelation is the relation form's 「删除这条关系」 while it corrects a relation: an option
// of "" would read as its text.
const removeRelation = "remove"
