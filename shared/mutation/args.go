// Package mutation is the pure domain logic of Gongji's mutations: their names, their
// arguments and Apply, which re-runs one mutation through the shared rules engine against a
// family's state and returns its outcome, its ledger entries and the new state.
//
// It is shared by the server (the authoritative order) and the app (optimistic local
// apply while offline). It does no I/O, reads no clock (the moment is an argument) and keeps
// no globals, so the same mutation over the same state gives the same outcome everywhere.
package mutation

import (
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/region"
)

// Name is a mutation name. Names unknown to this build are kept and reported (StatusUnknown).
type Name string

// The mutation names of sync protocol version 1 (server/API.md lists their arguments).
const (
	AddPerson      Name = "add_person"      // PersonArgs
	Link           Name = "link"            // LinkArgs
	Bind           Name = "bind"            // BindArgs: create a binding through engine.Bind
	Revoke         Name = "revoke"          // RevokeArgs: end a binding
	Settle         Name = "settle"          // SettleArgs: a bill, through engine.Settle
	Premium        Name = "premium"         // PremiumArgs: through engine.PayPremium
	WalletTransfer Name = "wallet_transfer" // WalletTransferArgs
	WalletAccept   Name = "wallet_accept"   // WalletRefArgs
	WalletRefund   Name = "wallet_refund"   // WalletRefArgs: the 06:00 refund (engine.WalletExpire)
	Withdraw       Name = "withdraw"        // WithdrawArgs
	Transfer       Name = "transfer"        // TransferArgs: move the insurance to another region
	Credit         Name = "credit"          // CreditArgs: money into an account from outside
	Correct        Name = "correct"         // CorrectArgs: a signed correcting entry
)

// Names lists every name this build knows, in a fixed order.
func Names() []Name {
	return []Name{AddPerson, Link, Bind, Revoke, Settle, Premium, WalletTransfer, WalletAccept,
		WalletRefund, Withdraw, Transfer, Credit, Correct}
}

// Known says whether this build can apply mutations called n.
func Known(n Name) bool {
	for _, k := range Names() {
		if k == n {
			return true
		}
	}
	return false
}

// PersonArgs adds a person. Opening balances (fen) are posted as an "opening" ledger entry
// from outside the family, so every balance comes from the ledger.
type PersonArgs struct {
	ID         family.PersonID  `json:"id"`
	Name       string           `json:"name"`
	Region     region.Code      `json:"region"`
	Insurance  family.Insurance `json:"insurance"`
	Status     family.Status    `json:"status"`
	Retired    bool             `json:"retired,omitempty"`
	Tier       int              `json:"tier,omitempty"`
	Account    money.Amount     `json:"account,omitempty"`
	WalletOpen bool             `json:"wallet_open,omitempty"`
	Wallet     money.Amount     `json:"wallet,omitempty"`
}

// LinkArgs records that Person is Of's Relation.
type LinkArgs struct {
	Person     family.PersonID `json:"person"`
	Of         family.PersonID `json:"of"`
	Relation   family.Relation `json:"relation"`
	CardLinked bool            `json:"card_linked,omitempty"`
}

// BindArgs asks for a binding. The binding's id is the mutation's id. Created ("2025-01-05"),
// when set and earlier than the mutation's day, records a binding made on an earlier day.
type BindArgs struct {
	Authorizer  family.PersonID `json:"authorizer"`
	Beneficiary family.PersonID `json:"beneficiary"`
	Scopes      []family.Scope  `json:"scopes"`
	Created     string          `json:"created,omitempty"`
}

// RevokeArgs ends a binding from the mutation's day on.
type RevokeArgs struct {
	Binding string `json:"binding"`
}

// SettleArgs is a bill of Patient paid with CardHolder's card (the patient's own when empty).
type SettleArgs struct {
	Patient     family.PersonID    `json:"patient"`
	CardHolder  family.PersonID    `json:"card_holder,omitempty"`
	Institution engine.Institution `json:"institution"`
	Bill        engine.Bill        `json:"bill"`
}

// PremiumArgs pays Amount of a premium ("resident", "ltc", "commercial") for Insured.
type PremiumArgs struct {
	Insured family.PersonID `json:"insured"`
	Premium engine.Premium  `json:"premium"`
	Amount  money.Amount    `json:"amount"`
}

// WalletTransferArgs sends Amount from From's Source ("account" or "wallet") to To's wallet.
// The transfer's id is the mutation's id.
type WalletTransferArgs struct {
	From   family.PersonID `json:"from"`
	To     family.PersonID `json:"to"`
	Amount money.Amount    `json:"amount"`
	Source family.Source   `json:"source"`
}

// WalletRefArgs names a wallet transfer to accept or refund.
type WalletRefArgs struct {
	Transfer string `json:"transfer"`
}

// WithdrawArgs asks to pay out Person's account on Ground.
type WithdrawArgs struct {
	Person family.PersonID `json:"person"`
	Ground string          `json:"ground"`
}

// TransferArgs moves Person's insurance relationship to ToRegion.
type TransferArgs struct {
	Person        family.PersonID `json:"person"`
	ToRegion      region.Code     `json:"to_region"`
	OriginStopped bool            `json:"origin_stopped"`
	DestEnrolled  bool            `json:"dest_enrolled"`
	GapMonths     int             `json:"gap_months"`
}

// AccountKind is which of a person's accounts a credit or correction touches.
type AccountKind string

// Account kinds.
const (
	PersonalAccount AccountKind = "account"
	WalletAccount   AccountKind = "wallet"
)

// CreditArgs puts Amount (> 0) into Person's account or wallet from outside the family (the
// yearly 划入, a refund from a pharmacy).
type CreditArgs struct {
	Person  family.PersonID `json:"person"`
	Account AccountKind     `json:"account"`
	Amount  money.Amount    `json:"amount"`
	Memo    string          `json:"memo,omitempty"`
}

// CorrectArgs fixes a mistake with a signed amount (never by editing an entry). Corrects
// names the mutation whose entry is being corrected, for the record.
type CorrectArgs struct {
	Person   family.PersonID `json:"person"`
	Account  AccountKind     `json:"account"`
	Amount   money.Amount    `json:"amount"`
	Corrects string          `json:"corrects,omitempty"`
	Memo     string          `json:"memo"`
}
