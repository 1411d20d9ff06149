package geo

import (
	"fmt"
	"strings"
	"testing"
)

// found renders FindPlaces' matches as "start-end text [qualifier] →
// country kind" for comparison.
func found(tokens []string) []string {
	var out []string
	for _, m := range FindPlaces(tokens) {
		s := fmt.Sprintf("%d-%d %s", m.Start, m.End, m.Text)
		if m.Qualifier != "" {
			s += fmt.Sprintf(" [%s@%d]", m.Qualifier, m.QualifierStart)
		}
		out = append(out, s+" → "+m.Places[0].Name+" "+m.Places[0].Country)
	}
	return out
}

func TestFindPlaces(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Israeli jets struck southern Lebanon and the Lebanese capital Beirut .", []string{
			"4-5 Lebanon [southern@3] → Lebanon LBN", "7-9 Lebanese capital → Beirut LBN", "9-10 Beirut → Beirut LBN"}},
		{"Rockets hit a base in western Iraq near Ras al - Ayn .", []string{
			"6-7 Iraq [western@5] → Iraq IRQ"}},
		{"He flew to New York and then to the Gaza Strip .", []string{
			"3-5 New York → New York City USA", "9-11 Gaza Strip → Gaza Strip PSE"}},
		{"Police said the attack in Nice killed two .", []string{
			"5-6 Nice → Nice FRA"}},
		{"Nice weather in Mobile and reading in Reading .", []string{
			"3-4 Mobile → Mobile USA", "7-8 Reading → Reading GBR"}},
		{"The strike on Iran 's capital came after talks in the capital of Syria .", []string{
			"3-6 Iran 's capital → Tehran IRN", "11-14 capital of Syria → Damascus SYR"}},
		{"Let us meet U.S. and US officials Of course in the U.K.", []string{
			"3-4 U.S. → United States USA", "5-6 US → United States USA", "11-12 U.K. → United Kingdom GBR"}},
		{"Fighting north of Baghdad and in north-eastern Syria .", []string{
			"3-4 Baghdad [north of@1] → Baghdad IRQ", "7-8 Syria [northeastern@6] → Syria SYR"}},
		{"Iran's capital", []string{"0-2 Iran's capital → Tehran IRN"}},
		{"the paris of the east , not Paris", []string{"7-8 Paris → Paris FRA"}},
		{"KRAKOW and Kraków", []string{"0-1 KRAKOW → Kraków POL", "2-3 Kraków → Kraków POL"}},
		{"Defense Secretary Lloyd Austin spoke . Austin said Antony Blinken was in Paris .", []string{
			"12-13 Paris → Paris FRA"}},
		{"The Washington Post reported from Washington and Beirut Airport on Tuesday .", []string{
			"5-6 Washington → Washington USA", "7-8 Beirut → Beirut LBN"}},
		{"In March the East of Centre ; In Beirut .", []string{"8-9 Beirut → Beirut LBN"}},
		// Two letters are an abbreviation, not a town ("U.N." is not Un,
		// India), but for names written here ("D.C.").
		{"He went to the U.N. headquarters and to D.C. , said Tom Smith , QC .", []string{
			"8-9 D.C. → Washington USA"}},
		// A word heading a name with "of" is not a place alone.
		{"A cyclone in the Bay of Bengal hit India .", []string{"8-9 India → India IND"}},
		{"", nil},
	}
	for _, tt := range tests {
		got := found(strings.Fields(tt.text))
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("FindPlaces(%q):\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestMatchResolve(t *testing.T) {
	ms := FindPlaces(strings.Fields("Clashes in Tripoli"))
	if len(ms) != 1 {
		t.Fatalf("got %d matches", len(ms))
	}
	if p, ok := ms[0].Resolve(Context{}); !ok || p.Country != "LBY" {
		t.Errorf("Tripoli without context = %+v", p)
	}
	if p, ok := ms[0].Resolve(Context{Countries: map[string]float64{"LBN": 1}}); !ok || p.Country != "LBN" {
		t.Errorf("Tripoli in a story about Lebanon = %+v", p)
	}
	if _, ok := (Match{}).Resolve(Context{}); ok {
		t.Error("the zero Match resolved")
	}
}

func FuzzFindPlaces(f *testing.F) {
	for _, s := range []string{"western Iraq", "the Iranian capital", "Ras al - Ayn", "Iran 's capital", "capital of Syria", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tokens := strings.Fields(s)
		for _, m := range FindPlaces(tokens) {
			if m.Start < 0 || m.End > len(tokens) || m.Start >= m.End || m.QualifierStart > m.Start || len(m.Places) == 0 {
				t.Fatalf("bad match %+v for %q", m, tokens)
			}
		}
		Lookup(s)
	})
}

// TestTokenKeys checks the keys cut from one string: each token's key
// (a possessive dropped when the bare name is known), and a run's key
// as the run's keys joined by spaces, joiners and empty keys skipped.
func TestTokenKeys(t *testing.T) {
	tokens := []string{"The", "Ras", "al", "-", "Ayn", "--", "Iran's", "New", "YORK", strings.Repeat("x", maxTokenBytes+1)}
	ks := newTokenKeys(loadIndex(), tokens)
	want := []string{"the", "ras", "al", "", "ayn", "", "iran", "new", "york", ""}
	for i := range tokens {
		if ks.keys[i] != want[i] {
			t.Errorf("key of %q = %q; want %q", tokens[i], ks.keys[i], want[i])
		}
	}
	for _, tt := range []struct {
		i, j int
		want string
	}{{1, 4, "ras al ayn"}, {7, 8, "new york"}, {0, 0, "the"}, {4, 6, "ayn iran"}} {
		if got := ks.span(tt.i, tt.j); got != tt.want {
			t.Errorf("span(%d, %d) = %q; want %q", tt.i, tt.j, got, tt.want)
		}
	}
}
