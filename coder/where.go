package coder

import (
	"strings"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/geo"
)

// Limits of the place finder.
const (
	// whereMaxHops is how far below its predicate an event's place words
	// may hang: "a rocket attack on al Asad airbase in western Iraq
	// wounded" puts "Iraq" three hops under "wounded".
	whereMaxHops = 5
	// maxPlaceTokens bounds the tokens scanned for place names; a longer
	// Doc is read up to it.
	maxPlaceTokens = 50_000
)

// scopedPlace is a place name of the article, resolved in the article's
// context.
type scopedPlace struct {
	start, end int // the name's tokens, with its direction word
	head       int // the name's head token
	sentence   int
	place      geo.Place
	// locative marks a name said as a place where ("in Tehran", "at a
	// base in Iraq") rather than as an actor or modifier ("U.S. troops",
	// "told Iran").
	locative bool
}

// placeScope holds an article's place names and what settles their
// ambiguity, built once per article by newPlaceScope.
type placeScope struct {
	places      []scopedPlace
	bySentence  map[int][]int // sentence → indices in places
	paragraphOf func(sentence int) int
	dateline    *dyad.Location
}

// locativePreps are the prepositions that say where something happened.
// "on" and "against" name a target ("a strike on Beirut"), a place only
// when it is a city or a division: "attacks on Israel" are on a state.
var locativePreps = map[string]bool{
	"in": true, "at": true, "near": true, "outside": true, "inside": true, "across": true, "into": true,
	"throughout": true, "around": true, "across from": true, "within": true, "off": true, "on": true, "against": true,
}

// facilityNouns name sites the gazetteer does not hold; a named one
// ("al Asad airbase") is kept as the location's name.
var facilityNouns = map[string]bool{
	"base": true, "airbase": true, "airport": true, "airfield": true, "camp": true, "port": true, "checkpoint": true,
	"crossing": true, "hospital": true, "prison": true, "embassy": true, "consulate": true, "compound": true,
	"refinery": true, "facility": true, "plant": true, "mosque": true, "church": true, "square": true, "palace": true,
}

// placeContext is what an article's coding tells the place finder.
type placeContext struct {
	// paragraphOf maps a sentence to its paragraph; nil means the Doc's
	// blank-line-separated blocks.
	paragraphOf func(sentence int) int
	// demonym looks up a nationality word's country (a Coder's cache of
	// geo.Demonym); nil means geo.Demonym.
	demonym func(word string) (string, bool)
	// institution reports tokens [start, end) that name an institution
	// the dictionaries know ("the White House", which GeoNames lists as
	// a name of Casablanca); nil means none is known.
	institution func(start, end int) bool
}

// newPlaceScope finds the article's place names and resolves them in its
// context: the countries it mentions, weighted by how often, and its
// dateline's country. What the article's coding knows besides comes in
// pc, whose nil fields have defaults.
func newPlaceScope(a *dyad.Article, d *docTrees, pc placeContext) *placeScope {
	doc := d.doc
	paragraphOf, demonym := pc.paragraphOf, pc.demonym
	sc := &placeScope{bySentence: map[int][]int{}, paragraphOf: paragraphOf}
	if sc.paragraphOf == nil {
		paras := blankLineParagraphs(doc)
		sc.paragraphOf = func(s int) int {
			if s < 0 || s >= len(paras) {
				return -1
			}
			return paras[s]
		}
	}
	var ctx geo.Context
	if a != nil && a.Dateline.Country != "" {
		ctx.Dateline = a.Dateline.Country
	}
	if demonym == nil {
		demonym = geo.Demonym
	}
	var matches []geo.Match
	if doc != nil {
		words := d.words[:min(len(d.words), maxPlaceTokens)]
		matches = geo.FindPlaces(words)
		for _, m := range matches {
			// An ambiguous name ("Tripoli") is what the context is for;
			// only names of one country say what the story is about.
			if oneCountry(m.Places) {
				ctx.Add(m.Places[0], 1)
			}
		}
		for i := range words {
			if doc.Tokens[i].UPOS == "ADJ" || doc.Tokens[i].UPOS == "PROPN" {
				if iso3, ok := demonym(words[i]); ok {
					if ctx.Countries == nil {
						ctx.Countries = map[string]float64{}
					}
					ctx.Countries[iso3] += 0.5
				}
			}
		}
	}
	sc.places = make([]scopedPlace, 0, len(matches))
	for _, m := range matches {
		p, ok := m.Resolve(ctx)
		if !ok || inPersonOrOrgName(doc, m.Start, m.End, p.Kind == geo.KindCountry) ||
			pc.institution != nil && p.Kind != geo.KindCountry && pc.institution(m.Start, m.End) {
			continue
		}
		si := sentenceIndexOf(doc, m.Start)
		t, ok := d.sentence(si)
		if !ok || m.End > t.end {
			continue
		}
		sp := scopedPlace{start: m.QualifierStart, end: m.End, head: t.spanHeadIn(m.Start, m.End), sentence: si, place: p}
		sp.locative = t.locativeAt(sp.head, -1, p)
		sc.bySentence[si] = append(sc.bySentence[si], len(sc.places))
		sc.places = append(sc.places, sp)
	}
	if a != nil {
		sc.dateline = datelineLocation(a, ctx)
	}
	return sc
}

func oneCountry(ps []geo.Place) bool {
	for _, p := range ps {
		if p.Country != ps[0].Country {
			return false
		}
	}
	return len(ps) > 0
}

// datelineLocation geocodes the dateline's place, or its country alone.
func datelineLocation(a *dyad.Article, ctx geo.Context) *dyad.Location {
	if a.Dateline.Place != "" {
		if p, ok := geo.Resolve(a.Dateline.Place, ctx); ok && (a.Dateline.Country == "" || strings.EqualFold(p.CountryISO2, a.Dateline.Country)) {
			return locationOf(p, "", "dateline")
		}
		// "ANNAPOLIS, Md.": the city alone.
		if city, _, ok := strings.Cut(a.Dateline.Place, ","); ok {
			if p, ok := geo.Resolve(city, ctx); ok && (a.Dateline.Country == "" || strings.EqualFold(p.CountryISO2, a.Dateline.Country)) {
				return locationOf(p, "", "dateline")
			}
		}
	}
	if c, ok := geo.Country(a.Dateline.Country); ok {
		if p, ok := geo.Resolve(c.Name, ctx); ok {
			return locationOf(p, "", "dateline")
		}
	}
	return nil
}

// inPersonOrOrgName reports a name inside a person entity ("Austin" of "Lloyd
// Austin") or one, other than a country's, that the entity recogniser
// tags a person ("Obama", "Gloria", "Clinton"): it read the context better
// than a gazetteer that holds towns of those names. A town's name in an
// organisation's ("the New York Times", "the White House", which
// GeoNames lists as a name of Casablanca) is no place either.
func inPersonOrOrgName(doc *dyad.Doc, start, end int, country bool) bool {
	for _, e := range doc.Entities {
		if e.Start > start || end > e.End {
			continue
		}
		switch e.Label {
		case "PER":
			if e.End-e.Start > end-start || !country {
				return true
			}
		case "ORG":
			if !country {
				return true
			}
		}
	}
	return false
}

// locativeAt reports whether the place word at h is said as a place where:
// it or a noun it modifies up to stop ("a base in Iraq", "the Iranian
// capital of Tehran") is marked by a locative preposition.
func (t *sentenceTree) locativeAt(h, stop int, p geo.Place) bool {
	for i, hops := h, 0; i >= 0 && i != stop && hops < whereMaxHops; hops++ {
		if prep := t.caseWord(i); prep != "" {
			if !locativePreps[prep] {
				return prep == "of" && t.nominal(t.head(i)) && t.locativeAt(t.head(i), stop, p)
			}
			return (prep != "on" && prep != "against") || p.Kind != geo.KindCountry
		}
		if !t.nominal(i) || t.tok(i).DepRel == "nsubj" || t.tok(i).DepRel == "obj" {
			return false
		}
		i = t.head(i)
	}
	return false
}

func (t *sentenceTree) nominal(i int) bool {
	if !t.in(i) {
		return false
	}
	switch t.tok(i).UPOS {
	case "NOUN", "PROPN", "NUM":
		return true
	}
	return false
}

// caseWord returns the lower-case preposition marking token i, if any.
func (t *sentenceTree) caseWord(i int) string {
	for _, k := range t.children(i) {
		if t.tok(k).DepRel == "case" && k < i {
			return t.lower(k)
		}
	}
	return ""
}

// eventPlace returns where the event of the predicate at token pred
// happened: the place words attached to it ("in western Iraq", "a strike
// on Beirut", "at al Asad airbase in western Iraq"), else the first
// place said as a place where in its paragraph, else the dateline; nil
// when there is none. A named site the gazetteer lacks keeps its name
// with the place of the words around it ("al Asad airbase" in Iraq).
func eventPlace(trees *docTrees, pred int, sc *placeScope) *dyad.Location {
	if sc == nil {
		return nil
	}
	t, ok := trees.treeOf(pred)
	if !ok {
		return sc.dateline
	}
	best, bestCost := -1, 0
	for _, pi := range sc.bySentence[t.index] {
		p := &sc.places[pi]
		cost := t.attachment(p.head, pred, whereMaxHops)
		if cost < 0 {
			continue
		}
		if !t.locativeAt(p.head, pred, p.place) && !t.directObjectPlace(p, pred) {
			continue
		}
		// A city says more than its division, a division more than its
		// country.
		cost = 4*cost + 3 - int(p.place.Kind)
		if best < 0 || cost < bestCost {
			best, bestCost = pi, cost
		}
	}
	if best >= 0 {
		p := &sc.places[best]
		return locationOf(p.place, t.siteName(p.head, pred), "sentence")
	}
	para := sc.paragraphOf(t.index)
	if para >= 0 {
		// The paragraph's places said as places where, nearest sentence
		// first.
		for d := 0; d < len(trees.doc.Sentences); d++ {
			found := false
			for _, s := range [2]int{t.index - d, t.index + d} {
				if s < 0 || s >= len(trees.doc.Sentences) || sc.paragraphOf(s) != para {
					continue
				}
				found = true
				for _, pi := range sc.bySentence[s] {
					if sc.places[pi].locative {
						return locationOf(sc.places[pi].place, "", "paragraph")
					}
				}
				if d == 0 {
					break
				}
			}
			if !found {
				break
			}
		}
	}
	return sc.dateline
}

// directObjectPlace reports a city or division that is the predicate's
// object: "shelled Kharkiv", "entered Gaza City".
func (t *sentenceTree) directObjectPlace(p *scopedPlace, pred int) bool {
	return p.place.Kind != geo.KindCountry && t.head(p.head) == pred && t.tok(p.head).DepRel == "obj"
}

// siteName returns the name of a named site between the place words at h
// and the predicate ("al Asad airbase" in "an attack on al Asad airbase
// in western Iraq"), empty if there is none.
func (t *sentenceTree) siteName(h, pred int) string {
	for i, hops := t.head(h), 0; i >= 0 && i != pred && hops < whereMaxHops; hops++ {
		if !t.nominal(i) {
			return ""
		}
		if facilityNouns[strings.ToLower(t.tok(i).Lemma)] || facilityNouns[t.lower(i)] {
			from := i
			for _, k := range t.children(i) {
				switch baseRel(t.tok(k).DepRel) {
				case "compound", "flat", "amod":
					if k < from && (t.tok(k).UPOS == "PROPN" || capitalisedWord(t.tok(k).Text)) {
						from, _ = t.subtreeSpan(k)
					}
				}
			}
			if from == i {
				return ""
			}
			// The Arabic article is part of the name ("al Asad"),
			// whatever the tagger made of it.
			if k := from - 1; t.in(k) && t.head(k) == i && arabicArticles[strings.ToLower(t.tok(k).Text)] {
				from = k
			}
			return t.text(from, i+1)
		}
		i = t.head(i)
	}
	return ""
}

// arabicArticles begin Arabic names written with a space ("al Asad").
var arabicArticles = map[string]bool{"al": true, "el": true}

func capitalisedWord(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

// locationOf makes a Location of a place; site, when given, names the
// spot within it. A direction word is kept in the name ("western Iraq").
func locationOf(p geo.Place, site, source string) *dyad.Location {
	name := p.Name
	if p.Qualifier != "" {
		name = p.Qualifier + " " + name
	}
	if site != "" {
		name = site + ", " + name
	}
	return &dyad.Location{Name: name, Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon, GeonameID: p.GeonameID, Source: source}
}

// blankLineParagraphs numbers each sentence's paragraph: a paragraph
// ends at a blank line of the Doc's text.
func blankLineParagraphs(doc *dyad.Doc) []int {
	if doc == nil {
		return nil
	}
	out := make([]int, len(doc.Sentences))
	para, prevEnd := 0, -1
	for si, s := range doc.Sentences {
		if s.Start < 0 || s.Start >= len(doc.Tokens) {
			out[si] = para
			continue
		}
		start := doc.Tokens[s.Start].Start
		if prevEnd >= 0 && prevEnd <= start && start <= len(doc.Text) && strings.Count(doc.Text[prevEnd:start], "\n") >= 2 {
			para++
		}
		out[si] = para
		if e := s.End - 1; e >= 0 && e < len(doc.Tokens) {
			prevEnd = doc.Tokens[e].End
		}
	}
	return out
}
