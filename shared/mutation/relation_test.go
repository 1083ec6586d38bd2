package mutation_test

import (
	"testing"

	"gongji/shared/family"
	"gongji/shared/mutation"
)

// A relation entered wrong is fixed, one that should not be there removed (fix_link), in
// either order of the two people; a fix that changes nothing is refused; a sex given on a
// person reads back and an edit of it can be voided.
func TestFixLink(t *testing.T) {
	rel := func(person, of family.PersonID, want family.Relation) func(*testing.T, *family.State) {
		return func(t *testing.T, s *family.State) {
			t.Helper()
			if got, _ := s.RelationOf(person, of); got != want {
				t.Errorf("%s is %s's %s, want %s (links %v)", person, of, got, want, s.Links)
			}
		}
	}
	story(t, []step{
		// kid was recorded as mom's child: mom is kid's parent; say it the other way round
		{m: mut("c/1", mutation.FixLink, `{"person":"mom","of":"kid","relation":"parent"}`),
			status: mutation.Rejected, code: mutation.NoChange},
		{m: mut("c/2", mutation.FixLink, `{"person":"dad","of":"mom","relation":"sibling"}`), status: mutation.Confirmed,
			check: rel("mom", "dad", family.Sibling)},
		{m: mut("c/3", mutation.FixLink, `{"person":"kid","of":"dad"}`), status: mutation.Confirmed,
			check: rel("kid", "dad", family.Other)},
		{m: mut("c/4", mutation.FixLink, `{"person":"kid","of":"dad"}`), status: mutation.Rejected, code: mutation.NoChange},
		{m: mut("c/5", mutation.FixLink, `{"person":"kid","of":"kid","relation":"child"}`), status: mutation.Rejected,
			code: mutation.InvalidInput},
		{m: mut("c/6", mutation.EditPerson, `{"person":"mom","sex":"female"}`), status: mutation.Confirmed,
			check: func(t *testing.T, s *family.State) {
				if s.Person("mom").Sex != family.Female {
					t.Errorf("mom = %+v", s.Person("mom"))
				}
			}},
		{m: mut("c/7", mutation.EditPerson, `{"person":"mom","sex":"woman"}`), status: mutation.Rejected, code: mutation.InvalidInput},
		{m: mut("c/8", mutation.Void, `{"target":"c/6"}`), status: mutation.Confirmed,
			check: func(t *testing.T, s *family.State) {
				if s.Person("mom").Sex != "" {
					t.Errorf("after the void mom = %+v", s.Person("mom"))
				}
			}},
	})
}
