package policy

import (
	"strings"
	"testing"

	"gongji/shared/civil"
	"gongji/shared/region"
	"gongji/shared/source"
)

func TestDefaultTableIsConsistent(t *testing.T) {
	checked, err := NewTable(DefaultRows())
	if err != nil {
		t.Fatal(err)
	}
	// Default takes the version from defaultVersion rather than hashing at every start
	if got := Default().Version(); got != checked.Version() {
		t.Fatalf("Default's version is %s, the rows hash to %s: set defaultVersion in rows.go", got, checked.Version())
	}
}

func TestCheckFindsConfigurationErrors(t *testing.T) {
	cases := []struct {
		name   string
		change func([]Row) []Row
		want   string
	}{
		{"two city rows overlap", func(rows []Row) []Row {
			return append(rows, Row{AuthorizerOrder, region.InCity("4403"), civil.Range{From: civil.MustDate("2025-01-01"), To: civil.Never}, Value{Word: BindingOrder}, "S6", "B", []source.ID{source.GuoBanFa2021}, false})
		}, "ambiguous authorizer_order for city 4403"},
		{"two national rows overlap by one day", func(rows []Row) []Row {
			return append(rows, Row{EligibleBase, region.Nationwide(), civil.Range{From: civil.MustDate("2025-01-01"), To: civil.MustDate("2025-01-02")}, Value{Word: PolicySelfPay}, "S1", "A", []source.ID{source.GuoBanFa2021}, false})
		}, "ambiguous eligible_base"},
		{"a gap in the national default", func(rows []Row) []Row {
			out := rows[:0:0]
			for _, r := range rows {
				if r.Param == BindingGeography && r.Where.Level == region.National && r.During.From == civil.Always {
					r.During.To = civil.MustDate("2024-10-01")
				}
				out = append(out, r)
			}
			return out
		}, "no national default from 2024-10-01"},
		{"a row without a source", func(rows []Row) []Row {
			return append(rows, Row{ScopeLTCPremium, region.InProvince("33"), during("", ""), Value{Bool: true}, "B7", "B", nil, false})
		}, "missing source"},
		{"an empty range", func(rows []Row) []Row {
			d := civil.MustDate("2025-01-01")
			return append(rows, Row{ScopeLTCPremium, region.InProvince("33"), civil.Range{From: d, To: d}, Value{Bool: true}, "B7", "B", []source.ID{source.GuoBanFa2021}, false})
		}, "empty range"},
		{"a source not in the catalogue", func(rows []Row) []Row {
			return append(rows, Row{ScopeLTCPremium, region.InProvince("33"), during("", ""), Value{Bool: true}, "B7", "B", []source.ID{"seed-004"}, false})
		}, "not in the catalogue"},

		{"v4: a province with the wallet before the national launch", func(rows []Row) []Row {
			return append(rows, Row{WalletEnabled, region.InProvince("33"), civil.Range{From: civil.MustDate("2024-11-01"), To: civil.MustDate("2024-12-01")}, Value{Bool: true}, "W1", "B", []source.ID{source.WalletCCTV}, false})
		}, "before the national launch"},
		{"a parameter without rows", func(rows []Row) []Row {
			out := rows[:0:0]
			for _, r := range rows {
				if r.Param != ClaimableElsewhere {
					out = append(out, r)
				}
			}
			return out
		}, "claimable_elsewhere has no row"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := NewTable(c.change(DefaultRows()))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
}

func TestAdjacentRowsAreNotAmbiguous(t *testing.T) {
	rows := append(DefaultRows(), Row{ScopeLTCPremium, region.InProvince("33"),
		civil.Range{From: civil.MustDate("2026-01-01"), To: civil.Never}, Value{Bool: true}, "B7", "B", []source.ID{source.GuoBanFa2021}, false})
	if _, err := NewTable(rows); err != nil {
		t.Fatal(err)
	}
}

// TestLookup checks city over province over national, and the day before, of and after
// every dated parameter of the table.
func TestLookup(t *testing.T) {
	tab := Default()
	cases := []struct {
		name  string
		param Param
		where region.Code
		day   string
		want  string
	}{
		{"relations before the close-relatives date", AllowedRelations, "320100", "2024-12-09", "spouse,parent,child"},
		{"relations on the close-relatives date", AllowedRelations, "320100", "2024-12-10", "spouse,parent,child,sibling,grandparent,grandchild"},
		{"relations after", AllowedRelations, "320100", "2024-12-11", "spouse,parent,child,sibling,grandparent,grandchild"},
		{"Shenzhen relations before the date (city overrides)", AllowedRelations, "440304", "2024-12-09", "spouse,parent,child"},
		{"Shenzhen relations on the date (national)", AllowedRelations, "440304", "2024-12-10", "spouse,parent,child,sibling,grandparent,grandchild"},
		{"geography before the province-wide date", BindingGeography, "610100", "2024-10-31", SameCity},
		{"geography on it", BindingGeography, "610100", "2024-11-01", SameProvince},
		{"geography after", BindingGeography, "610100", "2024-11-02", SameProvince},
		{"Shenzhen geography before", BindingGeography, "440300", "2024-10-31", SameCity},
		{"Shenzhen geography on the date", BindingGeography, "440300", "2024-11-01", SameProvince},
		{"Shenzhen pay area before", MedicalPayArea, "440300", "2024-10-31", SameCity},
		{"Shenzhen pay area on the date", MedicalPayArea, "440300", "2024-11-01", SameProvince},
		{"Guangzhou pay area (national)", MedicalPayArea, "440100", "2024-11-01", Anywhere},
		{"Guangdong keeps the balance from 2022-07-01", TransferKeepsBalanceInProvince, "440100", "2022-07-01", "true/0/0.00/1970-01-01"},
		{"Guangzhou geography after (no city row)", BindingGeography, "440100", "2024-12-02", SameProvince},
		{"wallet the day before 2025-09-18", WalletEnabled, "320100", "2025-09-17", "false/0/0.00/1970-01-01"},
		{"wallet on 2025-09-18", WalletEnabled, "320100", "2025-09-18", "true/0/0.00/1970-01-01"},
		{"v4: Henan wallet the day before 2025-02-05", WalletEnabled, "410100", "2025-02-04", "false/0/0.00/1970-01-01"},
		{"v4: Henan wallet on 2025-02-05", WalletEnabled, "410100", "2025-02-05", "true/0/0.00/1970-01-01"},
		{"v4: Sichuan wallet on 2025-02-05", WalletEnabled, "510100", "2025-02-05", "true/0/0.00/1970-01-01"},
		{"v4: Shanghai (live in part) waits for 2025-09-18", WalletEnabled, "310100", "2025-06-30", "false/0/0.00/1970-01-01"},
		{"v4: nobody before the launch", WalletEnabled, "420100", "2024-12-01", "false/0/0.00/1970-01-01"},
		{"v4: Guangdong after January 2026", WalletEnabled, "440100", "2026-03-10", "false/0/0.00/1970-01-01"},
		{"v4: the wallet pays no LTC premium the day before 2026-01-09", WalletPaysLTC, "320100", "2026-01-08", "false/0/0.00/1970-01-01"},
		{"v4: the wallet pays the LTC premium from 2026-01-09", WalletPaysLTC, "320100", "2026-01-09", "true/0/0.00/1970-01-01"},
		{"v4: Beijing commercial premium the day before 2022-12-01", ScopeCommercialPremium, "110105", "2022-11-30", "false/0/0.00/1970-01-01"},
		{"v4: Beijing commercial premium on 2022-12-01", ScopeCommercialPremium, "110105", "2022-12-01", "true/0/0.00/1970-01-01"},
		{"v4: Shanghai commercial premium on 2021-04-27", ScopeCommercialPremium, "310101", "2021-04-27", "true/0/0.00/1970-01-01"},
		{"v4: Shanghai pays relatives from the prior-years balance", MutualAidFromHistory, "310104", "2025-01-01", "true/0/0.00/1970-01-01"},
		{"v4: Hangzhou pays from the whole balance", MutualAidFromHistory, "330100", "2025-01-01", "false/0/0.00/1970-01-01"},
		{"Guangdong wallet (province overrides)", WalletEnabled, "440100", "2026-01-09", "false/0/0.00/1970-01-01"},
		{"Qinghai wallet the day before 2025-07-01", WalletEnabled, "630100", "2025-06-30", "false/0/0.00/1970-01-01"},
		{"Qinghai wallet on 2025-07-01", WalletEnabled, "630100", "2025-07-01", "true/0/0.00/1970-01-01"},
		{"Shenzhen threshold the day before 2023-10-01", AuthorizerThreshold, "440300", "2023-09-30", "false/0/6387.85/1970-01-01"},
		{"Shenzhen threshold on 2023-10-01", AuthorizerThreshold, "440300", "2023-10-01", "false/0/0.00/1970-01-01"},
		{"Nanjing withdrawal grounds (province)", WithdrawalGrounds, "320100", "2025-01-01", "death,voluntary_exit,lump_sum_pension_clearing"},
		{"Quanzhou withdrawal grounds (city over province default)", WithdrawalGrounds, "350500", "2025-01-01", "death,emigration,move_no_transfer,retiree_nonlocal,to_resident_elsewhere"},
		{"Fuzhou withdrawal grounds (national)", WithdrawalGrounds, "350100", "2025-01-01", "death"},
		{"resident premium scope the day before 2024-08-01", ScopeResidentPremium, "130100", "2024-07-31", "false/0/0.00/1970-01-01"},
		{"resident premium scope on 2024-08-01", ScopeResidentPremium, "130100", "2024-08-01", "true/0/0.00/1970-01-01"},
		{"Shenzhen resident premium the day before 2021-01-01", ScopeResidentPremium, "440300", "2020-12-31", "false/0/0.00/1970-01-01"},
		{"Shenzhen resident premium on 2021-01-01", ScopeResidentPremium, "440300", "2021-01-01", "true/0/0.00/1970-01-01"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := tab.Lookup(c.param, c.where, civil.MustDate(c.day))
			if got.Value.String() != c.want {
				t.Fatalf("Lookup(%s, %s, %s) = %s (row %s %s), want %s", c.param, c.where, c.day, got.Value, got.Where, got.During, c.want)
			}
		})
	}
}

func TestVersionFollowsTheTable(t *testing.T) {
	a := Default().Version()
	if a != Default().Version() {
		t.Fatal("the version is not stable")
	}
	rows := DefaultRows()
	rows[0].Sources = append(rows[0].Sources, source.NHSAQA2024)
	b, err := NewTable(rows)
	if err != nil {
		t.Fatal(err)
	}
	if a == b.Version() || !strings.HasPrefix(a, "v4-") {
		t.Fatalf("versions %s and %s: a changed row must change the version", a, b.Version())
	}
}

func TestUnofficialGrades(t *testing.T) {
	for grade, want := range map[string]bool{"A": false, "B": false, "B/C": true, "C": true, "B/U": true, "A/B": false, "U": true} {
		if got := (Row{Grade: grade}).Unofficial(); got != want {
			t.Errorf("grade %s unofficial = %t, want %t", grade, got, want)
		}
	}
}

// TestLiteralDates: the dates the tables hold as numbers are the days they name.
func TestLiteralDates(t *testing.T) {
	if want := civil.MustDate("2023-10-01"); shenzhenLegacyCutoff != want {
		t.Errorf("shenzhenLegacyCutoff is %s, want %s", shenzhenLegacyCutoff, want)
	}
}

// TestTableDates: day reads every date the tables hold as civil.MustDate does, and a few
// around leap days and the ends of the years.
func TestTableDates(t *testing.T) {
	dates := []string{closeRelativesDate, provinceWideDate, walletDate, WalletLaunch, walletEarly, walletLTCDate,
		"1970-01-01", "1969-12-31", "2000-02-29", "2024-02-29", "2024-03-01", "2100-03-01", "2023-12-31", "2026-01-01"}
	for _, table := range [][]spec{nationalRows[:], shenzhenRows[:], regionalRows[:]} {
		for _, s := range table {
			dates = append(dates, s.from, s.to)
		}
	}
	for _, p := range provinceEvidences {
		dates = append(dates, p.relReported())
	}
	for _, d := range dates {
		if d == "" {
			continue
		}
		if got, want := day(d), civil.MustDate(d); got != want {
			t.Errorf("day(%q) = %s, want %s", d, got, want)
		}
	}
}

// BenchmarkDefault is what every start pays for the rule table (issue 22: 12 ms in wasm when
// the rows were built by code, checked and hashed at start).
func BenchmarkDefault(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Default()
	}
}
