// Package geo is dyad's compact gazetteer for reading datelines: world
// cities and countries to ISO 3166-1 alpha-2 codes, and the US states
// with their AP style abbreviations. The city and country tables are
// derived from GeoNames (geonames.org, CC BY 4.0) by the program in gen/;
// see ATTRIBUTION.
package geo

//go:generate go run ./gen -out .

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

//go:embed cities.tsv
var citiesTSV string

//go:embed countries.tsv
var countriesTSV string

// Place is a named place resolved to its country.
type Place struct {
	// Name is the place's usual spelling ("Kyiv", "Khān Yūnis").
	Name string
	// Country is the ISO 3166-1 alpha-2 code.
	Country string
}

// countryAliases are the names news copy uses for countries besides the
// GeoNames ones, and territories datelines name as if they were one.
var countryAliases = map[string]string{
	"britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
	"wales": "GB", "northern ireland": "GB", "uk": "GB", "u.k.": "GB",
	"us": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US", "united states of america": "US",
	"gaza strip": "PS", "gaza": "PS", "west bank": "PS", "palestine": "PS",
	"palestinian territories": "PS", "occupied west bank": "PS",
	"czech republic": "CZ", "the netherlands": "NL", "holland": "NL",
	"ivory coast": "CI", "cote d'ivoire": "CI", "burma": "MM",
	"congo": "CG", "drc": "CD", "dr congo": "CD", "uae": "AE", "the gambia": "GM",
	"vatican": "VA", "vatican city": "VA", "east timor": "TL", "macedonia": "MK",
	"swaziland": "SZ", "turkiye": "TR", "cape verde": "CV", "the bahamas": "BS",
	"hong kong": "HK", "macau": "MO", "taiwan": "TW", "kosovo": "XK",
}

type index struct {
	cities    map[string]Place
	countries map[string]string
}

var loadIndex = sync.OnceValue(func() *index {
	ix := &index{cities: make(map[string]Place, 12000), countries: make(map[string]string, 300)}
	for line := range strings.SplitSeq(citiesTSV, "\n") {
		name, country, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		k := Fold(name)
		if _, seen := ix.cities[k]; !seen {
			ix.cities[k] = Place{Name: name, Country: country}
		}
	}
	for line := range strings.SplitSeq(countriesTSV, "\n") {
		name, code, ok := strings.Cut(line, "\t")
		if ok && !strings.HasPrefix(line, "#") {
			ix.countries[Fold(name)] = code
		}
	}
	for name, code := range countryAliases {
		ix.countries[name] = code
	}
	return ix
})

// City returns the most populous place of the given name, matched
// without regard to case, diacritics or hyphens ("KHAN YUNIS" finds
// Khān Yūnis).
func City(name string) (Place, bool) {
	p, ok := loadIndex().cities[Fold(name)]
	return p, ok
}

// Country returns the ISO alpha-2 code of a country named in English,
// in any case: "Ukraine", "ISRAEL", "Britain", "Gaza Strip".
func Country(name string) (string, bool) {
	code, ok := loadIndex().countries[Fold(name)]
	return code, ok
}

// Fold is the key places are matched by: lower case, without diacritics,
// hyphens and runs of spaces as one space. Full stops are kept so that
// "U.S." and "US" stay distinct spellings the tables list separately.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '-' || unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == '\u2019' || r == '`':
			r = '\''
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
