package gaz

import (
	"archive/zip"
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Header opens the gazetteer text; its first line is the attribution
// GeoNames' licence asks for.
const Header = `# Derived from GeoNames (https://www.geonames.org/, CC BY 4.0): cities15000, countryInfo, admin1CodesASCII.
# Rebuild: go generate ./geo (see geo/gen). Lines, tab-separated:
# C iso2 iso3 name capital-geonameid continent neighbours-iso2 population geonameid lat lon fips
# A code name ascii-name geonameid lat lon population alternates
# P geonameid name ascii-name lat lon feature-code country admin1-code population alternate-keys
# W word: a one-word place name that UD English EWT (train) writes in lower case at least 3 times and a quarter as often as capitalised
# Lat/lon of C and A lines are the population-weighted centroid of their P places.
`

// Sources names the files Build reads.
type Sources struct {
	// GeoNames is the folder with cities15000.zip, countryInfo.tsv and
	// admin1CodesASCII.tsv.
	GeoNames string
	// EWT is UD English EWT's training CoNLL-U file; its lower-case
	// words mark the place names that are also common English words.
	EWT string
}

type place struct {
	id, name, ascii, lat, lon, feature, country, admin1 string
	population                                          int
	alternates                                          []string
}

// centroid accumulates a population-weighted mean position on the
// sphere, so that places either side of the antimeridian average well.
type centroid struct {
	x, y, z    float64
	population int
}

func (c *centroid) add(lat, lon float64, population int) {
	w := float64(max(population, 1))
	la, lo := lat*math.Pi/180, lon*math.Pi/180
	c.x += w * math.Cos(la) * math.Cos(lo)
	c.y += w * math.Cos(la) * math.Sin(lo)
	c.z += w * math.Sin(la)
	c.population += population
}

func (c *centroid) latLon() (string, string) {
	lat := math.Atan2(c.z, math.Hypot(c.x, c.y)) * 180 / math.Pi
	lon := math.Atan2(c.y, c.x) * 180 / math.Pi
	return strconv.FormatFloat(lat, 'f', 4, 64), strconv.FormatFloat(lon, 'f', 4, 64)
}

// Build reads the sources and returns the gazetteer text. The output
// depends on nothing but the input files: rebuilding changes nothing.
func Build(src Sources) ([]byte, error) {
	places, err := readPlaces(filepath.Join(src.GeoNames, "cities15000.zip"))
	if err != nil {
		return nil, err
	}
	countryC := map[string]*centroid{}
	admin1C := map[string]*centroid{}
	for _, p := range places {
		lat, err1 := strconv.ParseFloat(p.lat, 64)
		lon, err2 := strconv.ParseFloat(p.lon, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("place %s: bad coordinates %q %q", p.id, p.lat, p.lon)
		}
		for _, k := range [2]struct {
			m   map[string]*centroid
			key string
		}{{countryC, p.country}, {admin1C, p.country + "." + p.admin1}} {
			c := k.m[k.key]
			if c == nil {
				c = &centroid{}
				k.m[k.key] = c
			}
			c.add(lat, lon, p.population)
		}
	}
	var b strings.Builder
	b.WriteString(Header)
	if err := writeCountries(&b, filepath.Join(src.GeoNames, "countryInfo.tsv"), places, countryC); err != nil {
		return nil, err
	}
	var words map[string]wordCount
	if src.EWT != "" {
		if words, err = lowerWords(src.EWT); err != nil {
			return nil, err
		}
	}
	admin1Names, err := writeAdmin1(&b, filepath.Join(src.GeoNames, "admin1CodesASCII.tsv"), admin1C, words)
	if err != nil {
		return nil, err
	}
	oneWord := map[string]bool{}
	for _, n := range admin1Names {
		if !strings.Contains(n, " ") {
			oneWord[n] = true
		}
	}
	for _, p := range places {
		// Alternates are only matched, never shown: their keys suffice.
		altKeys := make([]string, len(p.alternates))
		for i, a := range p.alternates {
			altKeys[i] = Key(a)
		}
		fmt.Fprintf(&b, "P\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", p.id, p.name, p.ascii, p.lat, p.lon, p.feature, p.country, p.admin1, p.population, strings.Join(altKeys, "|"))
		for _, k := range append([]string{Key(p.name), Key(p.ascii)}, altKeys...) {
			if k != "" && !strings.Contains(k, " ") {
				oneWord[k] = true
			}
		}
	}
	var common []string
	for w := range oneWord {
		if words[w].common() {
			common = append(common, w)
		}
	}
	slices.Sort(common)
	for _, w := range common {
		fmt.Fprintf(&b, "W\t%s\n", w)
	}
	return []byte(b.String()), nil
}

func readPlaces(path string) ([]place, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("open gazetteer: %w", err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "cities15000.txt" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", f.Name, err)
		}
		places, err := parsePlaces(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f.Name, err)
		}
		if len(places) == 0 {
			break
		}
		slices.SortFunc(places, func(a, b place) int {
			return cmp.Or(-cmp.Compare(a.population, b.population), cmp.Compare(len(a.id), len(b.id)), cmp.Compare(a.id, b.id))
		})
		return places, nil
	}
	return nil, fmt.Errorf("%s: no cities15000.txt with places in it", path)
}

// parsePlaces reads the GeoNames main table: geonameid (0), name (1),
// asciiname (2), alternate names (3), latitude (4), longitude (5),
// feature code (7), country (8), admin1 (10), population (14).
func parsePlaces(r io.Reader) ([]place, error) {
	var places []place
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 15 {
			continue
		}
		switch f[7] {
		case "PPLH", "PPLQ", "PPLW":
			continue // historical, abandoned and destroyed places
		}
		pop, _ := strconv.Atoi(f[14])
		p := place{id: f[0], name: clean(f[1]), ascii: clean(f[2]), lat: f[4], lon: f[5], feature: f[7], country: f[8], admin1: f[10], population: pop}
		if p.ascii == p.name {
			p.ascii = ""
		}
		p.alternates = englishAlternates(f[3], p.name, p.ascii)
		places = append(places, p)
	}
	return places, sc.Err()
}

// clean keeps a field safe for the tab- and bar-separated output.
func clean(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\t' || r == '|' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s))
}

// englishAlternates keeps the alternate names an English text could
// use: Latin script, capitalised, no airport codes (all capitals, three
// or four letters), no digits or links, and one spelling per key.
func englishAlternates(field, name, ascii string) []string {
	seen := map[string]bool{Key(name): true, Key(ascii): true}
	var out []string
	for a := range strings.SplitSeq(field, ",") {
		a = clean(a)
		if a == "" || len(a) > 60 || !latinCapitalised(a) || isCode(a) {
			continue
		}
		k := Key(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

func latinCapitalised(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 0x250 && !strings.ContainsRune("ʻʼʾʿ‘’", r) && !unicode.Is(unicode.Mn, r):
			return false
		case unicode.IsDigit(r), r == '/', r == ':', r == '(', r == ')':
			return false
		}
	}
	return true
}

func isCode(s string) bool {
	if len(s) < 3 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// writeCountries writes one C line per country of countryInfo.tsv:
// ISO (0), ISO3 (1), name (4), capital (5), population (7), continent
// (8), geonameid (16), neighbours (17), and last the FIPS 10-4 code (3)
// that GDELT's geography fields use. The capital is the place of
// that name in the country, a national capital (PPLC) first.
func writeCountries(b *strings.Builder, path string, places []place, centroids map[string]*centroid) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read countries: %w", err)
	}
	var lines []string
	for line := range strings.SplitSeq(string(raw), "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if strings.HasPrefix(line, "#") || len(f) < 18 || len(f[0]) != 2 || len(f[1]) != 3 {
			continue
		}
		capital := capitalOf(places, f[0], strings.TrimSpace(f[5]))
		lat, lon := "", ""
		if c := centroids[f[0]]; c != nil {
			lat, lon = c.latLon()
		}
		lines = append(lines, strings.Join([]string{"C", f[0], f[1], clean(f[4]), capital, f[8], f[17], f[7], f[16], lat, lon, f[3]}, "\t"))
	}
	if len(lines) == 0 {
		return fmt.Errorf("%s: no countries", path)
	}
	slices.Sort(lines)
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	return nil
}

func capitalOf(places []place, country, name string) string {
	if name == "" {
		return ""
	}
	want := Key(name)
	best, bestRank := "", 0
	for _, p := range places {
		if p.country != country {
			continue
		}
		named := Key(p.name) == want || Key(p.ascii) == want
		if !named {
			for _, a := range p.alternates {
				if Key(a) == want {
					named = true
					break
				}
			}
		}
		rank := 0
		switch {
		case named && p.feature == "PPLC":
			rank = 3
		case named:
			rank = 2
		case p.feature == "PPLC":
			rank = 1
		}
		if rank > bestRank { // places are sorted by population
			best, bestRank = p.id, rank
		}
	}
	return best
}

// writeAdmin1 writes one A line per first-order division that has
// places (and so a position), and returns the keys of their names.
// Variants that are common English words ("Free" of "Free State") are
// left out.
func writeAdmin1(b *strings.Builder, path string, centroids map[string]*centroid, words map[string]wordCount) ([]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read admin1: %w", err)
	}
	var lines, keys []string
	for line := range strings.SplitSeq(string(raw), "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if strings.HasPrefix(line, "#") || len(f) < 4 {
			continue
		}
		c := centroids[f[0]]
		if c == nil {
			continue
		}
		name, ascii := clean(f[1]), clean(f[2])
		if ascii == name {
			ascii = ""
		}
		alts := slices.DeleteFunc(admin1Variants(name, ascii), func(v string) bool { return words[Key(v)].common() })
		lat, lon := c.latLon()
		lines = append(lines, strings.Join([]string{"A", f[0], name, ascii, f[3], lat, lon, strconv.Itoa(c.population), strings.Join(alts, "|")}, "\t"))
		keys = append(keys, Key(name), Key(ascii))
		for _, a := range alts {
			keys = append(keys, Key(a))
		}
	}
	slices.Sort(lines)
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	return keys, nil
}

var (
	admin1Suffixes = []string{" Governorate", " Province", " Oblast", " Region", " Prefecture", " Voivodeship", " Department", " District", " State", " Municipality", " County", " Oblast'", " Kray", " Krai"}
	admin1Prefixes = []string{"Muhafazat ", "Muḩāfaz̧at ", "Ostan-e ", "Provincia de ", "Provincia del ", "Departamento de ", "Departamento del ", "Région ", "Region "}
	directions     = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true, "western": true, "central": true, "capital": true, "north east": true, "north west": true, "south east": true, "south west": true, "northeast": true, "northwest": true, "southeast": true, "southwest": true, "northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true, "north central": true, "south central": true, "upper": true, "lower": true, "middle": true, "far": true}
)

// admin1Variants are a division's names without the word for its rank
// ("Yazd Province" → "Yazd"), unless that leaves only a direction
// ("Northern District").
func admin1Variants(names ...string) []string {
	seen := map[string]bool{}
	for _, n := range names {
		seen[Key(n)] = true
	}
	var out []string
	for _, n := range names {
		if n == "" {
			continue
		}
		v := n
		for _, s := range admin1Suffixes {
			v = strings.TrimSuffix(v, s)
		}
		for _, p := range admin1Prefixes {
			v = strings.TrimPrefix(v, p)
		}
		k := Key(v)
		if k == "" || seen[k] || directions[k] {
			continue
		}
		seen[k] = true
		out = append(out, v)
	}
	return out
}

// wordCount is how often a word is written in lower case ("nice") and
// capitalised ("Nice").
type wordCount struct{ lower, capitalised int }

// common reports whether a word is a common English word rather than a
// name: written in lower case at least three times, and at least a
// quarter as often as capitalised (sentence starts capitalise words;
// "paris" and "delhi" are typing slips).
func (c wordCount) common() bool {
	return c.lower >= 3 && 4*c.lower >= c.capitalised
}

// lowerWords counts the alphabetic word forms of a CoNLL-U file by
// their lower-case spelling.
func lowerWords(path string) (map[string]wordCount, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read treebank: %w", err)
	}
	defer f.Close()
	counts := map[string]wordCount{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		cols := strings.SplitN(line, "\t", 3)
		if len(cols) < 2 || strings.ContainsAny(cols[0], "-.") {
			continue
		}
		w := cols[1]
		if w == "" || strings.IndexFunc(w[1:], func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
			continue
		}
		switch c := counts[strings.ToLower(w)]; {
		case 'a' <= w[0] && w[0] <= 'z':
			c.lower++
			counts[w] = c
		case 'A' <= w[0] && w[0] <= 'Z':
			c.capitalised++
			counts[strings.ToLower(w)] = c
		}
	}
	return counts, sc.Err()
}
