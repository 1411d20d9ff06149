// Package geo geocodes the place words of news text: it finds place
// names in token sequences and resolves "Tehran", "western Iraq", "the
// Iranian capital", "Tripoli" (in a story about Lebanon) or "the Gaza
// Strip" to a place with its country (ISO 3166-1 alpha-3), first-order
// division, coordinates and GeoNames ID.
//
// The gazetteer is derived from GeoNames (https://www.geonames.org/,
// CC BY 4.0; see ATTRIBUTION): every populated place of at least 15,000
// people (cities15000), the countries (countryInfo) and their first-order
// divisions (admin1CodesASCII). It is embedded compressed and read on
// first use. Countries and divisions have no coordinates in those files;
// theirs are the population-weighted centroid of their places, so they
// locate the region, not a point in it.
//
// What the gazetteer does not hold: places under 15,000 people,
// military bases ("Ain al-Asad airbase"), border crossings, camps,
// rivers, seas and other non-populated features, and divisions below the
// first order (districts, counties). For those the caller should fall
// back on the country or region words of the sentence ("in western
// Iraq"), which Lookup resolves with the qualifier recorded, and must not
// make up coordinates.
package geo

//go:generate go run ./gen

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dyadnews/dyad/geo/internal/gaz"
)

//go:embed gazetteer.tsv.gz
var gazetteerGz []byte

// Kind says what sort of place a Place is.
type Kind uint8

// The kinds of place.
const (
	KindCity Kind = iota + 1
	KindAdmin1
	KindCountry
)

func (k Kind) String() string {
	switch k {
	case KindCity:
		return "city"
	case KindAdmin1:
		return "admin1"
	case KindCountry:
		return "country"
	}
	return "unknown"
}

// Place is a resolved place.
type Place struct {
	// Name is GeoNames' name for it ("Beirut", "Kraków", "Al Anbar").
	Name string `json:"name"`
	// Country is the ISO 3166-1 alpha-3 code ("LBN"); CountryISO2 the
	// alpha-2 code ("LB").
	Country     string `json:"country"`
	CountryISO2 string `json:"country_iso2"`
	// Admin1 is the first-order division's name, empty for a country.
	Admin1 string `json:"admin1,omitempty"`
	// Lat and Lon are in degrees (WGS84): the place's own for a city, a
	// population-weighted centroid for a country or division.
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
	// GeonameID is the place's GeoNames ID.
	GeonameID int  `json:"geonameid"`
	Kind      Kind `json:"kind"`
	// Population is GeoNames' figure for a city or country, and the sum
	// over its cities of at least 15,000 for a division.
	Population int `json:"population"`
	// Capital is set for national capitals.
	Capital bool `json:"capital,omitempty"`
	// Qualifier is the part of the region the words named ("western" in
	// "western Iraq", "north of" in "north of Baghdad"), empty if none.
	Qualifier string `json:"qualifier,omitempty"`
}

// MarshalText writes a Kind as its name, so JSON carries "city".
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a Kind's name.
func (k *Kind) UnmarshalText(b []byte) error {
	for _, c := range [...]Kind{KindCity, KindAdmin1, KindCountry} {
		if string(b) == c.String() {
			*k = c
			return nil
		}
	}
	return fmt.Errorf("geo: unknown place kind %q", b)
}

// CountryInfo is what countryInfo says of a country.
type CountryInfo struct {
	ISO2, ISO3 string
	// FIPS is the FIPS 10-4 code GDELT's geography fields use ("IZ" for
	// Iraq), empty where GeoNames gives none.
	FIPS string
	Name string
	// Capital is the capital's name and CapitalID its GeoNames ID (0 if
	// the capital is under 15,000 people or there is none).
	Capital   string
	CapitalID int
	// Continent is GeoNames' two-letter code: AF AS EU NA OC SA AN.
	Continent string
	// Neighbours are the ISO alpha-3 codes of the countries it borders.
	Neighbours []string
	Population int
	GeonameID  int
	// Lat and Lon are the population-weighted centroid of its places of
	// at least 15,000 people; both zero if it has none.
	Lat, Lon float64
}

// grade says how a name names a place, best first.
type grade uint8

const (
	gradeAlias     grade = iota // a name written here for the place (names.go)
	gradeName                   // GeoNames' name or ASCII name
	gradeAlternate              // one of GeoNames' alternate names
	// gradeNoArticle is added when the names matched only without a
	// leading Arabic article ("Anbar" for "Al Anbar").
	gradeNoArticle grade = 4
)

// hit is one place a key names.
type hit struct {
	place int32
	grade grade
}

type place struct {
	Place
	feature string // GeoNames feature code of a city: PPLC, PPLA, PPLX, ...
	// admin1Key identifies the division for context agreement.
	admin1Key string
}

type index struct {
	places []place
	// one and many map keys to the places they name: most keys name
	// one place, which is stored without a slice.
	one       map[string]hit
	many      map[string][]hit
	prefixes  map[string]struct{} // word-boundary prefixes of multi-word keys
	common    map[string]bool     // one-word names that are common English words
	countries []CountryInfo
	byCode    map[string]int   // ISO2 and ISO3 → countries index
	country   map[string]int32 // ISO2 → place of the country
	capital   map[string]int32 // ISO2 → place of its capital
	demonyms  map[string]string
	// admin1Codes maps AdminKey (ISO3/name) to GeoNames' admin1 code.
	admin1Codes map[string]string
}

var loadIndex = sync.OnceValue(func() *index {
	ix, err := parse(gazetteerGz)
	if err != nil {
		// The gazetteer is generated and tested at build time; a broken
		// one is a build error, not an input error.
		panic("geo: embedded gazetteer: " + err.Error())
	}
	return ix
})

func parse(gz []byte) (*index, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	// gzip's trailer holds the text's length: read it in one allocation.
	var buf strings.Builder
	if n := len(gz); n >= 4 {
		buf.Grow(int(binary.LittleEndian.Uint32(gz[n-4:])) + 1)
	}
	if _, err := io.Copy(&buf, zr); err != nil {
		return nil, err
	}
	text := buf.String()
	ix := &index{
		places:   make([]place, 0, 38000),
		one:      make(map[string]hit, 120000),
		many:     make(map[string][]hit, 8000),
		prefixes: make(map[string]struct{}, 40000),
		common:   map[string]bool{},
		byCode:   make(map[string]int, 512),
		country:  make(map[string]int32, 256),
		capital:  make(map[string]int32, 256),
		demonyms: make(map[string]string, 512),

		admin1Codes: make(map[string]string, 4000),
	}
	admin1Names := make(map[string]string, 4000)
	capitalIDs := make(map[string]string, 256)
	var f [12]string
	for line := range strings.SplitSeq(text, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		n := split(line, f[:])
		switch {
		case f[0] == "C" && n >= 11:
			ix.addCountry(f[:n], capitalIDs)
		case f[0] == "A" && n >= 9:
			ix.addAdmin1(f[:n], admin1Names)
		case f[0] == "P" && n >= 11:
			ix.addCity(f[:n], admin1Names, capitalIDs)
		case f[0] == "W" && n >= 2:
			ix.common[f[1]] = true
		}
	}
	for i := range ix.countries {
		c := &ix.countries[i]
		for j, n := range c.Neighbours {
			if k, ok := ix.byCode[n]; ok {
				c.Neighbours[j] = ix.countries[k].ISO3
			}
		}
		if p, ok := ix.capital[c.ISO2]; ok {
			c.Capital = ix.places[p].Name
			c.CapitalID = ix.places[p].GeonameID
		}
	}
	for iso2, words := range demonyms {
		k, ok := ix.byCode[iso2]
		if !ok {
			continue
		}
		for _, w := range words {
			key := gaz.Key(w)
			ix.demonyms[key] = ix.countries[k].ISO3
			if strings.HasSuffix(key, "an") || strings.HasSuffix(key, "i") {
				ix.demonyms[key+"s"] = ix.countries[k].ISO3
			}
		}
	}
	return ix, nil
}

// split cuts a tab-separated line into f and returns the field count.
func split(line string, f []string) int {
	n := 0
	for n < len(f)-1 {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			break
		}
		f[n], line = line[:i], line[i+1:]
		n++
	}
	f[n] = line
	return n + 1
}

func atof(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

func atoi(s string) int {
	v, _ := strconv.Atoi(s)
	return v
}

// C iso2 iso3 name capital-id continent neighbours population geonameid lat lon fips
func (ix *index) addCountry(f []string, capitalIDs map[string]string) {
	c := CountryInfo{ISO2: f[1], ISO3: f[2], Name: f[3], Continent: f[5], Population: atoi(f[7]), GeonameID: atoi(f[8]), Lat: atof(f[9]), Lon: atof(f[10])}
	if len(f) > 11 {
		c.FIPS = f[11]
	}
	if f[6] != "" {
		c.Neighbours = strings.Split(f[6], ",")
	}
	capitalIDs[f[4]] = c.ISO2
	ix.byCode[c.ISO2] = len(ix.countries)
	ix.byCode[c.ISO3] = len(ix.countries)
	ix.countries = append(ix.countries, c)
	if f[9] == "" {
		return // no places, so no position to give
	}
	id := ix.addPlace(place{Place: Place{Name: c.Name, Country: c.ISO3, CountryISO2: c.ISO2, Lat: c.Lat, Lon: c.Lon, GeonameID: c.GeonameID, Kind: KindCountry, Population: c.Population}})
	ix.country[c.ISO2] = id
	// Country names never drop an article: "Salvador" is not El Salvador.
	ix.addKey(gaz.Key(c.Name), id, gradeName)
	for _, a := range countryAliases[c.ISO2] {
		ix.addKey(gaz.Key(a), id, gradeAlias)
	}
}

// A code name ascii geonameid lat lon population alternates
func (ix *index) addAdmin1(f []string, names map[string]string) {
	iso2, _, _ := strings.Cut(f[1], ".")
	k, ok := ix.byCode[iso2]
	if !ok {
		return
	}
	c := ix.countries[k]
	names[f[1]] = f[2]
	_, code, _ := strings.Cut(f[1], ".")
	ix.admin1Codes[c.ISO3+"/"+f[2]] = code
	id := ix.addPlace(place{
		Place:     Place{Name: f[2], Country: c.ISO3, CountryISO2: c.ISO2, Admin1: f[2], Lat: atof(f[5]), Lon: atof(f[6]), GeonameID: atoi(f[4]), Kind: KindAdmin1, Population: atoi(f[7])},
		admin1Key: f[1],
	})
	// Divisions named by a direction ("East", "Centre") would be found
	// wherever the word is capitalised; they are found by full name only.
	for _, n := range append([]string{f[2], f[3]}, strings.Split(f[8], "|")...) {
		if k := gaz.Key(n); !directions[k] && !generic[k] {
			ix.addKeys(k, id, gradeName)
		}
	}
	for _, a := range admin1Aliases[f[1]] {
		ix.addName(a, id, gradeAlias)
	}
}

// P geonameid name ascii lat lon feature country admin1 population alternates
func (ix *index) addCity(f []string, admin1Names, capitalIDs map[string]string) {
	k, ok := ix.byCode[f[7]]
	if !ok {
		return
	}
	c := ix.countries[k]
	a1 := f[7] + "." + f[8]
	id := ix.addPlace(place{
		Place:     Place{Name: f[2], Country: c.ISO3, CountryISO2: c.ISO2, Admin1: admin1Names[a1], Lat: atof(f[4]), Lon: atof(f[5]), GeonameID: atoi(f[1]), Kind: KindCity, Population: atoi(f[9])},
		feature:   f[6],
		admin1Key: a1,
	})
	if capitalIDs[f[1]] == c.ISO2 {
		ix.capital[c.ISO2] = id
		ix.places[id].Capital = true
	}
	ix.addName(f[2], id, gradeName)
	ix.addName(f[3], id, gradeName)
	// "Washington, D.C." is "Washington" in running text.
	if before, _, ok := strings.Cut(f[2], ","); ok {
		ix.addName(before, id, gradeName)
	}
	for k := range strings.SplitSeq(f[10], "|") {
		ix.addKeys(k, id, gradeAlternate)
	}
	for _, a := range cityAliases[f[1]] {
		ix.addName(a, id, gradeAlias)
	}
}

func (ix *index) addPlace(p place) int32 {
	ix.places = append(ix.places, p)
	return int32(len(ix.places) - 1)
}

// addName indexes name for place id, and, if it begins with an Arabic
// article, also without it at a lower grade.
func (ix *index) addName(name string, id int32, g grade) {
	if name == "" {
		return
	}
	ix.addKeys(gaz.Key(name), id, g)
}

// addKeys indexes a key for place id, and, if it begins with an Arabic
// article, also without it at a lower grade.
func (ix *index) addKeys(key string, id int32, g grade) {
	if key == "" {
		return
	}
	ix.addKey(key, id, g)
	if bare, ok := gaz.StripArticle(key); ok {
		ix.addKey(bare, id, g|gradeNoArticle)
	}
}

func (ix *index) addKey(key string, id int32, g grade) {
	if hits, ok := ix.many[key]; ok {
		if i := slices.IndexFunc(hits, func(h hit) bool { return h.place == id }); i >= 0 {
			hits[i].grade = min(hits[i].grade, g)
			return
		}
		ix.many[key] = append(hits, hit{id, g})
		return
	}
	if h, ok := ix.one[key]; ok {
		if h.place == id {
			ix.one[key] = hit{id, min(h.grade, g)}
			return
		}
		delete(ix.one, key)
		ix.many[key] = []hit{h, {id, g}}
		return
	}
	ix.one[key] = hit{id, g}
	for i := len(key) - 1; i > 0; i-- {
		if key[i] == ' ' {
			ix.prefixes[key[:i]] = struct{}{}
		}
	}
}

// hits returns the places a key names.
func (ix *index) hits(key string) []hit {
	if h, ok := ix.one[key]; ok {
		return []hit{h}
	}
	return ix.many[key]
}

// Context is what a story says about where it happens: it moves
// ambiguous names towards the countries and divisions the story is
// about. The zero Context is empty and ready to use.
type Context struct {
	// Countries weighs countries (ISO alpha-3 or alpha-2 codes) by how
	// much the story is about them, e.g. by mention counts.
	Countries map[string]float64
	// Admin1 weighs first-order divisions, keyed by AdminKey.
	Admin1 map[string]float64
	// Dateline is the country (alpha-3 or alpha-2) of the dateline.
	Dateline string
}

// AdminKey is the Context.Admin1 key of a place's division.
func AdminKey(p Place) string { return p.Country + "/" + p.Admin1 }

// Add counts a place the story mentions: its country, and its division
// if it has one.
func (c *Context) Add(p Place, weight float64) {
	if p.Country == "" {
		return
	}
	if c.Countries == nil {
		c.Countries = map[string]float64{}
	}
	c.Countries[p.Country] += weight
	if p.Admin1 != "" {
		if c.Admin1 == nil {
			c.Admin1 = map[string]float64{}
		}
		c.Admin1[AdminKey(p)] += weight
	}
}

// Scoring weights, in units of log10(population): a name GeoNames gives
// the place as its own is worth 100 times the population of one it lists
// among alternates.
const (
	bonusName        = 2.0
	bonusAlternate   = 0.5
	bonusAlias       = 1.0 // a name written here says what news copy means by it
	penaltyNoArticle = 1.0
	bonusCountry     = 3.0
	bonusCapital     = 1.0
	bonusSeat        = 0.3 // seat of a first-order division
	penaltyAdmin1    = 0.5 // a division ties to its namesake city
	penaltySection   = 0.5 // a section of a city (PPLX)
	bonusInContext   = 1.5 // the story mentions the place's country at all
	bonusByShare     = 1.5 // times the country's share of mentions
	bonusDateline    = 1.0
	bonusAdmin1      = 4.0 // the story mentions the place's division
	namesakeMargin   = 0.01
)

func (ix *index) score(h hit, ctx *resolvedContext) float64 {
	p := &ix.places[h.place]
	s := math.Log10(float64(p.Population) + 1)
	switch h.grade &^ gradeNoArticle {
	case gradeAlias:
		s += bonusName + bonusAlias
	case gradeName:
		s += bonusName
	default:
		s += bonusAlternate
	}
	if h.grade&gradeNoArticle != 0 {
		s -= penaltyNoArticle
	}
	switch p.Kind {
	case KindCountry:
		s += bonusCountry
	case KindAdmin1:
		s -= penaltyAdmin1
	case KindCity:
		switch p.feature {
		case "PPLC":
			s += bonusCapital
		case "PPLA":
			s += bonusSeat
		case "PPLX":
			s -= penaltySection
		}
	}
	if ctx != nil {
		if w := ctx.countries[p.Country]; w > 0 {
			s += bonusInContext + bonusByShare*w/ctx.total
		}
		if ctx.dateline == p.Country {
			s += bonusDateline
		}
		if p.Kind != KindCountry && ctx.admin1[AdminKey(p.Place)] > 0 {
			s += bonusAdmin1
		}
	}
	return s
}

// resolvedContext is a Context with its codes made alpha-3.
type resolvedContext struct {
	countries map[string]float64
	total     float64
	admin1    map[string]float64
	dateline  string
}

func (ix *index) resolveContext(c Context) *resolvedContext {
	r := &resolvedContext{countries: make(map[string]float64, len(c.Countries)), admin1: c.Admin1}
	for code, w := range c.Countries {
		if iso3 := ix.iso3(code); iso3 != "" && w > 0 && !math.IsInf(w, 0) {
			r.countries[iso3] += w
			r.total += w
		}
	}
	r.dateline = ix.iso3(c.Dateline)
	return r
}

func (ix *index) iso3(code string) string {
	if len(code) != 2 && len(code) != 3 {
		return ""
	}
	if k, ok := ix.byCode[strings.ToUpper(code)]; ok {
		return ix.countries[k].ISO3
	}
	return ""
}

// candidates are the places a phrase can name, with the qualifier it
// carries.
type candidates struct {
	hits      []hit
	qualifier string
	// preferAdmin1 is set when the phrase said "province" or the like.
	preferAdmin1 bool
}

// maxPhrase bounds the phrases Lookup and Resolve read, in bytes.
const maxPhrase = 256

// directions are the qualifiers that name part of a region, as keys
// written without spaces ("north-eastern" → "northeastern").
var directions = map[string]bool{
	"north": true, "south": true, "east": true, "west": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"northeast": true, "northwest": true, "southeast": true, "southwest": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true,
	"upper": true, "lower": true, "outer": true, "inner": true, "greater": true,
}

// generic are division names that are words for any region.
var generic = map[string]bool{"centre": true, "center": true, "capital": true, "coast": true, "littoral": true, "islands": true, "north east": true, "north west": true, "south east": true, "south west": true, "far north": true}

// prepositions may open a place phrase; some say where about the place
// is meant. Longer phrases come before their prefixes.
var prepositions = []struct{ words, qualifier string }{
	{"on the outskirts of", "outskirts of"}, {"the outskirts of", "outskirts of"}, {"outskirts of", "outskirts of"},
	{"near", "near"}, {"outside", "outside"}, {"around", "around"},
	{"in", ""}, {"at", ""}, {"on", ""}, {"into", ""}, {"inside", ""}, {"from", ""}, {"to", ""},
	{"across", ""}, {"throughout", ""}, {"within", ""}, {"over", ""},
}

// rankSuffixes are words after a division's name that say what it is.
var rankSuffixes = []string{" province", " governorate", " region", " oblast", " state", " district", " county", " prefecture"}

// phrase finds the places a phrase names: a place name, optionally with
// a direction ("western Iraq", "north of Baghdad") or a rank ("Anbar
// province"), or a country's capital ("the Iranian capital", "capital
// of Iran", "Iran's capital").
func (ix *index) phrase(s string) candidates {
	return ix.phraseAt(s, 0)
}

// maxPhraseDepth bounds how many qualifiers and prepositions a phrase
// may stack ("near the north of ..."), and so the work a hostile one
// can cause.
const maxPhraseDepth = 3

func (ix *index) phraseAt(s string, depth int) candidates {
	if len(s) > maxPhrase || depth > maxPhraseDepth {
		return candidates{}
	}
	key := gaz.Key(s)
	if key == "" {
		return candidates{}
	}
	if hits := ix.lookupKey(key); len(hits) > 0 {
		return candidates{hits: hits}
	}
	if c, ok := ix.capitalPhrase(key); ok {
		return c
	}
	// "western Iraq", "north-eastern Syria", "north of Baghdad"
	words := strings.Fields(key)
	for n := 1; n <= 2 && n < len(words); n++ {
		q := strings.Join(words[:n], "")
		if !directions[q] {
			continue
		}
		rest, qual := words[n:], q
		if rest[0] == "of" && len(rest) > 1 {
			rest, qual = rest[1:], q+" of"
		}
		c := ix.phraseAt(strings.Join(rest, " "), depth+1)
		if len(c.hits) > 0 && c.qualifier == "" {
			c.qualifier = qual
			return c
		}
	}
	// "in Tehran", "near Baghdad", "on the outskirts of Damascus"
	for _, p := range prepositions {
		if rest, ok := strings.CutPrefix(key, p.words+" "); ok {
			c := ix.phraseAt(rest, depth+1)
			if len(c.hits) > 0 && c.qualifier == "" {
				c.qualifier = p.qualifier
			}
			return c
		}
	}
	for _, suffix := range rankSuffixes {
		if base, ok := strings.CutSuffix(key, suffix); ok {
			if hits := ix.lookupKey(base); len(hits) > 0 {
				return candidates{hits: hits, preferAdmin1: true}
			}
		}
	}
	return candidates{}
}

// capitalPhrase reads "iranian capital", "capital of iran", "irans
// capital" (the key of "Iran's capital").
func (ix *index) capitalPhrase(key string) (candidates, bool) {
	var iso3 string
	if of, ok := strings.CutPrefix(key, "capital of "); ok {
		iso3 = ix.countryOf(of)
	} else if before, ok := strings.CutSuffix(key, " capital"); ok {
		if iso, ok := ix.demonyms[before]; ok {
			iso3 = iso
		} else if iso3 = ix.countryOf(before); iso3 == "" {
			if bare, ok := strings.CutSuffix(before, "s"); ok {
				iso3 = ix.countryOf(bare)
			}
		}
	}
	if iso3 == "" {
		return candidates{}, false
	}
	p, ok := ix.capital[ix.countries[ix.byCode[iso3]].ISO2]
	if !ok {
		return candidates{}, false
	}
	return candidates{hits: []hit{{place: p, grade: gradeAlias}}}, true
}

// countryOf returns the alpha-3 code of the country a key names.
func (ix *index) countryOf(key string) string {
	for _, h := range ix.hits(key) {
		if p := &ix.places[h.place]; p.Kind == KindCountry && h.grade <= gradeName {
			return p.Country
		}
	}
	return ""
}

// lookupKey returns the places a key names, also read without a
// leading Arabic article ("al-Asad" finds "Asad").
func (ix *index) lookupKey(key string) []hit {
	hits := ix.hits(key)
	bare, ok := gaz.StripArticle(key)
	if !ok {
		return hits
	}
	more := ix.hits(bare)
	if len(more) == 0 {
		return hits
	}
	out := slices.Clone(hits)
	for _, h := range more {
		h.grade |= gradeNoArticle
		if i := slices.IndexFunc(out, func(o hit) bool { return o.place == h.place }); i >= 0 {
			out[i].grade = min(out[i].grade, h.grade)
		} else {
			out = append(out, h)
		}
	}
	return out
}

// rank orders candidates best first under a context (nil for none).
func (ix *index) rank(c candidates, ctx *resolvedContext) []Place {
	type scored struct {
		h hit
		s float64
	}
	ss := make([]scored, len(c.hits))
	for i, h := range c.hits {
		ss[i] = scored{h, ix.score(h, ctx)}
	}
	// A division and a city in it that share a name ("Mecca" for Mecca
	// Region and Makkah, "Tehran", "Baghdad"): the city is what news
	// means but for a word like "province", and it loses nothing, as its
	// Admin1 names the division. It takes the division's score when that
	// is higher, which a large division's population and a city named by
	// an alternate make it; not when the name is one written here for the
	// division ("Gaza" is the Gaza Strip).
	for i := range ss {
		a := &ix.places[ss[i].h.place]
		if a.Kind != KindAdmin1 || c.preferAdmin1 || ss[i].h.grade&^gradeNoArticle == gradeAlias {
			continue
		}
		for j := range ss {
			if city := &ix.places[ss[j].h.place]; city.Kind == KindCity && city.admin1Key == a.admin1Key {
				ss[j].s = max(ss[j].s, ss[i].s+namesakeMargin)
			}
		}
	}
	for i := range ss {
		if c.preferAdmin1 && ix.places[ss[i].h.place].Kind == KindAdmin1 {
			ss[i].s += bonusCountry
		}
	}
	slices.SortStableFunc(ss, func(a, b scored) int {
		if a.s != b.s {
			if a.s > b.s {
				return -1
			}
			return 1
		}
		return int(a.h.place - b.h.place)
	})
	out := make([]Place, len(ss))
	for i, s := range ss {
		out[i] = ix.places[s.h.place].Place
		out[i].Qualifier = c.qualifier
	}
	return out
}

// Lookup returns the places a phrase can name, most likely first with
// no context: "Tehran", "BEIRUT", "Krakow", "al-Anbar", "the Gaza Strip",
// "western Iraq" (Iraq, qualifier "western"), "the Iranian capital"
// (Tehran). Matching ignores case, diacritics, punctuation, a leading
// "the" and a leading Arabic article. It returns nil for anything else,
// including phrases over 256 bytes.
func Lookup(phrase string) []Place {
	ix := loadIndex()
	c := ix.phrase(phrase)
	if len(c.hits) == 0 {
		return nil
	}
	return ix.rank(c, nil)
}

// Resolve returns the place a phrase most likely names in a story with
// the given context: "Tripoli" is Libya's capital unless the story is
// about Lebanon, "Paris" is France's unless it is about Texas.
func Resolve(phrase string, ctx Context) (Place, bool) {
	ix := loadIndex()
	c := ix.phrase(phrase)
	if len(c.hits) == 0 {
		return Place{}, false
	}
	return ix.best(c, ctx), true
}

func (ix *index) best(c candidates, ctx Context) Place {
	if len(c.hits) == 1 {
		p := ix.places[c.hits[0].place].Place
		p.Qualifier = c.qualifier
		return p
	}
	return ix.rank(c, ix.resolveContext(ctx))[0]
}

// Admin1Code returns GeoNames' code of a country's first-order division
// given the country's ISO alpha-3 code and the division's name as Place
// gives it ("USA", "Maryland" → "MD"; "IRQ", "Al Anbar" → "01"). For
// most countries it is the FIPS 10-4 division code.
func Admin1Code(country, name string) (string, bool) {
	code, ok := loadIndex().admin1Codes[country+"/"+name]
	return code, ok
}

// Country returns a country by its ISO alpha-2 or alpha-3 code, in any
// case.
func Country(code string) (CountryInfo, bool) {
	ix := loadIndex()
	if len(code) != 2 && len(code) != 3 {
		return CountryInfo{}, false
	}
	k, ok := ix.byCode[strings.ToUpper(code)]
	if !ok {
		return CountryInfo{}, false
	}
	return ix.countries[k], true
}

// CountryByName returns the country a name denotes: GeoNames' name or a
// common variant ("Britain", "U.S.", "Ivory Coast", "the Palestinian
// territories", "Türkiye"), in any case.
func CountryByName(name string) (CountryInfo, bool) {
	ix := loadIndex()
	if len(name) > maxPhrase {
		return CountryInfo{}, false
	}
	iso3 := ix.countryOf(gaz.Key(name))
	if iso3 == "" {
		return CountryInfo{}, false
	}
	return ix.countries[ix.byCode[iso3]], true
}

// Demonym returns the alpha-3 code of the country a nationality word
// belongs to: "Iranian", "Israelis", "British", "U.S." (as in "U.S.
// officials").
func Demonym(word string) (string, bool) {
	if len(word) > maxPhrase {
		return "", false
	}
	iso3, ok := loadIndex().demonyms[gaz.Key(word)]
	return iso3, ok
}

// Countries returns every country GeoNames lists, by ISO alpha-2 code.
func Countries() []CountryInfo {
	return slices.Clone(loadIndex().countries)
}
