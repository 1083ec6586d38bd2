package app

import (
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
)

// remote is the sync server as the client sees it; api.go speaks server/API.md.
type remote interface {
	Create(familyName, device string) (session, error)
	Join(code, device string) (session, error)
	Invite(s session) (string, error)
	Push(s session, ms []book.Mutation) ([]ack, error)
	Pull(s session, cursor int64) (pulled, error)
}

// session is what a device needs to talk to its family on the server.
type session struct {
	Family string
	Token  string
	Owner  bool
}

// ack is the server's word on one pushed mutation.
type ack struct {
	ID      string
	Receipt book.Receipt
}

// pulled is one page of the family's log after a cursor.
type pulled struct {
	Mutations []book.Mutation
	Cursor    int64
	More      bool
	Devices   []string
}

// maxPushBatch bounds one push; maxPullPages bounds one sync round.
const (
	maxPushBatch = 100
	maxPullPages = 50
)

var (
	server  remote = httpRemote{}
	syncing bool
	again   bool
	syncErr string
)

func currentSession() session {
	d := theStore().Doc
	return session{Family: d.Family, Token: d.Token, Owner: d.Owner}
}

// startSync runs one sync round in the background unless one is running (then it runs
// again after it). Store changes happen on the UI goroutine.
func startSync(ctx app.Context) {
	if syncing {
		again = true
		return
	}
	st := theStore()
	if st.Doc.Family == "" || !app.IsClient {
		return
	}
	syncing = true
	s := currentSession()
	pending := append([]book.Mutation(nil), st.Doc.Pending...)
	cursor := st.Doc.Cursor
	ctx.Async(func() {
		acks, pages, err := syncRound(s, pending, cursor)
		ctx.Dispatch(func(ctx app.Context) {
			syncing = false
			applyRound(ctx, acks, pages, err)
			if again {
				again = false
				startSync(ctx)
			}
		})
	})
}

// syncRound pushes the pending mutations in order, then pulls every change after the cursor.
func syncRound(s session, pending []book.Mutation, cursor int64) ([]ack, []pulled, error) {
	var acks []ack
	for len(pending) > 0 {
		n := min(len(pending), maxPushBatch)
		a, err := server.Push(s, pending[:n])
		if err != nil {
			return acks, nil, err
		}
		acks = append(acks, a...)
		pending = pending[n:]
	}
	var pages []pulled
	for i := 0; i < maxPullPages; i++ {
		p, err := server.Pull(s, cursor)
		if err != nil {
			return acks, pages, err
		}
		pages = append(pages, p)
		cursor = p.Cursor
		if !p.More {
			break
		}
	}
	return acks, pages, nil
}

// applyRound records the receipts, moves pulled mutations into the confirmed log (pending
// ones are replayed on top), saves and re-renders.
func applyRound(ctx app.Context, acks []ack, pages []pulled, err error) {
	st := theStore()
	for _, a := range acks {
		if a.Receipt.State == book.Refused {
			st.Doc.Reject(a.ID, a.Receipt)
			continue
		}
		st.Doc.Receipts[a.ID] = a.Receipt
	}
	for _, p := range pages {
		st.Doc.Confirm(p.Mutations, p.Cursor)
		if len(p.Devices) > 0 {
			st.Doc.Devices = p.Devices
		}
	}
	syncErr = ""
	if err != nil {
		syncErr = err.Error()
	} else {
		st.Doc.LastSync = st.Now()
	}
	st.rebuild()
	st.Save()
	storeChanged(ctx)
}

func createFamily(name string) error {
	if name == "" {
		return errors.New(theStore().T("family.name"))
	}
	s, err := server.Create(name, deviceName())
	if err != nil {
		return err
	}
	return adopt(s, name)
}

func joinFamily(code string) error {
	s, err := server.Join(code, deviceName())
	if err != nil {
		return err
	}
	return adopt(s, "")
}

func newInvite() (string, error) { return server.Invite(currentSession()) }

// adopt saves the session. Called from a goroutine, but only while the sync page waits for
// it; the next sync round pushes what this device made before it had a family.
func adopt(s session, name string) error {
	st := theStore()
	st.Doc.Family, st.Doc.Token, st.Doc.Owner = s.Family, s.Token, s.Owner
	if name != "" {
		st.Doc.FamilyName = name
	}
	st.Doc.Cursor = 0
	return st.Save()
}

func deviceName() string {
	return "device-" + theStore().Doc.ClientID + "@" + time.Now().Format("0102")
}
