package screen

import "gongji/shared/family"

// The person's selects, one each for the add and the edit form (their ids differ): scheme,
// status and Shenzhen's 档次, each option from a list rather than a builder chain per form.

// The values of the person's selects, each option named by a text key: "ins."+value and so on.
var (
	insuranceKinds = []string{"employee", "resident", "none"}
	personStatuses = []string{"active", "suspended", "stopped"}
	tierLevels     = []string{"0", "1", "2"}
	sexChoices     = []string{"", "female", "male"} // not given, 女, 男
)

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
