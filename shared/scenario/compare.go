package scenario

import (
	"encoding/json"
	"fmt"
	"sort"

	"gongji/shared/money"
)

// Compare checks a result against a scenario's expect member, as spec/scenarios.md says:
// members expect leaves out are not compared, reasons compare as sets, amounts as decimals,
// payments in order, balances as whole objects; {"error": true} expects an error object.
// It returns one line per difference, empty when the result matches.
func Compare(expect, got json.RawMessage) []string {
	var want, have map[string]any
	if err := json.Unmarshal(expect, &want); err != nil {
		return []string{"expect: " + err.Error()}
	}
	if err := json.Unmarshal(got, &have); err != nil {
		return []string{"result: " + err.Error()}
	}
	if _, wantErr := want["error"]; wantErr {
		if _, ok := have["error"]; !ok {
			return []string{"want an error object, got a result"}
		}
		return nil
	}
	if e, ok := have["error"]; ok {
		return []string{fmt.Sprintf("want a result, got error %v", e)}
	}
	var diffs []string
	for _, k := range sortedKeys(want) {
		switch k {
		case "reasons":
			diffs = append(diffs, compareSets(k, want[k], have[k])...)
		case "balances":
			diffs = append(diffs, compareValues(k, want[k], have[k], true)...)
		default:
			diffs = append(diffs, compareValues(k, want[k], have[k], false)...)
		}
	}
	return diffs
}

func compareSets(path string, want, have any) []string {
	w, h := toStrings(want), toStrings(have)
	sort.Strings(w)
	sort.Strings(h)
	if fmt.Sprint(w) != fmt.Sprint(h) {
		return []string{fmt.Sprintf("%s: want %v, got %v", path, w, h)}
	}
	return nil
}

// compareValues compares recursively; exact says an object must have exactly the expected keys.
func compareValues(path string, want, have any, exact bool) []string {
	switch w := want.(type) {
	case map[string]any:
		h, ok := have.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an object, got %v", path, have)}
		}
		var diffs []string
		for _, k := range sortedKeys(w) {
			diffs = append(diffs, compareValues(path+"."+k, w[k], h[k], false)...)
		}
		if exact && len(h) != len(w) {
			diffs = append(diffs, fmt.Sprintf("%s: want keys %v, got %v", path, sortedKeys(w), sortedKeys(h)))
		}
		return diffs
	case []any:
		h, ok := have.([]any)
		if !ok || len(h) != len(w) {
			return []string{fmt.Sprintf("%s: want %v, got %v", path, want, have)}
		}
		var diffs []string
		for i := range w {
			diffs = append(diffs, compareValues(fmt.Sprintf("%s[%d]", path, i), w[i], h[i], false)...)
		}
		return diffs
	case string:
		if hs, ok := have.(string); ok && sameAmount(w, hs) {
			return nil
		}
	}
	if fmt.Sprint(want) != fmt.Sprint(have) {
		return []string{fmt.Sprintf("%s: want %v, got %v", path, want, have)}
	}
	return nil
}

// sameAmount says whether two strings are equal money amounts ("10.5" and "10.50").
func sameAmount(a, b string) bool {
	x, errA := money.ParseSigned(a)
	y, errB := money.ParseSigned(b)
	return errA == nil && errB == nil && x == y
}

func toStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
