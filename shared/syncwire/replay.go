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

// History is the log of changes (in seq order), then more (changes made after it and not in
// it yet), as a correction decided as of its bill's moment reads it (mutation.History).
func History(changes []Change, more ...[]Change) mutation.History {
	return func() ([]mutation.Step, error) {
		n := len(changes)
		for _, m := range more {
			n += len(m)
		}
		steps := make([]mutation.Step, 0, n)
		for _, list := range append([][]Change{changes}, more...) {
			for i := range list {
				c := &list[i]
				steps = append(steps, mutation.Step{Mutation: c.Mutation.Intent(), At: c.Mutation.At, Outcome: c.Outcome})
			}
		}
		return steps, nil
	}
}

// NeedsLog says whether a mutation named n may be a correction decided as of its bill's
// moment, so the family's log must be at hand to apply it (or to approve a request of it).
func NeedsLog(n mutation.Name) bool {
	k, ok := mutation.KindOf(n)
	return ok && k.Corrects()
}
