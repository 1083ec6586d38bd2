package mutation

import (
	"gongji/shared/family"
)

// FixLink corrects or removes the relation recorded between two people (a relation entered
// wrong, or between people who are not related): a new mutation, never an edit of the log.
const FixLink Name = "fix_link" // FixLinkArgs

// FixLinkArgs says that Person is Of's Relation from now on; an empty Relation removes what
// was recorded between the two (in either order). It is LinkArgs itself: one argument type
// read by one decoder (each generic copy of the decoder costs the app's wasm).
type FixLinkArgs = LinkArgs

func checkFixLink(a *FixLinkArgs) error {
	if err := first(id("person", string(a.Person)), id("of", string(a.Of))); err != nil {
		return err
	}
	if a.Person == a.Of {
		return fieldErr("args.of", "a person cannot be their own relative")
	}
	return nil
}

func checkSex(s family.Sex) error {
	switch s {
	case "", family.Female, family.Male:
		return nil
	}
	return badChoice("args.sex", string(s), "female, male or nothing")
}

// fixLinks drops every link between the two people and, unless the relation is removed,
// records the one given.
func fixLinks(s *family.State, a *FixLinkArgs) {
	kept := s.Links[:0:0]
	for _, l := range s.Links {
		if (l.Person == a.Person && l.Of == a.Of) || (l.Person == a.Of && l.Of == a.Person) {
			continue
		}
		kept = append(kept, l)
	}
	if a.Relation != "" {
		kept = append(kept, linkOf(a))
	}
	s.Links = kept
}

func decideFixLink(c call, v any) (Outcome, error) {
	s, a := c.s, v.(*FixLinkArgs)
	for _, p := range []family.PersonID{a.Person, a.Of} {
		if s.Person(p) == nil {
			return Outcome{}, unknownPerson(p)
		}
	}
	if sameRelation(s, a) {
		return refused(NoChange), nil
	}
	next := s.Clone()
	fixLinks(&next, a)
	// R1: rules.md section 2 (a relation is recorded once, consistently both ways)
	if err := next.Validate(); err != nil {
		return Outcome{}, fieldErr("args", err.Error())
	}
	return Outcome{Status: Confirmed}, nil
}

// sameRelation says whether the fix would record what is recorded already (in either order):
// the same relation and card link, or no relation to remove.
func sameRelation(s *family.State, a *FixLinkArgs) bool {
	for _, l := range s.Links {
		if (l.Person == a.Person && l.Of == a.Of) || (l.Person == a.Of && l.Of == a.Person) {
			rel, card := s.RelationOf(a.Person, a.Of)
			return a.Relation != "" && rel.Effective() == family.NormalizeRelation(string(a.Relation)).Effective() && card == a.CardLinked
		}
	}
	return a.Relation == ""
}
