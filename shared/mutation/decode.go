package mutation

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/errs"
	"gongji/shared/family"
	"gongji/shared/jsonerr"
	"gongji/shared/money"
	"gongji/shared/region"
	"gongji/shared/strictjson"
)

// Limits on arguments. The server refuses a push that exceeds them (400, naming the field).
const (
	MaxArgsBytes = 8 << 10 // one mutation's args, as JSON
	MaxIDLen     = 64      // person, binding, transfer ids (bytes)
	MaxTextLen   = 200     // names, memos, grounds (characters)
)

// Decode reads the arguments of a known mutation name and checks what can be checked without
// the family's state (required fields, lengths, signs). Its errors are *FieldError with the
// field under "args.". An unknown name is an error too: callers check Known first.
func Decode(name Name, args json.RawMessage) (any, error) {
	if len(args) > MaxArgsBytes {
		return nil, fieldErr("args", fmt.Sprintf("%d bytes, at most %d", len(args), MaxArgsBytes))
	}
	k, ok := KindOf(name)
	if !ok {
		return nil, unknown("name", "mutation", string(name))
	}
	return k.decode(args)
}

// decodeInto reads args into a (a pointer to the kind's argument type); errors name the field.
func decodeInto(args json.RawMessage, a any) error {
	if strings.TrimSpace(string(args)) == "" {
		return fieldErr("args", "missing")
	}
	if err := json.Unmarshal(args, a); err != nil {
		if te, ok := errs.As[*json.UnmarshalTypeError](err); ok && te.Field != "" {
			return fieldErr("args."+te.Field, jsonerr.Describe(te))
		}
		return fieldErr("args"+locate(args, err), err.Error())
	}
	return nil
}

func first(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func id(field, v string) error {
	if v == "" {
		return fieldErr("args."+field, "missing")
	}
	if len(v) > MaxIDLen {
		return fieldErr("args."+field, fmt.Sprintf("%d bytes, at most %d", len(v), MaxIDLen))
	}
	// Issue 18: an id is compared, never read: "P" and "P\x00" would be two people who look
	// the same on every screen. Free text may hold tab and line breaks (strictjson); an id not.
	for i, r := range v {
		if strictjson.IsControl(r) {
			return fieldErr("args."+field, fmt.Sprintf("a control character U+%04X at byte %d: an id holds none", r, i))
		}
	}
	return nil
}

func text(field, v string, required bool) error {
	if required && v == "" {
		return fieldErr("args."+field, "missing")
	}
	if !utf8.ValidString(v) {
		return fieldErr("args."+field, "not valid UTF-8")
	}
	if n := utf8.RuneCountInString(v); n > MaxTextLen {
		return fieldErr("args."+field, fmt.Sprintf("%d characters, at most %d", n, MaxTextLen))
	}
	return nil
}

func checkPerson(a *PersonArgs) error {
	if err := first(id("id", string(a.ID)), text("name", a.Name, true)); err != nil {
		return err
	}
	if _, err := region.Parse(string(a.Region)); err != nil {
		return fieldErr("args.region", err.Error())
	}
	if err := checkSex(a.Sex); err != nil {
		return err
	}
	if err := checkInsurance(a.Insurance); err != nil {
		return err
	}
	if err := checkStatus(a.Status); err != nil {
		return err
	}
	if a.Account < 0 {
		return fieldErr("args.account", "opening balance "+a.Account.String()+" is negative")
	}
	if a.Wallet < 0 {
		return fieldErr("args.wallet", "opening balance "+a.Wallet.String()+" is negative")
	}
	return checkHistory(a.AccountHistory, a.Insurance == family.Employee)
}

// checkHistory checks a prior-years balance (args.account_history) where the arguments alone
// can: not negative (rules.md section 8: only the current-year part may be), and only for a
// person with a personal account. Whether the region splits the account needs the policy
// table (splitRegion).
func checkHistory(h *money.Amount, account bool) error {
	switch {
	case h == nil:
		return nil
	case *h < 0:
		return fieldErr("args.account_history", "prior-years balance "+h.String()+" is negative")
	case !account:
		return fieldErr("args.account_history", "only an employee's personal account has a prior-years balance")
	}
	return nil
}

func checkInsurance(i family.Insurance) error {
	switch i {
	case family.Employee, family.Resident, family.Uninsured:
		return nil
	}
	return badChoice("args.insurance", string(i), "employee, resident or none")
}

func checkStatus(s family.Status) error {
	switch s {
	case family.Active, family.Suspended, family.Stopped:
		return nil
	}
	return badChoice("args.status", string(s), "active, suspended or stopped")
}

func checkLink(a *LinkArgs) error {
	if err := first(id("person", string(a.Person)), id("of", string(a.Of))); err != nil {
		return err
	}
	if a.Person == a.Of {
		return fieldErr("args.of", "a person cannot be their own relative")
	}
	return text("relation", string(a.Relation), true)
}

func checkBind(a *BindArgs) error {
	if err := first(id("authorizer", string(a.Authorizer)), id("beneficiary", string(a.Beneficiary))); err != nil {
		return err
	}
	if len(a.Scopes) > len(family.AllScopes()) {
		return fieldErr("args.scopes", fmt.Sprintf("%d scopes, at most %d", len(a.Scopes), len(family.AllScopes())))
	}
	for i, s := range a.Scopes {
		if _, err := family.ParseScope(string(s)); err != nil {
			return fieldErr(fmt.Sprintf("args.scopes[%d]", i), err.Error())
		}
	}
	return nil
}

func checkPremium(a *PremiumArgs) error {
	if err := id("insured", string(a.Insured)); err != nil {
		return err
	}
	if _, ok := engine.ParsePremium(string(a.Premium)); !ok {
		return badChoice("args.premium", string(a.Premium), "resident, ltc or commercial")
	}
	if a.Amount <= 0 {
		return fieldErr("args.amount", a.Amount.String()+": must be more than 0.00")
	}
	return nil
}

func checkWalletTransfer(a *WalletTransferArgs) error {
	if err := first(id("from", string(a.From)), id("to", string(a.To))); err != nil {
		return err
	}
	if a.Source != family.FromAccount && a.Source != family.FromWallet {
		return badChoice("args.source", string(a.Source), "account or wallet")
	}
	return nil
}

func checkTransfer(a *TransferArgs) error {
	if err := id("person", string(a.Person)); err != nil {
		return err
	}
	if _, err := region.Parse(string(a.ToRegion)); err != nil {
		return fieldErr("args.to_region", err.Error())
	}
	if a.GapMonths < 0 || a.GapMonths > 1200 {
		return fieldErr("args.gap_months", strconv.Itoa(a.GapMonths)+": want 0 to 1200")
	}
	return nil
}

func checkMoney(p family.PersonID, k AccountKind, amount money.Amount, memo string, positive bool) error {
	if err := first(id("person", string(p)), text("memo", memo, false)); err != nil {
		return err
	}
	if k != PersonalAccount && k != WalletAccount {
		return badChoice("args.account", string(k), "account or wallet")
	}
	if positive && amount <= 0 {
		return fieldErr("args.amount", "a credit must be more than 0.00")
	}
	if !positive && amount == 0 {
		return fieldErr("args.amount", "a correction of 0.00 changes nothing")
	}
	return nil
}

// locate names the member holding the text a money or date decoder refused ("bill.total",
// with a leading dot), so that its error names the field; "" when it cannot tell.
func locate(args json.RawMessage, err error) string {
	var input string
	if me, ok := errs.As[*money.ParseError](err); ok {
		input = me.Input
	} else if de, ok := errs.As[*civil.ParseError](err); ok {
		input = de.Input
	} else {
		return ""
	}
	var v any
	if json.Unmarshal(args, &v) != nil {
		return ""
	}
	path, _ := find(v, input, "")
	return path
}

func find(v any, input, path string) (string, bool) {
	switch x := v.(type) {
	case string:
		return path, x == input
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if p, ok := find(x[k], input, path+"."+k); ok {
				return p, true
			}
		}
	case []any:
		for i, e := range x {
			if p, ok := find(e, input, path+"["+strconv.Itoa(i)+"]"); ok {
				return p, true
			}
		}
	}
	return "", false
}
