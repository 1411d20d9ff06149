package article

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad/data/geo"
	"github.com/dyadnews/dyad/timex"
)

// DatelineMatch is a dateline read off the start of a story's first
// paragraph: "ANNAPOLIS, Md., Aug 6 (Reuters) –".
type DatelineMatch struct {
	// Place is the filing place as usually spelled ("Annapolis").
	Place string
	// Region is the state or country written after the place, as
	// written ("Md.", "Ukraine"); empty when there is none.
	Region string
	// Country is the ISO 3166-1 alpha-2 code of the place's country,
	// empty when the place is not known.
	Country string
	// Wire is the credited agency ("Reuters", "AP"), empty when none.
	Wire string
	// Month and Day are zero when the dateline has no date; Year is zero
	// when it has no year (Reuters and Xinhua style).
	Month time.Month
	Day   int
	Year  int
	// Len is how many bytes of the paragraph the dateline takes, with
	// its dash and the spaces after it: the story starts at Len.
	Len int
}

// maxDatelineBytes bounds the part of a paragraph searched for the dash
// that ends a dateline; the longest real ones ("UNITED NATIONS, N.Y.,
// Sept. 12, 2024 (Associated Press) —") are well under it.
const maxDatelineBytes = 120

// wireNames spells the agencies the way dyad reports them.
var wireNames = map[string]string{
	"reuters": "Reuters", "ap": "AP", "associated press": "AP", "the associated press": "AP",
	"afp": "AFP", "agence france-presse": "AFP", "xinhua": "Xinhua", "upi": "UPI",
	"dpa": "dpa", "cnn": "CNN", "bloomberg": "Bloomberg", "anadolu": "Anadolu",
	"tass": "TASS", "efe": "EFE", "ians": "IANS", "pti": "PTI", "ani": "ANI", "kyodo": "Kyodo",
	"yonhap": "Yonhap", "ansa": "ANSA", "wafa": "WAFA", "irna": "IRNA", "sana": "SANA",
}

// ParseDateline reads the dateline at the start of paragraph p. It knows
// the shapes wire copy uses: a place in capitals or a known place name,
// optionally a US state (AP abbreviations) or country, a date with or
// without a year, the agency in parentheses, and a dash (hyphen, en or
// em dash, or "--"): "WASHINGTON (AP) —", "PARIS, March 3, 2023 (AFP) -",
// "BEIJING, Jan. 5 (Xinhua) --", "KYIV, Ukraine, Aug 6 (Reuters) -",
// "(CNN) —". ok is false when p does not start with one.
func ParseDateline(p string) (m DatelineMatch, ok bool) {
	headEnd, storyStart := findDatelineDash(p)
	if headEnd < 0 {
		return m, false
	}
	head := strings.TrimSpace(p[:headEnd])
	if strings.HasSuffix(head, ")") {
		open := strings.LastIndexByte(head, '(')
		if open < 0 {
			return m, false
		}
		wire := strings.TrimSpace(head[open+1 : len(head)-1])
		if !isWireName(wire) {
			return m, false
		}
		m.Wire = wireName(wire)
		head = strings.TrimSpace(head[:open])
	}
	if head == "" {
		if m.Wire == "" {
			return m, false
		}
		m.Len = storyStart
		return m, true
	}
	parts := strings.Split(head, ",")
	place := strings.TrimSpace(parts[0])
	if i := strings.IndexByte(place, '/'); i > 0 { // "JERUSALEM/GAZA"
		place = strings.TrimSpace(place[:i])
	}
	capitals, titled := placeShape(place)
	if !capitals && !titled {
		return m, false
	}
	var regions []string
	for i := 1; i < len(parts); i++ {
		part := strings.TrimSpace(parts[i])
		if strings.ContainsAny(part, "0123456789") {
			if !m.parseDate(strings.Join(parts[i:], ",")) {
				return m, false
			}
			break
		}
		if c, t := placeShape(part); !c && !t {
			if _, ok := geo.USState(part); !ok {
				return m, false
			}
		}
		regions = append(regions, part)
	}
	if len(regions) > 2 {
		return m, false
	}
	m.Region = strings.Join(regions, ", ")
	m.Country = regionCountry(regions)
	city, known := geo.City(place)
	if !known {
		if code, ok := geo.Country(place); ok {
			city, known = geo.Place{Name: place, Country: code}, true
		}
	}
	if m.Country == "" && known {
		m.Country = city.Country
	}
	// Without an agency, date or region, a lead that merely opens with a
	// word and a dash ("BREAKING —", "Israel — which ...") is only taken
	// for a dateline when it names a known place in capitals.
	context := m.Wire != "" || m.Month != 0 || len(regions) > 0
	switch {
	case capitals && !context && !known:
		return m, false
	case titled && !capitals && !(context && (known || m.Wire != "")):
		return m, false
	}
	m.Place = placeName(place)
	m.Len = storyStart
	return m, true
}

// findDatelineDash returns where the dateline's head ends and the story
// starts, or -1. A hyphen counts as the dash only with space or a closing
// parenthesis before it and space after it, so "DEIR AL-BALAH" stays a
// name.
func findDatelineDash(p string) (headEnd, storyStart int) {
	limit := min(len(p), maxDatelineBytes)
	for i := 0; i < limit; {
		r, size := utf8.DecodeRuneInString(p[i:])
		n := 0
		switch {
		case r == '\u2014' || r == '\u2013' || r == '\u2015' || r == '\u2012':
			n = size
		case r == '-' && strings.HasPrefix(p[i:], "--"):
			n = 2
		case r == '-' && i > 0 && (p[i-1] == ' ' || p[i-1] == ')') && i+1 < len(p) && p[i+1] == ' ':
			n = 1
		case r == '\n':
			return -1, -1
		}
		if n > 0 {
			j := i + n
			for j < len(p) && (p[j] == ' ' || p[j] == '\t') {
				j++
			}
			return i, j
		}
		i += size
	}
	return -1, -1
}

// parseDate reads the dateline's date from the comma-joined parts after
// the place and region: "Aug 6", "March 3, 2023", "6 March".
func (m *DatelineMatch) parseDate(s string) bool {
	s = strings.TrimSpace(s)
	ds := timex.FindDates(s)
	if len(ds) != 1 || ds[0].Start != 0 || ds[0].End != len(s) {
		return false
	}
	d := ds[0]
	if _, ok := timex.Date(max(d.Year, 2000), d.Month, d.Day); !ok && !(d.Month == time.February && d.Day == 29 && d.Year == 0) {
		return false
	}
	m.Month, m.Day, m.Year = d.Month, d.Day, d.Year
	return true
}

// regionCountry resolves the region parts after a place, last first:
// "Md." is the US, "Ukraine" is UA.
func regionCountry(regions []string) string {
	for i := len(regions) - 1; i >= 0; i-- {
		if _, ok := geo.USState(regions[i]); ok {
			return "US"
		}
		if code, ok := geo.Country(regions[i]); ok {
			return code
		}
	}
	return ""
}

// placeShape says whether s is written like a place name in a dateline:
// in capitals ("GAZA CITY", "DEIR AL-BALAH", "ST. LOUIS") or in title
// case ("Taipei", "Dar es Salaam"), at most five words.
func placeShape(s string) (capitals, titled bool) {
	if s == "" || len(s) > 48 {
		return false, false
	}
	words := strings.Fields(s)
	if len(words) > 5 {
		return false, false
	}
	capitals, titled = true, true
	letters := 0
	for wi, w := range words {
		first := true
		for _, r := range w {
			switch {
			case unicode.IsUpper(r):
				letters++
			case unicode.IsLower(r):
				letters++
				capitals = false
				if first && (wi == 0 || !isNameParticle(w)) {
					titled = false
				}
			case r == '.' || r == '\'' || r == '\u2019' || r == '-' || unicode.Is(unicode.Mn, r):
			default:
				return false, false
			}
			first = false
		}
	}
	if letters < 2 {
		return false, false
	}
	return capitals, titled
}

// isNameParticle reports whether a lower-case word may sit inside a
// place name: "Dar es Salaam", "Deir al-Balah", "Rio de Janeiro".
func isNameParticle(w string) bool {
	switch strings.ToLower(strings.SplitN(w, "-", 2)[0]) {
	case "al", "el", "es", "de", "da", "do", "del", "la", "le", "of", "on", "upon", "an", "ad", "ul", "ar", "as", "az":
		return true
	}
	return false
}

// placeName spells a dateline place as names are usually written:
// "ANNAPOLIS" is "Annapolis", "DEIR AL-BALAH" is "Deir al-Balah".
func placeName(s string) string {
	if capitals, _ := placeShape(s); !capitals {
		return strings.Join(strings.Fields(s), " ")
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if i > 0 && isNameParticle(w) {
			if j := strings.IndexByte(w, '-'); j > 0 {
				words[i] = w[:j+1] + titleWord(w[j+1:])
			}
			continue
		}
		words[i] = titleWord(w)
	}
	return strings.Join(words, " ")
}

// titleWord upper-cases the first letter of a word and of each part
// after a hyphen or an apostrophe-led prefix: "saint-denis" is
// "Saint-Denis".
func titleWord(w string) string {
	var b strings.Builder
	up := true
	for _, r := range w {
		if up && unicode.IsLetter(r) {
			r = unicode.ToUpper(r)
			up = false
		}
		if r == '-' {
			up = true
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isWireName(s string) bool {
	if s == "" || len(s) > 40 || len(strings.Fields(s)) > 4 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, r := range s {
		if unicode.IsDigit(r) || r == '(' || r == ',' {
			return false
		}
	}
	return true
}

func wireName(s string) string {
	if n, ok := wireNames[strings.ToLower(s)]; ok {
		return n
	}
	return strings.Join(strings.Fields(s), " ")
}
