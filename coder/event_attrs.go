package coder

import (
	"sort"
	"strings"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/geo"
)

// attributes fills an event's date, place and toll.
func (ac *articleCoding) attributes(ev *dyad.Event, v int) {
	storyDate := ac.date.Format(time.DateOnly)
	if date, prec, ok := eventTimeWords(ac.trees, v, ac.date); ok {
		ev.Date, ev.DatePrecision = date, prec
		ac.lastDated = datedEvent{sentence: ev.SentenceIndex, date: date, precision: prec, set: true}
	} else if l := ac.lastDated; l.set && ev.SentenceIndex-l.sentence <= whenCarrySentences && l.date <= storyDate && ac.pastClause(v) {
		// A narrative goes on in the time its last dated event set: "Yesterday,
		// the North fired ... The South retaliated by firing ..." A date
		// after the story's ("a meeting in Christchurch on May 16") is not
		// one a past-tense verb goes on in.
		ev.Date, ev.DatePrecision = l.date, l.precision
	} else {
		ev.Date, ev.DatePrecision = storyDate, "day"
	}
	if ac.places == nil {
		ac.places = newPlaceScope(ac.art, ac.trees, placeContext{paragraphOf: ac.paragraphOf, demonym: ac.c.gazetteer.demonym, institution: ac.institution})
	}
	ev.Location = eventPlace(ac.trees, v, ac.places)
	if l := ev.Location; l != nil && l.Source == "paragraph" && !placeFitsActors(ev, l.Country) {
		ev.Location = ac.places.dateline
	}
	tl := eventToll(ac.trees, v)
	ev.Killed, ev.Wounded = tl.Killed, tl.Wounded
}

// institution reports tokens [start, end) inside one mention of a
// dictionary actor that is an organ or a body ("the White House" is
// USAGOV, "the New York Times" MED), not a country or a region of one
// ("Gaza" is PSEGZA, a place).
func (ac *articleCoding) institution(start, end int) bool {
	if start < 0 || end > len(ac.mentionAt) || start >= end {
		return false
	}
	mi := ac.mentionAt[start]
	if mi < 0 || ac.mentionAt[end-1] != mi {
		return false
	}
	m := &ac.mentions[mi]
	if m.country || m.person || len(m.codes) == 0 {
		return false
	}
	code := m.codes[0]
	return len(code) >= 3 && institutionSectors[code[len(code)-3:]]
}

// institutionSectors are the CAMEO sector codes of bodies and organs.
var institutionSectors = map[string]bool{
	"GOV": true, "MIL": true, "MED": true, "EDU": true, "BUS": true, "JUD": true, "LEG": true, "PTY": true,
	"COP": true, "SPY": true, "REL": true, "HLH": true, "NGO": true, "IGO": true, "ELI": true, "LAB": true,
}

// placeFitsActors reports whether a place borrowed from the event's
// paragraph can be where it happened: not when both sides are states or
// their organs and the place is in neither ("Iran has blamed the U.S."
// is not in Beirut because the sentence before was).
func placeFitsActors(ev *dyad.Event, country string) bool {
	if ev.Target == nil {
		return true
	}
	src, tgt := actorCountry(ev.Source.Code), actorCountry(ev.Target.Code)
	return src == "" || tgt == "" || country == src || country == tgt
}

// actorCountry is the ISO alpha-3 country an actor code begins with
// ("USAGOV" is USA's), empty for a group, an organisation or a
// role without one.
func actorCountry(code string) string {
	if len(code) < 3 {
		return ""
	}
	if c, ok := geo.Country(code[:3]); ok {
		return c.ISO3
	}
	return ""
}

// whenCarrySentences is how many sentences after an event dated by its
// own time words a past-tense event without any still takes its date.
const whenCarrySentences = 3

// datedEvent is the last event of an article dated by its own time words.
type datedEvent struct {
	sentence        int
	date, precision string
	set             bool
}

// pastClause reports a predicate in the simple past, the tense of a
// narrative that goes on in the time it has set; a present or future verb
// ("says", "will continue") speaks of the story's own day. A gerund or
// infinitive takes the tense of the verb it hangs on ("retaliated by
// firing").
func (ac *articleCoding) pastClause(v int) bool {
	for range 3 {
		t := ac.doc.Tokens[v]
		if t.XPOS == "VBD" || t.XPOS == "VBN" && ac.finiteParticiple(v) {
			return true
		}
		if t.XPOS != "VBG" && t.XPOS != "VB" {
			return false
		}
		switch t.DepRel {
		case "xcomp", "advcl", "conj":
		default:
			return false
		}
		if t.Head < 0 || t.Head >= len(ac.doc.Tokens) {
			return false
		}
		v = t.Head
	}
	return false
}

// finiteParticiple reports a past participle that tells of the past: one
// whose auxiliary is in the past ("was arrested", "were killed", "had
// fled"), or one that heads its clause with a subject and no auxiliary,
// a simple past the tagger took for a participle ("The South retaliated
// by ..."). "has been arrested" is present.
func (ac *articleCoding) finiteParticiple(v int) bool {
	subject, aux := false, false
	for _, ch := range ac.children[v] {
		switch ac.doc.Tokens[ch].DepRel {
		case "aux", "aux:pass":
			if ac.doc.Tokens[ch].XPOS == "VBD" {
				return true
			}
			aux = true
		case "nsubj", "nsubj:pass":
			subject = true
		}
	}
	return subject && !aux
}

// quotes lists the article's quotes with their speakers resolved through
// the article's names, titles and pronouns ("he said" is the person last
// named). A statement, report or the like said to speak is its issuer's
// word: the one it names ("the ministry's statement"), else, as analysts
// read it, the group or country quoted last, within
// issuerCarrySentences.
func (ac *articleCoding) quotes() []dyad.Quote {
	out := []dyad.Quote{}
	var lastGroup struct {
		actor    dyad.Actor
		sentence int
		set      bool
	}
	for _, q := range findQuotes(ac.trees) {
		quote := dyad.Quote{Text: q.Text, Direct: q.Direct, Partial: q.Partial, SentenceIndex: q.Sentence}
		if p, ok := ac.res.partyAt(q.Speaker); ok {
			quote.Speaker = p.actors[0]
			if !p.person && p.actors[0].Code != "" {
				lastGroup.actor, lastGroup.sentence, lastGroup.set = p.actors[0], q.Sentence, true
			}
		} else if q.Speaker >= 0 && q.Speaker < len(ac.doc.Tokens) {
			quote.Speaker = dyad.Actor{Text: ac.doc.Tokens[q.Speaker].Text}
			a, ok := ac.res.issuedBy(q.Speaker)
			if !ok && ac.res.issued(q.Speaker) && lastGroup.set && q.Sentence-lastGroup.sentence <= issuerCarrySentences {
				a, ok = lastGroup.actor, true
			}
			if ok {
				quote.Speaker.Name, quote.Speaker.Code = a.Name, a.Code
			}
		}
		out = append(out, quote)
	}
	return out
}

// issuerCarrySentences is how many sentences after a group or country
// was quoted "the statement said" is still its statement.
const issuerCarrySentences = 3

// entities merges the named entities of the NER with the actors found,
// one entry per canonical name, most mentioned first.
func (ac *articleCoding) entities() []dyad.EntityMention {
	byName := map[string]*dyad.EntityMention{}
	var order []string
	add := func(text, label, name, code string) {
		key := strings.ToLower(name)
		if key == "" {
			return
		}
		e, ok := byName[key]
		if !ok {
			e = &dyad.EntityMention{Text: text, Label: label, Name: name, Code: code}
			byName[key] = e
			order = append(order, key)
		}
		e.Mentions++
		if e.Code == "" {
			e.Code = code
		}
	}
	covered := make([]bool, len(ac.doc.Tokens))
	for mi, m := range ac.mentions {
		if m.agent != nil {
			continue
		}
		text := spanText(ac.doc, m.start, m.end)
		label, name, code := "ORG", m.name, ""
		switch {
		case m.person:
			label = "PER"
			if p, ok := ac.personParty[mi]; ok && len(p.actors) > 0 {
				name, code = p.actors[0].Name, p.actors[0].Code
			}
		case m.country:
			label = "LOC"
			code = m.codes[0]
		case len(m.codes) > 0:
			code = m.codes[0]
		}
		add(text, label, name, code)
		for i := m.start; i < m.end; i++ {
			covered[i] = true
		}
	}
	for _, e := range ac.doc.Entities {
		if e.Start < 0 || e.End > len(ac.doc.Tokens) || e.Start >= e.End || covered[e.Start] {
			continue
		}
		text := spanText(ac.doc, e.Start, e.End)
		code := ""
		if p, ok := ac.res.names[strings.ToUpper(text)]; ok && len(p.actors) > 0 {
			code = p.actors[0].Code
		} else if p, ok := ac.res.names[ac.words[e.End-1]]; ok && len(p.actors) > 0 && e.Label == "PER" {
			code = p.actors[0].Code
			text = p.actors[0].Name
		}
		add(text, e.Label, text, code)
	}
	out := make([]dyad.EntityMention, 0, len(order))
	for _, k := range order {
		out = append(out, *byName[k])
	}
	out = mergeSurnames(out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Mentions > out[j].Mentions })
	return out
}

// mergeSurnames folds a one-word entry into the full name it ends, when
// one entry ends with it and the codes agree: "Blinken" (a dictionary
// actor of its own) is "Antony Blinken" again, and a person.
func mergeSurnames(es []dyad.EntityMention) []dyad.EntityMention {
	full := map[string][]int{} // lower-case last word → entries of several words
	for i, e := range es {
		if sp := strings.LastIndexByte(e.Name, ' '); sp >= 0 && sp+1 < len(e.Name) {
			last := strings.ToLower(e.Name[sp+1:])
			full[last] = append(full[last], i)
		}
	}
	drop := make([]bool, len(es))
	for i, e := range es {
		if strings.Contains(e.Name, " ") || e.Label == "LOC" {
			continue
		}
		into := -1
		for _, j := range full[strings.ToLower(e.Name)] {
			if e.Code == "" || es[j].Code == "" || es[j].Code == e.Code {
				if into >= 0 {
					into = -1 // two people of that surname: leave it
					break
				}
				into = j
			}
		}
		if into < 0 {
			continue
		}
		f := &es[into]
		f.Mentions += e.Mentions
		if e.Label == "PER" {
			f.Label = "PER"
		}
		if f.Code == "" {
			f.Code = e.Code
		}
		drop[i] = true
	}
	out := es[:0]
	for i, e := range es {
		if !drop[i] {
			out = append(out, e)
		}
	}
	return out
}

// countryName is a country's English name from its ISO alpha-3 code.
func countryName(code string) string {
	if c, ok := geo.Country(code); ok {
		return c.Name
	}
	return code
}

// paragraphOf is the paragraph a sentence is in, counting blank-line
// breaks before it (the headline is paragraph 0).
func (ac *articleCoding) paragraphOf(sentence int) int {
	if ac.paragraphs == nil {
		ac.paragraphs = make([]int, len(ac.doc.Sentences))
		p, from := 0, 0
		for i, s := range ac.doc.Sentences {
			if s.Start >= 0 && s.Start < len(ac.doc.Tokens) {
				at := min(max(ac.doc.Tokens[s.Start].Start, from), len(ac.doc.Text))
				p += strings.Count(ac.doc.Text[from:at], "\n\n")
				from = at
			}
			ac.paragraphs[i] = p
		}
	}
	if sentence < 0 || sentence >= len(ac.paragraphs) {
		return 0
	}
	return ac.paragraphs[sentence]
}
