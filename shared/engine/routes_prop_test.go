package engine_test

import (
	"math/rand"
	"slices"
	"testing"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/region"
)

// TestRoutesAgreeWithBindAndWallet: on random families, every route is what the actions
// themselves decide (rules.md section 10): the binding state from the bindings and a bind of
// scope medical, the wallet's reasons those of a transfer of 0.01 at 10:00 that W1-W4 give.
func TestRoutesAgreeWithBindAndWallet(t *testing.T) {
	rng := rand.New(rand.NewSource(20261207))
	regions := []string{"430424", "430102", "440106", "440304", "320102", "310104", "110105", "410100", "510104", "630102", "140105", "420106"}
	days := []string{"2023-09-30", "2024-10-31", "2024-11-01", "2024-12-10", "2025-02-05", "2025-07-01", "2025-09-18", "2026-01-09", "2026-03-10"}
	relations := []family.Relation{family.Spouse, family.Parent, family.Child, family.Sibling, family.Grandparent, family.Grandchild, family.ParentInLaw, "other"}
	walletCodes := []engine.Code{engine.WalletRegionNotEnabled, engine.RelationNotAllowed, engine.BeneficiaryNotInsured,
		engine.WalletRecipientNotOpened, engine.AuthorizerNotEmployee}
	e := engine.Default()
	for n := 0; n < 150; n++ {
		ids := []family.PersonID{"A", "B", "C", "D", "E", "F", "G", "H"}[:2+rng.Intn(7)]
		var s family.State
		for _, id := range ids {
			p := family.Person{ID: id, Region: region.Code(regions[rng.Intn(len(regions))]), Status: family.Active}
			switch rng.Intn(4) {
			case 0, 1:
				p.Insurance, p.HasAccount, p.Account = family.Employee, rng.Intn(5) > 0, money.MustParse("500.00")
				p.Tier = 1 + rng.Intn(2)
			case 2:
				p.Insurance = family.Resident
			default:
				p.Insurance = family.Uninsured
			}
			if rng.Intn(6) == 0 {
				p.Status = family.Stopped
			}
			p.Wallet.Opened = rng.Intn(2) == 0
			s.People = append(s.People, p)
		}
		for i := 1; i < len(ids); i++ {
			s.Links = append(s.Links, family.Link{Person: ids[0], Of: ids[i], Relation: relations[rng.Intn(len(relations))], CardLinked: rng.Intn(2) == 0})
		}
		for i := 0; i < rng.Intn(4); i++ {
			b := family.Binding{ID: string(rune('p' + i)), Authorizer: ids[1+rng.Intn(len(ids)-1)], Beneficiary: ids[0],
				Scopes:  []family.Scope{[]family.Scope{family.Medical, family.ResidentPremium}[rng.Intn(2)]},
				Created: civil.MustDate(days[rng.Intn(len(days))]), Revoked: civil.Never}
			if rng.Intn(4) == 0 {
				b.Revoked = civil.MustDate("2025-07-01")
			}
			s.Bindings = append(s.Bindings, b)
		}
		at := civil.At(civil.MustDate(days[rng.Intn(len(days))]), 10*3600)
		res, err := e.Routes(&s, at, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Reasons) != 0 || len(res.Routes) != len(ids)-1 {
			t.Fatalf("family %d: reasons %v, %d routes for %d relatives", n, res.Reasons, len(res.Routes), len(ids)-1)
		}
		day := civil.DateOf(at)
		cutoff := civil.MustDate("2023-10-01")
		for _, rt := range res.Routes {
			// rules.md section 10, read directly: in force, not invalidated by SZ5, covering
			// medical (a Shenzhen binding made from 2023-10-01 always does), authorizer not stopped
			a := s.Person(rt.Person)
			shenzhen := string(a.Region[:4]) == "4403"
			inForce := ""
			for _, b := range s.Bindings {
				if b.Authorizer != rt.Person || !b.InForce(day) || a.Status == family.Stopped {
					continue
				}
				medical := b.HasScope(family.Medical) || (shenzhen && b.Created >= cutoff)
				invalid := shenzhen && b.Created < cutoff && day >= cutoff && !b.HasScope(family.Medical)
				if medical && !invalid && inForce == "" {
					inForce = b.ID
				}
			}
			if (inForce != "") != (rt.Binding.State == engine.RouteInForce) {
				t.Errorf("family %d, %s: state %s, but a binding in force for bills is %q", n, rt.Person, rt.Binding.State, inForce)
			}
			bind, err := e.Bind(&s, at, engine.BindRequest{Authorizer: rt.Person, Beneficiary: ids[0], Scopes: []family.Scope{family.Medical}})
			if err != nil {
				t.Fatal(err)
			}
			switch rt.Binding.State {
			case engine.RouteInForce:
				if !slices.Contains(bind.Reasons, engine.DuplicateBinding) {
					t.Errorf("family %d, %s: in force (%s) but a new bind is no duplicate: %v", n, rt.Person, rt.Binding.Binding, bind.Reasons)
				}
			case engine.RoutePossible:
				if !bind.Allowed {
					t.Errorf("family %d, %s: possible, but bind says %v", n, rt.Person, bind.Reasons)
				}
			case engine.RouteRefused:
				if !slices.Equal(rt.Binding.Reasons, bind.Reasons) {
					t.Errorf("family %d, %s: refused for %v, bind says %v", n, rt.Person, rt.Binding.Reasons, bind.Reasons)
				}
			}
			p := s.Person(rt.Person)
			wantSource := family.FromWallet
			if p.HasAccount {
				wantSource = family.FromAccount
			}
			wt, err := e.WalletTransfer(&s, at, engine.WalletTransferRequest{ID: "x", From: rt.Person, To: ids[0], Amount: 1, Source: wantSource})
			if err != nil {
				t.Fatal(err)
			}
			var want []engine.Code
			for _, c := range wt.Reasons {
				if slices.Contains(walletCodes, c) {
					want = append(want, c)
				}
			}
			if rt.Wallet.Source != wantSource || rt.Wallet.Possible != (len(want) == 0) || !slices.Equal(rt.Wallet.Reasons, want) {
				t.Errorf("family %d, %s: wallet %+v, the transfer says %v", n, rt.Person, rt.Wallet, wt.Reasons)
			}
		}
	}
}
