package geo

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		in, name, country string
		kind              Kind
		qualifier         string
	}{
		{"Tehran", "Tehran", "IRN", KindCity, ""},
		{"Beirut", "Beirut", "LBN", KindCity, ""},
		{"BEIRUT", "Beirut", "LBN", KindCity, ""},
		{"Baghdad", "Baghdad", "IRQ", KindCity, ""},
		{"Gaza", "Gaza Strip", "PSE", KindAdmin1, ""},
		{"Gaza City", "Gaza", "PSE", KindCity, ""},
		{"the Gaza Strip", "Gaza Strip", "PSE", KindAdmin1, ""},
		{"the West Bank", "West Bank", "PSE", KindAdmin1, ""},
		{"the Iranian capital", "Tehran", "IRN", KindCity, ""},
		{"the capital of Iran", "Tehran", "IRN", KindCity, ""},
		{"Iran's capital", "Tehran", "IRN", KindCity, ""},
		{"the Lebanese capital", "Beirut", "LBN", KindCity, ""},
		{"Washington", "Washington", "USA", KindCity, ""},
		{"Annapolis", "Annapolis", "USA", KindCity, ""},
		{"Tripoli", "Tripoli", "LBY", KindCity, ""},
		{"U.S.", "United States", "USA", KindCountry, ""},
		{"US", "United States", "USA", KindCountry, ""},
		{"America", "United States", "USA", KindCountry, ""},
		{"Britain", "United Kingdom", "GBR", KindCountry, ""},
		{"UK", "United Kingdom", "GBR", KindCountry, ""},
		{"Ivory Coast", "Ivory Coast", "CIV", KindCountry, ""},
		{"Côte d’Ivoire", "Ivory Coast", "CIV", KindCountry, ""},
		{"the Palestinian territories", "Palestinian Territory", "PSE", KindCountry, ""},
		{"Kraków", "Kraków", "POL", KindCity, ""},
		{"Krakow", "Kraków", "POL", KindCity, ""},
		{"KRAKOW", "Kraków", "POL", KindCity, ""},
		{"western Iraq", "Iraq", "IRQ", KindCountry, "western"},
		{"southern Lebanon", "Lebanon", "LBN", KindCountry, "southern"},
		{"north-eastern Syria", "Syria", "SYR", KindCountry, "northeastern"},
		{"north of Baghdad", "Baghdad", "IRQ", KindCity, "north of"},
		{"Anbar", "Al Anbar", "IRQ", KindAdmin1, ""},
		{"al-Anbar", "Al Anbar", "IRQ", KindAdmin1, ""},
		{"Anbar province", "Al Anbar", "IRQ", KindAdmin1, ""},
		{"western Anbar", "Al Anbar", "IRQ", KindAdmin1, "western"},
		{"Maryland", "Maryland", "USA", KindAdmin1, ""},
		{"New York", "New York City", "USA", KindCity, ""},
		{"Paris", "Paris", "FRA", KindCity, ""},
		{"Kiev", "Kyiv", "UKR", KindCity, ""},
		{"Salvador", "Salvador", "BRA", KindCity, ""},
		{"El Salvador", "El Salvador", "SLV", KindCountry, ""},
		{"Khan Younis", "Khān Yūnis", "PSE", KindCity, ""},
		{"Deir ez-Zor", "Deir ez-Zor", "SYR", KindCity, ""},
		{"Raqqa", "Ar Raqqah", "SYR", KindCity, ""},
		{"Sidon", "Sidon", "LBN", KindCity, ""},
		{"Georgia", "Georgia", "GEO", KindCountry, ""},
		{"in Tehran", "Tehran", "IRN", KindCity, ""},
		{"in western Iraq", "Iraq", "IRQ", KindCountry, "western"},
		{"near Baghdad", "Baghdad", "IRQ", KindCity, "near"},
		{"on the outskirts of Damascus", "Damascus", "SYR", KindCity, "outskirts of"},
		// A city and its division of one name: the city, in its
		// division, unless a word says the division.
		{"Mecca", "Makkah", "SAU", KindCity, ""},
		{"Mecca province", "Mecca Region", "SAU", KindAdmin1, ""},
		{"Kandahar", "Kandahār", "AFG", KindCity, ""},
	}
	for _, tt := range tests {
		ps := Lookup(tt.in)
		if len(ps) == 0 {
			t.Errorf("Lookup(%q) = nothing; want %s %s", tt.in, tt.name, tt.country)
			continue
		}
		p := ps[0]
		if p.Name != tt.name || p.Country != tt.country || p.Kind != tt.kind || p.Qualifier != tt.qualifier {
			t.Errorf("Lookup(%q)[0] = %s %s %s %q; want %s %s %s %q", tt.in, p.Name, p.Country, p.Kind, p.Qualifier, tt.name, tt.country, tt.kind, tt.qualifier)
		}
	}
}

func TestLookupFields(t *testing.T) {
	p := Lookup("Annapolis")[0]
	if p.Admin1 != "Maryland" || p.CountryISO2 != "US" || p.GeonameID != 4347242 || p.Population < 15000 {
		t.Errorf("Annapolis = %+v", p)
	}
	if p.Lat < 38.9 || p.Lat > 39.1 || p.Lon < -76.6 || p.Lon > -76.4 {
		t.Errorf("Annapolis at %v,%v", p.Lat, p.Lon)
	}
	w := Lookup("Washington")[0]
	if !w.Capital || w.Admin1 != "District of Columbia" {
		t.Errorf("Washington = %+v; want the capital in D.C.", w)
	}
	// A division's position is within it: the Gaza Strip's centroid
	// lies in the Strip.
	g := Lookup("Gaza Strip")[0]
	if g.Lat < 31.2 || g.Lat > 31.6 || g.Lon < 34.2 || g.Lon > 34.6 {
		t.Errorf("Gaza Strip at %v,%v", g.Lat, g.Lon)
	}
	if c := Lookup("Iraq")[0]; c.Lat < 29 || c.Lat > 37.5 || c.Lon < 38.7 || c.Lon > 48.6 {
		t.Errorf("Iraq's centroid %v,%v is outside Iraq", c.Lat, c.Lon)
	}
}

func TestResolveContext(t *testing.T) {
	texas, ok := Resolve("Texas", Context{})
	if !ok || texas.Kind != KindAdmin1 {
		t.Fatalf("Resolve(Texas) = %+v, %v", texas, ok)
	}
	var inTexas Context
	inTexas.Add(texas, 1)
	tests := []struct {
		in      string
		ctx     Context
		country string
		admin1  string
	}{
		{"Tripoli", Context{}, "LBY", "Tripoli"},
		{"Tripoli", Context{Countries: map[string]float64{"LBN": 3, "ISR": 2}}, "LBN", "Liban-Nord"},
		{"Tripoli", Context{Countries: map[string]float64{"lb": 1}}, "LBN", "Liban-Nord"},
		{"Tripoli", Context{Countries: map[string]float64{"LBY": 2, "LBN": 1}}, "LBY", "Tripoli"},
		{"Paris", Context{}, "FRA", "Île-de-France"},
		{"Paris", Context{Dateline: "US"}, "FRA", "Île-de-France"},
		{"Paris", inTexas, "USA", "Texas"},
		{"Rafah", Context{}, "PSE", "Gaza Strip"},
		{"Rafah", Context{Countries: map[string]float64{"EGY": 1}}, "EGY", "North Sinai"},
		{"Georgia", Context{Countries: map[string]float64{"USA": 5}, Dateline: "USA"}, "USA", "Georgia"},
	}
	for _, tt := range tests {
		p, ok := Resolve(tt.in, tt.ctx)
		if !ok || p.Country != tt.country || p.Admin1 != tt.admin1 {
			t.Errorf("Resolve(%q, %+v) = %s %s %s, %v; want %s %s", tt.in, tt.ctx, p.Name, p.Country, p.Admin1, ok, tt.country, tt.admin1)
		}
	}
}

func TestCountries(t *testing.T) {
	for _, code := range []string{"LB", "lbn", "LBN"} {
		c, ok := Country(code)
		if !ok || c.ISO3 != "LBN" || c.ISO2 != "LB" || c.Name != "Lebanon" || c.Capital != "Beirut" || c.CapitalID != 276781 {
			t.Errorf("Country(%q) = %+v, %v", code, c, ok)
		}
		if !strings.Contains(strings.Join(c.Neighbours, ","), "ISR") {
			t.Errorf("Country(%q) neighbours %v lack ISR", code, c.Neighbours)
		}
	}
	if c, _ := Country("US"); c.Capital != "Washington" {
		t.Errorf("US capital %q", c.Capital)
	}
	for _, bad := range []string{"", "XX", "ZZZ", "L", "LBNN", "\xff\xfe"} {
		if c, ok := Country(bad); ok {
			t.Errorf("Country(%q) = %+v", bad, c)
		}
	}
	names := map[string]string{
		"Britain": "GBR", "the United States": "USA", "U.S.": "USA", "Ivory Coast": "CIV",
		"Côte d'Ivoire": "CIV", "the Palestinian territories": "PSE", "Türkiye": "TUR",
		"Burma": "MMR", "DR Congo": "COD", "Russia": "RUS", "IRAN": "IRN",
	}
	for in, want := range names {
		if c, ok := CountryByName(in); !ok || c.ISO3 != want {
			t.Errorf("CountryByName(%q) = %s, %v; want %s", in, c.ISO3, ok, want)
		}
	}
	for _, bad := range []string{"Beirut", "Atlantis", "Salvador", ""} {
		if c, ok := CountryByName(bad); ok {
			t.Errorf("CountryByName(%q) = %s", bad, c.ISO3)
		}
	}
	if n := len(Countries()); n < 240 {
		t.Errorf("%d countries", n)
	}
}

func TestDemonym(t *testing.T) {
	tests := map[string]string{
		"Iranian": "IRN", "Iraqi": "IRQ", "Lebanese": "LBN", "Israeli": "ISR", "Israelis": "ISR",
		"Palestinian": "PSE", "Palestinians": "PSE", "American": "USA", "Americans": "USA",
		"British": "GBR", "U.S.": "USA", "Ivorian": "CIV", "Emirati": "ARE", "Syrian": "SYR",
		"Ukrainian": "UKR", "Russian": "RUS", "Yemeni": "YEM", "Saudi": "SAU", "french": "FRA",
	}
	for in, want := range tests {
		if got, ok := Demonym(in); !ok || got != want {
			t.Errorf("Demonym(%q) = %s, %v; want %s", in, got, ok, want)
		}
	}
	for _, bad := range []string{"Iran", "Tehran", "", "the", "\x00"} {
		if got, ok := Demonym(bad); ok {
			t.Errorf("Demonym(%q) = %s", bad, got)
		}
	}
}

// The hand-written tables name places the gazetteer must hold.
func TestTablesNameKnownPlaces(t *testing.T) {
	ix := loadIndex()
	have := map[string]bool{}
	for _, p := range ix.places {
		if p.admin1Key != "" && p.Kind == KindAdmin1 {
			have[p.admin1Key] = true
		}
		if p.Kind == KindCity {
			have[itoa(p.GeonameID)] = true
		}
	}
	for code := range admin1Aliases {
		if !have[code] {
			t.Errorf("admin1Aliases: no division %s", code)
		}
	}
	for id := range cityAliases {
		if !have[id] {
			t.Errorf("cityAliases: no city %s", id)
		}
	}
	for code := range countryAliases {
		if _, ok := ix.country[code]; !ok {
			t.Errorf("countryAliases: no country %s", code)
		}
	}
	for code := range demonyms {
		if _, ok := ix.byCode[code]; !ok {
			t.Errorf("demonyms: no country %s", code)
		}
	}
	owner := map[string]string{}
	for code, words := range demonyms {
		for _, w := range words {
			if o, ok := owner[w]; ok {
				t.Errorf("demonym %q belongs to %s and %s", w, o, code)
			}
			owner[w] = code
		}
	}
	for _, c := range ix.countries {
		// The Republic of the Congo shares "Congolese" with DR Congo.
		if _, ok := ix.country[c.ISO2]; ok && c.Population > 1_000_000 && len(demonyms[c.ISO2]) == 0 && c.ISO2 != "CG" {
			t.Errorf("no demonym for %s (%s)", c.Name, c.ISO2)
		}
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

func TestHostileInput(t *testing.T) {
	inputs := []string{
		"", " ", "\x00", "\xff\xfe\xfd", "the", "the the", "al", "al-", "capital", "the capital of",
		"western", "north of", "capital of capital of Iran", strings.Repeat("Beirut ", 10000),
		strings.Repeat("\u0301", 500), strings.Repeat("north east ", 25) + "Iraq", strings.Repeat("in near ", 30) + "Beirut", "\u202eBeirut", "Bei\x00rut", "'s capital", "s capital",
	}
	for _, in := range inputs {
		Lookup(in)
		Resolve(in, Context{Countries: map[string]float64{"XX": 1, "": -1, "LBN": 1e308}, Dateline: "\xff"})
		CountryByName(in)
		Demonym(in)
		Country(in)
		FindPlaces(strings.Fields(in))
		FindPlaces([]string{in, in, "'s", "capital"})
	}
	if ps := Lookup(strings.Repeat("a", 300)); ps != nil {
		t.Errorf("overlong phrase found %v", ps)
	}
	var ctx Context
	ctx.Add(Place{}, 1)
	if len(ctx.Countries) != 0 {
		t.Errorf("adding a zero place counted %v", ctx.Countries)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := parse(gazetteerGz); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	loadIndex()
	for b.Loop() {
		Lookup("Tripoli")
	}
}

func BenchmarkResolve(b *testing.B) {
	ctx := Context{Countries: map[string]float64{"LBN": 3, "ISR": 2}, Dateline: "LB"}
	loadIndex()
	for b.Loop() {
		Resolve("Tripoli", ctx)
	}
}

func BenchmarkFindPlaces(b *testing.B) {
	tokens := strings.Fields("Israeli strikes hit southern Lebanon and the Lebanese capital Beirut on Tuesday , " +
		"while U.S. Secretary of State Antony Blinken flew to Doha to press Iran and Hezbollah , " +
		"and officials in western Iraq said rockets struck near al Asad airbase in Anbar province .")
	loadIndex()
	b.SetBytes(int64(len(tokens)))
	for b.Loop() {
		FindPlaces(tokens)
	}
}

func TestPlaceJSON(t *testing.T) {
	p := Lookup("western Iraq")[0]
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"kind":"country"`) || !strings.Contains(string(b), `"qualifier":"western"`) {
		t.Errorf("JSON %s", b)
	}
	var back Place
	if err := json.Unmarshal(b, &back); err != nil || back != p {
		t.Errorf("round trip = %+v, %v; want %+v", back, err, p)
	}
	if err := json.Unmarshal([]byte(`{"kind":"planet"}`), &back); err == nil {
		t.Error("unknown kind accepted")
	}
}
