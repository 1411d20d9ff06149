package coder

import (
	"github.com/dyadnews/dyad/dict"
)

// wordMask is a Bloom-style set of words in 256 bits: a pattern can only
// match a stretch of a sentence whose mask covers the pattern's. It lets
// the coder skip most of a verb block's patterns without matching them.
type wordMask [4]uint64

func maskBit(w string) wordMask {
	// FNV-1a, inline so that hashing allocates nothing.
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h ^= uint32(w[i])
		h *= 16777619
	}
	var m wordMask
	m[h>>6&3] = 1 << (h & 63)
	return m
}

// mentionMask is the bit of a token inside an actor or agent mention,
// which the pattern marks $, + and ^ need.
var mentionMask = maskBit("\x00mention")

func (m *wordMask) or(o wordMask) {
	m[0] |= o[0]
	m[1] |= o[1]
	m[2] |= o[2]
	m[3] |= o[3]
}

// covers reports whether every bit of need is in m.
func (m *wordMask) covers(need *wordMask) bool {
	return need[0]&^m[0] == 0 && need[1]&^m[1] == 0 && need[2]&^m[2] == 0 && need[3]&^m[3] == 0
}

// compiledPattern is a verb pattern prepared for matching: its parts
// without '%' marks, the part before the verb reversed (matched walking
// left from the verb), the words and synonym sets each part needs.
type compiledPattern struct {
	p             *dict.Pattern
	after, before []patternElem
	needCompound  bool
	// needBefore and needAfter are the masks of the words and sets the
	// parts require.
	needBefore, needAfter wordMask
	// impossible marks a pattern naming a synonym set the dictionaries
	// lack: it never matches.
	impossible bool
}

// patternElem is a pattern element prepared for matching.
type patternElem struct {
	kind dict.ElementKind
	text string
	// synset is a SynsetRef's set, nil if the dictionaries lack it.
	synset *dict.Synset
	// joined means nothing may come between this element and the one
	// matched before it (or the verb, for the first).
	joined bool
	// first, if set, is the mask a token must cover to start a match of
	// the element: its word or set.
	first *wordMask
	parts []patternElem
}

// compilePatterns prepares every block's patterns and the mask bits of
// each word a pattern names or a set holds.
func (c *Coder) compilePatterns() {
	c.wordBits = map[string]wordMask{}
	for _, s := range c.synsets {
		bit := maskBit(s.Name)
		for _, m := range s.Members {
			for _, w := range m {
				b := c.wordBits[w]
				b.or(bit)
				c.wordBits[w] = b
			}
		}
	}
	c.compiled = map[*dict.VerbBlock][]compiledPattern{}
	for _, b := range c.dicts.Verbs.Blocks {
		cps := make([]compiledPattern, 0, len(b.Patterns))
		for _, p := range b.Patterns {
			beforeElems, needCompound := withoutCompound(p.Before)
			cp := compiledPattern{p: p, needCompound: needCompound, after: c.compileElements(p.After)}
			// Walking left, element k must adjoin element k-1 when the
			// pattern wrote element k-1 joined to it; the first, when the
			// verb is joined to it.
			n := len(beforeElems)
			cp.before = make([]patternElem, n)
			for k := range n {
				cp.before[k] = c.compileElement(beforeElems[n-1-k])
				if k == 0 {
					cp.before[k].joined = p.VerbJoined && !needCompound
				} else {
					cp.before[k].joined = beforeElems[n-k].Joined
				}
			}
			okA := c.needs(p.After, &cp.needAfter)
			okB := c.needs(beforeElems, &cp.needBefore)
			cp.impossible = !okA || !okB
			cps = append(cps, cp)
		}
		c.compiled[b] = cps
	}
}

func (c *Coder) compileElements(es []dict.Element) []patternElem {
	out := make([]patternElem, len(es))
	for k, e := range es {
		out[k] = c.compileElement(e)
	}
	return out
}

func (c *Coder) compileElement(e dict.Element) patternElem {
	pe := patternElem{kind: e.Kind, text: e.Text, joined: e.Joined}
	switch e.Kind {
	case dict.Word:
		m := maskBit(e.Text)
		pe.first = &m
	case dict.SynsetRef:
		if s, ok := c.synsets[e.Text]; ok {
			pe.synset = s
			m := maskBit(s.Name)
			pe.first = &m
		}
	case dict.SourceMark, dict.TargetMark, dict.SkipMark, dict.CompoundMark:
		m := mentionMask
		pe.first = &m
	case dict.NounPhrase, dict.PrepPhrase:
		pe.parts = c.compileElements(e.Elements)
	}
	return pe
}

// needs adds to m the words and sets the elements require; false if one
// names an unknown set.
func (c *Coder) needs(es []dict.Element, m *wordMask) bool {
	ok := true
	for _, e := range es {
		switch e.Kind {
		case dict.Word:
			bit := maskBit(e.Text)
			m.or(bit)
			b := c.wordBits[e.Text]
			b.or(bit)
			c.wordBits[e.Text] = b
		case dict.SourceMark, dict.TargetMark, dict.SkipMark, dict.CompoundMark:
			m.or(mentionMask)
		case dict.SynsetRef:
			s, known := c.synsets[e.Text]
			if !known {
				ok = false
				continue
			}
			m.or(maskBit(s.Name))
		case dict.NounPhrase, dict.PrepPhrase:
			ok = c.needs(e.Elements, m) && ok
		}
	}
	return ok
}

// tokenMask is the mask of what a token can match: its form, its lemma
// and the sets either belongs to. Words no pattern names add nothing.
func (c *Coder) tokenMask(word, lemma string) wordMask {
	m := c.wordBits[word]
	if lemma != word {
		m.or(c.wordBits[lemma])
	}
	return m
}
