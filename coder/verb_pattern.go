package coder

import (
	"github.com/dyadnews/dyad/dict"
)

// patternMatch is the outcome of a verb pattern matching a sentence.
type patternMatch struct {
	code dict.EventCode
	// source and target are the tokens the pattern's $ and + marks
	// landed on, -1 if it has none.
	source, target int
	pattern        *dict.Pattern
	// words are the tokens after the verb that the pattern's words and
	// synonym sets matched, in text order.
	words []int
}

// matchPatterns tries the block's patterns, most specific first, against
// the sentence around the verb at v: the elements after '*' against the
// verb's own phrase after it (its dependents, not its subject or the
// clauses coordinated with it), those before '*' against the words before
// the verb. A word matches a token's form as written, as in PETRARCH,
// whose patterns list the inflections they mean ("* EFFORT" is not
// "abandoned efforts"); a synonym set's member matches a form or lemma.
// Gaps are allowed unless the pattern joins two elements with '_'.
func (ac *articleCoding) matchPatterns(b *dict.VerbBlock, v int, compoundSource bool) (patternMatch, bool) {
	cps := ac.c.compiled[b]
	if len(cps) == 0 {
		return patternMatch{}, false
	}
	si := ac.sentenceOf(v)
	span := ac.doc.Sentences[si]
	after, before := ac.seqA[:0], ac.seqB[:0]
	var haveAfter, haveBefore wordMask
	for j := v + 1; j < span.End; j++ {
		if ac.inVerbPhrase(j, v) {
			after = append(after, j)
			haveAfter.or(ac.tokMask[j])
		}
	}
	for j := v - 1; j >= span.Start; j-- {
		before = append(before, j)
		haveBefore.or(ac.tokMask[j])
	}
	ac.seqA, ac.seqB = after, before
	for i := range cps {
		cp := &cps[i]
		if cp.impossible || (cp.needCompound && !compoundSource) || !haveAfter.covers(&cp.needAfter) || !haveBefore.covers(&cp.needBefore) {
			continue
		}
		m := matcher{ac: ac, steps: maxPatternSteps, source: -1, target: -1, verb: v, words: ac.matched[:0]}
		ok := m.match(cp.after, 0, after, 0, -1, +1)
		ac.matched = m.words
		if !ok {
			continue
		}
		words := append([]int(nil), m.words...)
		if !m.match(cp.before, 0, before, 0, -1, -1) {
			continue
		}
		return patternMatch{code: cp.p.Code, source: m.source, target: m.target, pattern: cp.p, words: words}, true
	}
	return patternMatch{}, false
}

// inVerbPhrase reports whether token j belongs to the phrase of verb v:
// in its subtree, outside its subject and coordinated clauses.
func (ac *articleCoding) inVerbPhrase(j, v int) bool {
	for range 64 {
		t := ac.doc.Tokens[j]
		if t.Head == v {
			switch t.DepRel {
			case "nsubj", "nsubj:pass", "csubj", "conj", "parataxis", "punct", "advcl", "acl:relcl":
				return false
			}
			return true
		}
		if t.Head < 0 || t.Head == j {
			return false
		}
		j = t.Head
	}
	return false
}

// matcher matches pattern elements against a sequence of tokens with
// backtracking, within a step budget.
type matcher struct {
	ac             *articleCoding
	steps          int
	source, target int
	// verb is the predicate whose patterns are matched.
	verb int
	// words collects the tokens matched by word and set elements.
	words []int
}

// match reports whether elems[k:] match seq from position pos on; last is
// the doc index of the token the previous element ended on (-1 at the
// start), dir the reading direction.
func (m *matcher) match(elems []patternElem, k int, seq []int, pos, last, dir int) bool {
	if k == len(elems) {
		return true
	}
	m.steps--
	if m.steps < 0 {
		return false
	}
	e := &elems[k]
	for p := pos; p < len(seq); p++ {
		if e.joined && p != pos {
			break
		}
		if e.joined && last >= 0 && seq[p] != last+dir {
			break
		}
		if e.joined && last < 0 && p != 0 {
			break
		}
		// What the token cannot match is skipped without comparing.
		if e.first != nil && !m.ac.tokMask[seq[p]].covers(e.first) {
			continue
		}
		saveS, saveT, saveW := m.source, m.target, len(m.words)
		if n := m.element(e, seq, p, dir); n > 0 {
			if e.kind == dict.Word || e.kind == dict.SynsetRef {
				m.words = append(m.words, seq[p:p+n]...)
			}
			end := seq[p+n-1]
			if m.match(elems, k+1, seq, p+n, end, dir) {
				return true
			}
		}
		m.source, m.target, m.words = saveS, saveT, m.words[:saveW]
	}
	return false
}

// element matches one element at seq[p] and returns how many tokens of
// seq it took, 0 if it does not match.
func (m *matcher) element(e *patternElem, seq []int, p, dir int) int {
	ac := m.ac
	tok := seq[p]
	switch e.kind {
	case dict.Word:
		if ac.words[tok] == e.text && (dir < 0 || !ac.possessedByActor(tok)) {
			return 1
		}
	case dict.SynsetRef:
		if e.synset == nil {
			return 0
		}
		return synsetAt(ac, e.synset, seq, p, dir)
	case dict.SourceMark, dict.TargetMark, dict.SkipMark, dict.CompoundMark:
		mi := ac.mentionAt[tok]
		if mi < 0 {
			return 0
		}
		men := ac.mentions[mi]
		switch e.kind {
		case dict.SourceMark:
			m.source = men.head
		case dict.TargetMark:
			m.target = men.head
		case dict.CompoundMark:
			// '%' after the verb is a compound target: "agrees with
			// the Philippines and France".
			if dir < 0 || len(ac.conjuncts(men.head)) == 0 {
				return 0
			}
			m.target = men.head
		}
		n := 1
		for p+n < len(seq) && ac.mentionAt[seq[p+n]] == mi {
			n++
		}
		return n
	case dict.NounPhrase, dict.PrepPhrase:
		if e.kind == dict.PrepPhrase && dir > 0 && !m.prepOfVerb(e, tok) {
			return 0
		}
		sub := &matcher{ac: ac, steps: m.steps, source: m.source, target: m.target, verb: m.verb, words: m.words}
		// The phrase's parts in order, gaps allowed, within the next
		// few tokens.
		limit := min(len(seq), p+8)
		for end := p + 1; end <= limit; end++ {
			sub.words = sub.words[:len(m.words)]
			if sub.match(e.parts, 0, seq[p:end], 0, -1, dir) && sub.lastMatches(e.parts, seq[p:end], dir) && (e.kind != dict.PrepPhrase || ac.prepObject(e, seq[p:end])) {
				m.source, m.target, m.words = sub.source, sub.target, sub.words
				return end - p
			}
		}
	}
	return 0
}

// lastMatches checks that a phrase's sequence ends on its last element,
// so "{A B C}" consumes exactly up to its head.
func (m *matcher) lastMatches(elems []patternElem, seq []int, dir int) bool {
	if len(elems) == 0 || len(seq) == 0 {
		return false
	}
	last := &elems[len(elems)-1]
	if last.kind == dict.Word {
		return m.element(last, seq, len(seq)-1, dir) == 1
	}
	return true
}

// synsetAt is how many tokens of seq from p a member of s matches, the
// longest, reading the member in text order whatever the direction.
func synsetAt(ac *articleCoding, s *dict.Synset, seq []int, p, dir int) int {
	idx := ac.c.synsetFirst
	if dir < 0 {
		idx = ac.c.synsetLast
	}
	key, lk := ac.words[seq[p]], ac.lemmas[seq[p]]
	best := longestMember(ac, idx[s][key], seq, p, dir, 0)
	if lk != key {
		best = longestMember(ac, idx[s][lk], seq, p, dir, best)
	}
	return best
}

// longestMember is the length of the longest of members matching seq
// from p, or best if none is longer.
func longestMember(ac *articleCoding, members [][]string, seq []int, p, dir, best int) int {
	for _, member := range members {
		n := len(member)
		if n == 0 || p+n > len(seq) || n <= best {
			continue
		}
		ok := true
		for i := range n {
			tok := seq[p+i]
			want := member[i]
			if dir < 0 {
				want = member[n-1-i]
			}
			if ac.words[tok] != want && ac.lemmas[tok] != want {
				ok = false
				break
			}
			if i > 0 && seq[p+i] != seq[p+i-1]+dir {
				ok = false
				break
			}
		}
		if ok {
			best = n
		}
	}
	return best
}

// withoutCompound drops the '%' marks of a pattern part and says whether
// there were any.
func withoutCompound(elems []dict.Element) ([]dict.Element, bool) {
	found := false
	for _, e := range elems {
		if e.Kind == dict.CompoundMark {
			found = true
		}
	}
	if !found {
		return elems, false
	}
	out := make([]dict.Element, 0, len(elems))
	for _, e := range elems {
		if e.Kind != dict.CompoundMark {
			out = append(out, e)
		}
	}
	return out, true
}

// possessedByActor reports whether noun tok has an actor as possessor:
// after the verb, "citing Washington's support" names Washington's
// support, not an act of the verb's subject, so "* SUPPORT" does not
// match it. (Before the verb the possessor is the subject's own:
// "Eriador's death toll has risen".)
func (ac *articleCoding) possessedByActor(tok int) bool {
	if ac.doc.Tokens[tok].UPOS != "NOUN" {
		return false
	}
	for _, ch := range ac.children[tok] {
		if ac.doc.Tokens[ch].DepRel == "nmod:poss" && ac.mentionAt[ch] >= 0 {
			return true
		}
	}
	return false
}

// prepOfVerb reports whether the preposition at tok opens a phrase of the
// verb or of its target ("met the leaders at the summit"), not of a phrase
// nested deeper: "contacted the minister over housing for the Rohingya
// out at sea" has no meeting "at" anywhere.
// A phrase starts on its preposition.
func (m *matcher) prepOfVerb(e *patternElem, tok int) bool {
	if len(e.parts) == 0 || e.parts[0].kind != dict.Word {
		return true
	}
	if w := e.parts[0].text; m.ac.words[tok] != w && m.ac.lemmas[tok] != w {
		return false
	}
	toks := m.ac.doc.Tokens
	if toks[tok].UPOS != "ADP" {
		return true
	}
	obj := toks[tok].Head
	if obj < 0 || obj >= len(toks) {
		return true
	}
	h := toks[obj].Head
	return h == m.verb || h == obj || (m.target >= 0 && h == m.target)
}

// prepObject reports whether the tokens a prepositional phrase matched
// are one phrase: its last word is the preposition's object or a word
// before that object. "(FOR DEATH)" matches "for the death", not "for
// involvement in the death", where the death is another phrase's.
func (ac *articleCoding) prepObject(e *patternElem, seq []int) bool {
	if len(e.parts) < 2 || e.parts[0].kind != dict.Word || len(seq) == 0 {
		return true
	}
	last := seq[len(seq)-1]
	for _, tok := range seq {
		if ac.doc.Tokens[tok].UPOS != "ADP" || (ac.words[tok] != e.parts[0].text && ac.lemmas[tok] != e.parts[0].text) {
			continue
		}
		obj := ac.doc.Tokens[tok].Head
		return obj == last || (obj >= 0 && ac.doc.Tokens[last].Head == obj && last < obj)
	}
	return true
}
