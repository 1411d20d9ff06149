package tagger

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/internal/hugepages"
)

// Model is a trained tagger. It is read-only once built, so one Model may
// tag many Docs from many goroutines at once.
type Model struct {
	// upos and xpos name each class; a class is one UPOS|XPOS pair.
	upos, xpos []string
	finite     []bool // per class: is it a finite verb
	// weights holds both stages' weights; the second stage is used when
	// hasStacked.
	weights    *weightTable
	hasStacked bool
	// sureMargin is the lead over the runner-up above which the first
	// stage's class is kept without consulting the second stage, which
	// saves its cost where it would not change the answer; 0 never skips.
	sureMargin float32
	lexicon    map[uint64]lexEntry
	morph      morphology
	// supertags names the third stage's classes when the model predicts
	// supertags (see supertag.go).
	supertags []string
	scratch   sync.Pool // *tagScratch
	// chosen is what training chose (see Chosen); not saved.
	chosen TrainOptions
}

// NumClasses returns the number of UPOS|XPOS pairs the model predicts.
func (m *Model) NumClasses() int { return len(m.upos) }

// weightTable maps a feature to its per-class weights in each stage: an
// open addressing hash table of slots, each pointing at a run of (class,
// weight) pairs, the first stage's then the second's. Only classes with a
// non-zero weight are kept and weights are quantised to 16 bits (each
// stage's argmax is unchanged by its scale). Tagging speed comes down to
// cache misses, one for the slot and one for its pairs, so the table is
// kept small, and a feature's two stages share both: the second stage
// finds in cache what the first stage looked up for the same sentence.
//
// A feature that weighs on many classes (the bias, the previous tags,
// common shapes and endings: the ones every token hits) is stored as a
// dense row of one pair per class, added in a sequential loop rather than
// scattered.
type weightTable struct {
	slots []slot
	pairs []pair
	shift uint // slot index = top bits of key·golden
	n     int  // number of features
	// classes is each stage's number of classes, the length of its
	// dense rows.
	classes [numStages]int
}

type slot struct {
	key   uint32 // 0 marks an empty slot; keys are never 0 (see key)
	lo    uint32 // stage s's pairs follow those of the stages before it
	n     [numStages]uint8
	dense uint8 // bit s: stage s's row is dense
}

// rowLen returns the number of pairs of stage si's row.
func (t *weightTable) rowLen(sl *slot, si int) uint32 {
	if sl.dense&(1<<si) != 0 {
		return uint32(t.classes[si])
	}
	return uint32(sl.n[si])
}

// scores holds a score per class; indexing it with a byte needs no bounds
// check. The weights are integers, so their sums are too: adding them as
// int32 spares a conversion per weight (the tagger's hottest loop) and
// gives the very sums float32 gave, exact below 2²⁴ (a token's features
// reach about 2²⁰).
type scores = [maxClasses + 1]int32

type pair struct {
	w     int16
	class uint8
}

// Limits of the table layout.
const (
	numStages  = 3       // POS, POS again knowing the words ahead, supertags
	maxClasses = 255     // classes fit a byte, and so do a feature's pairs
	maxPairs   = 1 << 31 // pair offsets are 32-bit
)

// stageWeights is one stage's weights as trained or read from a file:
// feature keys[i] owns pairs[start[i]:start[i+1]].
type stageWeights struct {
	keys  []uint32
	start []uint32
	pairs []pair
}

func (w *stageWeights) add(k uint32, pairs []pair) {
	if len(w.start) == 0 {
		w.start = []uint32{0}
	}
	w.keys = append(w.keys, k)
	w.pairs = append(w.pairs, pairs...)
	w.start = append(w.start, uint32(len(w.pairs)))
}

// key folds a 64-bit feature hash to the table's 32-bit key, never the
// empty marker. With a few hundred thousand features, a handful of
// collisions merge features; they cost nothing measurable.
func key(h uint64) uint32 {
	k := uint32(h) ^ uint32(h>>32)
	if k == 0 {
		return 1
	}
	return k
}

func (t *weightTable) home(k uint32) uint64 {
	return uint64(k) * golden >> t.shift
}

// find returns the index of k's slot, or of the empty slot where k would go.
func (t *weightTable) find(k uint32) uint64 {
	mask := uint64(len(t.slots) - 1)
	j := t.home(k)
	for t.slots[j].key != 0 && t.slots[j].key != k {
		j = (j + 1) & mask
	}
	return j
}

// newWeightTable merges the stages' weights into one lookup table;
// classes gives each stage's number of classes. Of two features of a
// stage with the same key the first is kept.
func newWeightTable(classes []int, stages ...stageWeights) (*weightTable, error) {
	if len(stages) > numStages || len(classes) != len(stages) {
		return nil, fmt.Errorf("%d stages (%d class counts), at most %d supported", len(stages), len(classes), numStages)
	}
	total, npairs := 0, 0
	for _, st := range stages {
		total += len(st.keys)
		npairs += len(st.pairs)
	}
	if npairs > maxPairs {
		return nil, fmt.Errorf("%d weights, at most %d supported", npairs, maxPairs)
	}
	bits := uint(1)
	for 1<<bits < total*3/2+2 {
		bits++
	}
	t := &weightTable{shift: 64 - bits}
	for si, n := range classes {
		if n > maxClasses {
			return nil, fmt.Errorf("%d classes, at most %d supported", n, maxClasses)
		}
		t.classes[si] = n
	}
	t.slots = hugepages.Make[slot](t, 1<<bits)
	// First place the keys, remembering where each stage's pairs are.
	type source struct{ lo, hi uint32 }
	src := make([][numStages]source, len(t.slots))
	for si, st := range stages {
		for i, k := range st.keys {
			n := st.start[i+1] - st.start[i]
			if n > maxClasses {
				return nil, fmt.Errorf("feature with %d weights, at most %d supported", n, maxClasses)
			}
			j := t.find(k)
			sl := &t.slots[j]
			if sl.key == 0 {
				sl.key = k
				t.n++
			} else if sl.n[si] > 0 {
				continue
			}
			sl.n[si] = uint8(n)
			if 3*int(n) > classes[si] {
				sl.dense |= 1 << si
			}
			src[j][si] = source{st.start[i], st.start[i+1]}
		}
	}
	// Then lay out each slot's pairs, stage after stage.
	// A dense row takes a pair per class however few weights it has.
	size := 0
	for j := range t.slots {
		for si := range stages {
			size += int(t.rowLen(&t.slots[j], si))
		}
	}
	t.pairs = hugepages.Make[pair](t, size)[:0]
	for j := range t.slots {
		sl := &t.slots[j]
		if sl.key == 0 {
			continue
		}
		sl.lo = uint32(len(t.pairs))
		for si, st := range stages {
			row := st.pairs[src[j][si].lo:src[j][si].hi]
			if sl.dense&(1<<si) == 0 {
				t.pairs = append(t.pairs, row...)
				continue
			}
			lo := len(t.pairs)
			for c := range classes[si] {
				t.pairs = append(t.pairs, pair{class: uint8(c)})
			}
			for _, p := range row {
				if int(p.class) >= classes[si] {
					return nil, fmt.Errorf("weight for class %d of %d", p.class, classes[si])
				}
				t.pairs[lo+int(p.class)].w = p.w
			}
		}
	}
	if len(t.pairs) > maxPairs {
		return nil, fmt.Errorf("%d weights, at most %d supported", len(t.pairs), maxPairs)
	}
	return t, nil
}

// rowSpan is where a row starts in weightTable.pairs and its length.
type rowSpan struct{ lo, n uint32 }

// addAll adds the weights of features hs in the given stage to sc.
// Tagging waits on memory: a feature's slot and then its row are each
// likely a cache miss, and one feature after another every miss waits on
// the one before. addAll first touches every feature's home slot, then
// every row it finds, so the CPU fetches their cache lines in parallel,
// and only then adds the rows up. A row's lookup is written out in the
// loop (a slot's rows are stored stage after stage): as a method call,
// BenchmarkTag measured 2–7 % slower.
func (t *weightTable) addAll(hs []uint64, stage int, sc *scores) {
	if t == nil || t.n == 0 {
		return
	}
	const batch = 64
	var (
		rows    [batch]rowSpan
		touched int32
	)
	for len(hs) > 0 {
		part := hs[:min(len(hs), batch)]
		hs = hs[len(part):]
		for _, h := range part {
			touched += int32(t.slots[t.home(key(h))].key & 1)
		}
		mask := uint64(len(t.slots) - 1)
		for i, h := range part {
			k := key(h)
			rows[i].n = 0
			for j := t.home(k); ; j = (j + 1) & mask {
				s := &t.slots[j]
				if s.key == 0 {
					break
				}
				if s.key != k {
					continue
				}
				lo := s.lo
				for si := range stage {
					lo += t.rowLen(s, si)
				}
				n := t.rowLen(s, stage)
				rows[i].lo, rows[i].n = lo, n
				if n > 0 {
					touched += int32(t.pairs[lo].w)
				}
				break
			}
		}
		for _, r := range rows[:len(part)] {
			if r.n == uint32(t.classes[stage]) {
				row := t.pairs[r.lo : r.lo+r.n]
				dst := sc[:len(row)]
				// Eight at a time: the loop's own bookkeeping was a good
				// part of the cost of a row.
				c := 0
				for ; c+8 <= len(row); c += 8 {
					d, w := dst[c:c+8:c+8], row[c:c+8:c+8]
					d[0] += int32(w[0].w)
					d[1] += int32(w[1].w)
					d[2] += int32(w[2].w)
					d[3] += int32(w[3].w)
					d[4] += int32(w[4].w)
					d[5] += int32(w[5].w)
					d[6] += int32(w[6].w)
					d[7] += int32(w[7].w)
				}
				for ; c < len(row); c++ {
					dst[c] += int32(row[c].w)
				}
				continue
			}
			for _, p := range t.pairs[r.lo : r.lo+r.n] {
				sc[p.class] += int32(p.w)
			}
		}
	}
	if touched == math.MinInt32 { // a use of the loads that changes nothing
		sc[0] += 0
	}
}

// stage returns one stage's weights, features in key order.
func (t *weightTable) stage(si int) stageWeights {
	var out stageWeights
	var sparse []pair
	for _, sl := range t.sortedSlots() {
		if sl.n[si] == 0 {
			continue
		}
		lo := sl.lo
		for k := range si {
			lo += t.rowLen(&sl, k)
		}
		row := t.pairs[lo : lo+t.rowLen(&sl, si)]
		if sl.dense&(1<<si) != 0 {
			sparse = sparse[:0]
			for _, p := range row {
				if p.w != 0 {
					sparse = append(sparse, p)
				}
			}
			row = sparse
		}
		out.add(sl.key, row)
	}
	if len(out.start) == 0 {
		out.start = []uint32{0}
	}
	return out
}

func (t *weightTable) sortedSlots() []slot {
	var out []slot
	for _, s := range t.slots {
		if s.key != 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b slot) int { return cmp.Compare(a.key, b.key) })
	return out
}

// tagScratch holds the per-call buffers of Tag.
type tagScratch struct {
	info    []wordInfo
	pass1   []int
	sure    []bool // first-stage class is sure enough to skip the second
	classes []int
	feats   [numTemplates + numStacked]uint64
	// supFeats holds the supertag stage's keys.
	supFeats [len(supertagTemplates)]uint64
	scores   scores
}

func (m *Model) getScratch() *tagScratch {
	if s, ok := m.scratch.Get().(*tagScratch); ok {
		return s
	}
	return &tagScratch{}
}

// Tag sets UPOS, XPOS and Feats of every token of doc, sentence by
// sentence. Tokens outside doc.Sentences (or all tokens, when the doc has
// no sentences) are tagged as one sentence per uncovered stretch.
func (m *Model) Tag(doc *dyad.Doc) {
	s := m.getScratch()
	defer m.scratch.Put(s)
	for sp := range doc.Stretches() {
		m.tagSpan(doc.Tokens[sp.Start:sp.End], s)
	}
}

// tagSpan tags one sentence greedily from left to right.
func (m *Model) tagSpan(toks []dyad.Token, s *tagScratch) {
	info := m.describeAll(toks, s)
	var c context
	if m.hasStacked {
		if cap(s.pass1) < len(toks) {
			s.pass1 = make([]int, len(toks))
		}
		if cap(s.sure) < len(toks) {
			s.sure = make([]bool, len(toks))
		}
		pass1, sure := s.pass1[:len(toks)], s.sure[:len(toks)]
		h := newHistory()
		for i := range toks {
			var margin float32
			pass1[i], margin = m.predict(info, i, h, &c, s, nil)
			sure[i] = m.sureMargin > 0 && margin > m.sureMargin
			h.push(pass1[i], m.finite[pass1[i]])
		}
		s.pass1, s.sure = pass1, sure
	}
	if cap(s.classes) < len(toks) {
		s.classes = make([]int, len(toks))
	}
	classes := s.classes[:len(toks)]
	h := newHistory()
	for i := range toks {
		var class int
		switch {
		case !m.hasStacked:
			class, _ = m.predict(info, i, h, &c, s, nil)
		case s.sure[i]:
			class = s.pass1[i]
		default:
			class, _ = m.predict(info, i, h, &c, s, s.pass1)
		}
		classes[i] = class
		t := &toks[i]
		t.UPOS, t.XPOS = m.upos[class], m.xpos[class]
		h.push(class, m.finite[class])
	}
	if len(m.supertags) > 0 {
		m.supertagSpan(toks, info, s)
	}
	mc := morphContext{info: info, classes: classes}
	for i := range toks {
		mc.i = i
		toks[i].Feats = m.morph.predict(&mc, s.feats[:numMorph], &s.scores)
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

// predict returns the best class for position i: by the first stage,
// or by the second when given the first stage's classes.
func (m *Model) predict(info []wordInfo, i int, h history, c *context, s *tagScratch, pass1 []int) (class int, margin float32) {
	if f := info[i].lex.fixed; f >= 0 {
		return int(f), float32(math.Inf(1))
	}
	window(c, info, i, h)
	clear(s.scores[:len(m.upos)])
	feats := s.feats[:numTemplates]
	features(feats, c)
	stage := 0
	if pass1 != nil {
		ahead(c, pass1, i)
		feats = s.feats[:]
		stackedFeatures(feats[numTemplates:], c)
		stage = 1
	}
	m.weights.addAll(feats, stage, &s.scores)
	return argmax2(s.scores[:len(m.upos)])
}

// argmax2 returns the best class and its lead over the runner-up, +Inf
// when there is no runner-up.
func argmax2(scores []int32) (int, float32) {
	if len(scores) < 2 {
		return 0, float32(math.Inf(1))
	}
	best, second := 0, int64(math.MinInt64)
	for c, v := range scores[1:] {
		if v > scores[best] {
			second = int64(scores[best])
			best = c + 1
		} else if int64(v) > second {
			second = int64(v)
		}
	}
	return best, float32(int64(scores[best]) - second)
}

func argmax[S int32 | float32](scores []S) int {
	best := 0
	for c, v := range scores {
		if v > scores[best] {
			best = c
		}
	}
	return best
}
