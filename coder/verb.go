package coder

import (
	"math"
	"slices"
	"strings"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/dict"
	"github.com/dyadnews/dyad/geo"
)

// eventNouns map nouns that name a happening to the dictionary verb that
// codes it ("the killing of X" is coded as KILL).
var eventNouns = map[string]string{
	"attack": "ATTACK", "assault": "ASSAULT", "assassination": "ASSASSINATE", "killing": "KILL",
	"murder": "MURDER", "bombing": "BOMB", "shelling": "SHELL", "raid": "RAID", "airstrike": "BOMB",
	"threat": "THREATEN", "invasion": "INVADE", "abduction": "ABDUCT", "kidnapping": "KIDNAP",
	"arrest": "ARREST", "condemnation": "CONDEMN", "appeal": "APPEAL", "visit": "VISIT",
}

// lightVerbs take an event noun as object and lend it their subject:
// "carry out an attack", "launch strikes".
var lightVerbs = map[string]bool{"carry": true, "launch": true, "conduct": true, "stage": true, "mount": true, "make": true, "issue": true}

// modalWords mark an event as hypothetical.
var modalWords = map[string]bool{"will": true, "would": true, "could": true, "may": true, "might": true, "should": true, "can": true, "shall": true, "'ll": true, "wo": true, "ca": true}

// negWords negate their verb.
var negWords = map[string]bool{"not": true, "n't": true, "never": true, "no": true}

// refusalVerbs negate the verb they take as complement ("refused to
// attend").
var refusalVerbs = map[string]bool{"refuse": true, "fail": true, "decline": true, "reject": true}

// maxPatternSteps bounds the backtracking of one pattern match.
const maxPatternSteps = 4000

// codePredicate codes the predicate at token v, if it is one.
func (ac *articleCoding) codePredicate(si, v int) {
	t := ac.doc.Tokens[v]
	var verb *dict.Verb
	noun := false
	switch t.UPOS {
	case "VERB":
		verb = ac.lookupVerb(v, ac.words[v])
		// The first word of a multi-word verb the tagger took for the
		// verb ("will not wire tap the links": WIRE_+TAP).
		if verb == nil && v+1 < len(ac.words) && ac.sentenceOf(v+1) == si {
			if vb := ac.lookupVerb(v+1, ac.words[v+1]); vb != nil && len(vb.Before) > 0 {
				verb = vb
			}
		}
	case "NOUN":
		if !ac.c.opts.EventNouns {
			return
		}
		if w, ok := eventNouns[strings.ToLower(t.Lemma)]; ok {
			verb = ac.lookupVerb(v, w)
			noun = true
		}
	}
	if verb == nil {
		return
	}
	var src, tgt []party
	passive := false
	if noun {
		src, tgt = ac.nounArguments(v)
	} else {
		src, tgt, passive = ac.verbArguments(v)
	}
	code := verb.Code
	negCoded, pairwise, patternModal := false, false, false
	if m, ok := ac.matchVerbPatterns(verb, v, len(src) > 1); ok {
		ac.c.debugf("sentence %d: %q matches pattern %q of %s:%d [%s]", si, t.Text, m.pattern.Text, m.pattern.File, m.pattern.Line, m.pattern.Code)
		// "Iran said it would attack Israel" matches "* ATTACK" of SAY,
		// but the attack is a predicate of its own, coded as reported
		// speech: not twice.
		if w := ac.codedVerbAmong(m.words, v); w >= 0 {
			ac.c.debugf("sentence %d: %q: %q codes itself; the pattern's event is its", si, t.Text, ac.doc.Tokens[w].Text)
			return
		}
		code = m.code
		negCoded = ac.c.negating[m.pattern]
		if len(m.words) > 0 && (!aboutFuture(code.Active) && !aboutFuture(code.Passive) || ac.isSubject(m.words[0])) {
			patternModal = ac.modalBelow(m.words[0], v)
		}
		_, pairwise = withoutCompound(m.pattern.Before)
		if m.target >= 0 {
			tgt = ac.actorsAt(m.target)
		} else if len(m.words) > 0 && (len(tgt) == 0 || ac.anyMention(m.words)) {
			// The words the pattern matched say what was done, not to
			// whom ("contribute a million swiss francs to Gondor",
			// "vowed to wage war on the Rohans"): the target is the
			// first actor after them in the verb's phrase.
			tgt = ac.actorAfter(v, m.words[len(m.words)-1])
		}
		if m.source >= 0 {
			src = ac.actorsAt(m.source)
		}
	}
	eventCode := code.Active
	if passive && code.Passive != "" {
		eventCode = code.Passive
	}
	// A visit's base code needs a visitor: "hosting 2,500 U.S. troops"
	// counts soldiers stationed, not guests.
	if (eventCode == "042" || eventCode == "043") && ac.countedObject(v) {
		ac.c.debugf("sentence %d: %q [%s] has a counted object, not a visitor; dropped", si, t.Text, eventCode)
		return
	}
	if esc, ok := ac.deescalationAppeal(v); ok {
		eventCode = "0256"
		ac.absorbed[esc] = true
	}
	if eventCode == "010" && ac.commentAdjunct(v) {
		ac.c.debugf("sentence %d: %q [010] gives the grounds of the act it hangs on; not coded itself", si, t.Text)
		return
	}
	if ac.absorbed[v] {
		ac.c.debugf("sentence %d: %q is the content of an appeal; not coded itself", si, t.Text)
		return
	}
	if eventCode == "" || strings.Trim(eventCode, "-") == "" {
		ac.c.debugf("sentence %d: %q codes no event (%s)", si, t.Text, code)
		return
	}
	// "attacked each other's policies", "assailed the plan": force
	// against an idea is criticism of it (CAMEO 111).
	if !noun && materialConflict(eventCode) && ac.abstractObject(v) {
		ac.c.debugf("sentence %d: %q [%s] attacks an idea: criticism [111]", si, t.Text, eventCode)
		eventCode = "111"
	}
	// "Assange is battling extradition to the United States", "fighting
	// the charges": force against a measure of law or trade is resisting
	// it in court or in talks, and whom the measure comes from ("to the
	// United States") is no target of armed force.
	if !noun && materialConflict(eventCode) && ac.objectIn(v, measureNouns) {
		ac.c.debugf("sentence %d: %q [%s] resists a legal or trade measure, no armed force; dropped", si, t.Text, eventCode)
		return
	}
	// "the Church of Scientology's website is being attacked by
	// hackers": CAMEO has no code for an attack on computers, and its
	// 19x are armed force.
	if !noun && materialConflict(eventCode) && ac.machineAttacked(v) {
		ac.c.debugf("sentence %d: %q [%s] attacks a computer system, no armed force; dropped", si, t.Text, eventCode)
		return
	}
	force, announced := materialConflict(eventCode), false
	if cause := ac.accidentCause(v); force && cause >= 0 {
		ac.c.debugf("sentence %d: %q [%s] by %q is an accident, no act of force; dropped", si, t.Text, eventCode, ac.doc.Tokens[cause].Text)
		return
	}
	if c, ok := ac.announcedAct(v, eventCode); ok {
		ac.c.debugf("sentence %d: %q [%s] is an act its actor says it will do: [%s]", si, t.Text, eventCode, c)
		eventCode, announced = c, true
	}
	// Force used or threatened against things ("attack any loudspeakers")
	// is aimed at whoever the story last showed using them.
	if len(tgt) == 0 && force {
		tgt = ac.bridgedOwner(v)
	}
	// A pattern asking for a compound source ('%') without a target
	// has the source act on itself pairwise: "Gondor and Osgiliath have
	// delayed their meeting".
	if pairwise && len(tgt) == 0 && len(src) > 1 {
		for i := range src {
			for j := range src {
				if i != j {
					ac.addEvent(si, v, src[i], &src[j], eventCode, negCoded)
				}
			}
		}
		return
	}
	if len(tgt) == 0 {
		ac.c.debugf("sentence %d: %q [%s] has no target actor; dropped", si, t.Text, eventCode)
		return
	}
	if len(src) == 0 {
		// An unknown perpetrator is kept when the subject is the
		// happening itself ("a rocket attack wounded seven"), not an
		// actor the dictionaries lack ("crowds").
		subj := ac.subjectOf(v)
		unknownPerpetrator := passive && materialConflict(eventCode)
		if !unknownPerpetrator && (subj < 0 || !happeningNoun(ac.doc.Tokens[subj].Lemma)) {
			ac.c.debugf("sentence %d: %q [%s] has no source actor; dropped", si, t.Text, eventCode)
			return
		}
		// The happening ("a rocket attack") is not its own source:
		// the perpetrator stays unknown.
		src = []party{{}}
	}
	first := len(ac.found)
	for _, s := range src {
		for i := range tgt {
			ac.addEvent(si, v, s, &tgt[i], eventCode, negCoded)
		}
	}
	if announced || patternModal {
		// The intent or threat is expressed, not hypothetical: only
		// what it announces is. What the pattern's words name in a
		// modal clause of their own is ("She added that an appeal
		// against the decision could be made": ADD matched "* APPEAL").
		for i := first; i < len(ac.found); i++ {
			ev := &ac.found[i].ev
			ev.Hypothetical = patternModal && !announced
			ev.Confidence = ac.confidence(*ev, v)
		}
	}
	// A second code in the active voice ("LEFT [032:033]", "MEET
	// [031:031]") is the target's side of the same happening: PETRARCH2
	// codes it from the target to the source.
	if rev := code.Passive; !passive && eventCode == code.Active && rev != "" && strings.Trim(rev, "-") != "" {
		for i := range tgt {
			for _, s := range src {
				if len(s.actors) > 0 {
					ac.addEvent(si, v, tgt[i], &s, rev, negCoded)
				}
			}
		}
	}
}

// commentAdjunct reports whether verb v is a subjectless participle
// adjunct of a predicate that codes an event itself: "blamed the U.S. for
// the death, citing Washington's support" is one accusation, its grounds
// no statement to Washington.
func (ac *articleCoding) commentAdjunct(v int) bool {
	t := ac.doc.Tokens[v]
	if t.DepRel != "advcl" || t.XPOS != "VBG" || t.Head < 0 {
		return false
	}
	for _, ch := range ac.children[v] {
		if strings.HasPrefix(ac.doc.Tokens[ch].DepRel, "nsubj") {
			return false
		}
	}
	h := t.Head
	if ac.doc.Tokens[h].UPOS != "VERB" {
		return false
	}
	vb := ac.lookupVerb(h, ac.words[h])
	return vb != nil && !vb.Code.Null()
}

// announcedCodes are what CAMEO makes of an act its actor says it will
// do: cooperation announced is an intent (03x: "will send aid" 033, "will
// meet" 036), conflict announced a threat (13x: "would attack" 1384). Keys
// are full codes, then roots.
var announcedCodes = map[string]string{
	"04": "036", "05": "032",
	"06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
	"07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
	"08": "035", "081": "0351", "082": "0352", "083": "034", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
	"16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136",
	"17": "137", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324",
	"18": "1383", "19": "1384", "20": "1383", "204": "1385",
}

// announcedCode is the intent or threat code of an announced act, false
// if CAMEO has none for it.
func announcedCode(code string) (string, bool) {
	for n := len(code); n >= 2; n-- {
		if c, ok := announcedCodes[code[:n]]; ok {
			return c, true
		}
	}
	return "", false
}

// futureAux are the auxiliaries of an act announced for later.
var futureAux = map[string]bool{"will": true, "would": true, "'ll": true, "shall": true, "wo": true}

// announcedAct reports whether the predicate at v, coded code, is an act
// its own actor says it will do ("North Korea stated it would attack any
// loudspeakers ... and would respond, militarily"): the complement of a
// verb of saying, in the future, not negated, whose subject is the
// speaker (a pronoun, or the speaker's code). CAMEO codes that an intent
// or a threat; it returns that code.
func (ac *articleCoding) announcedAct(v int, code string) (string, bool) {
	announced, ok := announcedCode(code)
	if !ok {
		return "", false
	}
	if neg, _ := ac.modality(v); neg || !ac.hasFutureAux(v) {
		return "", false
	}
	// The second of coordinated announcements shares the first's
	// subject and verb of saying.
	clause := v
	for range 4 {
		if t := ac.doc.Tokens[clause]; t.DepRel == "conj" && t.Head >= 0 && ac.doc.Tokens[t.Head].UPOS == "VERB" {
			clause = t.Head
			continue
		}
		break
	}
	t := ac.doc.Tokens[clause]
	if t.DepRel != "ccomp" || t.Head < 0 || !ac.c.sayVerbs[strings.ToLower(ac.doc.Tokens[t.Head].Lemma)] {
		return "", false
	}
	subj := -1
	for _, ch := range ac.children[clause] {
		if ac.doc.Tokens[ch].DepRel == "nsubj" {
			subj = ch
		}
	}
	if subj < 0 {
		return "", false
	}
	if ac.doc.Tokens[subj].UPOS == "PRON" {
		return announced, true
	}
	speaker, ok := ac.subjectActor(t.Head)
	ps := ac.actorsAt(subj)
	if ok && coded(ps) && speaker.Code == ps[0].actors[0].Code {
		return announced, true
	}
	return "", false
}

// hasFutureAux reports whether verb v has an auxiliary of the future.
func (ac *articleCoding) hasFutureAux(v int) bool {
	for _, ch := range ac.children[v] {
		if t := ac.doc.Tokens[ch]; t.DepRel == "aux" && futureAux[strings.ToLower(t.Text)] {
			return true
		}
	}
	return false
}

// bridgedOwner finds the actor of an object that is no actor itself
// ("attack any loudspeakers"): the subject of the clause that last
// mentioned that thing, in this sentence or the three before it ("South
// Korea had recently started to broadcast propaganda from loudspeakers").
func (ac *articleCoding) bridgedOwner(v int) []party {
	obj := -1
	for _, ch := range ac.children[v] {
		if ac.doc.Tokens[ch].DepRel == "obj" {
			obj = ch
		}
	}
	if obj < 0 || ac.doc.Tokens[obj].UPOS != "NOUN" || ac.mentionAt[obj] >= 0 {
		return nil
	}
	si := ac.sentenceOf(v)
	start := ac.doc.Sentences[max(si-3, 0)].Start
	lemma := ac.lemmas[obj]
	for j := obj - 1; j >= start; j-- {
		if ac.lemmas[j] != lemma || ac.doc.Tokens[j].UPOS != "NOUN" {
			continue
		}
		h := ac.doc.Tokens[j].Head
		for range 6 {
			if h < 0 || h >= len(ac.doc.Tokens) {
				break
			}
			if ac.doc.Tokens[h].UPOS == "VERB" {
				for _, ch := range ac.children[h] {
					// Only a named actor owns things: "the reporters
					// used the bridge" does not make a bombed bridge
					// theirs.
					if ac.doc.Tokens[ch].DepRel == "nsubj" {
						if ps := ac.actorsAt(ch); coded(ps) && !ownerless(ps) {
							return ps
						}
					}
				}
			}
			h = ac.doc.Tokens[h].Head
		}
		return nil
	}
	return nil
}

// codedVerbAmong is the first of the tokens that heads the clause a verb
// of saying v reports and has an event code of its own, -1 if none (or if
// v is no verb of saying: "asked the Council to help" is an appeal, what
// is asked no act of the asker's).
func (ac *articleCoding) codedVerbAmong(toks []int, v int) int {
	if !ac.c.sayVerbs[strings.ToLower(ac.doc.Tokens[v].Lemma)] {
		return -1
	}
	for _, w := range toks {
		t := ac.doc.Tokens[w]
		if t.UPOS != "VERB" || t.Head != v || t.DepRel != "ccomp" {
			continue
		}
		if vb := ac.lookupVerb(w, ac.words[w]); vb != nil && !vb.Code.Null() {
			return w
		}
	}
	return -1
}

// anyMention reports whether any of the tokens is in an actor or agent
// mention.
func (ac *articleCoding) anyMention(toks []int) bool {
	for _, t := range toks {
		if ac.mentionAt[t] >= 0 {
			return true
		}
	}
	return false
}

// actorAfter is the first actor in the phrase of verb v written after
// token from, nil if none.
func (ac *articleCoding) actorAfter(v, from int) []party {
	end := ac.doc.Sentences[ac.sentenceOf(v)].End
	for j := from + 1; j < end; j++ {
		mi := ac.mentionAt[j]
		if mi < 0 || !ac.inVerbPhrase(j, v) {
			continue
		}
		h := ac.mentions[mi].head
		if ps := ac.actorsAt(h); coded(ps) && !(ownerless(ps) && ac.classifiesThing(h)) {
			return ps
		}
		j = ac.mentions[mi].end - 1
	}
	return nil
}

// machineAttacked reports whether what verb v acts on (its object, or the
// subject of its passive) is a computer system.
func (ac *articleCoding) machineAttacked(v int) bool {
	for _, ch := range ac.children[v] {
		t := ac.doc.Tokens[ch]
		if (t.DepRel == "obj" || t.DepRel == "nsubj:pass") && t.UPOS == "NOUN" {
			return machineNouns[strings.ToLower(t.Lemma)]
		}
	}
	return false
}

// machineNouns name computer systems.
var machineNouns = map[string]bool{"website": true, "site": true, "server": true, "computer": true,
	"network": true, "database": true, "email": true, "webpage": true, "homepage": true}

// abstractNouns name ideas, words and decisions, which can be attacked
// only in words.
var abstractNouns = map[string]bool{
	"policy": true, "plan": true, "proposal": true, "decision": true, "record": true, "remark": true,
	"comment": true, "idea": true, "claim": true, "stance": true, "position": true, "view": true,
	"approach": true, "strategy": true, "reform": true, "bill": true, "legislation": true, "budget": true,
	"deal": true, "argument": true, "statement": true, "speech": true, "rhetoric": true, "handling": true,
	"response": true, "agenda": true, "platform": true, "report": true, "ruling": true, "verdict": true,
}

// measureNouns name measures of law and trade, which are resisted in
// court, in talks or in the street, never by armed force against them.
var measureNouns = map[string]bool{
	"extradition": true, "deportation": true, "eviction": true, "charge": true, "indictment": true,
	"conviction": true, "sentence": true, "prosecution": true, "lawsuit": true, "subpoena": true,
	"impeachment": true, "tariff": true, "tax": true, "sanction": true, "ban": true, "fine": true,
	"regulation": true, "mandate": true,
}

// abstractObject reports whether verb v's object is an idea, a word or
// a decision rather than people or things.
func (ac *articleCoding) abstractObject(v int) bool {
	return ac.objectIn(v, abstractNouns)
}

// objectIn reports whether verb v's first common-noun object is one of
// nouns (by lemma).
func (ac *articleCoding) objectIn(v int, nouns map[string]bool) bool {
	for _, ch := range ac.children[v] {
		if t := ac.doc.Tokens[ch]; t.DepRel == "obj" && t.UPOS == "NOUN" {
			return nouns[strings.ToLower(t.Lemma)]
		}
	}
	return false
}

// accidentNouns and accidentVerbs name disasters and accidents: "killed
// in a stampede", "killed when the hotel collapsed" tell of deaths no one
// inflicted.
var (
	accidentNouns = map[string]bool{"stampede": true, "crush": true, "crash": true, "accident": true, "collision": true,
		"collapse": true, "earthquake": true, "quake": true, "flood": true, "flooding": true, "storm": true, "cyclone": true,
		"hurricane": true, "typhoon": true, "tornado": true, "avalanche": true, "landslide": true, "mudslide": true,
		"fire": true, "blaze": true, "derailment": true, "shipwreck": true, "tsunami": true, "heatwave": true}
	accidentVerbs = map[string]bool{"collapse": true, "crash": true, "sink": true, "capsize": true, "derail": true, "collide": true}
)

// accidentCause is the token that makes the violence of verb v an
// accident ("killed in a stampede", "US service members killed in
// Afghanistan helicopter crash", "when the hotel collapsed"), -1 if none
// does.
func (ac *articleCoding) accidentCause(v int) int {
	for _, ch := range ac.children[v] {
		t := ac.doc.Tokens[ch]
		switch t.DepRel {
		case "obl", "obl:agent", "nmod":
			switch caseOf(ac, ch) {
			case "in", "by", "during", "after", "from":
				if accidentNouns[strings.ToLower(t.Lemma)] {
					return ch
				}
			}
		case "advcl":
			if accidentVerbs[strings.ToLower(t.Lemma)] {
				return ch
			}
		}
	}
	return -1
}

// happeningNoun reports whether a noun names a violent happening or its
// means, so that its verb's perpetrator is unknown rather than uncoded.
func happeningNoun(lemma string) bool {
	l := strings.ToLower(lemma)
	if _, ok := eventNouns[l]; ok {
		return true
	}
	switch l {
	case "rocket", "missile", "explosion", "blast", "bomb", "strike", "drone", "shell", "fire", "gunfire", "mortar":
		return true
	}
	return false
}

// subjectOf is the subject token of a verb, inherited if need be, -1.
func (ac *articleCoding) subjectOf(v int) int {
	for _, ch := range ac.children[v] {
		if r := ac.doc.Tokens[ch].DepRel; r == "nsubj" || r == "nsubj:pass" || r == "csubj" {
			return ch
		}
	}
	return ac.inheritedSubject(v)
}

// matchVerbPatterns matches the patterns of the verb's block and then
// those of the other blocks that list the same verb form: a verb written
// in two blocks ("--- SHOT [---]" with "*_AND_WOUND", "--- SHOT [223]"
// with "+ WAS * DEAD IN $") has the patterns of both, its own block first.
func (ac *articleCoding) matchVerbPatterns(verb *dict.Verb, v int, compoundSource bool) (patternMatch, bool) {
	if m, ok := ac.matchPatterns(verb.Block, v, compoundSource); ok {
		return m, true
	}
	for _, other := range ac.c.dicts.Verbs.Lookup(verb.Word) {
		if other.Block == verb.Block || !equalWords(other.Before, verb.Before) || !equalWords(other.After, verb.After) {
			continue
		}
		if m, ok := ac.matchPatterns(other.Block, v, compoundSource); ok {
			return m, true
		}
	}
	return patternMatch{}, false
}

// lookupVerb finds the dictionary verb for word at v, checking the other
// words of multi-word verbs ("cordoned off", "beef up").
func (ac *articleCoding) lookupVerb(v int, word string) *dict.Verb {
	s := ac.sentenceOf(v)
	if s < 0 {
		return nil
	}
	span := ac.doc.Sentences[s]
	for _, cand := range ac.c.dicts.Verbs.Lookup(word) {
		if len(cand.Before) > 0 {
			if v-len(cand.Before) < span.Start || !equalWords(ac.words[v-len(cand.Before):v], cand.Before) {
				continue
			}
		}
		if len(cand.After) > 0 && !ac.particlesFollow(v, cand.After, span.End) {
			continue
		}
		return cand
	}
	return nil
}

// particlesFollow reports whether the words follow v, right after it or
// as its particle further on ("beef up defenses", "cordoned the roads off").
func (ac *articleCoding) particlesFollow(v int, after []string, end int) bool {
	if v+1+len(after) <= end && equalWords(ac.words[v+1:v+1+len(after)], after) {
		return true
	}
	if len(after) != 1 {
		return false
	}
	for _, ch := range ac.children[v] {
		if ac.doc.Tokens[ch].DepRel == "compound:prt" && ac.words[ch] == after[0] {
			return true
		}
	}
	return false
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// verbArguments finds a verb's source and target parties.
func (ac *articleCoding) verbArguments(v int) (src, tgt []party, passive bool) {
	subj, objTok, iobj, comp := -1, -1, -1, -1
	var obliques []int
	for _, ch := range ac.children[v] {
		switch ac.doc.Tokens[ch].DepRel {
		case "ccomp", "xcomp":
			if comp < 0 {
				comp = ch
			}
		case "advmod":
			// "marched very close to the border with Mordor": the
			// obliques of an adverbial are the verb's.
			if u := ac.doc.Tokens[ch].UPOS; u == "ADJ" || u == "ADV" {
				for _, g := range ac.children[ch] {
					if ac.doc.Tokens[g].DepRel == "obl" {
						obliques = append(obliques, g)
					}
				}
			}
		case "nsubj", "csubj":
			subj = ch
		case "nsubj:pass":
			subj, passive = ch, true
		case "aux:pass":
			passive = true
		case "obj":
			objTok = ch
		case "iobj":
			iobj = ch
		case "obl", "obl:agent", "obl:tmod", "nmod":
			obliques = append(obliques, ch)
		}
	}
	if subj < 0 {
		subj = ac.inheritedSubject(v)
	}
	// A headline's reduced passive ("Over 900 asylum seekers rescued off
	// Indonesian coast"): a bare past participle heading the sentence
	// with a subject and no auxiliary.
	if !passive && subj >= 0 && ac.doc.Tokens[v].XPOS == "VBN" && ac.doc.Tokens[v].DepRel == "root" && !ac.hasAux(v) && objTok < 0 && ac.inHeadline(v) {
		passive = true
	}
	if passive {
		for _, o := range obliques {
			// "..., according to the United Nations" the parser may
			// label an agent: it is who reports, not who did it.
			if c := caseOf(ac, o); c == "by" || (ac.doc.Tokens[o].DepRel == "obl:agent" && c != "according") {
				src = ac.actorsAt(o)
				break
			}
		}
		if subj >= 0 {
			tgt = ac.actorsAt(subj)
		}
		return src, tgt, true
	}
	if subj >= 0 {
		src = ac.actorsAt(subj)
	}
	if iobj >= 0 {
		tgt = ac.actorsAt(iobj)
	}
	// A verb of saying takes what is said as object, never an actor:
	// "saying the United States “will not tolerate” attacks" with the
	// clause's subject parsed as the object says nothing to it.
	if len(tgt) == 0 && objTok >= 0 && !reportOnlyVerbs[strings.ToLower(ac.doc.Tokens[v].Lemma)] {
		tgt = ac.actorsWithin(objTok, 0, true)
		// "Israel will send more fighter jets to the region": forces
		// of no named owner that the subject sends or deploys are its
		// own, not the target of the act.
		if ac.ownerlessAgent(objTok, tgt) && len(src) > 0 && sendVerbs[strings.ToLower(ac.doc.Tokens[v].Lemma)] {
			tgt = nil
		}
		// "fired artillery rounds aimed at a loudspeaker in South
		// Korea", "firing dozens of rounds into the north": what is
		// fired is the weapon, not the target; the target is where it
		// is aimed.
		if fireVerbs[strings.ToLower(ac.doc.Tokens[v].Lemma)] && ownerless(tgt) {
			tgt = ac.aimedAt(objTok)
		}
	}
	if len(tgt) == 0 {
		for _, o := range obliques {
			// A particle the parser took for a preposition ("cordoned
			// off the roads") leaves the object an oblique.
			if c := caseOf(ac, o); targetPreps[c] || (particles[c] && o > v && ac.caseToken(o) == v+1) {
				if placeCases[c] && ac.isPlace(o) && !ac.placeTargets(v) {
					// "tested removing likes in Italy": where, not
					// whom.
					continue
				}
				if channelCases[c] && channelNouns[strings.ToLower(ac.doc.Tokens[o].Lemma)] {
					// "requested donations via a statement made on his
					// blog", "spoken out on French television": the
					// medium something is said on, not its addressee.
					continue
				}
				if tgt = ac.actorsWithin(o, 0, false); len(tgt) > 0 {
					return src, tgt, false
				}
			}
		}
	}
	// A clause that codes no event of its own lends its actors as the
	// target ("Gollum allowed that Mordor isn't a pleasant place",
	// "Frodo said he has deep satisfaction toward Gondor").
	if len(tgt) == 0 && comp > v && !ac.codesEvent(comp, 0) {
		tgt = ac.clauseTarget(v, comp, src)
	}
	return src, tgt, false
}

// placeCases introduce where something happened.
var placeCases = map[string]bool{"in": true, "at": true, "near": true}

// channelCases introduce the medium a thing is said or done on.
var channelCases = map[string]bool{"on": true, "via": true, "through": true, "in": true}

// channelNouns are media: what is said on them is not said to them.
var channelNouns = map[string]bool{"website": true, "site": true, "blog": true, "television": true, "tv": true,
	"radio": true, "twitter": true, "facebook": true, "channel": true, "broadcast": true, "podcast": true,
	"feed": true, "newspaper": true, "interview": true, "statement": true, "posting": true}

// movementVerbs take the place they go to or arrive in as their target:
// "arrived in Gondor" is a visit to Gondor.
var movementVerbs = map[string]bool{"arrive": true, "travel": true, "visit": true, "go": true, "come": true,
	"fly": true, "return": true, "land": true, "tour": true, "stop": true, "stay": true, "head": true}

// isPlace reports whether the nominal at tok names a country or a place
// the dictionaries code as its country ("Houston" [USA]).
func (ac *articleCoding) isPlace(tok int) bool {
	mi := ac.mentionAt[tok]
	return mi >= 0 && ac.mentions[mi].country
}

// placeTargets reports whether verb v takes a place it happens in as its
// target: a verb of movement, or of force ("fighting in Syria").
func (ac *articleCoding) placeTargets(v int) bool {
	if movementVerbs[strings.ToLower(ac.doc.Tokens[v].Lemma)] {
		return true
	}
	vb := ac.lookupVerb(v, ac.words[v])
	return vb != nil && materialConflict(vb.Code.Active)
}

// inHeadline reports whether token tok is in the article's headline.
func (ac *articleCoding) inHeadline(tok int) bool {
	return ac.bodyStart > 0 && ac.doc.Tokens[tok].Start < ac.bodyStart
}

// hasAux reports whether a verb has an auxiliary.
func (ac *articleCoding) hasAux(v int) bool {
	for _, ch := range ac.children[v] {
		if strings.HasPrefix(ac.doc.Tokens[ch].DepRel, "aux") {
			return true
		}
	}
	return false
}

// fireVerbs discharge a weapon, their object.
var fireVerbs = map[string]bool{"fire": true, "launch": true, "shoot": true, "lob": true, "exchange": true}

// ownerless reports whether every actor found is an agent of no named
// owner ("---MIL"), or none was found.
func ownerless(ps []party) bool {
	for _, p := range ps {
		for _, a := range p.actors {
			if !strings.HasPrefix(a.Code, "---") {
				return false
			}
		}
	}
	return true
}

// aimedAt finds the target of a fired weapon in the clause that says
// where it was aimed ("rounds aimed at a loudspeaker in South Korea").
func (ac *articleCoding) aimedAt(weapon int) []party {
	for _, ch := range ac.children[weapon] {
		if r := ac.doc.Tokens[ch].DepRel; r != "acl" && r != "acl:relcl" {
			continue
		}
		for _, o := range ac.children[ch] {
			if ac.doc.Tokens[o].DepRel != "obl" {
				continue
			}
			switch caseOf(ac, o) {
			case "at", "on", "into", "against", "toward", "towards":
				if ps := ac.actorsWithin(o, 0, false); len(ps) > 0 {
					return ps
				}
			}
		}
	}
	return nil
}

// sendVerbs move or give what is their object; a target is where or to
// whom, never the forces or goods sent.
var sendVerbs = map[string]bool{
	"send": true, "deploy": true, "dispatch": true, "move": true, "station": true, "provide": true,
	"give": true, "supply": true, "deliver": true, "ship": true, "transfer": true, "position": true,
}

// ownerlessAgent reports whether the object at tok, or one of its
// conjuncts ("more fighter jets and Navy warships"), is an agent phrase
// and the parties ps found in it have no owner ("---MIL").
func (ac *articleCoding) ownerlessAgent(tok int, ps []party) bool {
	agent := func(j int) bool { mi := ac.mentionAt[j]; return mi >= 0 && ac.mentions[mi].agent != nil }
	if len(ps) == 0 || !slices.ContainsFunc(append([]int{tok}, ac.conjuncts(tok)...), agent) {
		return false
	}
	for _, p := range ps {
		for _, a := range p.actors {
			if !strings.HasPrefix(a.Code, "---") {
				return false
			}
		}
	}
	return true
}

// particles are the adverbial particles of phrasal verbs.
var particles = map[string]bool{"off": true, "up": true, "down": true, "out": true, "away": true, "back": true}

// caseToken is the token of a nominal's preposition, -1 if none.
func (ac *articleCoding) caseToken(tok int) int {
	for _, ch := range ac.children[tok] {
		if ac.doc.Tokens[ch].DepRel == "case" {
			return ch
		}
	}
	return -1
}

// codesEvent reports whether the clause headed at tok has a dictionary
// verb with an event code, looking through the clauses it embeds.
func (ac *articleCoding) codesEvent(tok, depth int) bool {
	if depth > 3 {
		return false
	}
	if ac.doc.Tokens[tok].UPOS == "VERB" {
		if vb := ac.lookupVerb(tok, ac.words[tok]); vb != nil && !vb.Code.Null() {
			return true
		}
	}
	for _, ch := range ac.children[tok] {
		switch ac.doc.Tokens[ch].DepRel {
		case "conj", "xcomp", "ccomp", "advcl":
			if ac.codesEvent(ch, depth+1) {
				return true
			}
		}
	}
	return false
}

// clauseTarget finds the actors of verb v's complement clause: its
// subject unless that is the source itself, else its object or obliques.
func (ac *articleCoding) clauseTarget(v, comp int, src []party) []party {
	saying := sayVerbs[strings.ToLower(ac.doc.Tokens[v].Lemma)]
	var subj []party
	var rest []int
	for _, ch := range ac.children[comp] {
		switch ac.doc.Tokens[ch].DepRel {
		case "nsubj", "nsubj:pass":
			// "John Key said he believes ...": a pronoun subject of
			// what is said is its speaker, whatever else it might
			// resolve to.
			if ac.doc.Tokens[ch].UPOS != "PRON" {
				subj = ac.actorsAt(ch)
			}
		case "obj", "obl", "iobj", "nmod":
			// "said the wounded have been taken to hospital", "said he
			// was taking his family to the U.N. headquarters": where
			// the clause's people go is not whom the saying concerns
			// (but "declined to send arms to Ukraine" is aimed there).
			// Nor is where it happens: "the first meeting set to
			// take place in Christchurch".
			c := caseOf(ac, ch)
			if (c == "to" || c == "into") && saying || placeCases[c] && ac.isPlace(ch) {
				continue
			}
			rest = append(rest, ch)
		}
	}
	if coded(subj) && !sameParties(subj, src) {
		return subj
	}
	for _, o := range rest {
		if ps := ac.actorsWithin(o, 0, false); coded(ps) {
			return ps
		}
	}
	return nil
}

// coded reports whether the first party has a dictionary code: a clause's
// uncoded names ("the South China Sea") are not its target.
func coded(ps []party) bool {
	return len(ps) > 0 && len(ps[0].actors) > 0 && ps[0].actors[0].Code != ""
}

// sameParties reports whether a names the source b or the state it
// belongs to: "Austin said the U.S. was sure" is not USAGOVMIL speaking to
// USA.
func sameParties(a, b []party) bool {
	if len(a) == 0 || len(b) == 0 || len(a[0].actors) == 0 || len(b[0].actors) == 0 {
		return false
	}
	return a[0].actors[0].Code != "" && strings.HasPrefix(b[0].actors[0].Code, a[0].actors[0].Code)
}

// targetPreps introduce the obliques and noun modifiers a target may be
// found in.
var targetPreps = map[string]bool{
	"with": true, "to": true, "against": true, "on": true, "at": true, "toward": true, "towards": true,
	"into": true, "from": true, "for": true, "over": true, "about": true, "of": true, "upon": true,
	"between": true, "near": true, "in": true,
}

// actorsWithin finds the first actor of a phrase: at its head, else in
// its modifiers ("a resumption of ties with Osgiliath", "the roads leading
// into Mordor", "an attack by Osgiliath soldiers" when the phrase is an
// object), not inside relative clauses. A possessive pronoun is not a
// target: "delayed their meeting" is not done to themselves.
func (ac *articleCoding) actorsWithin(tok, depth int, object bool) []party {
	if t := ac.doc.Tokens[tok]; t.UPOS == "PRON" && t.DepRel == "nmod:poss" {
		return nil
	}
	if ps := ac.actorsAt(tok); len(ps) > 0 || depth >= 4 {
		return ps
	}
	clause := ac.doc.Tokens[tok].UPOS == "VERB"
	for _, ch := range ac.children[tok] {
		switch ac.doc.Tokens[ch].DepRel {
		case "nsubj", "nsubj:pass":
			// The subject of a noun's content clause ("hopes that
			// Osgiliath could be drawn into ...") is what it is about.
			if !clause {
				continue
			}
		case "nmod", "acl", "obl", "obl:agent", "appos", "obj":
			// "memos sent by Bree": a reduced relative's agent too.
			c := caseOf(ac, ch)
			if c != "" && !targetPreps[c] && !object && ac.doc.Tokens[ch].DepRel != "obl:agent" {
				continue
			}
			// "planned conferences, with the first meeting set to
			// take place in Christchurch": a place inside an oblique
			// is where, not whom.
			if !object && placeCases[c] && ac.isPlace(ch) {
				continue
			}
		default:
			continue
		}
		if ps := ac.actorsWithin(ch, depth+1, object); len(ps) > 0 {
			return ps
		}
	}
	return nil
}

// inheritedSubject is the subject a verb without one shares with the verb
// it is coordinated with or controlled by ("vowed to wage war", "is about
// to restore", "condemned ... and promised").
func (ac *articleCoding) inheritedSubject(v int) int {
	for range 4 {
		t := ac.doc.Tokens[v]
		// A clause the parser hangs off the name before it ("Bree Prime
		// Minister Romendacil most certainly did not clash") has that
		// name for subject.
		if t.DepRel == "parataxis" && t.Head >= 0 && t.Head < v && ac.mentionAt[t.Head] >= 0 {
			if u := ac.doc.Tokens[t.Head].UPOS; u == "PROPN" || u == "NOUN" {
				return t.Head
			}
		}
		// A gerund adverbial shares its head's subject: "The South
		// retaliated by firing ...", "opened fire, killing two".
		gerund := t.DepRel == "advcl" && t.XPOS == "VBG"
		// A subjectless infinitive of purpose is controlled by its
		// head's subject too: "is inching nearer to accord with Gondor".
		purpose := t.DepRel == "advcl" && ac.markedTo(v)
		// The adverb such an infinitive may hang on ("inching closer to
		// accord", with "closer" an advmod of "inching") passes the
		// subject through.
		degree := t.DepRel == "advmod" && (t.UPOS == "ADV" || t.UPOS == "ADJ")
		if t.Head < 0 || (t.DepRel != "conj" && t.DepRel != "xcomp" && !gerund && !purpose && !degree) {
			return -1
		}
		v = t.Head
		for _, ch := range ac.children[v] {
			if r := ac.doc.Tokens[ch].DepRel; r == "nsubj" || r == "nsubj:pass" {
				return ch
			}
		}
	}
	return -1
}

// markedTo reports whether clause v is an infinitive marked with "to".
func (ac *articleCoding) markedTo(v int) bool {
	for _, ch := range ac.children[v] {
		if t := ac.doc.Tokens[ch]; t.DepRel == "mark" && strings.EqualFold(t.Text, "to") {
			return true
		}
	}
	return false
}

// nounArguments finds an event noun's source (possessor, by-phrase, the
// subject of a light verb) and target (on/against/of phrase).
func (ac *articleCoding) nounArguments(n int) (src, tgt []party) {
	for _, ch := range ac.children[n] {
		rel := ac.doc.Tokens[ch].DepRel
		switch {
		case rel == "nmod:poss" && len(src) == 0:
			src = ac.actorsAt(ch)
		case rel == "nmod" || rel == "obl" || rel == "compound":
			switch caseOf(ac, ch) {
			case "by", "from":
				if len(src) == 0 {
					src = ac.actorsAt(ch)
				}
			case "on", "against", "of", "upon", "at", "to":
				if len(tgt) == 0 {
					tgt = ac.actorsAt(ch)
				}
			}
		}
	}
	// The parser often hangs "by Israel" or "on Israel" on a word inside
	// the noun's phrase ("the killing of the commander, Fuad Shukr, by
	// Israel"); look for them a little deeper.
	if len(src) == 0 {
		src = ac.casedWithin(n, 0, "by")
	}
	if len(tgt) == 0 {
		tgt = ac.casedWithin(n, 0, "on", "against")
	}
	t := ac.doc.Tokens[n]
	// The parser often hangs the noun's "by" and "on" phrases on the
	// verb it is the object of ("It drew threats of revenge by Iran on
	// Israel"); an active verb has no by-agent of its own. A light verb
	// only carries the noun, so its "to" phrase is the noun's too ("made
	// an appeal to the United Nations").
	if t.DepRel == "obj" && t.Head >= 0 && (len(src) == 0 || len(tgt) == 0) {
		light := lightVerbs[strings.ToLower(ac.doc.Tokens[t.Head].Lemma)]
		for _, ch := range ac.children[t.Head] {
			if ac.doc.Tokens[ch].DepRel != "obl" || ch < n {
				continue
			}
			switch c := caseOf(ac, ch); {
			case c == "by":
				if len(src) == 0 {
					src = ac.actorsAt(ch)
				}
				// "by Iran on Israel" with "on Israel" hung on Iran.
				if len(tgt) == 0 {
					tgt = ac.casedWithin(ch, 0, "on", "against")
				}
			case c == "on" || c == "against" || (light && c == "to"):
				if len(tgt) == 0 {
					tgt = ac.actorsAt(ch)
				}
			}
		}
	}
	if len(src) == 0 && t.DepRel == "obj" && t.Head >= 0 && lightVerbs[strings.ToLower(ac.doc.Tokens[t.Head].Lemma)] {
		for _, ch := range ac.children[t.Head] {
			if ac.doc.Tokens[ch].DepRel == "nsubj" {
				src = ac.actorsAt(ch)
			}
		}
	}
	return src, tgt
}

// addEvent records the candidate events of one predicate between two
// parties: one event for each pair of their actors, since a compound actor
// ("the Shire", "the ambassadors of Arnor, Osgiliath and Gondor") acts as
// each of its members. negCoded says the matched pattern's code already
// carries the predicate's negation.
func (ac *articleCoding) addEvent(si, v int, src party, tgt *party, code string, negCoded bool) {
	srcs := src.actors
	if len(srcs) == 0 {
		srcs = []dyad.Actor{{}}
	}
	if tgt == nil || len(tgt.actors) == 0 {
		for i := range srcs {
			ac.addOneEvent(si, v, srcs[i], nil, code, negCoded)
		}
		return
	}
	for i := range srcs {
		for j := range tgt.actors {
			ac.addOneEvent(si, v, srcs[i], &tgt.actors[j], code, negCoded)
		}
	}
}

func (ac *articleCoding) addOneEvent(si, v int, src dyad.Actor, tgt *dyad.Actor, code string, negCoded bool) {
	ev := dyad.Event{CAMEO: code, SentenceIndex: si, Source: src}
	if tgt != nil {
		a := *tgt
		ev.Target = &a
	}
	if ev.Source.Code != "" && ev.Target != nil && ev.Source.Code == ev.Target.Code {
		ac.c.debugf("sentence %d: %q source and target are both %s; dropped", si, ac.doc.Tokens[v].Text, ev.Source.Code)
		return
	}
	// A statement of a country's government, agency or people about the
	// country itself ("Pompeo said the release of the hostages gives
	// hope for the negotiations, which the United States stands ready to
	// support", "the DEA says heroin enters the United States") is
	// addressed to no one.
	if ev.Target != nil && strings.HasPrefix(code, "01") && len(ev.Target.Code) == 3 && len(ev.Source.Code) > 3 && strings.HasPrefix(ev.Source.Code, ev.Target.Code) {
		ac.c.debugf("sentence %d: %q [%s]: %s speaks of its own %s; dropped", si, ac.doc.Tokens[v].Text, code, ev.Source.Code, ev.Target.Code)
		return
	}
	// Speaking to the press ("told reporters at a news conference",
	// "told the BBC", "in an email to The Associated Press") is how a
	// statement became news, not whom it concerns: reportage.
	if ev.Target != nil && strings.HasPrefix(code, "01") && pressActor(*ev.Target) {
		ac.c.debugf("sentence %d: %q [%s]: %q is the press; dropped", si, ac.doc.Tokens[v].Text, code, ev.Target.Text)
		return
	}
	// A place inside a country ("traveled to Florida to meet with
	// Devocht", "NASA celebrated the launch at the Kennedy Space
	// Center") is where its own people met, gave or said something, not
	// whom: the country is no partner of its own citizens' cooperation.
	if ev.Target != nil && strings.HasPrefix(code, "0") && ac.domesticPlace(ev.Source, ev.Target) {
		ac.c.debugf("sentence %d: %q [%s]: %q is a place in %s's own country; dropped", si, ac.doc.Tokens[v].Text, code, ev.Target.Text, ev.Source.Code)
		return
	}
	// Two parties the dictionaries know nothing of ("Minerva McGonagall
	// left for meetings with Albus Dumbledore") make no event data.
	if ev.Source.Code == "" && (ev.Target == nil || ev.Target.Code == "") {
		ac.c.debugf("sentence %d: %q has neither a coded source nor a coded target; dropped", si, ac.doc.Tokens[v].Text)
		return
	}
	s := ac.doc.Sentences[si]
	ev.Sentence = strings.TrimSpace(spanText(ac.doc, s.Start, s.End))
	ev.Negated, ev.Hypothetical = ac.modality(v)
	if negCoded {
		ev.Negated = false
	}
	if by, ok := ac.reporter(v); ok {
		ev.ReportedBy = &by
	}
	// What a direct quote says others did or do is the speaker's account
	// ("“Not the U.S. nor any of the U.S.-backed rebels ... are preventing
	// civilians from leaving the camp,” the source said"), not an event;
	// the speaker's own act in it ("We urge the governments of the
	// region ...") or their side's ("“The United States condemns ...,”
	// Blinken said") is.
	if ac.insideQuote(v) && !ac.speakersOwn(v, ev) {
		ac.c.debugf("sentence %d: %q [%s] is inside a quote and not the speaker's own act; dropped", si, ac.doc.Tokens[v].Text, code)
		return
	}
	finish(&ev)
	ac.attributes(&ev, v)
	ev.Confidence = ac.confidence(ev, v)
	ev.ID = eventID(ac.art.ID, si, v, ev.Source.Code, targetCode(ev.Target))
	ac.found = append(ac.found, candidate{ev: ev, pred: v})
}

// modality reads negation and modality off the predicate and the verbs
// that govern it.
func (ac *articleCoding) modality(v int) (negated, hypothetical bool) {
	for range 3 {
		for _, ch := range ac.children[v] {
			t := ac.doc.Tokens[ch]
			w := strings.ToLower(t.Text)
			switch {
			case (t.DepRel == "advmod" || t.DepRel == "neg" || t.DepRel == "det") && negWords[w]:
				negated = true
			case strings.HasPrefix(t.DepRel, "aux") && modalWords[w]:
				hypothetical = true
			case t.DepRel == "mark" && w == "if":
				hypothetical = true
			case t.DepRel == "advcl" && ac.conditional(ch):
				// The consequent of a condition: "want Congress to
				// investigate Trump if he committed impeachable
				// offenses".
				hypothetical = true
			}
		}
		t := ac.doc.Tokens[v]
		if t.Head < 0 {
			break
		}
		if t.UPOS == "NOUN" && (t.DepRel == "nsubj:pass" || t.DepRel == "obj") && lightVerbs[strings.ToLower(ac.doc.Tokens[t.Head].Lemma)] {
			// A happening named by a noun takes the modality of the
			// light verb that has it happen: "an appeal against the
			// decision could be made", "did not launch an attack";
			// not of a verb about it ("the attack could be condemned").
			v = t.Head
			continue
		}
		if t.DepRel != "xcomp" {
			break
		}
		if refusalVerbs[strings.ToLower(ac.doc.Tokens[t.Head].Lemma)] {
			negated = !negated
		}
		v = t.Head
	}
	return negated, hypothetical
}

// aboutFuture reports whether code is a statement of what is to be done,
// whose words are modal by nature: an appeal (02), an intent (03), a
// demand (10), a rejection (12) or a threat (13) ("Erekat said they would
// take a series of measures" is a threat made, not a hypothetical one),
// unless the words name the statement itself as the subject of the
// modal ("an appeal ... could be made").
func aboutFuture(code string) bool {
	if len(code) < 2 {
		return false
	}
	switch code[:2] {
	case "02", "03", "10", "12", "13":
		return true
	}
	return false
}

// isSubject reports whether token w is the subject of its clause.
func (ac *articleCoding) isSubject(w int) bool {
	r := ac.doc.Tokens[w].DepRel
	return r == "nsubj" || r == "nsubj:pass"
}

// modalBelow reports whether a clause between token w and the verb v it
// hangs from, v excluded, is hypothetical.
func (ac *articleCoding) modalBelow(w, v int) bool {
	for range 8 {
		t := ac.doc.Tokens[w]
		if w == v || t.Head < 0 {
			return false
		}
		if t.UPOS == "VERB" || t.UPOS == "AUX" {
			if _, hyp := ac.modality(w); hyp {
				return true
			}
		}
		w = t.Head
	}
	return false
}

// conditional reports whether clause c is a condition ("if convicted",
// "unless Iran withdraws").
func (ac *articleCoding) conditional(c int) bool {
	for _, ch := range ac.children[c] {
		if t := ac.doc.Tokens[ch]; t.DepRel == "mark" {
			w := strings.ToLower(t.Text)
			return w == "if" || w == "unless"
		}
	}
	return false
}

// reporter is who reports the event when its clause is the complement of
// a verb of saying ("X said Y attacked Z").
func (ac *articleCoding) reporter(v int) (dyad.Actor, bool) {
	t := ac.doc.Tokens[v]
	if t.Head < 0 || (t.DepRel != "ccomp" && t.DepRel != "parataxis") {
		// "…, Blinken said": the saying verb hangs off the event's clause.
		for _, ch := range ac.children[v] {
			c := ac.doc.Tokens[ch]
			if (c.DepRel == "parataxis" || c.DepRel == "ccomp") && ac.c.sayVerbs[strings.ToLower(c.Lemma)] && ch > v {
				return ac.subjectActor(ch)
			}
		}
		return dyad.Actor{}, false
	}
	if !ac.c.sayVerbs[strings.ToLower(ac.doc.Tokens[t.Head].Lemma)] {
		return dyad.Actor{}, false
	}
	return ac.subjectActor(t.Head)
}

func (ac *articleCoding) subjectActor(v int) (dyad.Actor, bool) {
	for _, ch := range ac.children[v] {
		if ac.doc.Tokens[ch].DepRel == "nsubj" {
			if ps := ac.actorsAt(ch); len(ps) > 0 && len(ps[0].actors) > 0 {
				return ps[0].actors[0], true
			}
		}
	}
	return dyad.Actor{}, false
}

// confidence scores an event from what is known of it.
func (ac *articleCoding) confidence(ev dyad.Event, v int) float64 {
	c := 0.9
	if ev.Source.Code == "" || strings.HasPrefix(ev.Source.Code, "---") {
		c -= 0.25
	}
	if ev.Target == nil {
		c -= 0.15
	} else if ev.Target.Code == "" || strings.HasPrefix(ev.Target.Code, "---") {
		c -= 0.15
	}
	if ev.ReportedBy != nil {
		c -= 0.05
	}
	if ev.Hypothetical {
		// What may happen, or happens on a condition, has not happened:
		// a hypothetical event with well-coded actors scores no higher
		// than one that took place between actors of no country.
		c -= 0.4
	}
	if ac.doc.Tokens[v].Head < 0 && ac.doc.Tokens[v].DepRel != "root" {
		c -= 0.1
	}
	// Two decimals: the sums above are exact only on paper (0.9-0.25-...).
	return max(math.Round(c*100)/100, 0.05)
}

// casedWithin finds the actors of the first phrase under tok introduced by
// one of the prepositions, searching depth first up to three levels.
func (ac *articleCoding) casedWithin(tok, depth int, preps ...string) []party {
	if depth > 3 {
		return nil
	}
	for _, ch := range ac.children[tok] {
		switch ac.doc.Tokens[ch].DepRel {
		case "nmod", "obl", "appos", "acl", "conj":
			if hasCase(ac, ch, preps...) {
				if ps := ac.actorsAt(ch); len(ps) > 0 {
					return ps
				}
			}
			if ps := ac.casedWithin(ch, depth+1, preps...); len(ps) > 0 {
				return ps
			}
		}
	}
	return nil
}

// materialConflict reports whether a code is of the material conflict
// roots (18 assault, 19 fight, 20 mass violence), whose victims are news
// even when the perpetrator is not named.
func materialConflict(code string) bool {
	return len(code) >= 2 && (code[:2] == "18" || code[:2] == "19" || code[:2] == "20")
}

// deescalationAppeal reports whether a verb of telling or asking carries
// the message not to escalate ("told Iran and Israel that the conflict
// cannot be allowed to escalate", "communicated the need to not escalate
// the conflict"), which CAMEO codes 0256, appeal for de-escalation; it
// returns the escalation predicate so it is not coded again.
func (ac *articleCoding) deescalationAppeal(v int) (int, bool) {
	if !appealVerbs[strings.ToLower(ac.doc.Tokens[v].Lemma)] {
		return -1, false
	}
	var found = -1
	var walk func(tok, depth int)
	walk = func(tok, depth int) {
		if depth > 4 || found >= 0 {
			return
		}
		for _, ch := range ac.children[tok] {
			switch ac.doc.Tokens[ch].DepRel {
			case "advcl", "parataxis", "conj", "acl:relcl", "nsubj", "punct":
				continue
			}
			if l := strings.ToLower(ac.doc.Tokens[ch].Lemma); l == "escalate" || l == "escalation" {
				if neg, _ := ac.modality(ch); neg || hasNegDependent(ac, ch) {
					found = ch
					return
				}
			}
			walk(ch, depth+1)
		}
	}
	walk(v, 0)
	if found < 0 {
		found = ac.escalationBeforeAttribution(v)
	}
	return found, found >= 0
}

// escalationBeforeAttribution finds a negated "escalate" written after
// the appeal verb v in its sentence and before the next verb of saying:
// the complement of "told X that ... cannot be allowed to escalate,
// Blinken said" wherever the parser hung it.
func (ac *articleCoding) escalationBeforeAttribution(v int) int {
	si := ac.sentenceOf(v)
	if si < 0 {
		return -1
	}
	end := ac.doc.Sentences[si].End
	for j := v + 1; j < end; j++ {
		t := ac.doc.Tokens[j]
		l := strings.ToLower(t.Lemma)
		if ac.c.sayVerbs[l] && t.UPOS == "VERB" {
			return -1
		}
		if l == "escalate" || l == "escalation" {
			if neg, _ := ac.modality(j); neg || hasNegDependent(ac, j) {
				return j
			}
		}
	}
	return -1
}

// appealVerbs are verbs of telling and asking that can carry an appeal.
var appealVerbs = map[string]bool{
	"tell": true, "communicate": true, "urge": true, "ask": true, "call": true, "warn": true,
	"press": true, "appeal": true, "say": true, "convey": true,
}

func hasNegDependent(ac *articleCoding, tok int) bool {
	for _, ch := range ac.children[tok] {
		if negWords[strings.ToLower(ac.doc.Tokens[ch].Text)] {
			return true
		}
	}
	return false
}

// countedObject reports whether the verb's object carries a number
// ("2,500 U.S. troops").
func (ac *articleCoding) countedObject(v int) bool {
	for _, ch := range ac.children[v] {
		if ac.doc.Tokens[ch].DepRel != "obj" {
			continue
		}
		for _, g := range ac.children[ch] {
			if ac.doc.Tokens[g].DepRel == "nummod" {
				return true
			}
		}
	}
	return false
}

// domesticPlace reports whether target is a place inside a country (a
// city, a region, a site the dictionaries code as the bare country, not
// the country's name) of the source's own country, or, for a source of
// no known country, of the story's home country.
func (ac *articleCoding) domesticPlace(source dyad.Actor, target *dyad.Actor) bool {
	country := target.Code
	if len(country) != 3 {
		return false
	}
	if _, ok := geo.Country(country); !ok {
		return false
	}
	switch {
	case source.Code == "":
		if country != ac.res.home {
			return false
		}
	case !strings.HasPrefix(source.Code, country):
		return false
	}
	// The dictionaries name a place by its country: the text says which.
	text := strings.TrimPrefix(strings.TrimPrefix(target.Text, "the "), "The ")
	if _, ok := geo.CountryByName(text); ok {
		return false
	}
	_, demonym := geo.Demonym(text)
	return !demonym
}

// insideQuote reports whether token tok lies inside double quotation
// marks opened earlier in its paragraph.
func (ac *articleCoding) insideQuote(tok int) bool {
	si := ac.sentenceOf(tok)
	if si < 0 {
		return false
	}
	first := si
	for first > 0 && ac.paragraphOf(first-1) == ac.paragraphOf(si) {
		first--
	}
	inside := false
	for i := ac.doc.Sentences[first].Start; i < tok && i < len(ac.doc.Tokens); i++ {
		switch ac.doc.Tokens[i].Text {
		case "“", "``":
			inside = true
		case "”", "''":
			inside = false
		case "\"":
			inside = !inside
		}
	}
	return inside
}

// speakersOwn reports whether an event inside a quote is the speaker's
// own: its subject is "I" or "we", or its source is of the side of the
// one the sentence says is speaking.
func (ac *articleCoding) speakersOwn(v int, ev dyad.Event) bool {
	if sj := ac.subjectOf(v); sj >= 0 {
		switch strings.ToLower(ac.doc.Tokens[sj].Text) {
		case "i", "we":
			return true
		}
	}
	by := ev.ReportedBy
	return by != nil && len(by.Code) >= 3 && len(ev.Source.Code) >= 3 && !strings.HasPrefix(by.Code, "---") && by.Code[:3] == ev.Source.Code[:3]
}

// pressActor reports whether an actor is a news medium or its reporters:
// media of a country or of no one (MED, ---MED, USAMED; not a
// government's or a group's spokesperson, USAGOVMED), or a name a news
// outlet ends with ("CBC News", "LA Weekly", "Wikinews").
func pressActor(a dyad.Actor) bool {
	if a.Code == "MED" || (len(a.Code) == 6 && strings.HasSuffix(a.Code, "MED")) {
		return true
	}
	words := strings.Fields(a.Text)
	if len(words) == 0 || a.Code != "" {
		return false
	}
	last := strings.ToLower(words[len(words)-1])
	if strings.HasSuffix(last, "news") {
		return true
	}
	switch last {
	case "weekly", "times", "post", "journal", "herald", "tribune", "gazette", "insider", "press", "reuters":
		return true
	}
	return false
}
