package client

import (
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"gongji/app/book"
	"gongji/shared/errs"
	"gongji/shared/syncwire"
)

// Session is what a device needs to talk to its family on the server.
type Session struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

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
// online event or a change notice starts one.
var retryAfter = []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second}

// syncState is the sync client's part of the store. Everything in it but the inbox is read
// and written on the UI goroutine only.
type syncState struct {
	server  Remote
	running bool  // a round runs (or waits to retry)
	again   bool  // a change came during the round: run another after it
	err     error // the last round's failure (nil when it went through)
	wake    chan struct{}
	// ui is the context of the shell on display and inbox the changes the round's goroutine
	// hands to the UI goroutine (OnUI); mu guards both.
	mu       sync.Mutex
	ui       app.Context
	attached bool // ui is set
	inbox    []func(app.Context)
}

// Session is the device's session with its family's server.
func (s *Store) Session() Session {
	d := s.Local
	return Session{Family: d.Family, Device: d.Device, Token: d.Token, Owner: d.Owner}
}

// Remote is the sync server this store talks to.
func (s *Store) Remote() Remote { return s.sync.server }

// UseRemote makes the store talk to r (tests give a fake server).
func (s *Store) UseRemote(r Remote) { s.sync.server = r }

// Syncing says whether a sync round runs or waits to try again.
func (s *Store) Syncing() bool { return s.sync.running }

// SyncErr is why the last sync round failed (nil when it went through); the screens say it
// in words.
func (s *Store) SyncErr() error { return s.sync.err }

// HoldSync keeps sync rounds from starting while held is true, and sets the last round's
// failure to err (tests show the sync status without a server).
func (s *Store) HoldSync(held bool, err error) { s.sync.running, s.sync.err = held, err }

// Attach makes ctx, the shell on display, the one the sync round's changes are dispatched
// through, and applies the changes a round handed over while no shell was mounted. The shell
// calls it in OnMount, on the UI goroutine.
func (s *Store) Attach(ctx app.Context) {
	s.sync.mu.Lock()
	s.sync.ui, s.sync.attached = ctx, true
	s.sync.mu.Unlock()
	s.drain(ctx)
}

// OnUI runs f on the UI goroutine with ctx.Dispatch through the shell on display. go-app
// drops a dispatch whose component was dismounted (the person navigated): f waits in the
// inbox then, and the next shell to mount runs it (Attach).
func (s *Store) OnUI(f func(app.Context)) {
	s.sync.mu.Lock()
	s.sync.inbox = append(s.sync.inbox, f)
	ui, ok := s.sync.ui, s.sync.attached
	s.sync.mu.Unlock()
	if ok {
		ui.Dispatch(s.drain)
	}
}

// drain runs what the round's goroutine handed over (OnUI), in order, on the UI goroutine.
func (s *Store) drain(ctx app.Context) {
	for {
		s.sync.mu.Lock()
		fs := s.sync.inbox
		s.sync.inbox = nil
		s.sync.mu.Unlock()
		if len(fs) == 0 {
			return
		}
		for _, f := range fs {
			f(ctx)
		}
	}
}

// StartSync starts a sync round unless one is running (then it runs again after it). It runs
// on the UI goroutine: the round talks to the server in ctx.Async and hands each answer back
// to the UI goroutine (OnUI), where the store changes and observing screens re-render
// through the state StateRev.
func (s *Store) StartSync(ctx app.Context) {
	if s.Local.Family == "" || !app.IsClient || s.Elsewhere || SyncOff() {
		return
	}
	s.notices.watch(s.Local.Family, s.Local.Token, func(head int64) {
		s.OnUI(func(ctx app.Context) {
			if head > s.Local.Cursor {
				s.StartSync(ctx)
			}
		})
	})
	if s.sync.running {
		s.sync.again = true
		select { // wake a round that waits to retry
		case s.sync.wake <- struct{}{}:
		default:
		}
		return
	}
	s.sync.running = true
	s.round(ctx, 0, false)
}

// round is one sync round: what to send is read on the UI goroutine, the server is asked in
// ctx.Async, and the answer is applied on the UI goroutine. A round after a restore starts
// again once from the empty log (rebased); a failed round is tried again a few times, later
// and later (failures): the network may be back before the browser says so, or the server
// restarting.
func (s *Store) round(ctx app.Context, failures int, rebased bool) {
	sess, server := s.Session(), s.sync.server
	pending := append([]syncwire.Mutation(nil), s.Local.Pending...)
	cursor, epoch := s.Local.Cursor, s.Local.Epoch
	ctx.Async(func() {
		pages, devices, err := syncRound(server, sess, pending, cursor, epoch)
		name := ""
		if err == nil {
			name, err = server.FamilyName(sess)
		}
		s.OnUI(func(ctx app.Context) {
			if s.rebase(err) && !rebased {
				s.Redraw(ctx)
				s.round(ctx, failures, true)
				return
			}
			if name != "" {
				s.Local.FamilyName = name
			}
			s.applyRound(pages, devices, err)
			s.Redraw(ctx)
			if err != nil && failures < len(retryAfter) {
				wait := retryAfter[failures]
				ctx.Async(func() {
					select {
					case <-time.After(wait):
					case <-s.sync.wake:
					}
					s.OnUI(func(ctx app.Context) {
						s.sync.again = false
						s.round(ctx, failures+1, rebased)
					})
				})
				return
			}
			if s.sync.again {
				s.sync.again = false
				s.round(ctx, failures, rebased)
				return
			}
			s.sync.running = false
		})
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
func (s *Store) rebase(err error) bool {
	se, ok := errs.As[*staleError](err)
	if !ok {
		return false
	}
	s.Local.Rebase(se.epoch)
	s.Rebuild()
	s.Save()
	return true
}

// syncRound pushes the queue in order (at most syncwire.MaxBatch a push), then pulls every
// change after the cursor, then lists the devices. An answer from a log other than the one
// the cursor counts in (epoch, head) stops it with a staleError.
func syncRound(server Remote, s Session, pending []syncwire.Mutation, cursor int64, epoch string) ([]syncwire.PullResponse, []book.Device, error) {
	for len(pending) > 0 {
		n := min(len(pending), syncwire.MaxBatch)
		resp, err := server.Push(s, pending[:n])
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
		p, err := server.Pull(s, cursor)
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
	devices, err := server.Devices(s)
	return pages, devices, err
}

// applyRound adds the pulled changes to the log, drops what they contain from the queue,
// rebuilds the book (the queue re-applied on top) and saves.
func (s *Store) applyRound(pages []syncwire.PullResponse, devices []book.Device, err error) {
	for _, p := range pages {
		s.Local.Pulled(p)
	}
	if devices != nil {
		s.Local.Devices = devices
	}
	s.sync.err = err
	if err == nil {
		s.Local.LastSync = s.Now()
	}
	s.Rebuild()
	s.Save()
}

// CreateFamily asks the server for a new family named name with this device in it (it
// blocks: call it in ctx.Async).
func (s *Store) CreateFamily(name, device string) (Session, error) {
	if name == "" {
		return Session{}, &HTTPError{Status: 400, Code: "bad_request", Field: "name", Detail: "missing"}
	}
	return s.sync.server.Create(name, device)
}

// Adopt saves the session; the next round pushes what this device made before it had a
// family, and pulls what the family has. It changes the store: call it on the UI goroutine.
func (s *Store) Adopt(sess Session, name string) error {
	if s.Local.Family == "" && len(s.Local.Confirmed) > 0 {
		// an imported family's log (book.Import): its mutations go to the new family again
		s.Local.Rebase("")
	}
	s.Local.Family, s.Local.Device, s.Local.Token, s.Local.Owner = sess.Family, sess.Device, sess.Token, sess.Owner
	s.Local.NewClientID(NewID(4)) // page_requests.go: client ids bound to this device
	if name != "" {
		s.Local.FamilyName = name
	}
	s.Local.Cursor = 0
	s.Local.Confirmed = nil
	s.Rebuild()
	return s.Save()
}
