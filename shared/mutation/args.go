// Package mutation is the pure domain logic of Gongji's mutations: their names, their
// arguments and Apply, which re-runs one mutation through the shared rules engine against a
// family's state and returns its outcome, its ledger entries and the new state.
//
// It is shared by the server (the authoritative order) and the app (optimistic local
// apply while offline). It does no I/O, reads no clock (the moment is an argument) and keeps
// no globals, so the same mutation over the same state gives the same outcome everywhere.
package mutation

import (
	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/region"
)

// Name is a mutation name. Names unknown to this build are kept and reported (StatusUnknown).
type Name string

// The mutation names (server/API.md lists their arguments). A name that is also a scenario
// action (spec/scenarios.md) is spelled the same and takes the same request type.
const (
	AddPerson      Name = "add_person"      // PersonArgs
	Link           Name = "link"            // LinkArgs
	Bind           Name = "bind"            // BindArgs: create a binding through engine.Bind
	Revoke         Name = "revoke"          // RevokeArgs: end a binding
	Settle         Name = "settle"          // SettleArgs: a bill, through engine.Settle
	PayPremium     Name = "pay_premium"     // PremiumArgs: through engine.PayPremium
	WalletTransfer Name = "wallet_transfer" // WalletTransferArgs
	WalletAccept   Name = "wallet_accept"   // WalletRefArgs
	WalletExpire   Name = "wallet_expire"   // WalletRefArgs: the 06:00 refund (engine.WalletExpire)
	Withdraw       Name = "withdraw"        // WithdrawArgs
	Transfer       Name = "transfer"        // TransferArgs: move the insurance to another region
	Credit         Name = "credit"          // CreditArgs: money into an account from outside
	Correct        Name = "correct"         // CorrectArgs: a signed correcting entry
)

// Names of format version 1 (logs written before 2027), read as their current names.
const (
	PremiumV1      Name = "premium"       // now PayPremium
	WalletRefundV1 Name = "wallet_refund" // now WalletExpire
)

// Canonical is n under its current name: an old name of the same mutation is mapped, every
// other name is returned as it is. Decoders of stored records and of pushes call it.
func Canonical(n Name) Name {
	switch n {
	case PremiumV1:
		return PayPremium
	case WalletRefundV1:
		return WalletExpire
	}
	return n
}

// Names lists every name this build knows, in the fixed order of Kinds.
func Names() []Name {
	out := make([]Name, len(kindList))
	for i, k := range kindList {
		out[i] = k.Name
	}
	return out
}

// Known says whether this build can apply mutations called n (or an old name of one).
func Known(n Name) bool {
	_, ok := KindOf(n)
	return ok
}

// PersonArgs adds a person. Opening balances (fen) are posted as an "opening" ledger entry
// from outside the family, so every balance comes from the ledger.
type PersonArgs struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	ID        family.PersonID  `json:"id"`
	Name      string           `json:"name"`
	Region    region.Code      `json:"region"`
	Insurance family.Insurance `json:"insurance"`
	Status    family.Status    `json:"status"`
	Retired   bool             `json:"retired,omitempty"`
	Tier      int              `json:"tier,omitempty"`
	Account   money.Amount     `json:"account,omitempty"`
	// AccountHistory is how much of Account is the prior-years part (其中历年账户, rules.md
	// section 8 and 11.3), given only in a region whose account is split (policy.AccountSplit);
	// nil when not given. The opening entry posts the whole Account; the current-year part is
	// Account − AccountHistory, which may be negative (a current-year overdraft, section 8).
	AccountHistory *money.Amount `json:"account_history,omitempty"`
	WalletOpen     bool          `json:"wallet_open,omitempty"`
	Wallet         money.Amount  `json:"wallet,omitempty"`
	Sex            family.Sex    `json:"sex,omitempty"`
}

// LinkArgs records that Person is Of's Relation.
type LinkArgs struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person     family.PersonID `json:"person"`
	Of         family.PersonID `json:"of"`
	Relation   family.Relation `json:"relation"`
	CardLinked bool            `json:"card_linked,omitempty"`
}

// BindArgs asks for a binding. The binding's id is the mutation's id. Created ("2025-01-05"),
// when set (not zero) and earlier than the mutation's day, records a binding made on an
// earlier day.
type BindArgs struct {
	Authorizer  family.PersonID `json:"authorizer"`
	Beneficiary family.PersonID `json:"beneficiary"`
	Scopes      []family.Scope  `json:"scopes"`
	Created     civil.Date      `json:"created,omitempty"`
}

// RevokeArgs ends a binding from the mutation's day on.
type RevokeArgs struct {
	Binding string `json:"binding"`
}

// SettleArgs is a bill of Patient paid with CardHolder's card (the patient's own when empty):
// the engine's request, the same type the scenario's settle action decodes into.
type SettleArgs = engine.SettleRequest

// PremiumArgs pays Amount of a premium ("resident", "ltc", "commercial") for Insured: the
// scenario's pay_premium action.
type PremiumArgs = engine.PremiumRequest

// WalletTransferArgs sends Amount from From's Source ("account" or "wallet") to To's wallet.
// The transfer's id is the mutation's id (an id in the arguments is ignored).
type WalletTransferArgs = engine.WalletTransferRequest

// WalletRefArgs names a wallet transfer to accept or refund.
type WalletRefArgs struct {
	Transfer string `json:"transfer"`
}

// WithdrawArgs asks to pay out Person's account on Ground: the scenario's withdraw action.
type WithdrawArgs = engine.WithdrawRequest

// TransferArgs moves Person's insurance relationship to ToRegion: the scenario's transfer
// action.
type TransferArgs = engine.TransferRequest

// AccountKind is which of a person's accounts a credit or correction touches: the same
// "account" | "wallet" as a wallet transfer's source.
type AccountKind = family.Source

// Account kinds.
const (
	PersonalAccount = family.FromAccount
	WalletAccount   = family.FromWallet
)

// CreditArgs puts Amount (> 0) into Person's account or wallet from outside the family (the
// yearly 划入, a refund from a pharmacy).
type CreditArgs struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person  family.PersonID `json:"person"`
	Account AccountKind     `json:"account"`
	Amount  money.Amount    `json:"amount"`
	Memo    string          `json:"memo,omitempty"`
}

// CorrectArgs fixes a mistake with a signed amount (never by editing an entry). Corrects
// names the mutation whose entry is being corrected, for the record.
type CorrectArgs struct {
	_ [0]func() // not comparable: no equality function in the wasm (issue 22)

	Person   family.PersonID `json:"person"`
	Account  AccountKind     `json:"account"`
	Amount   money.Amount    `json:"amount"`
	Corrects string          `json:"corrects,omitempty"`
	Memo     string          `json:"memo"`
}
