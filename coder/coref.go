package coder

import (
	"strings"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/geo"
)

// resolver holds what the article has said about its actors so far, in
// reading order: names (full and surname) of coded people, and the recent
// actors pronouns and descriptions refer to.
type resolver struct {
	ac *articleCoding
	// names maps a person's upper-case full name and surname to them.
	names map[string]party
	// recent lists resolved mentions in reading order.
	recent []recentParty
	// home is the article's own country (dateline, else most mentioned).
	home string
}

// party is a resolved participant: one or more actors (a compound actor
// has several codes) and what kind of thing it is.
type party struct {
	actors []dyad.Actor
	person bool
}

type recentParty struct {
	tok     int
	party   party
	subject bool
}

func newResolver(ac *articleCoding) *resolver {
	return &resolver{ac: ac, names: map[string]party{}}
}

// note records a resolved party at token tok for later pronouns.
func (r *resolver) note(tok int, p party) {
	if len(p.actors) == 0 {
		return
	}
	rel := r.ac.doc.Tokens[tok].DepRel
	r.recent = append(r.recent, recentParty{tok: tok, party: p, subject: strings.HasPrefix(rel, "nsubj")})
	if mi := r.ac.mentionAt[tok]; mi >= 0 && !r.ac.mentions[mi].person {
		if a, ok := r.acronymAfter(r.ac.mentions[mi].end); ok {
			if _, known := r.names[a]; !known {
				r.names[a] = p
			}
		}
	}
}

// acronymAfter reads the acronym a name introduces in parentheses right
// after it, ending at token end: "Korean Central News Agency (KCNA)".
// The acronym must begin with the initial of one of the four words
// before it and end with that of the last, so "(AP)" after a name that
// is not the Associated Press's is a byline, not its acronym.
func (r *resolver) acronymAfter(end int) (string, bool) {
	toks := r.ac.doc.Tokens
	if end < 1 || end+2 >= len(toks) || toks[end].Text != "(" || toks[end+2].Text != ")" {
		return "", false
	}
	a := toks[end+1].Text
	if len(a) < 2 || len(a) > 8 {
		return "", false
	}
	for i := 0; i < len(a); i++ {
		if a[i] < 'A' || a[i] > 'Z' {
			return "", false
		}
	}
	if last := toks[end-1].Text; last == "" || last[0] != a[len(a)-1] {
		return "", false
	}
	for i := end - 1; i >= max(0, end-4); i-- {
		if w := toks[i].Text; w != "" && w[0] == a[0] {
			return a, true
		}
	}
	return "", false
}

// pronoun resolves a personal pronoun at tok to a compatible party before
// it: he/she to a person, it/they to a group or country. As in Hobbs'
// search (see antecedent), the pronoun's own sentence comes first: its subject, else its
// latest party ("Iraq's military condemned what it called ..." is the
// military's word even when the parse misses the subject); then the
// three sentences before, latest first, a subject preferred.
func (r *resolver) pronoun(tok int) (party, bool) {
	switch strings.ToLower(r.ac.doc.Tokens[tok].Text) {
	case "he", "him", "his", "she", "her", "himself", "herself":
		return r.antecedent(tok, true)
	case "it", "its", "they", "them", "their", "itself":
		return r.antecedent(tok, false)
	}
	return party{}, false
}

// antecedent is the party a reference at tok (a pronoun, "the
// statement") stands for: a person or not, as wantPerson says.
func (r *resolver) antecedent(tok int, wantPerson bool) (party, bool) {
	sent := r.ac.sentenceOf(tok)
	same, before, beforeSubject := -1, -1, -1
	for i := len(r.recent) - 1; i >= 0 && beforeSubject < 0; i-- {
		rp := r.recent[i]
		if rp.tok >= tok || rp.party.person != wantPerson {
			continue
		}
		// "he" is a named, coded person before an uncoded name the
		// tagger took for one; an uncoded name the entity recogniser
		// also tags a person is one ("Kevin Allton ... he said").
		if wantPerson && rp.party.actors[0].Code == "" && !strings.HasSuffix(r.ac.doc.Tokens[rp.tok].NER, "-PER") {
			continue
		}
		s := r.ac.sentenceOf(rp.tok)
		if s < sent-3 {
			break
		}
		subject := rp.subject || r.opensSentence(rp.tok)
		switch {
		case s == sent && subject:
			return rp.party, true
		case s == sent && same < 0:
			same = i
		case s != sent && before < 0:
			before = i
		}
		if s != sent && subject {
			beforeSubject = i
		}
	}
	for _, i := range [...]int{same, beforeSubject, before} {
		if i >= 0 {
			return r.recent[i].party, true
		}
	}
	return party{}, false
}

// opensSentence reports a word of the noun phrase a sentence opens with,
// its subject in all but a few sentences: only determiners, names,
// nouns, adjectives, numbers, possessive markers and punctuation come
// before it ("Iraq's military", "The Lebanese group Hezbollah").
func (r *resolver) opensSentence(tok int) bool {
	si := r.ac.sentenceOf(tok)
	if si < 0 {
		return false
	}
	for i := r.ac.doc.Sentences[si].Start; i < tok; i++ {
		switch r.ac.doc.Tokens[i].UPOS {
		case "DET", "PROPN", "NOUN", "ADJ", "NUM", "PART", "PUNCT":
		default:
			return false
		}
	}
	return true
}

// actorAt is the actor a token refers to, through names, pronouns and
// descriptions; for quote speakers.
func (r *resolver) actorAt(tok int) (dyad.Actor, bool) {
	p, ok := r.partyAt(tok)
	if !ok {
		return dyad.Actor{}, false
	}
	return p.actors[0], true
}

// partyAt is actorAt's party, which says whether it is a person.
func (r *resolver) partyAt(tok int) (party, bool) {
	if tok < 0 || tok >= len(r.ac.doc.Tokens) {
		return party{}, false
	}
	// A title written right before a name ("Secretary of State Antony
	// Blinken said") stands for that person.
	if mi := r.ac.mentionAt[tok]; mi >= 0 && !r.ac.mentions[mi].person {
		if end := r.ac.mentions[mi].end; end < len(r.ac.mentionAt) {
			if pi := r.ac.mentionAt[end]; pi >= 0 && r.ac.mentions[pi].person && r.ac.mentions[pi].start == end {
				tok = r.ac.mentions[pi].head
			}
		}
	}
	ps := r.ac.actorsAt(tok)
	if len(ps) == 0 || len(ps[0].actors) == 0 {
		return party{}, false
	}
	return ps[0], true
}

// issuedBy is the actor a statement, report or the like names as its
// own ("the ministry's statement", "a statement from Hezbollah", "a
// Hamas statement"); ok is false for another word or an unnamed issuer.
func (r *resolver) issuedBy(tok int) (dyad.Actor, bool) {
	if !r.issued(tok) {
		return dyad.Actor{}, false
	}
	for _, ch := range r.ac.children[tok] {
		switch r.ac.doc.Tokens[ch].DepRel {
		case "nmod":
			if !r.markedBy(ch, "from", "by", "of") {
				continue // "a statement on Iran"
			}
		case "nmod:poss", "compound", "amod":
		default:
			continue
		}
		if a, ok := r.actorAt(ch); ok && !strings.HasPrefix(a.Code, "---") {
			return a, true
		}
	}
	return dyad.Actor{}, false
}

// issued reports a word naming what an organisation issues and news
// quotes as speaking: "..., the statement said".
func (r *resolver) issued(tok int) bool {
	return tok >= 0 && tok < len(r.ac.doc.Tokens) && issuedNouns[strings.ToLower(r.ac.doc.Tokens[tok].Lemma)]
}

// markedBy reports whether token tok has one of the prepositions as its
// case marker.
func (r *resolver) markedBy(tok int, preps ...string) bool {
	for _, ch := range r.ac.children[tok] {
		if t := r.ac.doc.Tokens[ch]; t.DepRel == "case" {
			for _, p := range preps {
				if strings.EqualFold(t.Text, p) {
					return true
				}
			}
		}
	}
	return false
}

// issuedNouns name what an organisation issues and news quotes as
// speaking.
var issuedNouns = map[string]bool{
	"statement": true, "communique": true, "communiqué": true, "release": true, "announcement": true,
	"report": true, "declaration": true, "letter": true, "notice": true, "bulletin": true,
}

// homeCountry decides the article's own country: the dateline's, else the
// most mentioned country.
func (r *resolver) homeCountry(a *dyad.Article, counts map[string]int) string {
	if a.Dateline.Country != "" {
		if c, ok := geo.Country(a.Dateline.Country); ok {
			return c.ISO3
		}
	}
	best, n := "", 0
	for code, k := range counts {
		if k > n || (k == n && code < best) {
			best, n = code, k
		}
	}
	return best
}

// nationWords refer to the article's own country ("this nation").
var nationWords = map[string]bool{"nation": true, "country": true}

// personTitles are agent heads that name one person, so "the top U.S.
// diplomat" can be the Secretary of State already named.
var personTitles = map[string]bool{
	"DIPLOMAT": true, "MINISTER": true, "SECRETARY": true, "PRESIDENT": true, "LEADER": true,
	"SPOKESMAN": true, "SPOKESWOMAN": true, "ENVOY": true, "CHIEF": true, "COMMANDER": true,
}
