package coder

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/dict"
)

// mention is a span of a sentence that names an actor, an agent ("troops",
// "Secretary of State") or a person the dictionaries lack.
type mention struct {
	start, end int // token span, half-open, Doc indices
	head       int // the span's syntactic head
	// codes are the actor's codes on the article's date; empty for an
	// agent or an uncoded person.
	codes []string
	name  string
	// agent is set for an agent phrase.
	agent *dict.Agent
	// person marks a personal name found by shape (PROPN run, PER tag),
	// coded later from its title or appositive.
	person bool
	// country marks a country (dictionary, gazetteer or demonym), used
	// for "this nation" and for people without a country.
	country bool
}

// wordsOf returns the dictionary forms of the tokens: upper case.
func wordsOf(doc *dyad.Doc) []string {
	return upperEach(len(doc.Tokens), func(i int) string { return doc.Tokens[i].Text })
}

// upperEach returns the upper case of n strings as strings.ToUpper writes
// it, in one allocation (see convertEach).
func upperEach(n int, text func(i int) string) []string {
	return convertEach(n, text, hasLowerOrNonASCII, appendUpper, 0)
}

func appendUpper(dst []byte, s string) []byte {
	for _, r := range s {
		dst = utf8.AppendRune(dst, unicode.ToUpper(r))
	}
	return dst
}

// hasLowerOrNonASCII reports whether upper-casing may change s.
func hasLowerOrNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; ('a' <= c && c <= 'z') || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// findMentions finds the actor, agent and person mentions of the sentence
// [start, end), left to right, longest match first.
func (c *Coder) findMentions(doc *dyad.Doc, words []string, start, end int, date time.Time) []mention {
	var ms []mention
	for i := start; i < end; {
		t := doc.Tokens[i]
		if t.UPOS == "PUNCT" || t.UPOS == "ADP" || t.UPOS == "CCONJ" {
			i++
			continue
		}
		na, actor := c.dicts.Actors.Match(words[i:end])
		// A determiner is part of a name only when the dictionary
		// writes it ("THE_HERMIT_KINGDOM", "THE_AU").
		if t.UPOS == "DET" && (na == 0 || len(actor.CodesAt(date)) == 0) {
			i++
			continue
		}
		// A short lower-case word is not an abbreviated name: "un" of
		// "Kim Jong-un" is not the UN.
		if na == 1 && len(t.Text) <= 3 && strings.ToLower(t.Text) == t.Text {
			na = 0
		}
		ng, agent := c.dicts.Agents.Match(words[i:end])
		switch {
		case na > 0 && na >= ng:
			codes := codesOn(actor, date)
			if len(codes) == 0 {
				break
			}
			ms = append(ms, mention{start: i, end: i + na, head: spanHead(doc, i, i+na), codes: codes,
				name: c.displayName(actor.Name), country: isCountryCode(codes)})
			i += na
			continue
		case ng > 0:
			ms = append(ms, mention{start: i, end: i + ng, head: spanHead(doc, i, i+ng), agent: agent, name: c.displayName(agent.Name)})
			i += ng
			continue
		}
		if m, ok := c.gazetteerMention(doc, i, end); ok {
			ms = append(ms, m)
			i = m.end
			continue
		}
		afterTitle := len(ms) > 0 && ms[len(ms)-1].agent != nil && ms[len(ms)-1].end == i
		if n := personRun(doc, i, end, afterTitle); n > 0 {
			// A name ending in an institution's word ("State
			// Department", "Foreign Ministry") is a government body,
			// not a person: an agent owned by the country written
			// with it.
			for k := i + 1; k < i+n-1; k++ {
				// "State Department Spokesperson": the body, then the
				// title.
				if _, ok := institutionAgents[words[k]]; ok {
					n = k + 1 - i
					break
				}
			}
			if ag, ok := institutionAgents[words[i+n-1]]; ok && n > 1 {
				ms = append(ms, mention{start: i, end: i + n, head: spanHead(doc, i, i+n), agent: ag, name: spanText(doc, i, i+n)})
				i += n
				continue
			}
			ms = append(ms, mention{start: i, end: i + n, head: spanHead(doc, i, i+n), person: true, name: spanText(doc, i, i+n)})
			i += n
			continue
		}
		i++
	}
	return ms
}

// institutionAgents are the agents of government bodies the
// dictionaries name only in full, keyed by the body's last word.
var institutionAgents = map[string]*dict.Agent{
	"DEPARTMENT": {Code: "GOV", Name: "DEPARTMENT"},
	"MINISTRY":   {Code: "GOV", Name: "MINISTRY"},
	"OFFICE":     {Code: "GOV", Name: "OFFICE"},
	"AGENCY":     {Code: "GOV", Name: "AGENCY"},
}

// codesOn is the actor's codes on date. Of overlapping date restrictions
// the first written holds, as in PETRARCH ("[ORCHOB 20100109-20100112]
// overrides the next restriction"); undated codes all hold ("THE_SHIRE
// [FRO/BIL/SAM]" is the three).
func codesOn(a *dict.Actor, date time.Time) []string {
	codes := a.CodesAt(date)
	if len(codes) > 1 {
		for _, c := range a.Codes {
			if c.Dated() && c.Code == codes[0] {
				return codes[:1]
			}
		}
	}
	return codes
}

// gazetteerMention finds a country name or a demonym the dictionaries
// lack ("Iranian", "Iran-backed" is left to the dictionaries).
func (c *Coder) gazetteerMention(doc *dyad.Doc, i, end int) (mention, bool) {
	t := doc.Tokens[i]
	if t.UPOS != "PROPN" && t.UPOS != "ADJ" {
		return mention{}, false
	}
	for n := min(4, end-i); n >= 1; n-- {
		if !allProper(doc, i, i+n) && n > 1 {
			continue
		}
		if iso3, ok := c.gazetteer.country(spanText(doc, i, i+n)); ok {
			return mention{start: i, end: i + n, head: spanHead(doc, i, i+n), codes: []string{iso3}, name: countryName(iso3), country: true}, true
		}
	}
	if code, ok := c.gazetteer.demonym(t.Text); ok {
		return mention{start: i, end: i + 1, head: i, codes: []string{code}, name: countryName(code), country: true}, true
	}
	return mention{}, false
}

func allProper(doc *dyad.Doc, start, end int) bool {
	for i := start; i < end; i++ {
		if doc.Tokens[i].UPOS != "PROPN" {
			return false
		}
	}
	return true
}

// personRun is the length of a personal name at i: a run of capitalised
// proper nouns, either tagged PER, of two words or more, or right after a
// title; 0 if there is none.
func personRun(doc *dyad.Doc, i, end int, afterTitle bool) int {
	n := 0
	per := false
	for j := i; j < end && j < i+5; j++ {
		t := doc.Tokens[j]
		// A hyphen written without spaces between two capitalised
		// words joins them: "Khaled Al-Maeena", "El-Hassan".
		if t.Text == "-" && n > 0 && j+1 < end && doc.Tokens[j-1].End == t.Start && t.End == doc.Tokens[j+1].Start &&
			doc.Tokens[j+1].UPOS == "PROPN" && capitalised(doc.Tokens[j+1].Text) {
			n++
			continue
		}
		if t.UPOS != "PROPN" || !capitalised(t.Text) {
			break
		}
		if strings.HasSuffix(t.NER, "PER") {
			per = true
		}
		n++
	}
	if n == 0 || (!per && n < 2 && !afterTitle) {
		return 0
	}
	return n
}

func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// spanHead is the token of [start, end) whose head lies outside it.
func spanHead(doc *dyad.Doc, start, end int) int {
	for i := start; i < end; i++ {
		h := doc.Tokens[i].Head
		if h < start || h >= end {
			return i
		}
	}
	return end - 1
}

func spanText(doc *dyad.Doc, start, end int) string {
	if start >= end {
		return ""
	}
	a, b := doc.Tokens[start].Start, doc.Tokens[end-1].End
	if a < 0 || b > len(doc.Text) || a > b {
		return ""
	}
	return doc.Text[a:b]
}

// displayName is the package function displayName, memoised.
func (c *Coder) displayName(name string) string {
	if v, ok := c.displayNames.Load(name); ok {
		return v.(string)
	}
	d := displayName(name)
	c.displayNames.Store(name, d)
	return d
}

// displayName turns a dictionary name ("ANTONY_BLINKEN") into a readable
// one ("Antony Blinken").
func displayName(name string) string {
	words := strings.Split(strings.Trim(name, "_"), "_")
	for i, w := range words {
		if len(w) <= 3 && strings.ToUpper(w) == w && i > 0 && (w == "OF" || w == "THE" || w == "AND") {
			words[i] = strings.ToLower(w)
			continue
		}
		if len(w) > 1 {
			words[i] = w[:1] + strings.ToLower(w[1:])
		}
	}
	return strings.Join(words, " ")
}

// isCountryCode reports whether the codes are a bare country (three
// letters, not an IGO or group prefix).
func isCountryCode(codes []string) bool {
	return len(codes) == 1 && len(codes[0]) == 3 && !strings.HasPrefix(codes[0], "IGO") && !strings.HasPrefix(codes[0], "NGO")
}
