package geo

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad/geo/internal/gaz"
)

// Match is a place name found in a token sequence.
type Match struct {
	// Start and End delimit the name: tokens[Start:End]. For "the
	// Iranian capital" or "capital of Iran" they span the phrase.
	Start, End int
	// Text is the name's tokens joined by spaces.
	Text string
	// Qualifier is a direction before the name ("western", "north of");
	// QualifierStart is the index of its first token, Start if none.
	Qualifier      string
	QualifierStart int
	// Places are the places the name can denote, most likely first
	// without context.
	Places []Place

	cands candidates
}

// Resolve returns the place m most likely denotes in a story with the
// given context.
func (m Match) Resolve(ctx Context) (Place, bool) {
	if len(m.cands.hits) == 0 {
		return Place{}, false
	}
	return loadIndex().best(m.cands, ctx), true
}

// Limits of FindPlaces.
const (
	// maxNameTokens is the longest name, in tokens, FindPlaces tries.
	maxNameTokens = 8
	// maxTokenBytes skips tokens no place name could be.
	maxTokenBytes = 64
	// minCommonPopulation is the size a city named by a common English
	// word ("Nice", "Reading", "Mobile") must have to be found at all.
	minCommonPopulation = 100_000
	// minAlternatePopulation is the size a city must have to be found
	// by one of its alternate names, which GeoNames gathers from many
	// languages and which include English words and personal names
	// ("Hamas" for Hamm, "Google" for Topeka); a one-word alternate needs
	// minSingleAlternatePopulation.
	minAlternatePopulation       = 100_000
	minSingleAlternatePopulation = 1_000_000
)

// FindPlaces returns the place names in a token sequence, longest match
// first from left to right, without overlaps: "New York", "Gaza Strip",
// "U.S.", "the Iranian capital", "capital of Syria". A name must begin
// with a capital letter (or be in capitals); one-word names are held to
// the further rules of findable, which keep common words ("Police",
// "Of"), calendar words and parts of personal names ("Antony Blinken")
// from being taken for places. It is a gazetteer matcher: a caller with
// named-entity tags should still prefer names tagged as locations.
func FindPlaces(tokens []string) []Match {
	ix := loadIndex()
	ks := newTokenKeys(ix, tokens)
	keys := ks.keys
	var out []Match
	for i := 0; i < len(tokens); {
		m, ok := ix.matchAt(tokens, ks, i)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		i = m.End
	}
	// One sense per discourse: a word that follows a capitalised word as
	// a surname does ("Lloyd Austin", "George Bush") is a name in the
	// rest of the text too ("Austin said").
	surnames := map[string]bool{}
	for i := 1; i < len(tokens); i++ {
		if keys[i] != "" && capitalised(tokens[i]) && !sentenceStart(tokens, i) && nameWord(tokens[i-1]) {
			surnames[keys[i]] = true
		}
	}
	if len(surnames) == 0 {
		return out
	}
	return slices.DeleteFunc(out, func(m Match) bool {
		return m.End-m.Start == 1 && surnames[keys[m.Start]] && m.Places[0].Kind == KindCity
	})
}

// tokenKeys are the keys of a token sequence, written into one string
// with a space after each non-empty key, so the key of a run of tokens
// ("new york") is a substring and matching allocates nothing per token.
type tokenKeys struct {
	keys []string
	text string
	at   []int // keys[i] is text[at[i]:at[i]+len(keys[i])]
}

func newTokenKeys(ix *index, tokens []string) *tokenKeys {
	size := 0
	for _, t := range tokens {
		if len(t) <= maxTokenBytes {
			size += len(t) + 1
		}
	}
	buf := make([]byte, 0, size+size/8)
	ks := &tokenKeys{keys: make([]string, len(tokens)), at: make([]int, len(tokens))}
	var scratch [maxTokenBytes * 4]byte
	for i, t := range tokens {
		ks.at[i] = len(buf)
		if len(t) > maxTokenBytes {
			continue
		}
		key := gaz.AppendKey(scratch[:0], t)
		// "Iran's": the name is the token without its possessive.
		if bare, ok := trimPossessive(t); ok && !ix.known(string(key)) {
			key = gaz.AppendKey(scratch[:0], bare)
		}
		if len(key) > 0 {
			buf = append(append(buf, key...), ' ')
		}
	}
	ks.text = string(buf)
	for i := range tokens {
		end := len(ks.text)
		if i+1 < len(tokens) {
			end = ks.at[i+1]
		}
		if end > ks.at[i] {
			ks.keys[i] = ks.text[ks.at[i] : end-1]
		}
	}
	return ks
}

// span is the key of tokens i..j (inclusive): their non-empty keys
// joined by spaces.
func (ks *tokenKeys) span(i, j int) string {
	return ks.text[ks.at[i] : ks.at[j]+len(ks.keys[j])]
}

// matchAt finds the longest place name starting at token i.
func (ix *index) matchAt(tokens []string, ks *tokenKeys, i int) (Match, bool) {
	keys := ks.keys
	if keys[i] == "" || !capitalised(tokens[i]) || insideName(tokens, i) {
		return Match{}, false
	}
	if m, ok := ix.demonymCapital(tokens, keys, i); ok {
		return m, true
	}
	end, words := -1, 0
	var best []hit
	for j := i; j < len(tokens) && words < maxNameTokens; j++ {
		if keys[j] == "" {
			if j == i || !isJoiner(tokens[j]) {
				break
			}
			continue // a hyphen or full stop inside a name
		}
		key := ks.span(i, j)
		words++
		if hits := ix.findable(tokens, i, j+1, key); len(hits) > 0 {
			end, best = j+1, hits
		}
		if _, more := ix.prefixes[key]; !more {
			break
		}
	}
	if end < 0 {
		return Match{}, false
	}
	m := Match{Start: i, End: end, QualifierStart: i, cands: candidates{hits: best}}
	ix.capitalOfCountry(tokens, keys, &m)
	m.Text = strings.Join(tokens[m.Start:m.End], " ")
	m.Qualifier, m.QualifierStart = qualifierBefore(keys, m.Start)
	m.cands.qualifier = m.Qualifier
	m.Places = ix.rank(m.cands, nil)
	return m, true
}

// findable returns the places tokens[i:j], whose key is key, may be
// found as. A name of several words may be any of them. A single word
// is held to more: it must not be a calendar word ("March"); if it is
// a common English word ("Police", "Nice") it must be capitalised inside
// a sentence and denote a country or a place of 100,000 people; if it is
// one of GeoNames' alternate names it must denote a city of a million;
// and a city or division must not stand next to another capitalised
// word, where it is part of a name ("Antony Blinken", "Lloyd Austin",
// "Washington Post").
func (ix *index) findable(tokens []string, i, j int, key string) []hit {
	hits := ix.hits(key)
	if len(hits) == 0 {
		return nil
	}
	single := j-i == 1
	if !single {
		return slices.DeleteFunc(slices.Clone(hits), func(h hit) bool {
			p := &ix.places[h.place]
			return h.grade&^gradeNoArticle == gradeAlternate && p.Kind == KindCity && p.Population < minAlternatePopulation
		})
	}
	if calendar[key] || len(key) <= 2 && hasLower(tokens[i]) {
		return nil // "May", "Us", "Of"
	}
	common := ix.common[key]
	if common && sentenceStart(tokens, i) {
		return nil
	}
	inName := partOfName(tokens, i)
	// Two letters are a country ("US", "UK") or an abbreviation ("U.N.",
	// "QC"), not a city's own name: a city is found by two only as
	// written here ("D.C.").
	abbrev := len(key) <= 2
	var out []hit
	for _, h := range hits {
		p := &ix.places[h.place]
		switch {
		case common && p.Kind != KindCountry && p.Population < minCommonPopulation:
		case h.grade&^gradeNoArticle == gradeAlternate && p.Population < minSingleAlternatePopulation:
		case inName && p.Kind != KindCountry:
		case abbrev && p.Kind == KindCity && h.grade&^gradeNoArticle != gradeAlias:
		default:
			out = append(out, h)
		}
	}
	return out
}

// partOfName reports whether token i stands next to a capitalised word
// that makes it part of a longer name, or heads one with "of".
func partOfName(tokens []string, i int) bool {
	if i > 0 && !sentenceStart(tokens, i) && nameWord(tokens[i-1]) {
		return true
	}
	// The head of a name with "of": "Bay of Bengal", "Isle of Man".
	if i+2 < len(tokens) && tokens[i+1] == "of" && nameWord(tokens[i+2]) {
		return true
	}
	return i+1 < len(tokens) && nameWord(tokens[i+1]) && !placeNouns[strings.ToLower(tokens[i+1])]
}

// nameWord reports whether a token is a capitalised word other than a
// calendar word ("in Beirut Tuesday") or a function word ("In Beirut").
func nameWord(tok string) bool {
	if !capitalised(tok) || !hasLower(tok) {
		return false
	}
	low := strings.ToLower(tok)
	return !calendar[low] && !functionWords[low]
}

// functionWords begin sentences capitalised before a place name.
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "at": true, "on": true, "from": true, "to": true,
	"of": true, "for": true, "by": true, "with": true, "near": true, "across": true, "inside": true,
	"outside": true, "into": true, "and": true, "but": true, "or": true, "as": true, "after": true,
	"before": true, "during": true, "since": true, "while": true, "when": true, "where": true,
	"both": true, "neither": true, "nor": true, "unlike": true, "like": true, "over": true, "around": true,
	"throughout": true, "beyond": true, "toward": true, "towards": true, "between": true, "against": true,
	"if": true, "though": true, "although": true, "meanwhile": true, "also": true, "only": true,
	"even": true, "this": true, "that": true, "these": true, "those": true, "its": true, "their": true,
}

// placeNouns may follow a city's name without making it part of
// another name: "Beirut Airport", "Gaza City".
var placeNouns = map[string]bool{
	"airport": true, "international": true, "port": true, "harbour": true, "harbor": true,
	"city": true, "province": true, "governorate": true, "district": true, "region": true,
	"county": true, "state": true, "oblast": true, "area": true, "suburbs": true,
}

// calendar words are capitalised without being names of places.
var calendar = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// demonymCapital matches "Iranian capital" (after an optional "the",
// which is not part of the match).
func (ix *index) demonymCapital(tokens, keys []string, i int) (Match, bool) {
	if i+1 >= len(tokens) || keys[i+1] != "capital" {
		return Match{}, false
	}
	iso3, ok := ix.demonyms[keys[i]]
	if !ok {
		return Match{}, false
	}
	p, ok := ix.capital[ix.countries[ix.byCode[iso3]].ISO2]
	if !ok {
		return Match{}, false
	}
	m := Match{Start: i, End: i + 2, QualifierStart: i, Text: tokens[i] + " " + tokens[i+1], cands: candidates{hits: []hit{{place: p, grade: gradeAlias}}}}
	m.Places = ix.rank(m.cands, nil)
	return m, true
}

// capitalOfCountry widens a country match to "capital of Iran" or
// "Iran's capital", making it a match of the capital.
func (ix *index) capitalOfCountry(tokens, keys []string, m *Match) {
	if len(m.cands.hits) == 0 {
		return
	}
	country := &ix.places[m.cands.hits[0].place]
	if country.Kind != KindCountry {
		return
	}
	p, ok := ix.capital[country.CountryISO2]
	if !ok {
		return
	}
	switch {
	case m.Start >= 2 && keys[m.Start-1] == "of" && keys[m.Start-2] == "capital":
		m.Start -= 2
	case m.End+1 < len(tokens) && (keys[m.End] == "s") && keys[m.End+1] == "capital":
		m.End += 2
	case m.End < len(tokens) && keys[m.End] == "capital" && isPossessive(tokens[m.End-1]):
		m.End++
	default:
		return
	}
	m.cands = candidates{hits: []hit{{place: p, grade: gradeAlias}}}
}

// known reports whether a key is a name or begins one.
func (ix *index) known(key string) bool {
	if _, ok := ix.one[key]; ok {
		return true
	}
	if _, ok := ix.many[key]; ok {
		return true
	}
	_, ok := ix.prefixes[key]
	return ok
}

func isPossessive(tok string) bool {
	_, ok := trimPossessive(tok)
	return ok
}

func trimPossessive(tok string) (string, bool) {
	for _, s := range [...]string{"'s", "\u2019s"} {
		if bare, ok := strings.CutSuffix(tok, s); ok {
			return bare, true
		}
	}
	return tok, false
}

// qualifierBefore reads a direction before token i: "western", "north
// -eastern", "north of".
func qualifierBefore(keys []string, i int) (string, int) {
	if i >= 1 && directions[strings.ReplaceAll(keys[i-1], " ", "")] {
		return strings.ReplaceAll(keys[i-1], " ", ""), i - 1
	}
	if i >= 2 && keys[i-1] == "of" && directions[strings.ReplaceAll(keys[i-2], " ", "")] {
		return strings.ReplaceAll(keys[i-2], " ", "") + " of", i - 2
	}
	return "", i
}

// insideName reports whether token i continues a name after an Arabic
// article ("Ras al-Ayn", "Ain al - Asad"): a match there would take the
// tail of a name the gazetteer does not know for a place it does.
func insideName(tokens []string, i int) bool {
	j := i - 1
	if j >= 0 && isJoiner(tokens[j]) {
		j--
	}
	if j < 1 {
		return false
	}
	_, article := gaz.StripArticle(strings.ToLower(tokens[j]) + " x")
	return article && !capitalised(tokens[j]) && capitalised(tokens[j-1])
}

// capitalised reports whether a token begins with a capital letter.
func capitalised(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsUpper(r)
}

func hasLower(tok string) bool {
	return strings.IndexFunc(tok, unicode.IsLower) >= 0
}

// isJoiner reports whether a token without letters may sit inside a
// name: a hyphen ("Ras al - Ayn") or an apostrophe.
func isJoiner(tok string) bool {
	switch tok {
	case "-", "\u2010", "\u2011", "'", "\u2019", "`":
		return true
	}
	return false
}

// sentenceStart reports whether token i begins a sentence (or a quote
// or heading), where capitals say nothing about names.
func sentenceStart(tokens []string, i int) bool {
	if i == 0 {
		return true
	}
	switch tokens[i-1] {
	case ".", "!", "?", ":", ";", "\"", "\u201c", "\u2018", "'", "(", "-", "\u2013", "\u2014", "\n", "...", "\u2026":
		return true
	}
	return false
}
