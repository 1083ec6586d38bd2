package api

import (
	"net/http"
	"time"

	"gongji/server/store"
	"gongji/shared/family"
	"gongji/shared/syncwire"
)

// Invitation lifetimes.
const (
	defaultInviteTTL = 24 * time.Hour
	maxInviteTTL     = 7 * 24 * time.Hour
)

type createFamilyRequest struct {
	Name   string `json:"name"`
	Device string `json:"device"`
	// SignupCode is the administrator's code when signup is closed (limits.go).
	SignupCode string `json:"signup_code,omitempty"`
}

// credentials answers a new device: the only time its token is ever sent.
type credentials struct {
	Family string `json:"family"`
	Device string `json:"device"`
	Token  string `json:"token"`
	Owner  bool   `json:"owner"`
	// Request is the key of the link_device request a join naming a person made (consent.go).
	Request string `json:"request,omitempty"`
}

func (s *Server) createFamily(w http.ResponseWriter, r *http.Request) {
	var req createFamilyRequest
	if !decodeBody(w, r, &req) || !checkText(w, "name", req.Name, syncwire.MaxDeviceName) ||
		!checkText(w, "device", req.Device, syncwire.MaxDeviceName) || !s.admitFamily(w, r, req.SignupCode) {
		return
	}
	now := s.now().UTC()
	secret := newToken()
	f := store.Family{ID: s.newFamilyID(r), Name: req.Name, Created: now, Epoch: NewEpoch()}
	d := store.Device{ID: newID("d"), Name: req.Device, Owner: true, TokenHash: HashToken(secret), Created: now}
	if err := s.store.CreateFamily(r.Context(), f, d); err != nil {
		s.storeError(w, r, err)
		return
	}
	s.log.Info("family created", "family", f.ID, "device", d.ID)
	writeJSON(w, http.StatusCreated, credentials{Family: f.ID, Device: d.ID, Token: deviceToken(f.ID, secret), Owner: true})
}

type joinRequest struct {
	Code   string `json:"code"`
	Device string `json:"device"`
	// Person is who the device belongs to (optional): a link_device request the owner approves.
	Person family.PersonID `json:"person,omitempty"`
}

func (s *Server) join(w http.ResponseWriter, r *http.Request) {
	var req joinRequest
	if !decodeBody(w, r, &req) || !checkText(w, "code", req.Code, 40) ||
		!checkText(w, "device", req.Device, syncwire.MaxDeviceName) ||
		(req.Person != "" && !checkID(w, "person", string(req.Person))) || !s.admitJoin(w, r, req.Code) {
		return
	}
	secret := newToken()
	now := s.now().UTC()
	d := store.Device{ID: newID("d"), Name: req.Device, TokenHash: HashToken(secret), Created: now}
	d, err := s.store.Join(r.Context(), HashToken(normalizeCode(req.Code)), now, d)
	if err == store.ErrNotFound {
		writeError(w, http.StatusNotFound, "invite_not_found", "code", "unknown, used or expired invitation code")
		return
	}
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	s.log.Info("device joined", "family", d.Family, "device", d.ID)
	creds := credentials{Family: d.Family, Device: d.ID, Token: deviceToken(d.Family, secret)}
	if req.Person != "" {
		// The device exists already; a failed claim is logged and can be pushed again.
		if creds.Request, err = s.claimPerson(r.Context(), d.Family, d.ID, req.Person); err != nil {
			s.log.Error("claim at join", "family", d.Family, "device", d.ID, "err", err)
		}
	}
	writeJSON(w, http.StatusCreated, creds)
}

type inviteRequest struct {
	TTLMinutes int `json:"ttl_minutes"`
}

type inviteResponse struct {
	Code    string    `json:"code"`
	Expires time.Time `json:"expires_at"`
}

func (s *Server) invite(w http.ResponseWriter, r *http.Request) {
	d := device(r)
	if !d.Owner {
		writeError(w, http.StatusForbidden, "forbidden", "", "only the family's owner device can invite")
		return
	}
	var req inviteRequest
	if r.ContentLength != 0 && !decodeBody(w, r, &req) {
		return
	}
	ttl, ok := inviteTTL(w, req.TTLMinutes) // limits.go: bounded before multiplying
	if !ok {
		return
	}
	code := newCode()
	inv := store.Invite{CodeHash: HashToken(normalizeCode(code)), Family: d.Family, Expires: s.now().UTC().Add(ttl)}
	if err := s.store.AddInvite(r.Context(), inv); err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, inviteResponse{Code: code, Expires: inv.Expires})
}

type deviceJSON struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Owner   bool      `json:"owner"`
	Revoked bool      `json:"revoked"`
	Created time.Time `json:"created_at"`
}

func (s *Server) devices(w http.ResponseWriter, r *http.Request) {
	ds, err := s.store.Devices(r.Context(), device(r).Family)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	out := make([]deviceJSON, 0, len(ds))
	for _, d := range ds {
		out = append(out, deviceJSON{ID: d.ID, Name: d.Name, Owner: d.Owner, Revoked: d.Revoked, Created: d.Created})
	}
	writeJSON(w, http.StatusOK, devicesJSON{Devices: out})
}

func (s *Server) revokeDevice(w http.ResponseWriter, r *http.Request) {
	d, target := device(r), r.PathValue("device")
	if !d.Owner && d.ID != target {
		writeError(w, http.StatusForbidden, "forbidden", "device", "only the owner or the device itself can revoke it")
		return
	}
	if !s.keepsAnOwner(w, r, target) { // headers.go
		return
	}
	if err := s.store.RevokeDevice(r.Context(), d.Family, target); err != nil {
		s.storeError(w, r, err)
		return
	}
	s.log.Info("device revoked", "family", d.Family, "device", target, "by", d.ID)
	s.hub.Notify([]string{d.Family}) // its open long polls and streams end now (identity.go live)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) familyInfo(w http.ResponseWriter, r *http.Request) {
	d := device(r)
	f, err := s.store.Family(r.Context(), d.Family)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	head, err := s.store.Head(r.Context(), d.Family)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, familyInfoJSON{Family: f.ID, Name: f.Name, Device: d.ID, Owner: d.Owner,
		Head: head, Epoch: f.Epoch})
}

// familyInfoJSON answers GET /api/v1/families/{family}.
type familyInfoJSON struct {
	Family string `json:"family"`
	Name   string `json:"name"`
	Device string `json:"device"`
	Owner  bool   `json:"owner"`
	Head   int64  `json:"head"`
	Epoch  string `json:"epoch,omitempty"`
}

// devicesJSON answers GET /api/v1/families/{family}/devices.
type devicesJSON struct {
	Devices []deviceJSON `json:"devices"`
}
