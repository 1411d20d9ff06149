package tagger

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/dyadnews/dyad/internal/hashmix"
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
	// MorphEpochs is the number of passes of the FEATS perceptron, the
	// best by dev kept when dev is given; with 0 each tag gets its most
	// frequent FEATS.
	MorphEpochs int
	// Ensemble is the number of perceptrons trained per stage, each on
	// its own order of the sentences, whose weights are averaged: a
	// cheap ensemble that costs training time only.
	Ensemble int
	// Stacked adds a second stage that retags each sentence knowing the
	// first stage's tags of the words ahead; its training data is tagged
	// by StackFolds first-stage models, each blind to its fold.
	Stacked    bool
	StackFolds int
	// StackedEpochs is the number of passes of the second stage, an
	// upper bound like Epochs when dev is given; 0 means Epochs.
	StackedEpochs int
	// SureMargin is the first stage's lead above which the second stage
	// is skipped when no dev is given to tune it on (0: never skipped).
	SureMargin float32
	// Supertags adds a third stage that gives each word its supertag for
	// the parser (see SupertagOf), learnt from the training trees in up
	// to SupertagEpochs passes.
	Supertags      bool
	SupertagEpochs int
	// SupertagPruneBelow is PruneBelow for the supertag stage.
	SupertagPruneBelow float64
	// SupertagExtra are more trees for the supertag stage alone, such as
	// training sentences given a fronted time opening (news opens on
	// times far more often than EWT); the POS stages never see them.
	SupertagExtra []conllu.Sentence
}

// DefaultTrainOptions returns the options of the shipped model.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{
		Seed:               1,
		Epochs:             12,
		AmbiguityMinCount:  1,
		AmbiguityMinShare:  0.1,
		FixedMinCount:      20,
		FixedMinShare:      0.995,
		PruneBelow:         0.05,
		MorphEpochs:        6,
		Stacked:            true,
		StackFolds:         4,
		Supertags:          true,
		SupertagEpochs:     12,
		SupertagPruneBelow: 0.05,
	}
}

// sentence is a training sentence in the form the trainer needs.
type sentence struct {
	words []conllu.Word
	gold  []int // class of each word, -1 when the class is unknown
	info  []wordInfo
	pass1 []int // first-stage classes, for training the second stage
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
	td, err := describeTraining(train, opts)
	if err != nil {
		return nil, err
	}
	sents, upos, xpos, classOf, lexicon := td.sents, td.upos, td.xpos, td.classOf, td.lexicon
	chosen := opts
	chosen.Log = nil
	morph, morphEpochs, err := trainMorphology(sents, dev, upos, classOf, opts, logw)
	if err != nil {
		return nil, err
	}
	chosen.MorphEpochs = morphEpochs
	base := &Model{upos: upos, xpos: xpos, finite: isFinite(xpos), lexicon: lexicon, morph: morph}

	first, firstWeights, epochs, err := trainStage(base, nil, sents, dev, opts.Epochs, opts, logw)
	if err != nil {
		return nil, err
	}
	chosen.Epochs = epochs
	if !opts.Stacked {
		first.chosen = chosen
		return withSupertags(first, []stageWeights{firstWeights}, sents, train, dev, opts, logw)
	}
	// The second stage reads the first stage's tags of the words ahead.
	// On the training data those tags come from models that did not see
	// the sentence (jackknifing), so they are as wrong as at tagging time.
	foldOpts := opts
	foldOpts.Stacked, foldOpts.Epochs = false, epochs
	foldOpts.MorphEpochs = 0 // only the fold models' tags are used
	foldOpts.Supertags = false
	predicted, err := JackknifeTags(train, opts.StackFolds, foldOpts)
	if err != nil {
		return nil, fmt.Errorf("tagger: first-stage tags: %w", err)
	}
	for i := range sents {
		sents[i].pass1 = make([]int, len(sents[i].words))
		for j, w := range predicted[i].Words {
			c, ok := classOf[w.UPOS+"|"+w.XPOS]
			if !ok {
				return nil, fmt.Errorf("tagger: first stage predicted unknown class %s|%s", w.UPOS, w.XPOS)
			}
			sents[i].pass1[j] = c
		}
	}
	stackedEpochs := opts.StackedEpochs
	if stackedEpochs == 0 {
		stackedEpochs = opts.Epochs
	}
	stacked, stackedWeights, stackedEpochs, err := trainStage(first, &firstWeights, sents, dev, stackedEpochs, opts, logw)
	if err != nil {
		return nil, err
	}
	chosen.StackedEpochs = stackedEpochs
	stacked.sureMargin = opts.SureMargin
	if len(dev) > 0 {
		stacked.sureMargin = tuneSureMargin(stacked, dev, logw)
	}
	chosen.SureMargin = stacked.sureMargin
	stacked.chosen = chosen
	return withSupertags(stacked, []stageWeights{firstWeights, stackedWeights}, sents, train, dev, opts, logw)
}

// trainingData is the training set as the stages learn from it.
type trainingData struct {
	sents      []sentence
	upos, xpos []string // the classes' tags
	classOf    map[string]int
	lexicon    map[uint64]lexEntry
}

// describeTraining describes train's words for learning: each word's
// class, and its ambiguity class with the occurrence at hand left out, so
// a word seen once looks unknown, as a new word will at tagging time, and
// the model does not learn to trust the class of rare words more than it
// deserves.
func describeTraining(train []conllu.Sentence, opts TrainOptions) (trainingData, error) {
	upos, xpos, classOf := collectClasses(train)
	if len(upos) > maxClasses {
		return trainingData{}, fmt.Errorf("tagger: %d classes, at most %d supported", len(upos), maxClasses)
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
	for i := range sents {
		for j := range sents[i].info {
			wi := &sents[i].info[j]
			wi.lex = lexEntry{fixed: -1, amb: ambiguity(counts[wi.norm], sents[i].gold[j], opts)}
			if e, ok := lexicon[wi.norm]; ok {
				wi.lex.fixed = e.fixed
			}
		}
	}
	return trainingData{sents: sents, upos: upos, xpos: xpos, classOf: classOf, lexicon: lexicon}, nil
}

// TrainSupertags returns m, a tagger trained on train, with a supertag
// stage learnt from train and opts.SupertagExtra, its POS stages and
// morphology kept: what Train gives with the options m was trained with
// and opts's supertag options, without learning the POS stages again.
// With dev, the stage's epochs are chosen on dev; without, it runs
// opts.SupertagEpochs passes.
func TrainSupertags(m *Model, train, dev []conllu.Sentence, opts TrainOptions) (*Model, error) {
	if m == nil {
		return nil, errors.New("tagger: no model to train supertags for")
	}
	if !opts.Supertags || opts.SupertagEpochs < 1 {
		return nil, fmt.Errorf("tagger: training supertags needs Supertags and SupertagEpochs (%d)", opts.SupertagEpochs)
	}
	td, err := describeTraining(train, opts)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(td.upos, m.upos) || !slices.Equal(td.xpos, m.xpos) {
		return nil, errors.New("tagger: training supertags on other classes than the model's")
	}
	weights := []stageWeights{m.weights.stage(0)}
	if m.hasStacked {
		weights = append(weights, m.weights.stage(1))
	}
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	out, err := withSupertags(m, weights, td.sents, train, dev, opts, logw)
	if err != nil {
		return nil, err
	}
	out.chosen.Supertags, out.chosen.SupertagPruneBelow, out.chosen.SupertagExtra = true, opts.SupertagPruneBelow, opts.SupertagExtra
	return out, nil
}

// withSupertags returns m, whose POS stages have the given weights, with
// a supertag stage when opts ask for one.
func withSupertags(m *Model, weights []stageWeights, sents []sentence, train, dev []conllu.Sentence, opts TrainOptions, logw io.Writer) (*Model, error) {
	if !opts.Supertags {
		return m, nil
	}
	if len(opts.SupertagExtra) > 0 {
		// The stage reads words only: the extra trees need no POS class.
		sents = slices.Clip(sents)
		for _, x := range opts.SupertagExtra {
			s := sentence{words: x.Words, info: make([]wordInfo, len(x.Words))}
			for j, w := range x.Words {
				describe(w.Form, &s.info[j])
				s.info[j].lex = m.lookup(s.info[j].norm)
			}
			sents = append(sents, s)
		}
		train = append(slices.Clip(train), opts.SupertagExtra...)
	}
	out, epochs, err := trainSupertags(m, weights, sents, train, dev, opts, logw)
	if err != nil {
		return nil, err
	}
	out.chosen.SupertagEpochs = epochs
	return out, nil
}

// Chosen returns the options the model was trained with, the epoch counts
// and the skip margin replaced by what dev chose. Training on more data
// (dev included) with them and no dev repeats those choices, as `dyad
// train --dev` does. A loaded model returns the zero options.
func (m *Model) Chosen() TrainOptions { return m.chosen }

// trainStage trains the first stage, or the second on top of the given
// first stage's weights, for up to epochs passes, and returns the
// resulting model, the stage's weights and the number of epochs it was
// trained for: that of the best dev score when dev is given, else all.
func trainStage(m *Model, first *stageWeights, sents []sentence, dev []conllu.Sentence, epochs int, opts TrainOptions, logw io.Writer) (*Model, stageWeights, int, error) {
	stage := 1
	if first != nil {
		stage = 2
	}
	build := func(ps []*perceptron) (*Model, stageWeights, error) {
		out := &Model{upos: m.upos, xpos: m.xpos, finite: m.finite, lexicon: m.lexicon, morph: m.morph}
		w := averaged(ps, opts.PruneBelow)
		var err error
		if first == nil {
			out.weights, err = newWeightTable([]int{len(m.upos)}, w)
		} else {
			out.weights, err = newWeightTable([]int{len(m.upos), len(m.upos)}, *first, w)
			out.hasStacked = true
		}
		if err != nil {
			return nil, w, fmt.Errorf("tagger: stage %d: %w", stage, err)
		}
		return out, w, nil
	}
	nfeat := numTemplates
	if stage == 2 {
		nfeat += numStacked
	}
	ensemble := max(opts.Ensemble, 1)
	ps := make([]*perceptron, ensemble)
	orders := make([][]int, ensemble)
	for b := range ps {
		ps[b] = newPerceptron(len(m.upos))
		orders[b] = make([]int, len(sents))
		for i := range orders[b] {
			orders[b][i] = i
		}
	}
	var (
		best      *Model
		bestW     stageWeights
		bestScore = -1.0
		bestEpoch int
	)
	// pass trains perceptron b for one epoch; it reads sents only, so the
	// members of the ensemble train in parallel.
	pass := func(b, epoch int) (seen, right int) {
		var (
			p      = ps[b]
			order  = orders[b]
			feats  = make([]uint64, nfeat)
			scores = make([]float32, len(m.upos))
			c      context
		)
		rng := rand.New(rand.NewPCG(opts.Seed+uint64(b), uint64(epoch)))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &sents[si]
			h := newHistory()
			for i := range s.words {
				guess := int(s.info[i].lex.fixed)
				if guess < 0 {
					window(&c, s.info, i, h)
					features(feats, &c)
					if stage == 2 {
						ahead(&c, s.pass1, i)
						stackedFeatures(feats[numTemplates:], &c)
					}
					guess = p.predict(feats, scores)
					p.update(feats, s.gold[i], guess)
				}
				seen++
				if guess == s.gold[i] {
					right++
				}
				h.push(guess, m.finite[guess])
			}
		}
		return seen, right
	}
	for epoch := 1; epoch <= epochs; epoch++ {
		began := time.Now()
		seen, right := passAll(ensemble, epoch, pass)
		line := fmt.Sprintf("tagger: stage %d epoch %d: train %.2f%%", stage, epoch, 100*float64(right[0])/float64(seen[0]))
		if len(dev) == 0 {
			fmt.Fprintf(logw, "%s (%s)\n", line, time.Since(began).Round(time.Millisecond))
			continue
		}
		cand, w, err := build(ps)
		if err != nil {
			return nil, w, 0, err
		}
		sc := Evaluate(cand, dev)
		fmt.Fprintf(logw, "%s, dev %s (%s)\n", line, sc, time.Since(began).Round(time.Millisecond))
		if sc.Both > bestScore {
			best, bestW, bestScore, bestEpoch = cand, w, sc.Both, epoch
		}
	}
	if best == nil {
		m, w, err := build(ps)
		return m, w, epochs, err
	}
	fmt.Fprintf(logw, "tagger: stage %d: keeping epoch %d\n", stage, bestEpoch)
	return best, bestW, bestEpoch, nil
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
	return hashmix.Fmix64(h)
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
	index      map[uint32]int32
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
	return &perceptron{index: map[uint32]int32{}, numClasses: numClasses}
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

// averaged returns the mean of the perceptrons' averaged weights,
// quantised to 16 bits, dropping those below prune in magnitude.
// Features are numbered in the order the perceptrons met them, so the
// result is deterministic.
func averaged(ps []*perceptron, prune float64) stageWeights {
	type classWeight struct {
		class int32
		w     float64
	}
	index := map[uint32]int{}
	var (
		keys    []uint32
		sums    [][]classWeight
		biggest float64
	)
	for _, p := range ps {
		byIndex := make([]uint32, len(p.weights))
		for k, f := range p.index {
			byIndex[f] = k
		}
		steps := float64(max(p.step, 1)) * float64(len(ps))
		for f, fw := range p.weights {
			k := byIndex[f]
			j, ok := index[k]
			if !ok {
				j = len(keys)
				index[k] = j
				keys = append(keys, k)
				sums = append(sums, nil)
			}
		next:
			for _, w := range fw {
				avg := float64(w.total+(p.step-w.last)*int64(w.w)) / steps
				for i := range sums[j] {
					if sums[j][i].class == w.class {
						sums[j][i].w += avg
						continue next
					}
				}
				sums[j] = append(sums[j], classWeight{w.class, avg})
			}
		}
	}
	for _, cws := range sums {
		for _, cw := range cws {
			biggest = max(biggest, math.Abs(cw.w))
		}
	}
	scale := 1.0
	if biggest > 0 {
		scale = math.MaxInt16 / biggest
	}
	out := stageWeights{start: []uint32{0}}
	var pairs []pair
	for j, cws := range sums {
		pairs = pairs[:0]
		for _, cw := range cws {
			q := math.Round(cw.w * scale)
			if math.Abs(cw.w) < prune || q == 0 {
				continue
			}
			pairs = append(pairs, pair{class: uint8(cw.class), w: int16(q)})
		}
		if len(pairs) > 0 {
			out.add(keys[j], pairs)
		}
	}
	return out
}

// passAll runs one training pass of each of the ensemble's perceptrons
// at once and returns the words each saw and tagged right.
func passAll(ensemble, epoch int, pass func(b, epoch int) (seen, right int)) (seen, right []int) {
	seen, right = make([]int, ensemble), make([]int, ensemble)
	var wg sync.WaitGroup
	for b := range ensemble {
		wg.Go(func() { seen[b], right[b] = pass(b, epoch) })
	}
	wg.Wait()
	return seen, right
}
