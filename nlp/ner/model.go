// Package ner recognises named entities (PER, ORG, LOC) in a dyad.Doc: a
// structured averaged perceptron over BILOU tags with Viterbi decoding,
// fed with word, shape, affix, POS, lexicon and gazetteer features.
package ner

import (
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/dyadnews/dyad"
)

// Model is a trained entity recogniser. It is read-only once built, so
// one Model serves any number of goroutines.
type Model struct {
	// labels are the entity types, e.g. ["LOC", "ORG", "PER"]; the tag
	// set is O followed by B-, I-, L-, U- of each label.
	labels []string
	tags   []tag
	// allowed[p*n+c] says tag c may follow tag p under BILOU;
	// start[c] and end[c] say tag c may begin or end a sentence.
	allowed    []bool
	start, end []bool
	// trans[p*n+c] is the score of tag c after tag p, startScore[c] of c
	// at a sentence's beginning.
	trans, startScore []float32
	// labelBias[l] is added to the score of every tag of label l at
	// every token, trading precision for recall (TrainOptions.EntityBias
	// and LabelBias; zero in the shipped model).
	labelBias []float32
	index     map[uint64]int32 // feature key → row of weights
	table     featureTable     // the same as index, faster, once trained
	weights   []float32        // rows of len(tags) scores
	lex       map[string]uint8 // lowercased word → lexicon buckets
	gaz       *Gazetteer
	// second, when not nil, is the second stage that re-reads every
	// document with this model's tags (see stack.go).
	second  *Model
	scratch sync.Pool
}

// tag is one BILOU tag: prefix 'O', 'B', 'I', 'L' or 'U' and the index of
// its label (-1 for O).
type tag struct {
	prefix byte
	label  int
}

func newModel(labels []string, gaz *Gazetteer, lex map[string]uint8) *Model {
	m := &Model{labels: labels, gaz: gaz, lex: lex, index: map[uint64]int32{}}
	m.tags = []tag{{'O', -1}}
	for li := range labels {
		for _, p := range []byte("BILU") {
			m.tags = append(m.tags, tag{p, li})
		}
	}
	n := len(m.tags)
	m.allowed = make([]bool, n*n)
	m.start = make([]bool, n)
	m.end = make([]bool, n)
	for c, tc := range m.tags {
		m.start[c] = tc.prefix == 'O' || tc.prefix == 'B' || tc.prefix == 'U'
		m.end[c] = tc.prefix == 'O' || tc.prefix == 'L' || tc.prefix == 'U'
		for p, tp := range m.tags {
			if tp.prefix == 'B' || tp.prefix == 'I' {
				m.allowed[p*n+c] = (tc.prefix == 'I' || tc.prefix == 'L') && tc.label == tp.label
			} else {
				m.allowed[p*n+c] = m.start[c]
			}
		}
	}
	m.trans = make([]float32, n*n)
	m.startScore = make([]float32, n)
	m.labelBias = make([]float32, len(labels))
	return m
}

// decoder returns the stage whose tags Recognize reports.
func (m *Model) decoder() *Model {
	if m.second != nil {
		return m.second
	}
	return m
}

// Labels returns the entity labels the model assigns.
func (m *Model) Labels() []string { return append([]string(nil), m.labels...) }

// sentence holds the per-sentence work buffers of decoding.
type sentence struct {
	info  []tokenInfo
	gaz   []uint8
	lower []string
	feats []uint64
	score []float32 // len(tokens) × len(tags) emission scores
	back  []int32
	delta []float32
	beta  []float32
	best  []int
	// stack, when not nil, holds the first stage's reading of every
	// token for the second stage's features (see stack.go).
	stack []stackInfo
	// spans are the Doc's sentences being decoded; docStack and counts
	// hold a two-stage model's first-stage reading of the Doc.
	spans    []dyad.Span
	docStack []stackInfo
	counts   *docCounts
}

func (m *Model) getScratch() *sentence {
	if s, ok := m.scratch.Get().(*sentence); ok {
		return s
	}
	return &sentence{}
}

// prepare computes token information and gazetteer matches for the
// tokens toks[start:end].
func (m *Model) prepare(s *sentence, toks []dyad.Token) {
	n := len(toks)
	s.info = grow(s.info, n)
	s.lower = grow(s.lower, n)
	s.gaz = grow(s.gaz, n*numKinds)
	for i := range toks {
		fillTokenInfo(&s.info[i], toks[i].Text, toks[i].UPOS, toks[i].XPOS, m.lex)
		s.lower[i] = s.info[i].lower
	}
	m.gaz.match(s.lower, s.gaz)
	markRuns(s.info)
	markOrgAhead(s.info)
	s.stack = nil
}

// markOrgAhead sets the orgAhead distances of the tokens.
func markOrgAhead(info []tokenInfo) {
	next := 0 // distance to the organisation word ahead, 0 if none
	for i := len(info) - 1; i >= 0; i-- {
		t := &info[i]
		t.orgAhead = 0
		if t.cap == capNone && t.lower != "'s" && t.lower != "&" {
			next = 0
			continue
		}
		if next > 0 && next <= 3 {
			t.orgAhead = uint8(next)
		}
		switch {
		case t.org && t.cap != capNone:
			next = 1
		case next > 0:
			next++
		}
	}
}

// markRuns sets the PROPN-run positions of the tokens.
func markRuns(info []tokenInfo) {
	for i := 0; i < len(info); {
		if !info[i].propn {
			info[i].run, info[i].runLen = 0, 0
			i++
			continue
		}
		j := i
		for j < len(info) && info[j].propn {
			j++
		}
		n := uint8(min(j-i, 255))
		for k := i; k < j; k++ {
			info[k].runLen = n
			info[k].run = 2 // I
		}
		if j-i == 1 {
			info[i].run = 4 // U
		} else {
			info[i].run, info[j-1].run = 1, 3 // B, L
		}
		i = j
	}
}

func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// emissions fills s.score with every tag's feature score at each token.
func (m *Model) emissions(s *sentence) {
	n, nt := len(s.info), len(m.tags)
	s.score = grow(s.score, n*nt)
	clear(s.score)
	for i := range n {
		s.feats = s.features(i, s.feats[:0])
		row := s.score[i*nt : (i+1)*nt]
		for t := 1; t < nt; t++ {
			row[t] = m.labelBias[m.tags[t].label]
		}
		for _, f := range s.feats {
			if r, ok := m.row(f); ok {
				w := m.weights[int(r)*nt : int(r+1)*nt]
				for t := range row {
					row[t] += w[t]
				}
			}
		}
	}
}

// viterbi finds the best valid tag sequence for the emission scores in
// s.score and stores it in s.best.
func (m *Model) viterbi(s *sentence) {
	n, nt := len(s.info), len(m.tags)
	s.best = grow(s.best, n)
	if n == 0 {
		return
	}
	s.delta = grow(s.delta, n*nt)
	s.back = grow(s.back, n*nt)
	negInf := float32(math.Inf(-1))
	for c := range nt {
		s.delta[c] = negInf
		if m.start[c] {
			s.delta[c] = m.startScore[c] + s.score[c]
		}
	}
	for i := 1; i < n; i++ {
		prev := s.delta[(i-1)*nt : i*nt]
		cur := s.delta[i*nt : (i+1)*nt]
		for c := range nt {
			best, arg := negInf, int32(0)
			for p := range nt {
				if !m.allowed[p*nt+c] || prev[p] == negInf {
					continue
				}
				if v := prev[p] + m.trans[p*nt+c]; v > best {
					best, arg = v, int32(p)
				}
			}
			if best != negInf {
				best += s.score[i*nt+c]
			}
			cur[c] = best
			s.back[i*nt+c] = arg
		}
	}
	last := s.delta[(n-1)*nt : n*nt]
	best, arg := negInf, 0
	for c := range nt {
		if m.end[c] && last[c] > best {
			best, arg = last[c], c
		}
	}
	for i := n - 1; i >= 0; i-- {
		s.best[i] = arg
		arg = int(s.back[i*nt+arg])
	}
}

// margin returns the smallest, over tokens, difference between the best
// sequence's score and the best score of a sequence that tags that token
// differently (max-marginals from forward and backward Viterbi passes): a
// sentence whose every token is decided by a wide margin is one the model
// is sure of.
func (m *Model) margin(s *sentence) float32 {
	n, nt := len(s.info), len(m.tags)
	if n == 0 {
		return float32(math.Inf(1))
	}
	negInf := float32(math.Inf(-1))
	s.beta = grow(s.beta, n*nt)
	for c := range nt {
		s.beta[(n-1)*nt+c] = negInf
		if m.end[c] {
			s.beta[(n-1)*nt+c] = 0
		}
	}
	for i := n - 2; i >= 0; i-- {
		for p := range nt {
			best := negInf
			for c := range nt {
				if !m.allowed[p*nt+c] || s.beta[(i+1)*nt+c] == negInf {
					continue
				}
				if v := m.trans[p*nt+c] + s.score[(i+1)*nt+c] + s.beta[(i+1)*nt+c]; v > best {
					best = v
				}
			}
			s.beta[i*nt+p] = best
		}
	}
	minMargin := float32(math.Inf(1))
	for i := range n {
		first, second := negInf, negInf
		for c := range nt {
			v := s.delta[i*nt+c] + s.beta[i*nt+c]
			if s.delta[i*nt+c] == negInf || s.beta[i*nt+c] == negInf {
				continue
			}
			if v > first {
				first, second = v, first
			} else if v > second {
				second = v
			}
		}
		if second != negInf && first-second < minMargin {
			minMargin = first - second
		}
	}
	return minMargin
}

// Recognize tags every token of doc with its IOB2 entity tag (Token.NER)
// and replaces doc.Entities with the entities found, sentence by
// sentence. It reads Token.Text, UPOS and XPOS; a Doc without sentences
// is read as one sentence. The mentions of one name are then made to
// agree across the Doc (see linkMentions), and a two-stage model reads
// the whole Doc twice, so a Doc should hold one document.
func (m *Model) Recognize(doc *dyad.Doc) {
	doc.Entities = doc.Entities[:0]
	if len(doc.Tokens) == 0 {
		return
	}
	s := m.getScratch()
	defer m.scratch.Put(s)
	s.spans = slices.AppendSeq(s.spans[:0], doc.Stretches())
	if m.second != nil {
		if s.counts == nil {
			s.counts = newDocCounts(len(m.labels))
		}
		s.docStack = m.firstStage(s, doc.Tokens, s.spans, s.counts, s.docStack)
	}
	for _, sp := range s.spans {
		toks := doc.Tokens[sp.Start:sp.End]
		dec := m.decoder()
		m.prepare(s, toks)
		if m.second != nil {
			s.stack = s.docStack[sp.Start:sp.End]
		}
		dec.emissions(s)
		dec.viterbi(s)
		for i := range toks {
			toks[i].NER = m.iob2(s.best, i)
		}
		doc.Entities = m.appendEntities(doc.Entities, s.best, sp.Start)
	}
	dropCalendarNames(doc)
	m.linkMentions(doc)
}

// dropCalendarNames removes one-word entities that are a month or a day
// of the week ("in March" read as a place, as news text often has it):
// UniversalNER, like the other schemes, tags no date. "May" stays, a
// surname as often as a month in news.
func dropCalendarNames(doc *dyad.Doc) {
	kept := doc.Entities[:0]
	for _, e := range doc.Entities {
		if e.End-e.Start == 1 && calendarNames[strings.ToLower(doc.Tokens[e.Start].Text)] {
			doc.Tokens[e.Start].NER = "O"
			continue
		}
		kept = append(kept, e)
	}
	doc.Entities = kept
}

var calendarNames = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
}

// iob2 converts the BILOU tag at position i of best into IOB2.
func (m *Model) iob2(best []int, i int) string {
	t := m.tags[best[i]]
	switch t.prefix {
	case 'O':
		return "O"
	case 'B', 'U':
		return "B-" + m.labels[t.label]
	}
	return "I-" + m.labels[t.label]
}

// appendEntities appends the spans of a BILOU sequence, offset to Doc
// token indices.
func (m *Model) appendEntities(ents []dyad.Entity, best []int, offset int) []dyad.Entity {
	begin := -1
	for i, b := range best {
		t := m.tags[b]
		switch t.prefix {
		case 'U':
			ents = append(ents, dyad.Entity{Span: dyad.Span{Start: offset + i, End: offset + i + 1}, Label: m.labels[t.label]})
		case 'B':
			begin = i
		case 'L':
			if begin >= 0 {
				ents = append(ents, dyad.Entity{Span: dyad.Span{Start: offset + begin, End: offset + i + 1}, Label: m.labels[t.label]})
			}
			begin = -1
		}
	}
	return ents
}

// labelOf returns "" for O or the label of an IOB2 tag string.
func labelOf(iob string) string {
	_, l, _ := strings.Cut(iob, "-")
	return l
}

// featureTable is an open-addressing hash table from feature key to
// weight row, about three times faster than a Go map on this workload.
type featureTable struct {
	keys []uint64 // 0 marks an empty slot
	rows []int32
	mask uint64
}

// tableKey keeps a feature key off the empty-slot marker.
func tableKey(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}

func newFeatureTable(index map[uint64]int32) featureTable {
	size := 16
	for size < 2*len(index) {
		size <<= 1
	}
	t := featureTable{keys: make([]uint64, size), rows: make([]int32, size), mask: uint64(size - 1)}
	for k, r := range index {
		k = tableKey(k)
		j := k & t.mask
		for t.keys[j] != 0 {
			j = (j + 1) & t.mask
		}
		t.keys[j], t.rows[j] = k, r
	}
	return t
}

// freeze builds the lookup table once the weights are final.
func (m *Model) freeze() { m.table = newFeatureTable(m.index) }

// row returns the weight row of feature key k.
func (m *Model) row(k uint64) (int32, bool) {
	if m.table.keys == nil {
		r, ok := m.index[k]
		return r, ok
	}
	k = tableKey(k)
	for j := k & m.table.mask; ; j = (j + 1) & m.table.mask {
		switch m.table.keys[j] {
		case k:
			return m.table.rows[j], true
		case 0:
			return 0, false
		}
	}
}
