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
}

// pronoun resolves a personal pronoun at tok to the most recent compatible
// party before it: he/she to a person, it/they to a group or country;
// subjects are preferred within the same and the previous sentence.
func (r *resolver) pronoun(tok int) (party, bool) {
	w := strings.ToLower(r.ac.doc.Tokens[tok].Text)
	var wantPerson bool
	switch w {
	case "he", "him", "his", "she", "her", "himself", "herself":
		wantPerson = true
	case "it", "its", "they", "them", "their", "itself":
		wantPerson = false
	default:
		return party{}, false
	}
	sent := r.ac.sentenceOf(tok)
	best := -1
	for i := len(r.recent) - 1; i >= 0; i-- {
		rp := r.recent[i]
		if rp.tok >= tok || rp.party.person != wantPerson {
			continue
		}
		// "he" is a named, coded person before an uncoded name the
		// tagger took for one.
		if wantPerson && rp.party.actors[0].Code == "" {
			continue
		}
		if s := r.ac.sentenceOf(rp.tok); s < sent-3 {
			break
		}
		if best < 0 {
			best = i
		}
		if rp.subject {
			best = i
			break
		}
	}
	if best < 0 {
		return party{}, false
	}
	return r.recent[best].party, true
}

// actorAt is the actor a token refers to, through names, pronouns and
// descriptions; for quote speakers.
func (r *resolver) actorAt(tok int) (dyad.Actor, bool) {
	if tok < 0 || tok >= len(r.ac.doc.Tokens) {
		return dyad.Actor{}, false
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
		return dyad.Actor{}, false
	}
	return ps[0].actors[0], true
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
