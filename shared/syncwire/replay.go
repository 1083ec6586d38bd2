package syncwire

import (
	"strconv"

	"gongji/shared/family"
	"gongji/shared/mutation"
)

// Replay rebuilds a family's confirmed state from its log (changes in seq order) without the
// engine, by redoing each recorded outcome. A client calls it after a pull, then applies its
// still-pending mutations on top with mutation.Apply.
func Replay(s family.State, changes []Change) (family.State, error) {
	for i := range changes {
		c := &changes[i]
		next, err := mutation.Redo(&s, c.Mutation.Intent(), c.Mutation.At, c.Outcome)
		if err != nil {
			return s, &FieldError{Field: "changes[seq " + strconv.FormatInt(c.Seq, 10) + "]", Reason: err.Error()}
		}
		s = next
	}
	return s, nil
}
