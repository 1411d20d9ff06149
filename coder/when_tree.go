package coder

import (
	"sort"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/timex"
)

// docTrees holds each sentence's tree, built together for the whole Doc
// (the children of all sentences cut from one backing array), and each
// sentence's time phrases, found on first use: the attribute finders of
// all the events and quotes of an article walk them.
type docTrees struct {
	doc *dyad.Doc
	// trees[si] is sentence si's tree; valid[si] is false when the
	// sentence has no valid token span.
	trees   []sentenceTree
	valid   []bool
	words   []string // every token's text, for the time scanner
	lower   []string // every token's text in lower case, see lowerWords
	times   [][]timex.Phrase
	scanned []bool
}

func newDocTrees(doc *dyad.Doc) *docTrees {
	d := &docTrees{doc: doc}
	if doc == nil {
		return d
	}
	n := len(doc.Sentences)
	d.trees, d.valid = make([]sentenceTree, n), make([]bool, n)
	d.times, d.scanned = make([][]timex.Phrase, n), make([]bool, n)
	d.words = make([]string, len(doc.Tokens))
	for i := range doc.Tokens {
		d.words[i] = doc.Tokens[i].Text
	}
	d.lower = lowerWords(d.words)
	total, longest := 0, 0
	for _, s := range doc.Sentences {
		if s.Start >= 0 && s.End <= len(doc.Tokens) && s.Start < s.End {
			total += s.End - s.Start
			longest = max(longest, s.End-s.Start)
		}
	}
	// A token has one head, so a sentence's children are no more than its
	// tokens: each sentence's lists are cut from its share of one array,
	// in order of their heads, with where each head's list begins (a
	// compressed sparse row). Sentences are treated apart, so overlapping
	// or disordered spans in a malformed Doc still give each its own tree.
	backing, firsts := make([]int, total), make([]int, total+len(doc.Sentences))
	fill := make([]int, longest)
	off, foff := 0, 0
	for si, s := range doc.Sentences {
		if s.Start < 0 || s.End > len(doc.Tokens) || s.Start >= s.End {
			continue
		}
		size := s.End - s.Start
		t := sentenceTree{doc: doc, index: si, start: s.Start, end: s.End,
			kids: backing[off : off+size : off+size], first: firsts[foff : foff+size+1 : foff+size+1], lowerWords: d.lower}
		for i := s.Start; i < s.End; i++ {
			if h := t.head(i); h >= 0 {
				t.first[h-s.Start+1]++
			}
		}
		for k := 1; k <= size; k++ {
			t.first[k] += t.first[k-1]
		}
		copy(fill, t.first[:size])
		for i := s.Start; i < s.End; i++ {
			if h := t.head(i) - s.Start; h >= 0 {
				t.kids[fill[h]] = i
				fill[h]++
			}
		}
		d.trees[si], d.valid[si] = t, true
		off, foff = off+size, foff+size+1
	}
	return d
}

// sentence is the tree of sentence si, false when it has no valid token
// span.
func (d *docTrees) sentence(si int) (*sentenceTree, bool) {
	if d == nil || si < 0 || si >= len(d.trees) || !d.valid[si] {
		return nil, false
	}
	return &d.trees[si], true
}

// treeOf is the tree of the sentence holding token tok.
func (d *docTrees) treeOf(tok int) (*sentenceTree, bool) {
	if d == nil {
		return nil, false
	}
	return d.sentence(sentenceIndexOf(d.doc, tok))
}

// timePhrases are the time expressions of t's sentence.
func (d *docTrees) timePhrases(t *sentenceTree) []timex.Phrase {
	if !d.scanned[t.index] {
		d.times[t.index] = timex.Scan(d.words[t.start:t.end])
		d.scanned[t.index] = true
	}
	return d.times[t.index]
}

// sentenceTree is the dependency tree of one sentence of a Doc with each
// token's dependents listed, the view the attribute finders (time, place,
// toll, quotes) walk. Heads outside the sentence are treated as roots, so
// a malformed parse cannot send a walk elsewhere.
type sentenceTree struct {
	doc        *dyad.Doc
	index      int // the sentence's index in doc.Sentences
	start, end int // its tokens: doc.Tokens[start:end]
	// kids lists the dependents of the sentence's tokens, head by head:
	// those of token start+k are kids[first[k]:first[k+1]].
	kids, first []int
	// lowerWords are the Doc's tokens in lower case (lowerWords).
	lowerWords []string
}

// sentenceIndexOf returns the index of the sentence holding token tok, -1
// if none does. Sentences are in text order.
func sentenceIndexOf(doc *dyad.Doc, tok int) int {
	if doc == nil || tok < 0 || tok >= len(doc.Tokens) {
		return -1
	}
	ss := doc.Sentences
	i := sort.Search(len(ss), func(i int) bool { return ss[i].End > tok })
	if i < len(ss) && ss[i].Start <= tok && tok < ss[i].End {
		return i
	}
	return -1
}

func (t *sentenceTree) in(i int) bool { return i >= t.start && i < t.end }

// head returns i's head, -1 for a root or a head outside the sentence.
func (t *sentenceTree) head(i int) int {
	if !t.in(i) {
		return -1
	}
	h := t.doc.Tokens[i].Head
	if h == i || !t.in(h) {
		return -1
	}
	return h
}

func (t *sentenceTree) children(i int) []int {
	if !t.in(i) {
		return nil
	}
	k := i - t.start
	return t.kids[t.first[k]:t.first[k+1]:t.first[k+1]]
}

func (t *sentenceTree) tok(i int) *dyad.Token { return &t.doc.Tokens[i] }

// lower is token i's text in lower case (lowerWords).
func (t *sentenceTree) lower(i int) string { return t.lowerWords[i] }

// text returns the Doc text of tokens [from, to).
func (t *sentenceTree) text(from, to int) string {
	if from < t.start || to > t.end || from >= to {
		return ""
	}
	a, b := t.doc.Tokens[from].Start, t.doc.Tokens[to-1].End
	if a < 0 || b > len(t.doc.Text) || a > b {
		return ""
	}
	return t.doc.Text[a:b]
}

// subtreeSpan returns the first and one-past-last token of i's subtree.
func (t *sentenceTree) subtreeSpan(i int) (from, to int) {
	from, to = i, i+1
	stack := []int{i}
	for steps := 0; len(stack) > 0 && steps < t.end-t.start; steps++ {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		from, to = min(from, n), max(to, n+1)
		stack = append(stack, t.children(n)...)
	}
	return from, to
}

// clauseRelation reports dependency relations that open a clause of its
// own: what is said there belongs to that clause's predicate.
func clauseRelation(rel string) bool {
	switch baseRel(rel) {
	case "ccomp", "xcomp", "advcl", "acl", "parataxis", "csubj", "root":
		return true
	}
	return false
}

// baseRel strips a relation's subtype: "obl:tmod" → "obl".
func baseRel(rel string) string {
	for i := 0; i < len(rel); i++ {
		if rel[i] == ':' {
			return rel[:i]
		}
	}
	return rel
}

// hopsUp returns how many heads lead from i up to anc, or -1 when anc is
// not within maxHops or the way leaves a clause of its own: a relative
// clause, a complement clause ("said 12 were killed") or a parenthetical.
// An adverbial or open clausal dependent of anc itself is part of anc's
// event ("opened fire, killing two").
func (t *sentenceTree) hopsUp(i, anc, maxHops int) int {
	for hops := 0; hops <= maxHops && i >= 0; hops++ {
		if i == anc {
			return hops
		}
		h := t.head(i)
		if rel := t.tok(i).DepRel; clauseRelation(rel) {
			if h != anc || (baseRel(rel) != "advcl" && baseRel(rel) != "xcomp") {
				return -1
			}
		}
		i = h
	}
	return -1
}

// attachment says how closely a phrase headed by h hangs on the
// predicate pred: the hops from h up to pred; for a nominal predicate
// (an event noun such as "attack"), one more than the hops up to the
// predicate's own head, whose time and place are the noun's too ("an
// attack ... wounded seven on Monday"). It is -1 when neither holds.
func (t *sentenceTree) attachment(h, pred, maxHops int) int {
	if hops := t.hopsUp(h, pred, maxHops); hops >= 0 {
		return hops
	}
	switch t.tok(pred).UPOS {
	case "NOUN", "PROPN":
		if ph := t.head(pred); ph >= 0 {
			if hops := t.hopsUp(h, ph, maxHops); hops >= 0 {
				return hops + 1
			}
		}
	}
	return -1
}

// spanHeadIn is the token of [from, to) whose head lies outside it.
func (t *sentenceTree) spanHeadIn(from, to int) int {
	for i := from; i < to; i++ {
		if h := t.head(i); h < from || h >= to {
			return i
		}
	}
	return to - 1
}

// phraseHead climbs from a word of a name or compound to the word the
// phrase hangs on: "Razak" of "Najib Razak" to "Najib", "Yonhap" of
// "Yonhap news agency" to "agency".
func (t *sentenceTree) phraseHead(i int) int {
	for range 4 {
		switch baseRel(t.tok(i).DepRel) {
		case "flat", "compound", "fixed", "goeswith":
			h := t.head(i)
			if h < 0 {
				return i
			}
			i = h
		default:
			return i
		}
	}
	return i
}

// root returns the sentence's root token, -1 if the parse gives none.
func (t *sentenceTree) root() int {
	for i := t.start; i < t.end; i++ {
		if t.head(i) < 0 && t.tok(i).DepRel == "root" {
			return i
		}
	}
	return -1
}
