package api

import (
	"context"
	"encoding/json"
	"errors"

	"gongji/server/store"
	"gongji/shared/family"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// A correction of a bill is decided as of the bill's moment (shared/mutation moment.go): the
// family's log is read before the push takes the family's lock (a store may not be read from
// inside its own push function), and the push checks that no other push came in between.

// maxLogReads bounds how often a push reads the log again because other pushes of the family
// came in between.
const maxLogReads = 8

// logPage is how many changes one read of the log takes.
const logPage = 1000

// errLogMoved: the family's head moved past the log read for the push.
var errLogMoved = errors.New("api: the family's log moved while it was read")

// familyLog is a family's log as read for one push; nil when the push corrects no bill.
type familyLog struct {
	changes []syncwire.Change
	head    int64
}

// needsLog says whether a push may correct a bill: a correction, or, with the family's state
// at hand (nil: not yet), an approval of a request that is one.
func needsLog(req *syncwire.PushRequest, st *family.State) bool {
	for i := range req.Mutations {
		m := &req.Mutations[i]
		if syncwire.NeedsLog(m.Name) {
			return true
		}
		if st == nil || mutation.Canonical(m.Name) != mutation.Approve {
			continue
		}
		var a mutation.RequestArgs
		if json.Unmarshal(m.Args, &a) != nil {
			continue
		}
		if q := st.Request(a.Request); q != nil && syncwire.NeedsLog(mutation.Name(q.Name)) {
			return true
		}
	}
	return false
}

// read reads the changes after those already read.
func (l *familyLog) read(ctx context.Context, st store.Store, fam string) error {
	if l == nil {
		return nil
	}
	for {
		p, err := st.Pull(ctx, fam, l.head, logPage)
		if err != nil {
			return err
		}
		l.changes = append(l.changes, p.Changes...)
		if len(p.Changes) > 0 {
			l.head = p.Changes[len(p.Changes)-1].Seq
		}
		if !p.More {
			return nil
		}
	}
}

// at says whether the log read reaches exactly head (a nil log always does).
func (l *familyLog) at(head int64) bool { return l == nil || l.head == head }

// with is the log followed by changes made since (the refunds a push makes first); nil for a
// nil log.
func (l *familyLog) with(more []syncwire.Change) []syncwire.Change {
	if l == nil {
		return nil
	}
	return append(l.changes[:len(l.changes):len(l.changes)], more...)
}
