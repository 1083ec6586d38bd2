package client

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"gongji/app/book"
	"gongji/app/words"
	"gongji/shared/engine"
	"gongji/shared/mutation"
)

// storageKey is where the device's whole local document lives in browser storage.
const storageKey = "gongji.v1"

// KV is the browser storage the store saves to (localStorage in the browser, memory on the
// host).
type KV interface {
	Get(key string) string
	Set(key, value string) error
}

// Store is the device's local state: the saved document and the book replayed from it.
type Store struct {
	Local *book.Local // the saved document: the family's log as this device has it, its queue, its session
	Err   string      // the last load or save error, shown in the shell
	eng   *engine.Engine
	kv    KV
	now   func() time.Time
	book  *book.Book
	// nextEvent is when the next time event this device makes for its family falls due (zero
	// when none waits or a server keeps the family's clock).
	nextEvent time.Time
	// changed runs after every change made on this device (the sync client pushes it).
	changed func()
	// Elsewhere: another tab of the app holds the writer lock (claimTab); this one only shows
	// the family, saving and syncing nothing, so the two never overwrite each other's queue.
	Elsewhere bool
	// Notified is how many reminders were last shown as notifications (the shell shows only
	// new ones).
	Notified int
	rev      int        // the go-app state StateRev: bumped after the store changed (Redraw)
	sync     syncState  // the sync client: its rounds, the server, the UI goroutine's inbox
	tab      tabClaim   // this tab's answer to the writer lock (tablock.go)
	notices  changeFeed // the family's change notices (events_js.go)
}

// ErrElsewhere refuses a change in a tab that does not hold the writer lock.
var ErrElsewhere = errors.New("another tab of the app is open on this device")

// NewStore loads the document from kv (a fresh one when empty or unreadable).
func NewStore(kv KV, now func() time.Time) *Store {
	st := new(Store)
	st.Reset(kv, now)
	return st
}

// theStore is the app's one store, loaded from the browser's storage on first use. (Not
// sync.OnceValue: its generic code costs the wasm 52 kB raw, 11 kB gzip.)
var theStore = new(Store)

// TheStore is the app's one store, loaded on first use. Tests load it again with Reset.
func TheStore() *Store {
	if theStore.eng == nil { // not loaded yet: Reset sets the engine
		theStore.Reset(BrowserStorage(), time.Now)
	}
	return theStore
}

// Reset loads the store again from kv (a fresh document when empty or unreadable) at the
// clock now, with no sync round running and the browser's sync server (NewStore; tests use it
// between cases).
func (s *Store) Reset(kv KV, now func() time.Time) {
	*s = Store{eng: engine.Default(), kv: kv, now: now}
	s.sync.server = &HTTPRemote{}
	s.sync.wake = make(chan struct{}, 1)
	doc, err := book.Decode([]byte(kv.Get(storageKey)))
	if err != nil {
		s.Err = err.Error()
	}
	if doc.ClientID == "" {
		doc.ClientID = "c_" + NewID(6)
	}
	s.Local = doc
	s.Rebuild()
}

func NewID(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// T is the text for key in the device's language.
func (s *Store) T(key string) string { return words.T(s.Local.Lang, key) }

// Lang is the device's language.
func (s *Store) Lang() string { return s.Local.Lang }

// Engine is the rules engine every check uses.
func (s *Store) Engine() *engine.Engine { return s.eng }

// Now is the current moment.
func (s *Store) Now() time.Time { return s.now() }

// Book is the family as this device knows it: confirmed mutations, then pending ones. When
// this device keeps the family's clock and a refund fell due since the book was built, it is
// made first, so every screen shows the same thing at every minute around 06:00.
func (s *Store) Book() *book.Book {
	if !s.nextEvent.IsZero() && !s.now().Before(s.nextEvent) && !s.Elsewhere {
		s.Rebuild()
		s.Save()
	}
	return s.book
}

// Rebuild redoes the book and shows it at the device's clock: the time events this device
// makes for a family kept only here are queued (book.Local.KeepClock), and credits due by now
// are in it (book.AccrueTo), recorded by the next mutation anyone makes.
func (s *Store) Rebuild() {
	s.book = book.Build(s.eng, s.Local)
	s.nextEvent = time.Time{}
	if !s.Elsewhere {
		made, next, err := s.Local.KeepClock(s.eng, s.book, s.now())
		if err != nil {
			s.Err = err.Error()
		}
		if made > 0 {
			s.book = book.Build(s.eng, s.Local)
		}
		s.nextEvent = next
	}
	s.book.AccrueTo(s.now())
}

// Save writes the document to browser storage (not from a tab that only shows the family).
func (s *Store) Save() error {
	if s.Elsewhere {
		return nil
	}
	if err := s.kv.Set(storageKey, string(s.Local.Encode())); err != nil {
		s.Err = err.Error()
		return err
	}
	return nil
}

// Changed rebuilds the book, saves, and tells listeners (the sync client).
func (s *Store) Changed() error {
	s.Rebuild()
	err := s.Save()
	if s.changed != nil {
		s.changed()
	}
	return err
}

// OnChange sets the function to run after every change (one at a time: the latest wins).
func (s *Store) OnChange(f func()) { s.changed = f }

// Do applies a mutation to the current state with mutation.Apply; when it applies, the
// mutation is queued and saved before anything else happens. The outcome is the local one;
// the server confirms, adjusts or rejects it later. A refused mutation is not queued.
func (s *Store) Do(name mutation.Name, args any) (mutation.Outcome, error) {
	if s.Elsewhere {
		return mutation.Outcome{}, ErrElsewhere
	}
	m, o, err := s.Local.Try(s.eng, s.book, name, args, s.now())
	if err != nil || !(o.Status.Applied() || o.Status == mutation.PendingConsent) {
		return o, err
	}
	if err := s.Local.Queue(m); err != nil {
		return o, err
	}
	return o, s.Changed()
}

// SetLang switches the language and saves it.
func (s *Store) SetLang(lang string) {
	s.Local.Lang = lang
	s.Save()
}

// StateOf is where the item with this key stands ("" when unknown).
func (s *Store) StateOf(key string) book.ItemState {
	if it := s.book.Item(key); it != nil {
		return it.State
	}
	return ""
}

// SetClock sets what Now reads (tests move the device's clock).
func (s *Store) SetClock(now func() time.Time) { s.now = now }
