package mutation

import (
	"fmt"
	"time"

	"gongji/shared/civil"
	"gongji/shared/family"
	"gongji/shared/ledger"
)

// redo applies an applied outcome: structure first (a person must exist before its opening
// entry), then the ledger entries, then what the entries decided (a transfer's new state).
func redo(s *family.State, m Mutation, args any, at time.Time, o Outcome) (family.State, error) {
	next := s.Clone()
	switch a := args.(type) {
	case *PersonArgs:
		next.People = append(next.People, family.Person{ID: a.ID, Name: a.Name, Region: a.Region,
			Insurance: a.Insurance, Status: a.Status, Retired: a.Retired, Tier: a.Tier,
			HasAccount: a.Insurance == family.Employee, Wallet: family.Wallet{Opened: a.WalletOpen}})
	case *LinkArgs:
		next.Links = append(next.Links, linkOf(a))
	case *BindArgs:
		next.Bindings = append(next.Bindings, family.Binding{ID: m.ID, Authorizer: a.Authorizer,
			Beneficiary: a.Beneficiary, Scopes: append([]family.Scope(nil), a.Scopes...),
			Created: civil.DateOf(bindMoment(a, at)), Revoked: civil.Never})
	case *RevokeArgs:
		if err := revoke(&next, a.Binding, civil.DateOf(at)); err != nil {
			return family.State{}, err
		}
	case *LinkDeviceArgs:
		next.LinkDevice(a.Device, a.Person)
	}
	for _, e := range o.Entries {
		if _, err := ledger.Apply(&next, e); err != nil {
			return family.State{}, err
		}
	}
	if err := after(&next, m, args, at); err != nil {
		return family.State{}, err
	}
	return next, redoMore(s, &next, m, args, at, o)
}

func revoke(s *family.State, id string, on civil.Date) error {
	for i := range s.Bindings {
		if b := &s.Bindings[i]; b.ID == id {
			b.Revoked = max(on, b.Created)
			return nil
		}
	}
	return fieldErr("args.binding", fmt.Sprintf("unknown binding %q", id))
}

func after(s *family.State, m Mutation, args any, at time.Time) error {
	switch a := args.(type) {
	case *WalletTransferArgs:
		s.Transfers = append(s.Transfers, family.WalletTransfer{ID: m.ID, From: a.From, To: a.To,
			Amount: a.Amount, Source: a.Source, At: at, State: family.Pending})
	case *WalletRefArgs:
		t := s.Transfer(a.Transfer)
		if t == nil {
			return fieldErr("args.transfer", fmt.Sprintf("unknown wallet transfer %q", a.Transfer))
		}
		t.State = family.Refunded
		if m.Name == WalletAccept {
			t.State = family.Accepted
		}
	case *WithdrawArgs:
		// D3: rules.md section 6 (the account is closed after a withdrawal)
		if p := s.Person(a.Person); p != nil {
			p.HasAccount = false
		}
	case *TransferArgs:
		if p := s.Person(a.Person); p != nil {
			p.Region = a.ToRegion
		}
	}
	return nil
}
