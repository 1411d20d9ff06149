package coder

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/cameo"
	"github.com/dyadnews/dyad/dict"
)

// articleCoding is the state of coding one article.
type articleCoding struct {
	c     *Coder
	art   *dyad.Article
	doc   *dyad.Doc
	words []string
	// lemmas are the tokens' lemmas in upper case.
	lemmas    []string
	bodyStart int
	date      time.Time
	// children lists each token's dependents in order.
	children [][]int
	// mentionAt maps a token to its mention's index in mentions, -1.
	mentionAt []int
	mentions  []mention
	// personCode caches each person mention's resolved party.
	personParty map[int]party
	sentOf      []int
	res         *resolver
	found       []candidate
	// coded marks the sentences that were coded (not skipped).
	coded []bool
	// absorbed marks predicates coded as part of another event (the
	// "escalate" of an appeal not to escalate).
	absorbed map[int]bool
	// lastDated is the last event dated by its own time words, whose
	// date the past-tense events right after it take.
	lastDated datedEvent
	// places is the article's place context, built on first use.
	places *placeScope
	// paragraphs maps sentences to paragraphs, built on first use.
	paragraphs []int
	// trees are the sentence trees the attribute finders walk.
	trees *docTrees
	// tokMask is what each token can match in a verb pattern.
	tokMask []wordMask
	// seqA and seqB are reused buffers for pattern matching, matched
	// for the words a pattern matched.
	seqA, seqB, matched []int
}

// candidate is an event before attributes and merging.
type candidate struct {
	ev   dyad.Event
	pred int
}

func (c *Coder) newArticleCoding(a *dyad.Article, doc *dyad.Doc, bodyStart int) *articleCoding {
	n := min(len(doc.Tokens), c.opts.MaxTokens)
	ac := &articleCoding{c: c, art: a, doc: doc, words: wordsOf(doc), bodyStart: bodyStart, date: anchorDate(a),
		children: make([][]int, len(doc.Tokens)), mentionAt: make([]int, len(doc.Tokens)),
		personParty: map[int]party{}, absorbed: map[int]bool{}, sentOf: make([]int, len(doc.Tokens)), coded: make([]bool, len(doc.Sentences))}
	for i := range ac.mentionAt {
		ac.mentionAt[i] = -1
		ac.sentOf[i] = -1
	}
	// Each token's dependents, in order, cut from one backing array.
	counts := make([]int, len(doc.Tokens)+1)
	for i, t := range doc.Tokens[:n] {
		if t.Head >= 0 && t.Head < n && t.Head != i {
			counts[t.Head+1]++
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	backing := make([]int, counts[len(counts)-1])
	for h := range ac.children {
		ac.children[h] = backing[counts[h]:counts[h]:counts[h+1]]
	}
	for i, t := range doc.Tokens[:n] {
		if t.Head >= 0 && t.Head < n && t.Head != i {
			ac.children[t.Head] = append(ac.children[t.Head], i)
		}
	}
	for si, s := range doc.Sentences {
		if !validSpan(s, n) {
			continue
		}
		for i := s.Start; i < s.End; i++ {
			ac.sentOf[i] = si
		}
	}
	ac.lemmas = upperEach(len(doc.Tokens), func(i int) string { return doc.Tokens[i].Lemma })
	ac.tokMask = make([]wordMask, len(doc.Tokens))
	for i := range doc.Tokens {
		ac.tokMask[i] = c.tokenMask(ac.words[i], ac.lemmas[i])
	}
	ac.res = newResolver(ac)
	ac.trees = newDocTrees(doc)
	return ac
}

func validSpan(s dyad.Span, n int) bool { return s.Start >= 0 && s.Start < s.End && s.End <= n }

func (ac *articleCoding) sentenceOf(tok int) int {
	if tok < 0 || tok >= len(ac.sentOf) {
		return -1
	}
	return ac.sentOf[tok]
}

// code finds mentions, resolves people and codes the events of every
// sentence in reading order.
func (ac *articleCoding) code() {
	n := min(len(ac.doc.Tokens), ac.c.opts.MaxTokens)
	counts := map[string]int{}
	for si, s := range ac.doc.Sentences {
		if !validSpan(s, n) {
			continue
		}
		if s.End-s.Start > ac.c.opts.MaxSentenceTokens {
			ac.c.debugf("sentence %d: %d tokens, longer than %d; skipped", si, s.End-s.Start, ac.c.opts.MaxSentenceTokens)
			continue
		}
		if d := ac.c.dicts.Discards; d != nil {
			if hit := d.Find(ac.words[s.Start:s.End]); hit != nil {
				ac.c.debugf("sentence %d: discard phrase %q; skipped", si, hit.Phrase)
				if hit.Story {
					return
				}
				continue
			}
		}
		ac.coded[si] = true
		ms := ac.c.findMentions(ac.doc, ac.words, s.Start, s.End, ac.date)
		for _, m := range ms {
			for i := m.start; i < m.end; i++ {
				ac.mentionAt[i] = len(ac.mentions)
				ac.tokMask[i].or(mentionMask)
			}
			ac.mentions = append(ac.mentions, m)
			if m.country {
				counts[m.codes[0]]++
			}
		}
	}
	ac.res.home = ac.res.homeCountry(ac.art, counts)
	// Government bodies named with their country are resolved first, so
	// that a later "the State Department" and the titles it gives people
	// find them.
	for mi := range ac.mentions {
		if m := &ac.mentions[mi]; m.agent != nil && m.end-m.start > 1 {
			if _, ok := institutionAgents[lastWord(m.agent.Name)]; ok {
				ac.npParty(m.head, 0)
			}
		}
	}
	ac.codePeople()
	ac.personsOverPlaces()
	speech := ac.speechOnly()
	for si, s := range ac.doc.Sentences {
		if speech[si] {
			ac.c.debugf("sentence %d: a question or an interview's turn; no events", si)
			continue
		}
		if si < len(ac.coded) && ac.coded[si] {
			ac.codeSentence(si, s)
		}
	}
}

// codeSentence resolves the sentence's people and codes its predicates.
func (ac *articleCoding) codeSentence(si int, s dyad.Span) {
	for i := s.Start; i < s.End; i++ {
		if mi := ac.mentionAt[i]; mi >= 0 && ac.mentions[mi].start == i && ac.mentions[mi].person {
			ac.resolvePerson(mi)
		}
	}
	for i := s.Start; i < s.End; i++ {
		if ac.mentionAt[i] >= 0 && ac.mentions[ac.mentionAt[i]].head == i {
			if ps := ac.actorsAt(i); len(ps) > 0 {
				ac.res.note(i, ps[0])
			}
		}
		switch t := ac.doc.Tokens[i]; {
		case t.UPOS == "PRON":
			if p, ok := ac.res.pronoun(i); ok {
				ac.res.note(i, p)
			}
		case t.UPOS == "NOUN" && nationWords[strings.ToLower(t.Text)]:
			// "this nation" is an antecedent too.
			if p, ok := ac.npParty(i, 0); ok {
				ac.res.note(i, p)
			}
		}
	}
	for v := s.Start; v < s.End; v++ {
		ac.codePredicate(si, v)
	}
}

// actorsAt resolves the noun phrase headed at tok, and the phrases
// coordinated with it, to parties.
func (ac *articleCoding) actorsAt(tok int) []party { return ac.actorsAtDepth(tok, 0) }

// actorsAtDepth is actorsAt from within the resolution of another phrase,
// depth levels down: a parse with cycles ends there.
func (ac *articleCoding) actorsAtDepth(tok, depth int) []party {
	var out []party
	if p, ok := ac.npParty(tok, depth); ok {
		out = append(out, p)
	}
	// Conjuncts hang off the first conjunct or, in some parses, off one
	// another.
	queue := []int{tok}
	for n := 0; len(queue) > 0 && n < 32; n++ {
		h := queue[0]
		queue = queue[1:]
		for _, ch := range ac.children[h] {
			if ac.doc.Tokens[ch].DepRel == "conj" && ac.sameCase(tok, ch) {
				if p, ok := ac.npParty(ch, depth); ok {
					out = append(out, p)
				}
				queue = append(queue, ch)
			}
		}
	}
	return out
}

// sameCase reports whether a conjunct has the preposition of the first
// conjunct, or none: "of the group Hezbollah, ..., by Israel" coordinates
// no actors, "to Iran and to Israel" does.
func (ac *articleCoding) sameCase(first, conj int) bool {
	c := caseOf(ac, conj)
	return c == "" || c == caseOf(ac, first)
}

// npParty resolves one noun phrase: a mention at its head, an agent
// combined with the actor it belongs to ("Gondor's government", "soldiers
// from Gondor", "Osgiliath soldiers"), an actor among its modifiers, a
// person named before, a pronoun or a description.
func (ac *articleCoding) npParty(tok, depth int) (party, bool) {
	if tok < 0 || tok >= len(ac.mentionAt) || depth > 3 {
		return party{}, false
	}
	t := ac.doc.Tokens[tok]
	if mi := ac.mentionAt[tok]; mi >= 0 {
		m := &ac.mentions[mi]
		// A surname of a person the article has named wins over a
		// dictionary place of that name ("Austin" said).
		if m.end-m.start == 1 && !m.person {
			if p, ok := ac.res.names[ac.words[tok]]; ok && t.UPOS == "PROPN" && len(p.actors) > 0 && p.actors[0].Code != "" {
				return p, true
			}
		}
		// A title word the article has used as a person's surname
		// ("King and Weeks were abducted" after "American Kevin King")
		// is that person, not a monarch, when it is written as a name
		// on its own: capitalised, with no article and no name after it
		// ("the King", "King Abdullah"). The tagger may call it a noun.
		if m.agent != nil && m.end-m.start == 1 && (t.UPOS == "PROPN" || t.UPOS == "NOUN") && capitalised(t.Text) && !hasDeterminer(ac, tok, "the", "a", "an") &&
			(tok+1 >= len(ac.doc.Tokens) || ac.doc.Tokens[tok+1].UPOS != "PROPN") {
			if p, ok := ac.res.names[ac.words[tok]]; ok && p.person && len(p.actors) > 0 && p.actors[0].Text != ac.words[tok] {
				return p, true
			}
		}
		switch {
		case m.person:
			if p, ok := ac.personParty[mi]; ok {
				return p, true
			}
			return ac.resolvePerson(mi), true
		case m.agent != nil:
			// "the Lebanese group Hezbollah": a named actor in
			// apposition is who the agent phrase is.
			for _, ch := range ac.children[m.head] {
				if ac.doc.Tokens[ch].DepRel == "appos" && (ch < m.start || ch >= m.end) && ac.mentionAt[ch] >= 0 {
					if p, ok := ac.npParty(ch, depth+1); ok && !p.person && coded([]party{p}) {
						return p, true
					}
				}
			}
			return ac.agentParty(tok, m, depth), true
		default:
			p := party{}
			text := spanText(ac.doc, m.start, m.end)
			// An agent written right before the name and modifying it
			// ("MSF Arnor") qualifies it.
			var agent *dict.Agent
			if m.start > 0 {
				if ai := ac.mentionAt[m.start-1]; ai >= 0 && ac.mentions[ai].agent != nil {
					if h := ac.doc.Tokens[ac.mentions[ai].head].Head; h >= m.start && h < m.end {
						agent = ac.mentions[ai].agent
						text = spanText(ac.doc, ac.mentions[ai].start, m.end)
						// A name the dictionaries code as a bare
						// country says less than a title with its
						// own owner: "Ithilen's minister Calimehtar"
						// is Ithilen's.
						if m.country {
							if q, ok := ac.ownedTitle(&ac.mentions[ai], text, depth); ok {
								return q, true
							}
						}
					}
				}
			}
			// An agent written right after the name in one noun
			// phrase ("Bree Prime Minister Romendacil", "the
			// Calenardhon government issue") qualifies it even when
			// the parse makes the name the head.
			// When the agent heads the phrase ("Danish media"), the
			// name is its owner and agentParty combines them.
			if ai := ac.nextAgent(m); agent == nil && ai >= 0 && !ac.headedBy(m, &ac.mentions[ai]) {
				agent = ac.agentOf(ai)
				text = spanText(ac.doc, m.start, ac.mentions[ai].end)
			}
			for _, code := range m.codes {
				if agent != nil {
					code = applyAgent(agent, code)
				}
				p.actors = append(p.actors, dyad.Actor{Text: text, Name: m.name, Code: code})
			}
			return p, len(p.actors) > 0
		}
	}
	switch {
	case compassWords[strings.ToLower(t.Text)] && hasDeterminer(ac, tok, "the") && ac.bareNoun(tok):
		// "The South retaliated ... into the north": the half of a
		// divided country the article names in full.
		if code, name := ac.compassCountry(strings.ToLower(t.Text)); code != "" {
			return party{actors: []dyad.Actor{{Text: spanText(ac.doc, firstDependent(ac, tok), tok+1), Name: name, Code: code}}}, true
		}
	case t.UPOS == "PRON":
		return ac.res.pronoun(tok)
	case t.UPOS == "PROPN":
		if p, ok := ac.res.names[ac.words[tok]]; ok {
			return p, true
		}
	case nationWords[strings.ToLower(t.Text)] && ac.res.home != "" && hasDeterminer(ac, tok, "this", "the"):
		return party{actors: []dyad.Actor{{Text: spanText(ac.doc, firstDependent(ac, tok), tok+1), Name: countryName(ac.res.home), Code: ac.res.home}}}, true
	}
	// Money is no actor, whoever issues it: "a million Swiss francs",
	// "88 billion Hong Kong dollars".
	if currencyNouns[strings.ToLower(t.Lemma)] {
		return party{}, false
	}
	// A name in apposition or flat with the noun ("the Lebanese group
	// Hezbollah") says more than a nationality adjective: try those first.
	kids := ac.children[tok]
	if len(kids) > 1 {
		ordered := make([]int, 0, len(kids))
		for _, ch := range kids {
			if r := ac.doc.Tokens[ch].DepRel; r == "appos" || r == "flat" {
				ordered = append(ordered, ch)
			}
		}
		for _, ch := range kids {
			if r := ac.doc.Tokens[ch].DepRel; r != "appos" && r != "flat" {
				ordered = append(ordered, ch)
			}
		}
		kids = ordered
	}
	for _, ch := range kids {
		if c := ac.doc.Tokens[ch]; c.UPOS == "PRON" && c.DepRel == "nmod:poss" {
			// "their meeting" is not their own actor.
			continue
		}
		switch ac.doc.Tokens[ch].DepRel {
		case "compound", "nmod:poss", "amod", "flat", "nmod", "appos":
			if ac.doc.Tokens[ch].DepRel == "nmod" && (!hasCase(ac, ch, "of", "from", "in") || happeningNoun(t.Lemma)) {
				// "an attack in Ithilen" is not Ithilen: a happening
				// is placed by its nmod, not owned.
				continue
			}
			if p, ok := ac.npParty(ch, depth+1); ok {
				if ownerless([]party{p}) && ac.classifiesThing(ch) {
					continue
				}
				// Coordinated modifiers make a compound actor:
				// "Eriadori and Calenardhon leaders".
				for _, cj := range ac.conjuncts(ch) {
					if q, ok := ac.npParty(cj, depth+1); ok && !q.person && !p.person {
						p.actors = append(p.actors[:len(p.actors):len(p.actors)], q.actors...)
					}
				}
				return p, true
			}
		}
	}
	return ac.possessorBefore(tok, depth)
}

// classifiesThing reports whether token mod, a modifier, names a kind of
// thing rather than who the thing is: "parental school choice", "the TV
// debate", "core intellectual property issues" (a kind of actor as a
// compound noun, or an adjective that is also one's name, before a
// common noun). A happening is its modifier's ("the Iran attack"), and
// people are of their kind ("a man suspect", "small-business owners").
// The caller checks that the modifier is an actor of no country.
func (ac *articleCoding) classifiesThing(mod int) bool {
	m := ac.doc.Tokens[mod]
	if m.Head < 0 || !(m.DepRel == "compound" && m.UPOS == "NOUN" || m.DepRel == "amod" && m.UPOS == "ADJ") {
		return false
	}
	h := ac.doc.Tokens[m.Head]
	return h.UPOS == "NOUN" && !happeningNoun(h.Lemma) && !namesPeople(h.Lemma)
}

// namesPeople reports whether a common noun's lemma names people: an
// agent noun ("owner", "investor", "activist", "politician", "resident")
// or one of the few that are not formed as one.
func namesPeople(lemma string) bool {
	l := strings.ToLower(lemma)
	if thingNouns[l] {
		return false
	}
	for _, suffix := range []string{"er", "or", "ist", "ian", "ant", "ent"} {
		if strings.HasSuffix(l, suffix) {
			return true
		}
	}
	switch l {
	case "man", "woman", "child", "people", "person", "suspect", "official", "staff", "team", "crew",
		"member", "family", "delegate", "envoy", "spokesman", "spokeswoman", "spokesperson", "chief", "head",
		"unit", "force", "personnel", "troop":
		return true
	}
	return false
}

// thingNouns are common nouns that end like agent nouns but name things,
// so that a kind of actor before them classifies them: "student
// vouchers", "police equipment", "the border incident".
var thingNouns = map[string]bool{
	"voucher": true, "paper": true, "letter": true, "number": true, "order": true, "border": true,
	"center": true, "centre": true, "computer": true, "water": true, "power": true, "matter": true,
	"quarter": true, "chamber": true, "tower": true, "corner": true, "sector": true, "factor": true,
	"error": true, "floor": true, "door": true, "event": true, "percent": true, "incident": true,
	"accident": true, "content": true, "restaurant": true, "plant": true, "grant": true,
	"equipment": true, "document": true, "statement": true, "agreement": true, "payment": true,
	"investment": true, "treatment": true, "element": true, "moment": true, "comment": true,
}

// currencyNouns name money, whose country modifiers name its issuer.
var currencyNouns = map[string]bool{
	"dollar": true, "euro": true, "franc": true, "yen": true, "pound": true, "yuan": true, "renminbi": true,
	"rupee": true, "peso": true, "real": true, "rouble": true, "ruble": true, "dinar": true, "dirham": true,
	"riyal": true, "rial": true, "lira": true, "shekel": true, "won": true, "krona": true, "krone": true,
	"kroner": true, "zloty": true, "forint": true, "rand": true, "baht": true, "ringgit": true, "rupiah": true,
	"naira": true, "shilling": true, "cedi": true, "taka": true, "dong": true, "hryvnia": true, "lari": true,
	"manat": true, "tenge": true, "leu": true, "lev": true, "kuna": true, "koruna": true, "florin": true,
	"guilder": true, "mark": true, "bitcoin": true, "currency": true,
}

// bareNoun reports whether a noun has no modifiers, only its
// determiner, preposition and punctuation.
func (ac *articleCoding) bareNoun(tok int) bool {
	for _, ch := range ac.children[tok] {
		switch ac.doc.Tokens[ch].DepRel {
		case "det", "case", "punct", "cc":
		default:
			return false
		}
	}
	return true
}

// compassWords name the half of a divided country ("the North").
var compassWords = map[string]bool{"north": true, "south": true}

// compassCountry is the one country the article names with the compass
// word first ("North Korea" for "north"), "" if none or several.
func (ac *articleCoding) compassCountry(word string) (code, name string) {
	for _, m := range ac.mentions {
		if !m.country || m.end-m.start < 2 || strings.ToLower(ac.doc.Tokens[m.start].Text) != word {
			continue
		}
		if code != "" && code != m.codes[0] {
			return "", ""
		}
		code, name = m.codes[0], m.name
	}
	return code, name
}

// conjuncts lists the tokens coordinated with tok, transitively.
func (ac *articleCoding) conjuncts(tok int) []int {
	var out []int
	queue := []int{tok}
	for len(queue) > 0 && len(out) < 32 {
		h := queue[0]
		queue = queue[1:]
		for _, ch := range ac.children[h] {
			if ac.doc.Tokens[ch].DepRel == "conj" && ac.sameCase(tok, ch) {
				out = append(out, ch)
				queue = append(queue, ch)
			}
		}
	}
	return out
}

// possessorBefore repairs a parse that hangs a possessor outside its noun
// phrase: the actor written right before "'s" and the noun's adjectives
// ("Caras Galadhon's new mayor") owns the noun.
func (ac *articleCoding) possessorBefore(tok, depth int) (party, bool) {
	j := firstDependent(ac, tok) - 1
	sawPossessive := false
	for ; j >= 0 && j >= tok-4; j-- {
		t := ac.doc.Tokens[j]
		if t.Text == "'s" || t.Text == "’s" || t.Text == "'" {
			sawPossessive = true
			continue
		}
		if t.UPOS != "ADJ" {
			break
		}
	}
	if !sawPossessive || j < 0 || ac.sentenceOf(j) != ac.sentenceOf(tok) {
		return party{}, false
	}
	if mi := ac.mentionAt[j]; mi >= 0 && ac.mentions[mi].end == j+1 && len(ac.mentions[mi].codes) > 0 {
		return ac.npParty(j, depth+1)
	}
	return party{}, false
}

// agentParty attaches an agent to the actor it belongs to, found among the
// agent's modifiers, before it in the sentence, or nowhere ("---MIL").
func (ac *articleCoding) agentParty(tok int, m *mention, depth int) party {
	text := spanText(ac.doc, firstDependent(ac, m.head), m.end)
	owners := ac.agentOwners(m, depth)
	// Coordinated agents share their owner: "Lawmakers and officials in
	// Fornost", "Danish media and government".
	if len(owners) == 0 {
		if t := ac.doc.Tokens[m.head]; t.DepRel == "conj" && t.Head >= 0 {
			if hi := ac.mentionAt[t.Head]; hi >= 0 && ac.mentions[hi].agent != nil {
				owners = ac.agentOwners(&ac.mentions[hi], depth)
			}
		}
	}
	if len(owners) == 0 {
		for _, ch := range ac.children[m.head] {
			if ci := ac.mentionAt[ch]; ac.doc.Tokens[ch].DepRel == "conj" && ci >= 0 && ac.mentions[ci].agent != nil {
				if owners = ac.agentOwners(&ac.mentions[ci], depth); len(owners) > 0 {
					break
				}
			}
		}
	}
	agent := ac.agentOf(ac.mentionAt[m.head])
	var p party
	// A body named again without its country ("the State Department"
	// after "the US State Department") is the one named before.
	key := strings.ToUpper(spanText(ac.doc, m.start, m.end))
	if _, inst := institutionAgents[lastWord(m.agent.Name)]; inst && m.end-m.start > 1 {
		if len(owners) == 0 {
			if q, ok := ac.res.names[key]; ok {
				return party{actors: []dyad.Actor{{Text: text, Name: q.actors[0].Name, Code: q.actors[0].Code}}}
			}
		} else {
			defer func() {
				if len(p.actors) > 0 && !strings.HasPrefix(p.actors[0].Code, "---") {
					ac.res.names[key] = p
				}
			}()
		}
	}
	if len(owners) == 0 {
		code := agent.Apply("---")
		// "the top U.S. diplomat" handled above; a bare title of a
		// person already named with that code is that person.
		p.actors = []dyad.Actor{{Text: text, Name: m.name, Code: code}}
		return p
	}
	for _, o := range owners {
		if o.person {
			continue
		}
		for _, a := range o.actors {
			p.actors = append(p.actors, dyad.Actor{Text: text, Name: strings.TrimSpace(a.Name + " " + m.name), Code: applyAgent(agent, a.Code)})
		}
	}
	if len(p.actors) == 0 {
		p.actors = []dyad.Actor{{Text: text, Name: m.name, Code: agent.Apply("---")}}
	}
	if personTitles[lastWord(m.agent.Name)] && ac.doc.Tokens[m.head].XPOS == "NN" {
		for i := len(ac.res.recent) - 1; i >= 0; i-- {
			pp := ac.res.recent[i].party
			if pp.person && pp.actors[0].Code == p.actors[0].Code {
				return party{actors: []dyad.Actor{{Text: text, Name: pp.actors[0].Name, Code: pp.actors[0].Code}}, person: true}
			}
		}
	}
	return p
}

// agentOwners finds the actors an agent phrase belongs to: among its
// modifiers ("Gondor's government", "soldiers from Gondor", "Lawmakers in
// Fornost and Gondor"), else an actor written right before or after it in
// the same noun phrase ("Arnor security officials", "MSF Arnor") even when
// the parse attaches it elsewhere.
func (ac *articleCoding) agentOwners(m *mention, depth int) []party {
	var owners []party
	// The parser may hang the owner on a word of a multi-word agent
	// other than its head: "Gondor's main opposition groups" with
	// "Gondor's" on "opposition".
	for _, ch := range ac.spanDependents(m) {
		rel := ac.doc.Tokens[ch].DepRel
		// "A spokesperson for the British Foreign Office" speaks for it.
		if rel == "compound" || rel == "nmod:poss" || rel == "amod" || (rel == "nmod" && (hasCase(ac, ch, "of", "from", "in") || (spokesperson(m.agent) && hasCase(ac, ch, "for")))) {
			if ac.mentionAt[ch] >= 0 && ac.mentionAt[ch] == ac.mentionAt[m.head] {
				continue
			}
			// Another agent among the modifiers ("the senior military
			// commander") is not an owner.
			for _, o := range ac.actorsAtDepth(ch, depth+1) {
				if len(o.actors) > 0 && !strings.HasPrefix(o.actors[0].Code, "---") {
					owners = append(owners, o)
				}
			}
			if len(owners) > 0 {
				return owners
			}
		}
	}
	for _, j := range []int{m.start - 1, m.end} {
		// "Iraq’s military" parsed with no possessive link: the owner
		// is written before the possessive marker.
		if j == m.start-1 && j >= 1 && ac.doc.Tokens[j].XPOS == "POS" {
			j--
		}
		if j < 0 || j >= len(ac.mentionAt) || ac.sentenceOf(j) != ac.sentenceOf(m.head) {
			continue
		}
		if pm := ac.mentionAt[j]; pm >= 0 && ac.mentions[pm].agent == nil && !ac.mentions[pm].person {
			if j == m.end && ac.doc.Tokens[j].UPOS != "PROPN" {
				continue
			}
			if p, ok := ac.npParty(j, depth+1); ok {
				return append(owners, p)
			}
		}
	}
	return owners
}

// ownedTitle is the party of a title whose owner is among its modifiers
// ("Ithilen's awful and evil minister"), false if it has none.
func (ac *articleCoding) ownedTitle(t *mention, text string, depth int) (party, bool) {
	var p party
	for _, o := range ac.agentOwners(t, depth+1) {
		if o.person {
			continue
		}
		for _, a := range o.actors {
			p.actors = append(p.actors, dyad.Actor{Text: text, Name: strings.TrimSpace(a.Name + " " + t.name), Code: applyAgent(t.agent, a.Code)})
		}
	}
	return p, len(p.actors) > 0
}

// spanDependents lists the dependents of a mention's head and, after
// them, those of its other words that lie outside the mention.
func (ac *articleCoding) spanDependents(m *mention) []int {
	if m.end-m.start == 1 {
		return ac.children[m.head]
	}
	out := append([]int(nil), ac.children[m.head]...)
	for i := m.start; i < m.end; i++ {
		if i == m.head {
			continue
		}
		for _, ch := range ac.children[i] {
			if ch < m.start || ch >= m.end {
				out = append(out, ch)
			}
		}
	}
	return out
}

// headedBy reports whether mention m hangs on a word of mention h.
func (ac *articleCoding) headedBy(m, h *mention) bool {
	head := ac.doc.Tokens[m.head].Head
	return head >= h.start && head < h.end
}

// nextAgent is the agent mention written right after an actor mention in
// the same noun phrase, -1 if none.
func (ac *articleCoding) nextAgent(m *mention) int {
	if m.end >= len(ac.mentionAt) || ac.sentenceOf(m.end) != ac.sentenceOf(m.start) {
		return -1
	}
	ai := ac.mentionAt[m.end]
	if ai < 0 || ac.mentions[ai].agent == nil {
		return -1
	}
	switch ac.doc.Tokens[m.end].UPOS {
	case "NOUN", "PROPN", "ADJ":
		return ai
	}
	return -1
}

// formerAgent is the agent of former office holders: TABARI's FORMER rule
// codes "former security officials" as elites (ELI) rather than as the
// office they held.
var formerAgent = &dict.Agent{Code: "ELI", Name: "FORMER"}

// agentOf is the agent of mention ai, turned into formerAgent when the
// phrase says "former" or "ex-" right before it.
func (ac *articleCoding) agentOf(ai int) *dict.Agent {
	m := &ac.mentions[ai]
	for j := m.start - 1; j >= 0 && j >= m.start-3; j-- {
		w := ac.words[j]
		if w == "FORMER" || w == "EX" || w == "EX-" {
			return formerAgent
		}
		if u := ac.doc.Tokens[j].UPOS; u != "NOUN" && u != "ADJ" && u != "PROPN" {
			break
		}
	}
	return m.agent
}

// resolvePerson resolves a person mention: a name coded in the first pass
// (personCode), else a full name or surname coded anywhere in the article
// ("Blinken" in the headline is the Antony Blinken titled in the body),
// else an uncoded person.
func (ac *articleCoding) resolvePerson(mi int) party {
	if p, ok := ac.personParty[mi]; ok {
		return p
	}
	m := &ac.mentions[mi]
	text := spanText(ac.doc, m.start, m.end)
	for _, key := range []string{strings.ToUpper(text), ac.words[m.end-1]} {
		if p, ok := ac.res.names[key]; ok {
			ac.personParty[mi] = p
			return p
		}
	}
	// A person met first through another's appositive ("..., according
	// to the Defense Secretary Lloyd Austin") still has a title.
	code := ac.personCode(mi)
	p := party{person: true, actors: []dyad.Actor{{Text: text, Name: text, Code: code}}}
	ac.personParty[mi] = p
	ac.res.names[strings.ToUpper(text)] = p
	ac.noteSurname(m, p)
	return p
}

// noteSurname records a person's last word as their surname, unless it
// names a country: a garbled "U.S. Blaming Iran-backed groups" read as a
// person must not make every later "Iran" that person.
func (ac *articleCoding) noteSurname(m *mention, p party) {
	last := ac.words[m.end-1]
	if _, ok := ac.res.names[last]; ok {
		return
	}
	if _, ok := ac.c.gazetteer.country(ac.doc.Tokens[m.end-1].Text); ok {
		return
	}
	ac.res.names[last] = p
}

// personsOverPlaces makes a one-word place or actor mention that is the
// surname of a titled person of the article that person: "Austin" after
// "Defense Secretary Lloyd Austin" is not the Texas city.
func (ac *articleCoding) personsOverPlaces() {
	for mi := range ac.mentions {
		m := &ac.mentions[mi]
		if m.person || m.agent != nil || m.end-m.start != 1 || ac.doc.Tokens[m.start].UPOS != "PROPN" {
			continue
		}
		p, ok := ac.res.names[ac.words[m.start]]
		if !ok || !p.person || len(p.actors) == 0 || p.actors[0].Code == "" {
			continue
		}
		m.person, m.country, m.codes, m.name = true, false, nil, p.actors[0].Name
		ac.personParty[mi] = p
	}
}

// codePeople is the first pass over the article's people: each one with
// a title before the name ("Secretary of State Antony Blinken") or an
// appositive ("Ismail Haniyeh, the political leader of ... Hamas") is
// coded from it, and the full name and surname recorded.
func (ac *articleCoding) codePeople() {
	for mi := range ac.mentions {
		m := &ac.mentions[mi]
		if !m.person {
			continue
		}
		text := spanText(ac.doc, m.start, m.end)
		if _, ok := ac.res.names[strings.ToUpper(text)]; ok {
			continue
		}
		code := ac.personCode(mi)
		if code == "" {
			continue
		}
		p := party{person: true, actors: []dyad.Actor{{Text: text, Name: text, Code: code}}}
		ac.personParty[mi] = p
		ac.res.names[strings.ToUpper(text)] = p
		ac.noteSurname(m, p)
	}
}

// titleHeld reports whether the story has already named someone else
// with title mention ti as country's: "President Trump" in a story that
// named "Afghan President Ashraf Ghani" is not Afghanistan's president,
// whatever country the story is most about.
func (ac *articleCoding) titleHeld(ti, mi int, country string) bool {
	if country == "" {
		return false
	}
	tm, m := &ac.mentions[ti], &ac.mentions[mi]
	title := ac.words[tm.start:tm.end]
	for j := range ac.mentions {
		o := &ac.mentions[j]
		if j == ti || o.agent == nil || o.end >= len(ac.mentionAt) || !slices.Equal(ac.words[o.start:o.end], title) {
			continue
		}
		pi := ac.mentionAt[o.end]
		if pi < 0 || pi == mi || ac.mentions[pi].agent != nil || ac.mentions[pi].country || sameSurname(ac.words[ac.mentions[pi].end-1], ac.words[m.end-1]) {
			continue
		}
		if ac.ownerBefore(o.start) == country {
			return true
		}
	}
	return false
}

// postedAbroad are titles of those who serve their country in another:
// an ambassador the story names without a country is not the story's
// country's ("Ambassador Gordon Sondland" in a story about Ukraine is
// the American ambassador to the EU, not UKRGOV).
var postedAbroad = map[string]bool{"AMBASSADOR": true, "ENVOY": true, "CONSUL": true, "ATTACHE": true}

// sameSurname reports whether two upper-case surnames may be spellings of
// one ("ZELENSKY", "ZELENSKIY", "ZELENSKYY"): equal, or the same first
// five letters.
func sameSurname(a, b string) bool {
	if a == b {
		return true
	}
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n >= 5
}

// personCode codes a person from a title right before the name or from an
// appositive on either side; "" if neither says.
func (ac *articleCoding) personCode(mi int) string {
	m := &ac.mentions[mi]
	if m.start > 0 {
		if ti := ac.mentionAt[m.start-1]; ti >= 0 && ac.mentions[ti].agent != nil {
			tm := &ac.mentions[ti]
			country := ac.ownerBefore(tm.start)
			if country == "" && !postedAbroad[lastWord(tm.agent.Name)] && !ac.titleHeld(ti, mi, ac.res.home) {
				country = ac.res.home
			}
			if country == "" {
				country = "---"
			}
			return applyAgent(tm.agent, country)
		}
		// A coded office right before the name: the dictionaries list
		// "Secretary of State" as USAGOV itself.
		if ti := ac.mentionAt[m.start-1]; ti >= 0 && !ac.mentions[ti].person && !ac.mentions[ti].country && len(ac.mentions[ti].codes) == 1 {
			return ac.mentions[ti].codes[0]
		}
	}
	// Guard against cycles through the appositive.
	ac.personParty[mi] = party{person: true}
	defer delete(ac.personParty, mi)
	for _, tok := range ac.appositives(m.head) {
		for _, q := range ac.actorsAt(tok) {
			if len(q.actors) > 0 && !q.person && q.actors[0].Code != "" {
				return q.actors[0].Code
			}
		}
	}
	return ""
}

// appositives lists the tokens in apposition with head, either way; a
// "list" dependent with its own determiner ("Jeff Rathke, the State
// Department Spokesperson") is one the parser mislabelled.
func (ac *articleCoding) appositives(head int) []int {
	var out []int
	for _, ch := range ac.children[head] {
		switch ac.doc.Tokens[ch].DepRel {
		case "appos":
			out = append(out, ch)
		case "list":
			if ch > head && hasDeterminer(ac, ch, "the") {
				out = append(out, ch)
			}
		}
	}
	if t := ac.doc.Tokens[head]; t.DepRel == "appos" && t.Head >= 0 {
		out = append(out, t.Head)
	}
	return out
}

func hasCase(ac *articleCoding, tok int, preps ...string) bool {
	for _, ch := range ac.children[tok] {
		if ac.doc.Tokens[ch].DepRel == "case" {
			w := strings.ToLower(ac.doc.Tokens[ch].Text)
			for _, p := range preps {
				if w == p {
					return true
				}
			}
		}
	}
	return false
}

// caseOf is the preposition of a nominal, lower case, "" if none.
func caseOf(ac *articleCoding, tok int) string {
	for _, ch := range ac.children[tok] {
		if ac.doc.Tokens[ch].DepRel == "case" {
			return strings.ToLower(ac.doc.Tokens[ch].Text)
		}
	}
	return ""
}

func hasDeterminer(ac *articleCoding, tok int, dets ...string) bool {
	for _, ch := range ac.children[tok] {
		if ac.doc.Tokens[ch].DepRel == "det" {
			w := strings.ToLower(ac.doc.Tokens[ch].Text)
			for _, d := range dets {
				if w == d {
					return true
				}
			}
		}
	}
	return false
}

// firstDependent is the leftmost token of tok's determiners and
// modifiers, for the text of a phrase as written.
func firstDependent(ac *articleCoding, tok int) int {
	first := tok
	for _, ch := range ac.children[tok] {
		switch ac.doc.Tokens[ch].DepRel {
		case "det", "amod", "compound", "nmod:poss", "nummod":
			if ch < first {
				first = ch
			}
		}
	}
	return first
}

func lastWord(name string) string {
	name = strings.Trim(name, "_")
	if i := strings.LastIndexByte(name, '_'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// finish fills an event's ontology fields from its code.
func finish(ev *dyad.Event) {
	code := cameo.Code(ev.CAMEO)
	ev.CAMEORoot = string(code.Root())
	if ev.CAMEORoot == "" && len(ev.CAMEO) >= 2 {
		ev.CAMEORoot = ev.CAMEO[:2]
	}
	ev.Description = code.Description()
	if ev.Description == "" {
		ev.Description = code.Root().Description()
	}
	if g, ok := code.Goldstein(); ok {
		ev.Goldstein = g
	}
	if p, ok := code.PLOVER(); ok {
		ev.PLOVER = dyad.PLOVER{Type: p.Type, Mode: p.Mode}
	}
	ev.QuadClass = int(code.QuadClass())
}

// events merges the candidates: the same source, target and code told
// twice in the article is one event, keeping the richer attributes.
func (ac *articleCoding) events() []dyad.Event {
	out := []dyad.Event{}
	index := map[string]int{}
	for ci, cand := range ac.found {
		if ac.subsumed(ci) {
			continue
		}
		ev := cand.ev
		key := ev.Source.Code + "|" + targetCode(ev.Target) + "|" + ev.CAMEO + "|" + boolKey(ev.Negated)
		if ev.Source.Code == "" || strings.HasPrefix(ev.Source.Code, "---") {
			key += "|" + ev.Source.Name
		}
		if i, ok := index[key]; ok {
			out[i] = richer(out[i], ev)
			continue
		}
		// The same happening told again with a vaguer or finer target
		// ("five U.S. troops", later "seven U.S. personnel") on the same
		// day is one event with the finer target.
		if i := sameHappening(out, ev); i >= 0 {
			if len(targetCode(ev.Target)) > len(targetCode(out[i].Target)) {
				ev, out[i] = out[i], ev
				out[i].SentenceIndex, out[i].Sentence = ev.SentenceIndex, ev.Sentence
			}
			out[i] = richer(out[i], ev)
			continue
		}
		index[key] = len(out)
		out = append(out, ev)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].SentenceIndex < out[j].SentenceIndex })
	return out
}

// sameHappening is the index of an event in out with ev's source, code,
// polarity and date whose target code is a prefix of ev's or the other way
// round, -1 if none.
func sameHappening(out []dyad.Event, ev dyad.Event) int {
	t := targetCode(ev.Target)
	if t == "" || strings.HasPrefix(t, "---") {
		return -1
	}
	for i := range out {
		o := &out[i]
		if o.Source.Code != ev.Source.Code || o.Source.Name != ev.Source.Name || o.CAMEO != ev.CAMEO || o.Negated != ev.Negated || o.Date != ev.Date {
			continue
		}
		if ot := targetCode(o.Target); ot != "" && (strings.HasPrefix(ot, t) || strings.HasPrefix(t, ot)) {
			return i
		}
	}
	return -1
}

// subsumed reports whether candidate ci is a vaguer copy of another event
// of the same predicate and source: "injured five U.S. troops and two
// contractors" is one event on USAMIL, not a second on USA.
func (ac *articleCoding) subsumed(ci int) bool {
	a := &ac.found[ci]
	ta := targetCode(a.ev.Target)
	if ta == "" {
		return false
	}
	for j := range ac.found {
		b := &ac.found[j]
		if j == ci || b.pred != a.pred || b.ev.Source.Code != a.ev.Source.Code || b.ev.CAMEO != a.ev.CAMEO {
			continue
		}
		if tb := targetCode(b.ev.Target); len(tb) > len(ta) && strings.HasPrefix(tb, ta) {
			return true
		}
	}
	return false
}

func boolKey(b bool) string {
	if b {
		return "n"
	}
	return ""
}

func targetCode(a *dyad.Actor) string {
	if a == nil {
		return ""
	}
	return a.Code
}

// richer merges two tellings of one event: the earlier sentence, the
// finer date, a sentence-level place, tolls where known.
func richer(a, b dyad.Event) dyad.Event {
	if precisionRank(b.DatePrecision) < precisionRank(a.DatePrecision) && b.DatePrecision != "" {
		a.Date, a.DatePrecision = b.Date, b.DatePrecision
	}
	if b.Location != nil && (a.Location == nil || b.Location.Source == "sentence" &&
		(a.Location.Source != "sentence" ||
			a.Location.Country == b.Location.Country && placeDetail(b.Location) > placeDetail(a.Location))) {
		a.Location = b.Location
	}
	if a.Killed == nil {
		a.Killed = b.Killed
	}
	if a.Wounded == nil {
		a.Wounded = b.Wounded
	}
	if b.Confidence > a.Confidence {
		a.Confidence = b.Confidence
	}
	return a
}

// placeDetail ranks how much a location says, for two tellings placed in
// one country: a named site ("al Asad airbase, western Iraq", as
// locationOf names one) over a city or first-level division over a
// qualified region ("western Iraq") over the bare country.
func placeDetail(l *dyad.Location) int {
	d := 0
	if strings.Contains(l.Name, ", ") {
		d += 4
	}
	if l.Admin1 != "" {
		d += 2
	} else if strings.Contains(l.Name, " ") {
		d++
	}
	return d
}

func precisionRank(p string) int {
	switch p {
	case "day":
		return 0
	case "week":
		return 1
	case "month":
		return 2
	case "year":
		return 3
	}
	return 4
}

// applyAgent attaches an agent to an actor code unless the code already
// carries it ("White House officials" stay USAGOV, not USAGOVGOV).
func applyAgent(a *dict.Agent, code string) string {
	if len(code) > 3 && strings.Contains(code[3:], a.Code) {
		return code
	}
	// A country's spokesperson speaks for its government: "Environment
	// Canada spokeswoman Sujata Raisinghani" is no Canadian journalist.
	if spokesperson(a) && len(code) == 3 && !strings.HasPrefix(code, "---") {
		code += "GOV"
	}
	return a.Apply(code)
}

// spokesperson reports whether an agent is one who speaks for the actor
// that owns it.
func spokesperson(a *dict.Agent) bool {
	return a != nil && strings.HasPrefix(lastWord(a.Name), "SPOKES")
}

// ownerBefore finds the actor a title belongs to, written just before it:
// "U.S. Defense Secretary", "Dagolath's first Deputy Prime Minister".
func (ac *articleCoding) ownerBefore(start int) string {
	for j := start - 1; j >= 0 && j >= start-4; j-- {
		if mi := ac.mentionAt[j]; mi >= 0 {
			m := ac.mentions[mi]
			if m.agent == nil && !m.person && len(m.codes) > 0 {
				return m.codes[0]
			}
			return ""
		}
		switch ac.doc.Tokens[j].UPOS {
		case "DET", "ADJ", "PART", "ADV":
			continue
		}
		return ""
	}
	return ""
}
