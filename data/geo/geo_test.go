package geo

import "testing"

func TestCity(t *testing.T) {
	tests := []struct{ in, name, country string }{
		{"BEIJING", "Beijing", "CN"},
		{"Washington", "Washington", "US"},
		{"GAZA", "Gaza", "PS"},
		{"BEIRUT", "Beirut", "LB"},
		{"KHAN YUNIS", "Khān Yūnis", "PS"},
		{"tel-aviv", "Tel Aviv", "IL"},
		{"Annapolis", "Annapolis", "US"},
		{"KYIV", "Kyiv", "UA"},
	}
	for _, tt := range tests {
		p, ok := City(tt.in)
		if !ok || p.Name != tt.name || p.Country != tt.country {
			t.Errorf("City(%q) = %+v, %v; want %s %s", tt.in, p, ok, tt.name, tt.country)
		}
	}
	for _, s := range []string{"", "Nowhereville", "\xff"} {
		if p, ok := City(s); ok {
			t.Errorf("City(%q) = %+v", s, p)
		}
	}
}

func TestCountry(t *testing.T) {
	tests := map[string]string{
		"Ukraine": "UA", "ISRAEL": "IL", "Britain": "GB", "Gaza Strip": "PS", "West Bank": "PS",
		"United States": "US", "Côte d’Ivoire": "CI", "South Korea": "KR", "Russia": "RU",
	}
	for in, want := range tests {
		if got, ok := Country(in); !ok || got != want {
			t.Errorf("Country(%q) = %q, %v; want %s", in, got, ok, want)
		}
	}
	if _, ok := Country("Atlantis"); ok {
		t.Error("Atlantis is a country")
	}
}

func TestUSState(t *testing.T) {
	for in, want := range map[string]string{"Md.": "MD", "Maryland": "MD", "Calif.": "CA", "N.Y.": "NY", "Pa.": "PA", "Texas": "TX", "D.C.": "DC", "W.Va.": "WV"} {
		if s, ok := USState(in); !ok || s.Postal != want {
			t.Errorf("USState(%q) = %+v, %v; want %s", in, s, ok, want)
		}
	}
	for _, in := range []string{"IN", "OR", "ME", "Ukraine", ""} {
		if s, ok := USState(in); ok {
			t.Errorf("USState(%q) = %+v", in, s)
		}
	}
}

func BenchmarkCity(b *testing.B) {
	City("warm")
	for b.Loop() {
		City("ANNAPOLIS")
	}
}
