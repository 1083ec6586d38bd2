package client

import (
	"errors"
	"maps"
	"testing"
	"time"

	"gongji/app/book"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// fakeServer keeps one family's log in memory the way server/API.md describes: mutations
// applied in order with mutation.Apply, duplicates skipped, pages of pageSize.
type fakeServer struct {
	state    family.State
	log      []syncwire.Change
	last     map[string]int64
	pageSize int
	down     bool
	pushes   int
	epoch    string
}

// restore replaces the log by its first n changes under a new epoch, as gongji restore does
// with a backup taken at seq n.
func (f *fakeServer) restore(n int, epoch string) {
	f.log, f.epoch, f.last = f.log[:n:n], epoch, map[string]int64{}
	f.state, _ = syncwire.Replay(family.State{}, f.log)
	for _, c := range f.log {
		f.last[c.Mutation.ClientID] = c.Mutation.MutationID
	}
}

func (f *fakeServer) Create(name, device string) (Session, error) {
	return Session{Family: "f_1", Device: "d_1", Token: "t", Owner: true}, nil
}
func (f *fakeServer) Join(code, device string) (Session, error) {
	return Session{Family: "f_1", Device: "d_2", Token: "t2"}, nil
}
func (f *fakeServer) Invite(Session) (string, error) { return "ABCD-EFGH-JKLM", nil }
func (f *fakeServer) Devices(Session) ([]book.Device, error) {
	return []book.Device{{ID: "d_1", Name: "phone", Owner: true}, {ID: "d_2", Name: "pad"}}, nil
}

func (f *fakeServer) RevokeDevice(Session, string) error { return nil }
func (f *fakeServer) FamilyName(Session) (string, error) { return "张家", nil }

func (f *fakeServer) Push(_ Session, ms []syncwire.Mutation) (syncwire.PushResponse, error) {
	if f.down {
		return syncwire.PushResponse{}, errors.New("fetch failed")
	}
	f.pushes++
	var out syncwire.PushResponse
	for _, m := range ms {
		r := syncwire.PushResult{ClientID: m.ClientID, MutationID: m.MutationID, Result: syncwire.Duplicate}
		if m.MutationID == f.last[m.ClientID]+1 {
			o, next := mutation.Apply(engine.Default(), &f.state, m.Intent(), m.At)
			f.state = next
			f.last[m.ClientID] = m.MutationID
			r.Result, r.Seq, r.Outcome = syncwire.Processed, int64(len(f.log)+1), &o
			f.log = append(f.log, syncwire.Change{Seq: r.Seq, Device: "d", Mutation: m, Outcome: o})
		}
		out.Results = append(out.Results, r)
	}
	out.Head, out.LastMutationIDs, out.Epoch = int64(len(f.log)), maps.Clone(f.last), f.epoch
	return out, nil
}

func (f *fakeServer) Pull(_ Session, cursor int64) (syncwire.PullResponse, error) {
	if f.down {
		return syncwire.PullResponse{}, errors.New("fetch failed")
	}
	end := min(int(cursor)+f.pageSize, len(f.log))
	p := syncwire.PullResponse{Changes: f.log[cursor:end], Cursor: int64(end), Head: int64(len(f.log)),
		More: end < len(f.log), LastMutationIDs: maps.Clone(f.last), Epoch: f.epoch}
	if len(p.Changes) == 0 {
		p.Cursor = cursor
	}
	return p, nil
}

// round is one sync round as startSync runs it, without go-app: after a restore it starts
// again once from the empty log.
func round(st *Store) {
	for try := 0; ; try++ {
		pages, devices, err := syncRound(st.Remote(), st.Session(), append([]syncwire.Mutation(nil), st.Local.Pending...),
			st.Local.Cursor, st.Local.Epoch)
		if try == 0 && st.rebase(err) {
			continue
		}
		st.applyRound(pages, devices, err)
		return
	}
}

// TestSyncAfterRestore: the server's log goes back to a backup older than this device's
// cursor. The device notices (a new epoch, or its cursor beyond the head), pulls again from
// 0 and pushes again its own mutations the backup lacks, confirmed or queued: none is lost,
// none is logged twice.
func TestSyncAfterRestore(t *testing.T) {
	tests := []struct {
		name          string
		before, after string // the family's epoch before and after the restore
	}{
		{"the restore changed the epoch", "e_1", "e_2"},
		{"no epoch: the head is behind the cursor", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fake := &fakeServer{last: map[string]int64{}, pageSize: 2, epoch: tc.before}
			st := NewStore(testKV{}, func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) })
			st.UseRemote(fake)
			add := func(n string) {
				t.Helper()
				if _, err := st.Do(mutation.AddPerson, mutation.PersonArgs{ID: family.PersonID(n), Name: n,
					Region: "330100", Insurance: "resident", Status: "active"}); err != nil {
					t.Fatal(err)
				}
			}
			s, _ := st.CreateFamily("张家", "phone")
			if err := st.Adopt(s, "张家"); err != nil {
				t.Fatal(err)
			}
			add("甲")
			add("乙")
			round(st) // seq 1, 2
			other := syncwire.Mutation{ClientID: "pad", MutationID: 1, Name: mutation.AddPerson, At: st.Now(),
				Args: []byte(`{"id":"丁","name":"丁","region":"330100","insurance":"resident","status":"active"}`)}
			fake.Push(s, []syncwire.Mutation{other}) // seq 3: the backup is taken here
			add("丙")
			add("戊")
			round(st) // seq 4, 5: confirmed, then lost by the restore
			add("己")  // queued, never sent
			if st.Local.Cursor != 5 || len(st.Local.Pending) != 1 {
				t.Fatalf("before the restore: cursor %d, %d pending", st.Local.Cursor, len(st.Local.Pending))
			}
			fake.restore(3, tc.after)
			round(st)
			if st.SyncErr() != nil || len(st.Local.Pending) != 0 || st.Local.Cursor != 6 || st.Local.Epoch != tc.after {
				t.Fatalf("after the restore: err %v, %d pending, cursor %d, epoch %q", st.SyncErr(), len(st.Local.Pending), st.Local.Cursor, st.Local.Epoch)
			}
			ids := map[int64]int{}
			for _, c := range fake.log {
				if c.Mutation.ClientID == st.Local.ClientID {
					ids[c.Mutation.MutationID]++
				}
			}
			for id := int64(1); id <= 5; id++ {
				if ids[id] != 1 {
					t.Errorf("mutation %d is %d times in the server's log", id, ids[id])
				}
			}
			people := st.Book().State.People
			if len(people) != 6 || len(st.Local.Confirmed) != len(fake.log) {
				t.Errorf("device has %d people, %d changes; server %d changes", len(people), len(st.Local.Confirmed), len(fake.log))
			}
		})
	}
}

func TestSyncRoundPushesPullsAndSurvivesOutages(t *testing.T) {
	fake := &fakeServer{last: map[string]int64{}, pageSize: 2}
	st := NewStore(testKV{}, func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) })
	st.UseRemote(fake)
	for _, n := range []string{"甲", "乙", "丙"} {
		if _, err := st.Do(mutation.AddPerson, mutation.PersonArgs{ID: family.PersonID(n), Name: n, Region: "330100",
			Insurance: "resident", Status: "active"}); err != nil {
			t.Fatal(err)
		}
	}
	if st.StateOf(st.Local.Pending[0].Key()) != book.OnlyLocal {
		t.Fatal("items made before the family exists should be local")
	}
	s, _ := st.CreateFamily("张家", "phone")
	if err := st.Adopt(s, "张家"); err != nil {
		t.Fatal(err)
	}
	fake.down = true
	round(st)
	if st.SyncErr() == nil || len(st.Local.Pending) != 3 || st.Book().Items[0].State != book.Pending {
		t.Fatalf("server down: err %v, %d pending", st.SyncErr(), len(st.Local.Pending))
	}
	fake.down = false
	round(st)
	if st.SyncErr() != nil || len(st.Local.Pending) != 0 || len(st.Local.Confirmed) != 3 || st.Local.Cursor != 3 {
		t.Fatalf("after sync: err %v, %d pending, %d confirmed, cursor %d", st.SyncErr(), len(st.Local.Pending), len(st.Local.Confirmed), st.Local.Cursor)
	}
	for _, it := range st.Book().Items {
		if it.State != book.Confirmed {
			t.Errorf("%s: %s", it.Key(), it.State)
		}
	}
	if st.Local.FamilyName != "张家" || len(st.Local.Devices) != 2 || st.Local.LastSync.IsZero() {
		t.Errorf("family %q devices %v last sync %v", st.Local.FamilyName, st.Local.Devices, st.Local.LastSync)
	}
	// a retried push after a lost answer is a duplicate: nothing is logged twice
	resp, _ := fake.Push(st.Session(), []syncwire.Mutation{st.Local.Confirmed[0].Mutation})
	round(st)
	if resp.Results[0].Result != syncwire.Duplicate || len(fake.log) != 3 || len(st.Local.Confirmed) != 3 {
		t.Errorf("retry: %s, log %d, confirmed %d", resp.Results[0].Result, len(fake.log), len(st.Local.Confirmed))
	}
	// what is saved is what a reload reads
	again := NewStore(st.kv, st.now)
	if len(again.Local.Confirmed) != 3 || len(again.Book().State.People) != 3 {
		t.Errorf("reloaded: %d changes, %d people", len(again.Local.Confirmed), len(again.Book().State.People))
	}
}

// testKV is a fresh, empty storage for one test.
type testKV map[string]string

func (m testKV) Get(key string) string { return m[key] }

func (m testKV) Set(key, value string) error { m[key] = value; return nil }
