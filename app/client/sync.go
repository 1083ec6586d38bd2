package client

import (
	"errors"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/shared/syncwire"
)

// Session is what a device needs to talk to its family on the server.
type Session struct {
	Family string `json:"family"`
	Device string `json:"device"`
	Token  string `json:"token"`
	Owner  bool   `json:"owner"`
}

// Remote is the sync server as the client sees it (api.go speaks server/API.md).
type Remote interface {
	Create(familyName, device string) (Session, error)
	Join(code, device string) (Session, error)
	Invite(s Session) (string, error)
	Push(s Session, ms []syncwire.Mutation) (syncwire.PushResponse, error)
	Pull(s Session, cursor int64) (syncwire.PullResponse, error)
	Devices(s Session) ([]book.Device, error)
	RevokeDevice(s Session, device string) error
	FamilyName(s Session) (string, error)
}

// maxPullPages bounds one sync round.
const maxPullPages = 50

// retryAfter are the waits before trying a failed round again; then the next change, the
// Online event or a change notice starts one.
var retryAfter = []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second}

var (
	wake           = make(chan struct{}, 1)
	Server  Remote = HTTPRemote{}
	Syncing bool
	again   bool
	SyncErr error // the last round's failure (nil when it went through); the screens say it in words
)

func CurrentSession() Session {
	d := TheStore().Doc
	return Session{Family: d.Family, Device: d.Device, Token: d.Token, Owner: d.Owner}
}

// StartSync runs one sync round in the background unless one is running (then it runs
// again after it). The round changes the store from its goroutine, not through ctx.Dispatch:
// go-app drops a dispatch whose component was dismounted (the person navigated), and Go in
// wasm switches goroutines only where one blocks, so the change cannot interleave with a
// render. Observing screens then re-render through the state stateRev.
func StartSync(ctx app.Context) {
	st := TheStore()
	if st.Doc.Family == "" || !app.IsClient || st.Elsewhere || SyncOff() {
		return
	}
	watchChanges(st.Doc.Family, st.Doc.Token, func(head int64) {
		if head > TheStore().Doc.Cursor {
			StartSync(ctx)
		}
	})
	if Syncing {
		again = true
		select { // wake a round that waits to retry
		case wake <- struct{}{}:
		default:
		}
		return
	}
	Syncing = true
	ctx.Async(func() {
		failures, rebased := 0, false
		for {
			s := CurrentSession()
			pending := append([]syncwire.Mutation(nil), st.Doc.Pending...)
			pages, devices, err := syncRound(s, pending, st.Doc.Cursor, st.Doc.Epoch)
			if rebase(err) && !rebased { // once a round: the log was restored, start again
				rebased = true
				StoreChanged(ctx)
				continue
			}
			name := ""
			if err == nil {
				name, err = Server.FamilyName(s)
			}
			if name != "" {
				st.Doc.FamilyName = name
			}
			applyRound(pages, devices, err)
			StoreChanged(ctx)
			// A failed round is tried again a few times, later and later: the network may
			// be back before the browser says so, or the server restarting.
			if err != nil && failures < len(retryAfter) {
				select {
				case <-time.After(retryAfter[failures]):
				case <-wake:
				}
				failures++
				again = false
				continue
			}
			if !again {
				break
			}
			again = false
		}
		Syncing = false
	})
}

// staleError says the server's log is not the one the device's cursor counts in: a restore
// replaced it (another epoch) or it is shorter than what the device has seen.
type staleError struct{ epoch string }

func (e *staleError) Error() string {
	return "the family's log was restored: syncing again from the start"
}

// rebase starts the log again from 0 with the device's own mutations queued again
// (book.Local.Rebase) when err is a staleError, and says whether it did.
func rebase(err error) bool {
	var se *staleError
	if !errors.As(err, &se) {
		return false
	}
	st := TheStore()
	st.Doc.Rebase(se.epoch)
	st.Rebuild()
	st.Save()
	return true
}

// syncRound pushes the queue in order (at most syncwire.MaxBatch a push), then pulls every
// change after the cursor, then lists the devices. An answer from a log other than the one
// the cursor counts in (epoch, head) stops it with a staleError.
func syncRound(s Session, pending []syncwire.Mutation, cursor int64, epoch string) ([]syncwire.PullResponse, []book.Device, error) {
	for len(pending) > 0 {
		n := min(len(pending), syncwire.MaxBatch)
		resp, err := Server.Push(s, pending[:n])
		if err != nil {
			return nil, nil, err
		}
		if syncwire.Stale(epoch, cursor, resp.Epoch, resp.Head) {
			return nil, nil, &staleError{resp.Epoch}
		}
		for _, r := range resp.Results {
			if r.Result == syncwire.Deferred { // an earlier id is missing on the server: stop
				return nil, nil, errors.New("server expects mutation " + r.ClientID + "/" + strconv.FormatInt(r.Expect, 10))
			}
		}
		pending = pending[n:]
	}
	var pages []syncwire.PullResponse
	for i := 0; i < maxPullPages; i++ {
		p, err := Server.Pull(s, cursor)
		if err != nil {
			return pages, nil, err
		}
		if syncwire.Stale(epoch, cursor, p.Epoch, p.Head) {
			return nil, nil, &staleError{p.Epoch}
		}
		pages = append(pages, p)
		cursor = p.Cursor
		if !p.More {
			break
		}
	}
	devices, err := Server.Devices(s)
	return pages, devices, err
}

// applyRound adds the pulled changes to the log, drops what they contain from the queue,
// rebuilds the book (the queue re-applied on top), saves and re-renders.
func applyRound(pages []syncwire.PullResponse, devices []book.Device, err error) {
	st := TheStore()
	for _, p := range pages {
		st.Doc.Pulled(p)
	}
	if devices != nil {
		st.Doc.Devices = devices
	}
	SyncErr = err
	if err == nil {
		st.Doc.LastSync = st.Now()
	}
	st.Rebuild()
	st.Save()
}

func CreateFamily(name, device string) (Session, error) {
	if name == "" {
		return Session{}, &HTTPError{Status: 400, Code: "bad_request", Field: "name", Detail: "missing"}
	}
	return Server.Create(name, device)
}

// Adopt saves the session; the next round pushes what this device made before it had a
// family, and pulls what the family has.
func Adopt(s Session, name string) error {
	st := TheStore()
	if st.Doc.Family == "" && len(st.Doc.Confirmed) > 0 {
		// an imported family's log (book.Import): its mutations go to the new family again
		st.Doc.Rebase("")
	}
	st.Doc.Family, st.Doc.Device, st.Doc.Token, st.Doc.Owner = s.Family, s.Device, s.Token, s.Owner
	st.Doc.NewClientID(NewID(4)) // page_requests.go: client ids bound to this device
	if name != "" {
		st.Doc.FamilyName = name
	}
	st.Doc.Cursor = 0
	st.Doc.Confirmed = nil
	st.Rebuild()
	return st.Save()
}
