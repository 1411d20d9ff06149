package tagger

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// TrainOptions tunes Train. DefaultTrainOptions gives the settings the
// shipped model was trained with.
type TrainOptions struct {
	// Seed fixes the order sentences are visited in; the same data, options
	// and seed always give the same model.
	Seed uint64
	// Epochs is the number of passes over the training data. When dev
	// sentences are given, the model of the epoch with the best dev
	// accuracy is returned, so Epochs is then an upper bound.
	Epochs int
	// Log receives one line of progress per epoch; nil discards it.
	Log io.Writer
	// AmbiguityMinCount is how often a form must occur in training for
	// its set of classes to be a feature.
	AmbiguityMinCount int
	// AmbiguityMinShare is the share of a form's occurrences a class
	// needs to count in its ambiguity set (filters annotation noise).
	AmbiguityMinShare float64
	// FixedMinCount and FixedMinShare choose the forms tagged by lookup
	// alone: those seen at least FixedMinCount times with one class
	// taking at least FixedMinShare of them.
	FixedMinCount int
	FixedMinShare float64
	// PruneBelow drops averaged weights whose magnitude is below it,
	// which shrinks the model with no measurable loss.
	PruneBelow float64
}

// DefaultTrainOptions returns the options of the shipped model.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{
		Seed:              1,
		Epochs:            12,
		AmbiguityMinCount: 2,
		AmbiguityMinShare: 0.02,
		FixedMinCount:     20,
		FixedMinShare:     0.995,
		PruneBelow:        0.05,
	}
}

// sentence is a training sentence in the form the trainer needs.
type sentence struct {
	words []conllu.Word
	gold  []int // class of each word, -1 when the class is unknown
	info  []wordInfo
}

// Train learns a tagger from train. If dev is not empty it is tagged after
// every epoch and the best epoch's model is kept.
func Train(train, dev []conllu.Sentence, opts TrainOptions) (*Model, error) {
	if len(train) == 0 {
		return nil, errors.New("tagger: no training sentences")
	}
	if opts.Epochs < 1 {
		return nil, fmt.Errorf("tagger: %d epochs, need at least 1", opts.Epochs)
	}
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	upos, xpos, classOf := collectClasses(train)
	if len(upos) > math.MaxUint16 {
		return nil, fmt.Errorf("tagger: %d classes, at most %d supported", len(upos), math.MaxUint16)
	}
	sents := make([]sentence, len(train))
	for i := range train {
		ws := train[i].Words
		s := sentence{words: ws, gold: make([]int, len(ws)), info: make([]wordInfo, len(ws))}
		for j, w := range ws {
			s.gold[j] = classOf[w.UPOS+"|"+w.XPOS]
			describe(w.Form, &s.info[j])
		}
		sents[i] = s
	}
	counts := countClasses(sents, len(upos))
	lexicon := buildLexicon(counts, opts)
	// While training, a word's ambiguity class leaves out the occurrence
	// at hand, so a word seen once looks unknown, as a new word will at
	// tagging time, and the model does not learn to trust the class of
	// rare words more than it deserves.
	for i := range sents {
		for j := range sents[i].info {
			wi := &sents[i].info[j]
			wi.lex = lexEntry{fixed: -1, amb: ambiguity(counts[wi.norm], sents[i].gold[j], opts)}
			if e, ok := lexicon[wi.norm]; ok {
				wi.lex.fixed = e.fixed
			}
		}
	}
	morph := learnMorphology(sents, len(upos))
	finite := isFinite(xpos)
	build := func(p *perceptron) *Model {
		return &Model{upos: upos, xpos: xpos, finite: finite, lexicon: lexicon, morph: morph,
			weights: p.averaged(opts.PruneBelow)}
	}

	p := newPerceptron(len(upos))
	var (
		best      *Model
		bestScore = -1.0
		bestEpoch int
		order     = make([]int, len(sents))
		feats     [numTemplates]uint64
		scores    = make([]float32, len(upos))
		c         context
	)
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		began := time.Now()
		rng := rand.New(rand.NewPCG(opts.Seed, uint64(epoch)))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var seen, right int
		for _, si := range order {
			s := &sents[si]
			h := newHistory()
			for i := range s.words {
				guess := int(s.info[i].lex.fixed)
				if guess < 0 {
					window(&c, s.info, i, h)
					features(feats[:], &c)
					guess = p.predict(feats[:], scores)
					p.update(feats[:], s.gold[i], guess)
				}
				seen++
				if guess == s.gold[i] {
					right++
				}
				h.push(guess, finite[guess])
			}
		}
		line := fmt.Sprintf("tagger: epoch %d: train %.2f%%", epoch, 100*float64(right)/float64(seen))
		if len(dev) == 0 {
			fmt.Fprintf(logw, "%s (%s)\n", line, time.Since(began).Round(time.Millisecond))
			continue
		}
		m := build(p)
		sc := Evaluate(m, dev)
		fmt.Fprintf(logw, "%s, dev %s (%s)\n", line, sc, time.Since(began).Round(time.Millisecond))
		if sc.Both > bestScore {
			best, bestScore, bestEpoch = m, sc.Both, epoch
		}
	}
	if best == nil {
		return build(p), nil
	}
	fmt.Fprintf(logw, "tagger: keeping epoch %d\n", bestEpoch)
	return best, nil
}

// collectClasses lists the UPOS|XPOS pairs of train in sorted order.
func collectClasses(train []conllu.Sentence) (upos, xpos []string, classOf map[string]int) {
	type pair struct{ u, x string }
	set := map[pair]bool{}
	for _, s := range train {
		for _, w := range s.Words {
			set[pair{w.UPOS, w.XPOS}] = true
		}
	}
	pairs := make([]pair, 0, len(set))
	for p := range set {
		pairs = append(pairs, p)
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if a.u != b.u {
			return cmpString(a.u, b.u)
		}
		return cmpString(a.x, b.x)
	})
	classOf = make(map[string]int, len(pairs))
	for i, p := range pairs {
		upos = append(upos, p.u)
		xpos = append(xpos, p.x)
		classOf[p.u+"|"+p.x] = i
	}
	return upos, xpos, classOf
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// countClasses counts, for every normalised form, how often it took each
// class.
func countClasses(sents []sentence, numClasses int) map[uint64][]int32 {
	counts := map[uint64][]int32{}
	for _, s := range sents {
		for i := range s.words {
			n := s.info[i].norm
			cs := counts[n]
			if cs == nil {
				cs = make([]int32, numClasses)
				counts[n] = cs
			}
			cs[s.gold[i]]++
		}
	}
	return counts
}

// ambiguity returns the hash of the set of classes in counts, leaving out
// one occurrence of class exclude (-1: none), or 0 when too few remain.
func ambiguity(counts []int32, exclude int, opts TrainOptions) uint64 {
	total := 0
	for _, n := range counts {
		total += int(n)
	}
	if exclude >= 0 {
		total--
	}
	if total < opts.AmbiguityMinCount || total <= 0 {
		return 0
	}
	h := uint64(fnvOffset)
	for c, n := range counts {
		if c == exclude {
			n--
		}
		if n > 0 && float64(n) >= opts.AmbiguityMinShare*float64(total) {
			h = hashRune(h, rune(c))
		}
	}
	return mix(h)
}

// buildLexicon records, for every form frequent enough, the set of classes
// it takes and, for frequent unambiguous forms, the class itself.
func buildLexicon(counts map[uint64][]int32, opts TrainOptions) map[uint64]lexEntry {
	lex := make(map[uint64]lexEntry, len(counts))
	for norm, cs := range counts {
		var total, top, topClass int
		for c, n := range cs {
			total += int(n)
			if int(n) > top {
				top, topClass = int(n), c
			}
		}
		e := lexEntry{fixed: -1, amb: ambiguity(cs, -1, opts)}
		if total >= opts.FixedMinCount && float64(top) >= opts.FixedMinShare*float64(total) {
			e.fixed = int32(topClass)
		}
		if e.amb != 0 || e.fixed >= 0 {
			lex[norm] = e
		}
	}
	return lex
}

// perceptron is a multiclass averaged perceptron with sparse per-feature
// weights, averaged lazily (each weight remembers when it last changed).
type perceptron struct {
	index      map[uint64]int32
	weights    [][]weight
	step       int64
	numClasses int
}

type weight struct {
	class int32
	w     int32 // updates are ±1, so weights and sums stay integers
	total int64 // sum of w over all steps up to last
	last  int64 // step of the last change
}

func newPerceptron(numClasses int) *perceptron {
	return &perceptron{index: map[uint64]int32{}, numClasses: numClasses}
}

func (p *perceptron) predict(feats []uint64, scores []float32) int {
	clear(scores)
	for _, h := range feats {
		if f, ok := p.index[key(h)]; ok {
			for _, w := range p.weights[f] {
				scores[w.class] += float32(w.w)
			}
		}
	}
	return argmax(scores)
}

// update moves the weights towards truth and away from guess; every call
// is one step of the average.
func (p *perceptron) update(feats []uint64, truth, guess int) {
	p.step++
	if truth == guess {
		return
	}
	for _, h := range feats {
		k := key(h)
		f, ok := p.index[k]
		if !ok {
			f = int32(len(p.weights))
			p.index[k] = f
			p.weights = append(p.weights, nil)
		}
		p.bump(f, truth, 1)
		p.bump(f, guess, -1)
	}
}

func (p *perceptron) bump(f int32, class, delta int) {
	if class < 0 {
		return
	}
	ws := p.weights[f]
	for i := range ws {
		if ws[i].class == int32(class) {
			w := &ws[i]
			w.total += (p.step - w.last) * int64(w.w)
			w.last = p.step
			w.w += int32(delta)
			return
		}
	}
	p.weights[f] = append(ws, weight{class: int32(class), w: int32(delta), last: p.step})
}

// averaged returns the averaged weights as a lookup table, dropping those
// below prune in magnitude.
func (p *perceptron) averaged(prune float64) weightTable {
	var (
		keys  []uint64
		start = []uint32{0}
		cls   []uint16
		ws    []float32
	)
	byIndex := make([]uint64, len(p.weights))
	for k, f := range p.index {
		byIndex[f] = k
	}
	steps := float64(max(p.step, 1))
	for f, fw := range p.weights {
		n := len(cls)
		for _, w := range fw {
			total := w.total + (p.step-w.last)*int64(w.w)
			avg := float64(total) / steps
			if math.Abs(avg) < prune || avg == 0 {
				continue
			}
			cls = append(cls, uint16(w.class))
			ws = append(ws, float32(avg))
		}
		if len(cls) > n {
			keys = append(keys, byIndex[f])
			start = append(start, uint32(len(cls)))
		}
	}
	return newWeightTable(keys, start, cls, ws)
}
