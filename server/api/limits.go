package api

import (
	"crypto/subtle"
	"fmt"
	"hash/maphash"
	"net/http"
	"strconv"
	gosync "sync"
	"time"

	"gongji/shared/syncwire"
)

// Limits are what one family, one device or one address may use (server/API.md, Limits).
// Counters live in the process's memory: a restart (or, on Workers, an evicted object)
// starts them again, which forgives at most one day's quota.
type Limits struct {
	// ChangesPerDay: changes a family may add per day (UTC+8); 0 is no limit. A push is
	// admitted while the family is under it, so one push may go past it by at most
	// syncwire.MaxBatch.
	ChangesPerDay int
	// BytesPerDay: bytes of stored mutations (args plus envelopeBytes each) per family per day.
	BytesPerDay int64
	// StreamsPerDevice, StreamsTotal: open event streams and long polls; past either the
	// server answers 429 (the device's) or 503 (the process's) instead of holding one more
	// connection. StreamsTotal 0 is no limit.
	StreamsPerDevice int
	StreamsTotal     int
	// FamiliesBurst families may be created at once from one address, then one per
	// FamiliesEvery.
	FamiliesBurst int
	FamiliesEvery time.Duration
	// JoinBurst join attempts at once from one address (and on one code), then one per
	// JoinEvery: guessing a 59-bit code gets nowhere.
	JoinBurst int
	JoinEvery time.Duration
	// ClientIPHeader names the header a trusted proxy sets to the client's address
	// ("CF-Connecting-IP" on Workers); empty uses the connection's address.
	ClientIPHeader string
	// ClosedSignup: creating a family needs the admin token (Authorization: Bearer) or a
	// single-use signup code the admin made (POST /api/v1/signup-codes).
	ClosedSignup bool
	// AdminToken is the secret of the server's administrator; empty disables admin calls.
	AdminToken string
}

// DefaultLimits are generous for a family (tens of changes a day) and small for an attacker.
func DefaultLimits() Limits {
	return Limits{
		ChangesPerDay:    5_000,
		BytesPerDay:      16 << 20,
		StreamsPerDevice: 8,
		StreamsTotal:     1_000,
		FamiliesBurst:    5,
		FamiliesEvery:    12 * time.Minute, // 5 an hour
		JoinBurst:        10,
		JoinEvery:        6 * time.Minute, // 10 an hour
	}
}

// envelopeBytes is what a stored change costs beyond its args (ids, outcome, record).
const envelopeBytes = 256

// china is the day boundary of the quotas (UTC+8, as every date in Gongji).
var china = time.FixedZone("UTC+8", 8*3600)

// usage is one family's use of its quota on one day, held by value: with a million families
// pushing in a day, a pointer and an object each were 50 bytes of every family's memory and
// a million more objects for the collector to go through (issue 23).
type usage struct {
	day     int32 // days since 1970-01-01 in UTC+8
	changes int32
	bytes   int64
}

// quotaKey is a family's key in the quotas: 128 bits of a hash of its id, so that the map
// holds no pointers and a million families are nothing for the collector to go through
// (two ids sharing a key is a 2^-128 chance, and would only share a quota).
type quotaKey [2]uint64

var quotaSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func keyOfFamily(fam string) quotaKey {
	return quotaKey{maphash.String(quotaSeeds[0], fam), maphash.String(quotaSeeds[1], fam)}
}

// chinaDay is the day of t in UTC+8, as a number.
func chinaDay(t time.Time) int32 {
	_, off := t.In(china).Zone()
	return int32((t.Unix() + int64(off)) / 86400)
}

// quotas counts each family's changes and bytes per day.
type quotas struct {
	mu      gosync.Mutex
	used    map[quotaKey]usage
	dropped int32 // the day old days were last dropped
}

// admitPush answers 429 with Retry-After (the next midnight UTC+8) when the family has used
// its day's quota; otherwise it says yes.
func (s *Server) admitPush(w http.ResponseWriter, fam string) bool {
	now := s.now().In(china)
	day := chinaDay(now)
	s.quotas.mu.Lock()
	u, ok := s.quotas.used[keyOfFamily(fam)]
	over := ok && u.day == day &&
		(s.limits.ChangesPerDay > 0 && int(u.changes) >= s.limits.ChangesPerDay ||
			s.limits.BytesPerDay > 0 && u.bytes >= s.limits.BytesPerDay)
	s.quotas.mu.Unlock()
	if !over {
		return true
	}
	y, m, d := now.Date()
	midnight := time.Date(y, m, d+1, 0, 0, 0, 0, china)
	tooMany(w, "quota_exceeded", fmt.Sprintf("this family stored its quota for today (%d changes, %d bytes); nothing was stored, push again after midnight (UTC+8)",
		s.limits.ChangesPerDay, s.limits.BytesPerDay), midnight.Sub(now))
	return false
}

// charge adds a push's stored changes to the family's day.
func (s *Server) charge(fam string, changes []syncwire.Change) {
	if len(changes) == 0 {
		return
	}
	day := chinaDay(s.now())
	var n int64
	for _, c := range changes {
		n += int64(len(c.Mutation.Args)) + envelopeBytes
	}
	key := keyOfFamily(fam)
	s.quotas.mu.Lock()
	defer s.quotas.mu.Unlock()
	u, ok := s.quotas.used[key]
	if !ok || u.day != day {
		// Once a day at most: with more than maxKeys families pushing in one day nothing is
		// old, and a scan of every key on each new family's push made a city's pushes
		// quadratic (issue 23: 100,000 families and up).
		if !ok && len(s.quotas.used) >= maxKeys && s.quotas.dropped != day {
			s.dropOldDays(day)
			s.quotas.dropped = day
		}
		u = usage{day: day}
	}
	u.changes += int32(len(changes))
	u.bytes += n
	s.quotas.used[key] = u
}

func (s *Server) dropOldDays(day int32) {
	for f, u := range s.quotas.used {
		if u.day != day {
			delete(s.quotas.used, f)
		}
	}
}

// streams counts open event streams and long polls per device and in total.
type streams struct {
	mu       gosync.Mutex
	total    int
	perDevic map[string]int
}

// openStream takes a stream slot for the request's device, or answers 429 (this device has
// its share open) or 503 (the server has its total open) and returns ok false. Call release
// when the stream ends.
func (s *Server) openStream(w http.ResponseWriter, r *http.Request) (release func(), ok bool) {
	d := device(r)
	s.streams.mu.Lock()
	defer s.streams.mu.Unlock()
	if s.limits.StreamsPerDevice > 0 && s.streams.perDevic[d.ID] >= s.limits.StreamsPerDevice {
		tooMany(w, "too_many_streams", fmt.Sprintf("this device has %d streams open (event streams and long polls), at most %d: close one",
			s.streams.perDevic[d.ID], s.limits.StreamsPerDevice), 30*time.Second)
		return nil, false
	}
	if s.limits.StreamsTotal > 0 && s.streams.total >= s.limits.StreamsTotal {
		w.Header().Set("Retry-After", "30")
		writeError(w, http.StatusServiceUnavailable, "unavailable", "",
			fmt.Sprintf("the server holds its maximum of %d open streams; retry later or pull without wait", s.limits.StreamsTotal))
		return nil, false
	}
	s.streams.total++
	s.streams.perDevic[d.ID]++
	var once gosync.Once
	return func() {
		once.Do(func() {
			s.streams.mu.Lock()
			defer s.streams.mu.Unlock()
			s.streams.total--
			if s.streams.perDevic[d.ID]--; s.streams.perDevic[d.ID] <= 0 {
				delete(s.streams.perDevic, d.ID)
			}
		})
	}, true
}

// OpenStreams is how many event streams and long polls are open (for tests and the load test).
func (s *Server) OpenStreams() int {
	s.streams.mu.Lock()
	defer s.streams.mu.Unlock()
	return s.streams.total
}

// admitFamily applies the signup rules to a family creation: closed signup needs the admin
// token or a signup code; every creation is rate-limited per address.
func (s *Server) admitFamily(w http.ResponseWriter, r *http.Request, signupCode string) bool {
	if s.limits.ClosedSignup && !s.isAdmin(r) && !s.signup.use(signupCode, s.now()) {
		field := ""
		if signupCode != "" {
			field = "signup_code"
		}
		writeError(w, http.StatusForbidden, "signup_closed", field,
			"this server creates families only with a signup code from its administrator (unknown, used or expired code)")
		return false
	}
	if ok, retry := s.familyLimiter.Allow(s.clientAddr(r), s.now()); !ok {
		tooMany(w, "rate_limited", "too many families created from this address; retry later", retry)
		return false
	}
	return true
}

// admitJoin rate-limits join attempts per address and per code.
func (s *Server) admitJoin(w http.ResponseWriter, r *http.Request, code string) bool {
	now := s.now()
	ok, retry := s.joinLimiter.Allow(s.clientAddr(r), now)
	if ok {
		ok, retry = s.codeLimiter.Allow(normalizeCode(code), now)
	}
	if !ok {
		tooMany(w, "rate_limited", "too many join attempts; retry later", retry)
	}
	return ok
}

// isAdmin says whether the request carries the administrator's token.
func (s *Server) isAdmin(r *http.Request) bool {
	t := bearer(r)
	return s.limits.AdminToken != "" && t != "" &&
		subtle.ConstantTimeCompare([]byte(HashToken(t)), []byte(HashToken(s.limits.AdminToken))) == 1
}

// signupCodes are the administrator's single-use codes for creating a family on a closed
// server, by hash, with their expiry. They live in memory: a restart forgets them.
type signupCodes struct {
	mu    gosync.Mutex
	codes map[string]time.Time
}

func (c *signupCodes) use(code string, now time.Time) bool {
	if code == "" {
		return false
	}
	h := HashToken(normalizeCode(code))
	c.mu.Lock()
	defer c.mu.Unlock()
	exp, ok := c.codes[h]
	delete(c.codes, h)
	return ok && now.Before(exp)
}

func (c *signupCodes) add(code string, exp, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, e := range c.codes { // sweep expired codes
		if !now.Before(e) {
			delete(c.codes, h)
		}
	}
	c.codes[HashToken(normalizeCode(code))] = exp
}

// signupCode is POST /api/v1/signup-codes: the administrator makes a single-use code that
// creates one family on a closed server.
func (s *Server) signupCode(w http.ResponseWriter, r *http.Request) {
	if !s.isAdmin(r) {
		writeError(w, http.StatusUnauthorized, "unauthorized", "Authorization", "the administrator's token is required")
		return
	}
	var req inviteRequest
	if r.ContentLength != 0 && !decodeBody(w, r, &req) {
		return
	}
	ttl, ok := inviteTTL(w, req.TTLMinutes)
	if !ok {
		return
	}
	now := s.now().UTC()
	code := newCode()
	s.signup.add(code, now.Add(ttl), now)
	writeJSON(w, http.StatusCreated, inviteResponse{Code: code, Expires: now.Add(ttl)})
}

// inviteTTL reads ttl_minutes (0 is the default) within 1..maxInviteTTL, comparing minutes
// before any multiplication so that a huge value cannot wrap into the range.
func inviteTTL(w http.ResponseWriter, minutes int) (time.Duration, bool) {
	if minutes == 0 {
		return defaultInviteTTL, true
	}
	maxMinutes := int(maxInviteTTL / time.Minute)
	if minutes < 1 || minutes > maxMinutes {
		writeError(w, http.StatusBadRequest, "bad_request", "ttl_minutes", fmt.Sprintf("%d: want 1 to %d", minutes, maxMinutes))
		return 0, false
	}
	return time.Duration(minutes) * time.Minute, true
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (s *Server) setLimits(l *Limits) {
	s.limits = DefaultLimits()
	if l != nil {
		s.limits = *l
	}
	s.quotas.used = map[quotaKey]usage{}
	s.streams.perDevic = map[string]int{}
	s.signup.codes = map[string]time.Time{}
	s.familyLimiter = NewLimiter(s.limits.FamiliesBurst, s.limits.FamiliesEvery)
	s.joinLimiter = NewLimiter(s.limits.JoinBurst, s.limits.JoinEvery)
	s.codeLimiter = NewLimiter(s.limits.JoinBurst, s.limits.JoinEvery)
}
