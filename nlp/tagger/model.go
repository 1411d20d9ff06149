package tagger

import (
	"sync"

	"github.com/dyadnews/dyad"
)

// Model is a trained tagger. It is read-only once built, so one Model may
// tag many Docs from many goroutines at once.
type Model struct {
	// upos and xpos name each class; a class is one UPOS|XPOS pair.
	upos, xpos []string
	finite     []bool // per class: is it a finite verb
	weights    weightTable
	lexicon    map[uint64]lexEntry
	morph      morphology
	scratch    sync.Pool // *tagScratch
}

// NumClasses returns the number of UPOS|XPOS pairs the model predicts.
func (m *Model) NumClasses() int { return len(m.upos) }

// weightTable maps a feature key to its per-class weights: an open
// addressing hash table over keys, each pointing at a run of (class,
// weight) pairs in cls and w. Only classes with a non-zero weight are kept.
type weightTable struct {
	keys  []uint64 // 0 marks an empty slot; keys are never 0 (see key)
	slot  []uint32 // feature index of the key in the same slot
	start []uint32 // feature i's pairs are cls/w[start[i]:start[i+1]]
	cls   []uint16
	w     []float32
	mask  uint64
}

// key turns a feature hash into a table key, never the empty marker.
func key(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// newWeightTable builds the lookup table over features given as keys and
// their pair ranges.
func newWeightTable(keys []uint64, start []uint32, cls []uint16, w []float32) weightTable {
	size := 1
	for size < 2*len(keys)+2 {
		size <<= 1
	}
	t := weightTable{
		keys: make([]uint64, size), slot: make([]uint32, size),
		start: start, cls: cls, w: w, mask: uint64(size - 1),
	}
	for i, k := range keys {
		k = key(k)
		j := k & t.mask
		for t.keys[j] != 0 {
			j = (j + 1) & t.mask
		}
		t.keys[j] = k
		t.slot[j] = uint32(i)
	}
	return t
}

// add adds the weights of feature h to scores.
func (t *weightTable) add(h uint64, scores []float32) {
	k := key(h)
	j := k & t.mask
	for {
		switch t.keys[j] {
		case k:
			f := t.slot[j]
			lo, hi := t.start[f], t.start[f+1]
			cls, w := t.cls[lo:hi], t.w[lo:hi]
			for i, c := range cls {
				scores[c] += w[i]
			}
			return
		case 0:
			return
		}
		j = (j + 1) & t.mask
	}
}

// tagScratch holds the per-call buffers of Tag.
type tagScratch struct {
	info   []wordInfo
	feats  [numTemplates]uint64
	scores []float32
}

func (m *Model) getScratch() *tagScratch {
	if s, ok := m.scratch.Get().(*tagScratch); ok {
		return s
	}
	return &tagScratch{scores: make([]float32, len(m.upos))}
}

// Tag sets UPOS, XPOS and Feats of every token of doc, sentence by
// sentence. Tokens outside doc.Sentences (or all tokens, when the doc has
// no sentences) are tagged as one sentence per uncovered stretch.
func (m *Model) Tag(doc *dyad.Doc) {
	s := m.getScratch()
	defer m.scratch.Put(s)
	covered := 0
	for _, sp := range doc.Sentences {
		start, end := max(sp.Start, covered), min(sp.End, len(doc.Tokens))
		if start > covered {
			m.tagSpan(doc.Tokens[covered:start], s)
		}
		if start < end {
			m.tagSpan(doc.Tokens[start:end], s)
			covered = end
		}
	}
	if covered < len(doc.Tokens) {
		m.tagSpan(doc.Tokens[covered:], s)
	}
}

// tagSpan tags one sentence greedily from left to right.
func (m *Model) tagSpan(toks []dyad.Token, s *tagScratch) {
	info := m.describeAll(toks, s)
	h := newHistory()
	var c context
	for i := range toks {
		class := m.predict(info, i, h, &c, s)
		t := &toks[i]
		t.UPOS, t.XPOS = m.upos[class], m.xpos[class]
		t.Feats = m.morph.feats(info[i].norm, class)
		h.push(class, m.finite[class])
	}
}

// describeAll computes the word information of a sentence into scratch.
func (m *Model) describeAll(toks []dyad.Token, s *tagScratch) []wordInfo {
	if cap(s.info) < len(toks) {
		s.info = make([]wordInfo, len(toks))
	}
	info := s.info[:len(toks)]
	for i := range toks {
		describe(toks[i].Text, &info[i])
		info[i].lex = m.lookup(info[i].norm)
	}
	return info
}

func (m *Model) lookup(norm uint64) lexEntry {
	if e, ok := m.lexicon[norm]; ok {
		return e
	}
	return lexEntry{fixed: -1}
}

// window fills c with the context of position i.
func window(c *context, info []wordInfo, i int, h history) {
	at := func(j int) *wordInfo {
		switch {
		case j < 0:
			return &startInfo
		case j >= len(info):
			return &endInfo
		}
		return &info[j]
	}
	c.m2, c.m1, c.w, c.p1, c.p2 = at(i-2), at(i-1), &info[i], at(i+1), at(i+2)
	c.history, c.first = h, i == 0
}

// predict returns the best class for position i.
func (m *Model) predict(info []wordInfo, i int, h history, c *context, s *tagScratch) int {
	if f := info[i].lex.fixed; f >= 0 {
		return int(f)
	}
	window(c, info, i, h)
	features(s.feats[:], c)
	scores := s.scores
	clear(scores)
	for _, h := range s.feats {
		m.weights.add(h, scores)
	}
	return argmax(scores)
}

func argmax(scores []float32) int {
	best := 0
	for c, v := range scores {
		if v > scores[best] {
			best = c
		}
	}
	return best
}
