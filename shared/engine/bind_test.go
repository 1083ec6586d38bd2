package engine_test

import (
	"testing"

	"gongji/shared/civil"
	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/region"
)

// Shenzhen pair: A employee tier 1 with an account, B resident, card-linked parent.
func szPair(aExtra ...string) household {
	return household{
		people:    []string{person("A", "440300", "employee", "500.00", append([]string{`"tier":1`}, aExtra...)...), person("B", "440300", "resident", "")},
		relations: []string{rel("B", "A", "parent", true)},
	}
}

// pair is an authorizer A in regionA and a beneficiary B in regionB, B being A's relation.
func pair(regionA, regionB, relation string) household {
	return household{
		people:    []string{person("A", regionA, "employee", "900.00"), person("B", regionB, "resident", "")},
		relations: []string{rel("B", "A", relation, false)},
	}
}

func TestBindRules(t *testing.T) {
	ok := `{"allowed":true,"reasons":[]}`
	no := func(codes string) string { return `{"allowed":false,"reasons":[` + codes + `]}` }
	med := bindAction("A", "B", "medical")
	resident := func(id string) household {
		f := pair("130100", "130100", "child")
		f.people[0] = person("A", "130100", "resident", "")
		return f
	}
	cases := []ruleCase{
		{"B1", "employee with account may authorize", pair("130100", "130100", "child").scenario(noon("2025-06-01"), med), ok},
		{"B1", "resident cannot authorize", resident("A").scenario(noon("2025-06-01"), med), no(`"AUTHORIZER_NOT_EMPLOYEE"`)},
		{"B1", "employee without account cannot authorize", household{
			people: []string{person("A", "130100", "employee", ""), person("B", "130100", "resident", "")}, relations: []string{rel("B", "A", "child", false)},
		}.scenario(noon("2025-06-01"), med), no(`"AUTHORIZER_NOT_EMPLOYEE"`)},
		{"B1", "suspended authorizer refused outside Xi'an", household{
			people: []string{person("A", "130100", "employee", "1.00", `"status":"suspended"`), person("B", "130100", "resident", "")}, relations: []string{rel("B", "A", "child", false)},
		}.scenario(noon("2025-06-01"), med), no(`"AUTHORIZER_NOT_EMPLOYEE"`)},
		{"B1", "suspended authorizer allowed in Xi'an", household{
			people: []string{person("A", "610100", "employee", "1.00", `"status":"suspended"`), person("B", "610100", "resident", "")}, relations: []string{rel("B", "A", "child", false)},
		}.scenario(noon("2025-06-01"), med), ok},
		{"B1", "stopped authorizer refused in Xi'an too", household{
			people: []string{person("A", "610100", "employee", "1.00", `"status":"stopped"`), person("B", "610100", "resident", "")}, relations: []string{rel("B", "A", "child", false)},
		}.scenario(noon("2025-06-01"), med), no(`"AUTHORIZER_NOT_EMPLOYEE"`)},
		{"B2", "uninsured beneficiary", household{
			people: []string{person("A", "130100", "employee", "1.00"), person("B", "130100", "none", "")}, relations: []string{rel("B", "A", "child", false)},
		}.scenario(noon("2025-06-01"), med), no(`"BENEFICIARY_NOT_INSURED"`)},
		{"B2", "stopped beneficiary, and B4 not checked", household{
			people: []string{person("A", "130100", "employee", "1.00"), person("B", "610100", "resident", "", `"status":"stopped"`)}, relations: []string{rel("B", "A", "child", false)},
		}.scenario(noon("2025-06-01"), med), no(`"BENEFICIARY_NOT_INSURED"`)},
		{"B2", "suspended beneficiary is insured", household{
			people: []string{person("A", "130100", "employee", "1.00"), person("B", "130100", "employee", "", `"status":"suspended"`)}, relations: []string{rel("B", "A", "spouse", false)},
		}.scenario(noon("2025-06-01"), med), ok},
		{"B3", "sibling the day before the close-relatives date", pair("320100", "320100", "sibling").scenario(noon("2024-12-09"), med), no(`"RELATION_NOT_ALLOWED"`)},
		{"B3", "sibling on the close-relatives date", pair("320100", "320100", "sibling").scenario(noon("2024-12-10"), med), ok},
		{"B3", "sibling the day after the close-relatives date", pair("320100", "320100", "sibling").scenario(noon("2024-12-11"), med), ok},
		{"B3", "grandchild the day after", pair("320100", "320100", "grandchild").scenario(noon("2025-01-02"), med), ok},
		{"B3", "grandparent recorded the other way round", household{
			people: []string{person("A", "320100", "employee", "9.00"), person("B", "320100", "resident", "")}, relations: []string{rel("A", "B", "grandchild", false)},
		}.scenario(noon("2025-03-01"), med), ok},
		{"B3", "parent-in-law never", pair("320100", "320100", "parent_in_law").scenario(noon("2025-03-01"), med), no(`"RELATION_NOT_ALLOWED"`)},
		{"B3", "unknown relation counts as other", pair("320100", "320100", "uncle").scenario(noon("2025-03-01"), med), no(`"RELATION_NOT_ALLOWED"`)},
		{"B3", "no relation record", household{
			people: []string{person("A", "320100", "employee", "9.00"), person("B", "320100", "resident", "")},
		}.scenario(noon("2025-03-01"), med), no(`"RELATION_NOT_ALLOWED"`)},
		{"B4", "other city the day before the province-wide date", pair("320100", "320200", "parent").scenario(noon("2024-10-31"), med), no(`"BENEFICIARY_OUT_OF_AREA"`)},
		{"B4", "other city on the province-wide date", pair("320100", "320200", "parent").scenario(noon("2024-11-01"), med), ok},
		{"B4", "other city the day after the province-wide date", pair("320100", "320200", "parent").scenario(noon("2024-11-02"), med), ok},
		{"B4", "Chongqing district and county are one pooling region before the province-wide date", pair("500101", "500230", "parent").scenario(noon("2024-06-01"), med), ok},
		{"B4", "Haikou and Sanya are one pooling region (Hainan)", pair("460100", "460200", "parent").scenario(noon("2024-06-01"), med), ok},
		{"B4", "Xiantao and Qianjiang are two pooling regions", pair("429004", "429005", "parent").scenario(noon("2024-06-01"), med), no(`"BENEFICIARY_OUT_OF_AREA"`)},
		{"B4", "two districts of one prefecture are one pooling region", pair("430405", "430424", "parent").scenario(noon("2024-06-01"), med), ok},
		{"B4", "other province never", pair("320100", "330100", "parent").scenario(noon("2025-06-01"), med), no(`"BENEFICIARY_OUT_OF_AREA"`)},
		{"B4", "other city the day after", pair("320100", "320200", "parent").scenario(noon("2024-12-02"), med), ok},
		{"B4", "same city before the date", pair("320100", "320102", "parent").scenario(noon("2024-06-01"), med), ok},
		{"B4", "Chongqing district and county are one pooling region before the province-wide date", pair("500101", "500230", "parent").scenario(noon("2024-06-01"), med), ok},
		{"B4", "Haikou and Sanya are one pooling region (Hainan)", pair("460100", "460200", "parent").scenario(noon("2024-06-01"), med), ok},
		{"B4", "Xiantao and Qianjiang are two pooling regions", pair("429004", "429005", "parent").scenario(noon("2024-06-01"), med), no(`"BENEFICIARY_OUT_OF_AREA"`)},
		{"B4", "two districts of one prefecture are one pooling region", pair("430405", "430424", "parent").scenario(noon("2024-06-01"), med), ok},
		{"B4", "other province never", pair("320100", "330100", "parent").scenario(noon("2025-06-01"), med), no(`"BENEFICIARY_OUT_OF_AREA"`)},
		{"B5", "self binding", household{
			people: []string{person("A", "130100", "employee", "9.00")},
		}.scenario(noon("2025-06-01"), bindAction("A", "A", "medical")), no(`"RELATION_NOT_ALLOWED","SELF_BINDING"`)},
		{"B6", "duplicate of a binding in force", withBindings(pair("130100", "130100", "child"), binding("b1", "A", "B", "2025-02-01", "medical")).scenario(noon("2025-06-01"), med), no(`"DUPLICATE_BINDING"`)},
		{"B6", "duplicate of a binding created later", withBindings(pair("130100", "130100", "child"), binding("b1", "A", "B", "2025-07-01", "medical")).scenario(noon("2025-06-01"), med), no(`"DUPLICATE_BINDING"`)},
		{"B6", "a revoked binding does not block", withBindings(pair("130100", "130100", "child"), revoked(binding("b1", "A", "B", "2025-02-01", "medical"), "2025-06-01")).scenario(noon("2025-06-01"), med), ok},
		{"B6", "revoked tomorrow still blocks", withBindings(pair("130100", "130100", "child"), revoked(binding("b1", "A", "B", "2025-02-01", "medical"), "2025-06-02")).scenario(noon("2025-06-01"), med), no(`"DUPLICATE_BINDING"`)},
		{"B6", "the reverse direction is another binding", withBindings(pair("130100", "130100", "spouse"), binding("b1", "B", "A", "2025-02-01", "medical")).scenario(noon("2025-06-01"), med), ok},
		{"B6", "an SZ5-invalidated binding does not count", withBindings(szPair(), binding("b1", "A", "B", "2023-06-01", "resident_premium")).scenario(noon("2023-10-01"), med), ok},
		{"B6", "the same binding blocks the day before SZ5", withBindings(szPair(), binding("b1", "A", "B", "2023-06-01", "resident_premium")).scenario(noon("2023-09-30"), med), no(`"DUPLICATE_BINDING"`)},
		{"B7", "resident premium the day before 2024-08-01", pair("130100", "130100", "child").scenario(noon("2024-07-31"), bindAction("A", "B", "medical", "resident_premium")), no(`"SCOPE_NOT_ALLOWED_IN_REGION"`)},
		{"B7", "resident premium on 2024-08-01", pair("130100", "130100", "child").scenario(noon("2024-08-01"), bindAction("A", "B", "resident_premium")), ok},
		{"B7", "resident premium the day after", pair("130100", "130100", "child").scenario(noon("2024-08-02"), bindAction("A", "B", "resident_premium")), ok},
		{"B7", "ltc premium only in Jiangsu", pair("320100", "320100", "parent").scenario(noon("2025-03-01"), bindAction("A", "B", "ltc_premium")), ok},
		{"B7", "ltc premium refused in Hebei", pair("130100", "130100", "parent").scenario(noon("2025-03-01"), bindAction("A", "B", "ltc_premium")), no(`"SCOPE_NOT_ALLOWED_IN_REGION"`)},
		{"B7", "commercial premium in Qingdao", pair("370200", "370200", "child").scenario(noon("2025-03-01"), bindAction("A", "B", "commercial_premium")), ok},
		{"B7", "commercial premium refused in Jinan", pair("370100", "370100", "child").scenario(noon("2025-03-01"), bindAction("A", "B", "commercial_premium")), no(`"SCOPE_NOT_ALLOWED_IN_REGION"`)},
		{"B7", "Shenzhen resident premium the day before 2021-01-01", szPair().scenario(noon("2020-12-31"), bindAction("A", "B", "resident_premium")), no(`"SCOPE_NOT_ALLOWED_IN_REGION"`)},
		{"B7", "Shenzhen resident premium on 2021-01-01", szPair().scenario(noon("2021-01-01"), bindAction("A", "B", "resident_premium")), ok},
		{"B8", "no scope", pair("130100", "130100", "child").scenario(noon("2025-06-01"), bindAction("A", "B")), no(`"NO_SCOPE"`)},
		{"B8", "unknown scope is an input error", pair("130100", "130100", "child").scenario(noon("2025-06-01"), bindAction("A", "B", "dental")), `{"error":true}`},
		{"SZ1", "tier 1 may authorize", szPair().scenario(noon("2025-05-01"), med), ok},
		{"SZ1", "tier 2 refused", household{
			people: []string{person("A", "440300", "employee", "500.00", `"tier":2`), person("B", "440300", "resident", "")}, relations: []string{rel("B", "A", "parent", true)},
		}.scenario(noon("2025-05-01"), med), no(`"AUTHORIZER_NOT_TIER1"`)},
		{"SZ1", "no tier fails", household{
			people: []string{person("A", "440300", "employee", "500.00"), person("B", "440300", "resident", "")}, relations: []string{rel("B", "A", "parent", true)},
		}.scenario(noon("2025-05-01"), med), no(`"AUTHORIZER_NOT_TIER1"`)},
		{"SZ1", "not checked when B1 fails", household{
			people: []string{person("A", "440300", "resident", ""), person("B", "440300", "resident", "")}, relations: []string{rel("B", "A", "parent", true)},
		}.scenario(noon("2025-05-01"), med), no(`"AUTHORIZER_NOT_EMPLOYEE"`)},
		{"SZ1", "tier is not read outside Shenzhen", household{
			people: []string{person("A", "440100", "employee", "500.00", `"tier":2`), person("B", "440100", "resident", "")}, relations: []string{rel("B", "A", "parent", false)},
		}.scenario(noon("2025-05-01"), med), ok},
		{"SZ2", "Guangzhou beneficiary refused the day before the province-wide date", household{
			people: []string{person("A", "440300", "employee", "500.00", `"tier":1`), person("B", "440100", "resident", "")}, relations: []string{rel("B", "A", "parent", true)},
		}.scenario(noon("2024-10-31"), med), no(`"BENEFICIARY_OUT_OF_AREA"`)},
		{"SZ2", "Guangzhou beneficiary allowed on the province-wide date (B4)", household{
			people: []string{person("A", "440300", "employee", "500.00", `"tier":1`), person("B", "440100", "resident", "")}, relations: []string{rel("B", "A", "parent", true)},
		}.scenario(noon("2024-11-01"), med), ok},
		{"SZ2", "Guangzhou beneficiary allowed the day after", household{
			people: []string{person("A", "440300", "employee", "500.00", `"tier":1`), person("B", "440100", "resident", "")}, relations: []string{rel("B", "A", "parent", true)},
		}.scenario(noon("2024-11-02"), med), ok},
		{"SZ2", "a Hunan beneficiary is still refused (B4: same province)", household{
			people: []string{person("A", "440300", "employee", "500.00", `"tier":1`), person("B", "430424", "resident", "")}, relations: []string{rel("B", "A", "parent", true)},
		}.scenario(noon("2025-05-01"), med), no(`"BENEFICIARY_OUT_OF_AREA"`)},
		{"SZ2", "Guangzhou authorizer may bind a Shenzhen beneficiary after the date", household{
			people: []string{person("A", "440100", "employee", "500.00"), person("B", "440300", "resident", "")}, relations: []string{rel("B", "A", "parent", false)},
		}.scenario(noon("2025-05-01"), med), ok},
		{"SZ3", "card not linked", household{
			people: []string{person("A", "440300", "employee", "500.00", `"tier":1`), person("B", "440300", "resident", "")}, relations: []string{rel("B", "A", "parent", false)},
		}.scenario(noon("2025-05-01"), med), no(`"CARD_NOT_LINKED"`)},
		{"SZ4", "Shenzhen sibling refused the day before the close-relatives date", household{
			people: []string{person("A", "440300", "employee", "500.00", `"tier":1`), person("B", "440300", "resident", "")}, relations: []string{rel("B", "A", "sibling", true)},
		}.scenario(noon("2024-12-09"), med), no(`"RELATION_NOT_ALLOWED"`)},
		{"SZ4", "Shenzhen sibling allowed on the close-relatives date (B3)", household{
			people: []string{person("A", "440300", "employee", "500.00", `"tier":1`), person("B", "440300", "resident", "")}, relations: []string{rel("B", "A", "sibling", true)},
		}.scenario(noon("2024-12-10"), med), ok},
		{"SZ4", "Shenzhen sibling allowed the day after", household{
			people: []string{person("A", "440300", "employee", "500.00", `"tier":1`), person("B", "440300", "resident", "")}, relations: []string{rel("B", "A", "sibling", true)},
		}.scenario(noon("2024-12-11"), med), ok},
		{"SZ4", "Shenzhen parent-in-law never", household{
			people: []string{person("A", "440300", "employee", "500.00", `"tier":1`), person("B", "440300", "resident", "")}, relations: []string{rel("B", "A", "parent_in_law", true)},
		}.scenario(noon("2025-05-01"), med), no(`"RELATION_NOT_ALLOWED"`)},
		{"SZ4", "every failing code at once", household{
			people: []string{person("A", "440300", "employee", "500.00", `"tier":2`), person("B", "440100", "resident", "")}, relations: []string{rel("B", "A", "grandchild", false)},
		}.scenario(noon("2024-10-31"), bindAction("A", "B", "medical", "ltc_premium")),
			no(`"AUTHORIZER_NOT_TIER1","BENEFICIARY_OUT_OF_AREA","CARD_NOT_LINKED","RELATION_NOT_ALLOWED","SCOPE_NOT_ALLOWED_IN_REGION"`)},
		{"B3", "in-law recorded both ways (parent_in_law and other) is one fact, refused", household{
			people:    []string{person("A", "320100", "employee", "500.00"), person("B", "320100", "resident", "")},
			relations: []string{rel("B", "A", "parent_in_law", false), rel("A", "B", "other", false)},
		}.scenario(noon("2025-06-01"), med), no(`"RELATION_NOT_ALLOWED"`)},
		{"B3", "in-law recorded twice in the same direction is one fact, refused", household{
			people:    []string{person("A", "320100", "employee", "500.00"), person("B", "320100", "resident", "")},
			relations: []string{rel("B", "A", "parent_in_law", false), rel("B", "A", "other", false)},
		}.scenario(noon("2025-06-01"), med), no(`"RELATION_NOT_ALLOWED"`)},
		{"B1", "unknown authorizer is an input error", pair("130100", "130100", "child").scenario(noon("2025-06-01"), bindAction("Z", "B", "medical")), `{"error":true}`},
	}
	runCases(t, cases)
}

func withBindings(f household, b ...string) household {
	f.bindings = append(f.bindings, b...)
	return f
}

// TestConflictingEvidence (issue 20): where a province's own sources report the close-relatives
// list in force before the rules' date, a refusal in between says both and is graded by the
// weaker; the outcome is the rules' (a Taiyuan sibling on 2024-10-08 is still refused).
func TestConflictingEvidence(t *testing.T) {
	cases := []struct {
		name, region, day string
		wantConflict      bool
		wantGrade         string
	}{
		{"Shanxi, a sibling on 2024-10-08", "140105", "2024-10-08", true, "B"},
		{"Shanxi, the day before its own date", "140105", "2024-08-31", false, "A"},
		{"Jiangsu, on its own date 2024-10-14", "320102", "2024-10-14", true, "B"},
		{"Hunan, reported by 2024-10-20, on 2024-10-19", "430424", "2024-10-19", false, "A"},
		{"Hunan on 2024-10-20", "430424", "2024-10-20", true, "B"},
		{"Beijing reports later than the national date", "110105", "2024-12-09", false, "A"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &family.State{People: []family.Person{
				{ID: "A", Region: region.Code(c.region), Insurance: family.Employee, Status: family.Active, HasAccount: true, Account: 100},
				{ID: "B", Region: region.Code(c.region), Insurance: family.Resident, Status: family.Active}},
				Links: []family.Link{{Person: "B", Of: "A", Relation: family.Sibling}}}
			res, err := engine.Default().Bind(s, civil.At(civil.MustDate(c.day), 36000), engine.BindRequest{Authorizer: "A", Beneficiary: "B", Scopes: []family.Scope{family.Medical}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Allowed {
				t.Fatal("a sibling before the national date must stay refused")
			}
			conflict, grade := false, ""
			for _, l := range res.Explanation {
				if l.Code == engine.RelationNotAllowed {
					grade = l.Grade
				}
				conflict = conflict || l.Msg == "bind.relation_reported"
			}
			if conflict != c.wantConflict || grade != c.wantGrade {
				t.Errorf("conflict line %t (want %t), refusal graded %s (want %s)", conflict, c.wantConflict, grade, c.wantGrade)
			}
		})
	}
}
