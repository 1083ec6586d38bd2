package screen

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gongji/app/book"
	"gongji/app/client"
	"gongji/app/words"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/mutation"
)

// The family reads sentences, never keys, codes or paths. These tests hold the text tables to
// that: every key the app uses exists in both languages, and no text carries a region code, a
// timestamp, a reason code or (in Chinese) an English word.

// sourceMatches is every first group of re over the non-test .go files of dir (relative to
// this package).
func sourceMatches(t *testing.T, dir string, re *regexp.Regexp) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// usedKeys are the text keys the app can ask for: the static T("...") and tr(lang, "...")
// calls in its source, and the families built at run time (mut.*, src.*, code.*, field.*,
// http.*, state.*, ...) from the values that feed them.
func usedKeys(t *testing.T) map[string]string {
	keys := map[string]string{}
	add := func(why string, ks ...string) {
		for _, k := range ks {
			keys[k] = why
		}
	}
	for _, dir := range []string{".", "../client", "../words"} {
		add("T(...) in app/", sourceMatches(t, dir, regexp.MustCompile(`\bT\("([^"]+)"\)`))...)
		add("words.T(lang, ...) in app/", sourceMatches(t, dir, regexp.MustCompile(`\bwords\.T\([\w.()]+, "([^"]+)"\)`))...)
	}
	// the element helpers that take a text key (el.go): tr("..."), trf("...", ...), eltr(spec, "..."),
	// page(path, "...", ...), and every key eachText and statementCols list
	add("tr(...), eltr(spec, ...), page(path, ...) in app/screen",
		sourceMatches(t, ".", regexp.MustCompile(`\b(?:trf?\(|eltr\([^,]*, |page\(\w+, )"([^"]+)"[,)]`))...)
	add("eachText(spec, ...) and statementCols in app/screen",
		sourceMatches(t, ".", regexp.MustCompile(`(?:eachText\("[^"]*"|statementCols = \[\]string\{|, ) ?"((?:intro|ledger)\.[a-z0-9_.]+)"`))...)
	// the forms' input tables (fields.go): each input's label key, and one key per value of a
	// select of text-keyed values
	add("input tables in app/screen", sourceMatches(t, ".", regexp.MustCompile(`\blabel: "([^"]+)"`))...)
	for prefix, values := range map[string][]string{"kind.": institutionKinds, "ins.": insuranceKinds,
		"status.": personStatuses, "tier.": tierLevels, "sex.": sexChoices} {
		for _, v := range values {
			add("input tables' selects", prefix+v)
		}
	}
	for _, s := range screens {
		add("screens", s.Label)
	}
	// mutation names, with the names another branch may give premium and wallet_refund
	for _, n := range append(mutation.Names(), "pay_premium", "wallet_expire", "unknown") {
		add("mutation.Names", "mut."+string(n))
	}
	for _, s := range []engine.PaySource{engine.Own, engine.FromPurse, engine.MutualAid} {
		add("engine.PaySource", "src."+string(s))
	}
	// every reason code the engine, the mutation layer and the server can return
	codeRE := regexp.MustCompile(`Code = "([A-Z0-9_]+)"`)
	for _, dir := range []string{"../../shared/engine", "../../shared/mutation", "../../server/api"} {
		for _, c := range sourceMatches(t, dir, codeRE) {
			add("reason code in "+dir, "code."+c)
		}
	}
	add("outcomeProblem", "code.unknown", "code.unknown_mutation")
	// every field the engine's and the mutation decoder's input errors name
	fieldRE := regexp.MustCompile(`"((?:action|args)\.[a-z_.]+)`)
	argRE := regexp.MustCompile(`\b(?:id|text)\("([a-z_]+)"`)
	for _, dir := range []string{"../../shared/engine", "../../shared/mutation"} {
		for _, f := range sourceMatches(t, dir, fieldRE) {
			if name := fieldName(strings.TrimSuffix(f, ".")); name != "" {
				add("input error in "+dir, "field."+name)
			}
		}
		for _, f := range sourceMatches(t, dir, argRE) {
			add("id/text check in "+dir, "field."+f)
		}
	}
	add("fields the server names (server/API.md)", "field.name", "field.device", "field.code", "field.body", "field.unknown")
	for _, c := range sourceMatches(t, "../../server/api", regexp.MustCompile(`writeError\(w, http\.Status\w+, "([a-z_]+)"`)) {
		add("server error code", "http."+c)
	}
	add("httpProblem", "http.other", "net.down", "err.general", "err.storage")
	for _, s := range []book.ItemState{book.OnlyLocal, book.Pending, book.Confirmed, book.Adjusted, book.Rejected, book.Unknown} {
		add("book.ItemState", "state."+string(s))
	}
	for _, s := range []family.TransferState{family.Pending, family.Accepted, family.Refunded} {
		add("family.TransferState", "wstate."+string(s))
	}
	for _, s := range family.AllScopes() {
		add("family.AllScopes", "scope."+string(s))
	}
	for _, r := range relations {
		add("relations", "rel."+string(r))
	}
	for _, p := range premiums {
		add("premiums", "premium."+string(p))
	}
	for _, c := range categories {
		add("categories", "cat."+string(c))
	}
	for _, g := range grounds {
		add("grounds", "ground."+g)
	}
	add("ledger account kinds", "col.account", "col.wallet")
	// the routes view: a wallet route's source, the way a later day opens
	add("routes_view.go", "routes.src."+string(family.FromAccount), "routes.src."+string(family.FromWallet))
	for _, w := range []engine.Way{engine.WayBound, engine.WayBind, engine.WayWallet} {
		add("routes_view.go", "routes.later."+string(w))
	}
	// a decided request's state, with who decided and when (requestState)
	for _, s := range []family.RequestState{family.Approved, family.Declined} {
		add("requestState", "consent."+string(s), "consent."+string(s)+".by")
	}
	// the kinds of ledger entries the engine and the mutation layer write
	kindRE := regexp.MustCompile(`(?:result|emptyEntry|closingEntry|decideMoney\(s,|moveTransfer\(.*|Entry\{Kind:) ?\(?"([a-z_]+)"`)
	for _, dir := range []string{"../../shared/engine", "../../shared/mutation"} {
		for _, k := range sourceMatches(t, dir, kindRE) {
			add("ledger entry kind in "+dir, "entry."+k)
		}
	}
	add("renamed entry kinds", "entry.pay_premium", "entry.wallet_expire", "entry.opening", "entry.transfer_in")
	return keys
}

func TestEveryUsedKeyHasBothLanguages(t *testing.T) {
	keys := usedKeys(t)
	if len(keys) < 150 {
		t.Fatalf("only %d keys found: the source scan is broken", len(keys))
	}
	var missing []string
	for k, why := range keys {
		for _, lang := range []string{words.Chinese, words.English} {
			if s := words.T(lang, k); s == k || s == "" {
				missing = append(missing, lang+" "+k+" ("+why+")")
			}
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("no text: %s", m)
	}
}

func TestTextsComplete(t *testing.T) {
	for k := range words.ZH {
		if words.EN[k] == "" {
			t.Errorf("%q has no English text", k)
		}
	}
	for k := range words.EN {
		if words.ZH[k] == "" {
			t.Errorf("%q has no Chinese text", k)
		}
	}
}

var (
	regionCodeRE = regexp.MustCompile(`\b\d{6}\b|\d{6}`)
	isoRE        = regexp.MustCompile(`\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}|\d{4}/\d{1,2}/\d{1,2}`)
	reasonCodeRE = regexp.MustCompile(`[A-Z][A-Z0-9]+_[A-Z0-9_]+`)
	latinWordRE  = regexp.MustCompile(`[A-Za-z][A-Za-z0-9'.-]*`)
	ruleIDRE     = regexp.MustCompile(`^[A-Z]{1,3}\d+$`)
	hanRE        = regexp.MustCompile(`\p{Han}`)
	// a site's name, which a citation of a reprint shows beside its link (转载：lhoil.com)
	siteRE = regexp.MustCompile(`^[a-z0-9-]+(\.[a-z0-9-]+)*\.(cn|com|net|org|gov)$`)
)

// latinAllowed are the Latin words a Chinese text may carry: the language switch's own
// label, Apple's browser, the spreadsheets the ledger CSV opens in, and the shape of an
// invitation code.
var latinAllowed = map[string]bool{"English": true, "EN": true, "Safari": true, "Excel": true, "WPS": true, "ABCD-EFGH-JKLM": true}

// wordProblems lists what a family must never read in text of language lang.
func wordProblems(lang, text string) []string {
	var out []string
	if m := regionCodeRE.FindString(text); m != "" {
		out = append(out, "a six-digit code "+m)
	}
	if m := isoRE.FindString(text); m != "" {
		out = append(out, "a machine date "+m)
	}
	if m := reasonCodeRE.FindString(text); m != "" {
		out = append(out, "a reason code "+m)
	}
	low := strings.ToLower(text)
	for _, w := range []string{"seed", "rules.md", "action.", "args.", "typeerror", "failed to fetch", "undefined", "http ", "err.", "mut.", "field."} {
		if strings.Contains(low, w) {
			out = append(out, "the word "+w)
		}
	}
	if lang == words.Chinese {
		for _, w := range latinWordRE.FindAllString(text, -1) {
			if !ruleIDRE.MatchString(w) && !latinAllowed[w] && !siteRE.MatchString(w) {
				out = append(out, "the English word "+w)
			}
		}
	}
	return out
}

func TestTextsReadAsSentences(t *testing.T) {
	for _, lang := range []string{words.Chinese, words.English} {
		for k, s := range words.Table(lang) {
			for _, p := range wordProblems(lang, s) {
				t.Errorf("%s %q = %q: %s", lang, k, s, p)
			}
			// person.history names the part as the insurer's app writes it (历年账户), so a family
			// reading English finds it there
			if lang == words.English && k != "lang.switch" && k != "lang.short" && k != "person.history" && hanRE.MatchString(s) {
				t.Errorf("en %q = %q: Chinese in an English text", k, s)
			}
		}
	}
	// the checks themselves catch what they are for
	for _, bad := range []string{"出错了：action.bill.total: 1 is not 2", "WALLET_REGION_NOT_ENABLED", "TypeError: Failed to fetch",
		"440106", "2025-10-13", "seed 数据", "见 rules.md", "mut.wallet_transfer", "余额 balance"} {
		if len(wordProblems(words.Chinese, bad)) == 0 {
			t.Errorf("%q passes the word check", bad)
		}
	}
	for _, good := range []string{"规则 SZ5：深圳2023年10月1日起", "在 Safari 中点“分享”", "12.34 元", "2025年10月13日 06:00", "（转载：hn.ccedn.com.cn）"} {
		if p := wordProblems(words.Chinese, good); len(p) != 0 {
			t.Errorf("%q fails the word check: %v", good, p)
		}
	}
}

// TestErrorsBecomeSentences: each kind of error the app meets reads as a sentence of the text
// tables, keyed by its field or code, in both languages.
func TestErrorsBecomeSentences(t *testing.T) {
	for _, lang := range []string{words.Chinese, words.English} {
		cases := []struct {
			name      string
			err       error
			field     string
			wantKey   string
			outcome   *mutation.Outcome
			wantCodes []engine.Code
		}{
			{name: "bill parts", err: &engine.InputError{Field: "action.bill.total", Reason: "10.00 is not ..."}, field: "bill.total", wantKey: "field.bill.total"},
			{name: "premium amount", err: &engine.InputError{Field: "action.amount", Reason: "a premium must be more than 0.00"}, field: "amount", wantKey: "field.amount"},
			{name: "unknown patient", err: &engine.InputError{Field: "action.patient", Reason: `unknown person "x"`}, field: "patient", wantKey: "field.patient"},
			{name: "duplicate person", err: &mutation.FieldError{Field: "args.id", Reason: `"张三" is already in the family`}, field: "id", wantKey: "field.id"},
			{name: "scope index", err: &mutation.FieldError{Field: "args.scopes[2]", Reason: "bad"}, field: "scopes", wantKey: "field.scopes"},
			{name: "unknown field", err: &mutation.FieldError{Field: "args.institution.kind", Reason: "want string"}, field: "institution.kind", wantKey: "field.unknown"},
			{name: "bare args", err: &mutation.FieldError{Field: "args", Reason: "unexpected end of JSON input"}, wantKey: "field.unknown"},
			{name: "offline", err: &client.HTTPError{Detail: "TypeError: Failed to fetch"}, wantKey: "net.down"},
			{name: "wrong invitation", err: &client.HTTPError{Status: 404, Code: "invite_not_found", Field: "code"}, field: "code", wantKey: "http.invite_not_found"},
			{name: "server field", err: &client.HTTPError{Status: 400, Code: "bad_request", Field: "mutations[3].args.amount"}, field: "amount", wantKey: "field.amount"},
			{name: "revoked device", err: &client.HTTPError{Status: 401, Code: "unauthorized", Field: "Authorization"}, wantKey: "http.unauthorized"},
			{name: "server busy", err: &client.HTTPError{Status: 503, Code: "unavailable"}, wantKey: "http.unavailable"},
			{name: "bad gateway", err: &client.HTTPError{Status: 502}, wantKey: "http.unavailable"},
			{name: "teapot", err: &client.HTTPError{Status: 418}, wantKey: "http.other"},
			{name: "anything else", err: os.ErrPermission, wantKey: "err.general"},
			{name: "wallet region", outcome: &mutation.Outcome{Status: mutation.Rejected, Codes: []engine.Code{"WALLET_REGION_NOT_ENABLED"}},
				wantCodes: []engine.Code{"WALLET_REGION_NOT_ENABLED"}},
			{name: "two codes", outcome: &mutation.Outcome{Status: mutation.Rejected, Codes: []engine.Code{"INSUFFICIENT_BALANCE", "NOT_DESIGNATED"}},
				wantCodes: []engine.Code{"INSUFFICIENT_BALANCE", "NOT_DESIGNATED"}},
			{name: "negative balance", outcome: &mutation.Outcome{Status: mutation.Rejected, Codes: []engine.Code{mutation.NegativeBalance},
				Error: &mutation.FieldError{Field: "args", Reason: "account of x would be -1.00"}}, wantCodes: []engine.Code{mutation.NegativeBalance}},
			{name: "invalid input", outcome: &mutation.Outcome{Status: mutation.Rejected, Codes: []engine.Code{mutation.InvalidInput},
				Error: &mutation.FieldError{Field: "action.bill.total", Reason: "..."}}, field: "bill.total", wantKey: "field.bill.total"},
			{name: "a newer code", outcome: &mutation.Outcome{Status: mutation.Rejected, Codes: []engine.Code{"SOMETHING_NEW"}}, wantKey: "code.unknown"},
		}
		for _, c := range cases {
			var p problem
			if c.outcome != nil {
				p = outcomeProblem(lang, *c.outcome)
			} else {
				p = explain(lang, c.err)
			}
			want := ""
			if c.wantKey != "" {
				want = words.T(lang, c.wantKey)
			}
			for _, code := range c.wantCodes {
				if !strings.Contains(p.Text, codeText(lang, code)) || codeText(lang, code) == words.T(lang, "code.unknown") {
					t.Errorf("%s %s: %q lacks the sentence for %s", lang, c.name, p.Text, code)
				}
			}
			if want != "" && p.Text != want {
				t.Errorf("%s %s: %q, want %q", lang, c.name, p.Text, want)
			}
			if p.Field != c.field {
				t.Errorf("%s %s: field %q, want %q", lang, c.name, p.Field, c.field)
			}
			if probs := wordProblems(lang, p.Text); len(probs) > 0 || p.Text == "" {
				t.Errorf("%s %s: %q: %v", lang, c.name, p.Text, probs)
			}
		}
	}
}
