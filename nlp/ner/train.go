package ner

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/nlp/conllu"
)

// TrainOptions configure Train.
type TrainOptions struct {
	// Seed fixes the order sentences are visited in; the same seed and
	// data give the same model.
	Seed uint64
	// Epochs is the number of passes over the training sentences.
	Epochs int
	// Gazetteer supplies name-list features; nil trains without them.
	Gazetteer *Gazetteer
	// Annotated are labelled sentences besides the ones passed to Train
	// (EWT train and news pages as dyad's own annotators marked them,
	// data/entities), tagged by taggers that never saw them. They join every training
	// set, each cross-validation fold's too, and are never scored.
	Annotated []conllu.Sentence
	// Unlabeled are treebank sentences without entity tags (UD English
	// EWT train). Their words and gold UPOS build the capitalisation and
	// PROPN lexicon, and self-training tags them.
	Unlabeled []conllu.Sentence
	// MinLexCount is how often a word must occur in Unlabeled to enter
	// the lexicon.
	MinLexCount int
	// SelfTrain retrains on the labelled sentences plus the Unlabeled
	// sentences the first model tags with a margin of at least
	// SelfTrainMargin at every token.
	SelfTrain       bool
	SelfTrainMargin float32
	// LabeledCopies is how many times each labelled sentence is visited
	// per epoch when self-training, so the gold data keeps more weight
	// than the larger silver set.
	LabeledCopies int
	// StackFolds, when at least 2, adds a second stage that re-reads
	// each document knowing the first stage's tags (see stack.go),
	// trained on first-stage tags jackknifed over this many folds of
	// the training documents. Off by default: on UNER dev
	// cross-validation it scored no better than one stage (0.619 and
	// 0.626 F1) at twice the decoding time.
	StackFolds int
	// EntityBias is added to the score of every entity tag when the
	// trained model decodes (not while it learns), trading precision for
	// recall. A model learnt from UNER dev alone gained from it (4, and
	// 3 more for ORG); with dyad's annotations dev chose none.
	EntityBias float32
	// LabelBias adds to EntityBias for the labels it names.
	LabelBias map[string]float32
	// Log receives per-epoch progress and dev scores; nil discards it.
	Log io.Writer
}

// DefaultTrainOptions returns the options the shipped model is trained
// with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{
		Seed:            1,
		Epochs:          8,
		MinLexCount:     2,
		SelfTrain:       true,
		SelfTrainMargin: 20,
		LabeledCopies:   2,
	}
}

// instance is one training sentence: tokens for the features and gold
// BILOU tag indices.
type instance struct {
	toks  []dyad.Token
	gold  []int
	stack []stackInfo // first-stage reading, for the second stage only
}

// Train learns a model from sentences carrying gold IOB2 tags (see
// Merge), and opts.Annotated; dev, when not empty, is scored after every
// epoch on the log.
func Train(train, dev []conllu.Sentence, opts TrainOptions) (*Model, error) {
	train = append(slices.Clip(train), opts.Annotated...)
	var (
		m   *Model
		err error
	)
	if opts.StackFolds >= 2 {
		m, err = trainStacked(train, dev, opts)
	} else {
		m, err = trainStage(train, dev, opts)
	}
	if err != nil {
		return nil, err
	}
	m.decoder().setBias(opts.EntityBias, opts.LabelBias)
	if len(dev) > 0 && opts.Log != nil && m.second != nil {
		if sc, err := Evaluate(m, dev, nil); err == nil {
			fmt.Fprintf(opts.Log, "ner: dev F1 %.4f\n", sc.Overall.F1())
		}
	}
	return m, nil
}

// setBias sets the decoding bias of every label: all, plus extra[label].
func (m *Model) setBias(all float32, extra map[string]float32) {
	for l, name := range m.labels {
		m.labelBias[l] = all + extra[name]
	}
}

// trainStage trains one stage-one model: on train, then, when
// self-training, again on train and the confidently tagged unlabelled
// sentences.
func trainStage(train, dev []conllu.Sentence, opts TrainOptions) (*Model, error) {
	if len(train) == 0 {
		return nil, errors.New("ner: no training sentences")
	}
	if opts.Epochs <= 0 {
		return nil, fmt.Errorf("ner: %d epochs", opts.Epochs)
	}
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	labels, err := labelSet(train)
	if err != nil {
		return nil, err
	}
	lex := buildLexicon(opts.Unlabeled, opts.MinLexCount)
	m := newModel(labels, opts.Gazetteer, lex)
	gold, err := m.instances(train)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "ner: %d sentences, labels %v, %d lexicon words, %d gazetteer phrases\n",
		len(gold), labels, len(lex), opts.Gazetteer.Len())
	m.fit(gold, opts.Epochs, opts.Seed, dev, log)
	if !opts.SelfTrain || len(opts.Unlabeled) == 0 {
		return m, nil
	}
	silver := m.silver(opts.Unlabeled, opts.SelfTrainMargin)
	fmt.Fprintf(log, "ner: self-training on %d of %d unlabelled sentences\n", len(silver), len(opts.Unlabeled))
	data := make([]instance, 0, len(gold)*max(opts.LabeledCopies, 1)+len(silver))
	for range max(opts.LabeledCopies, 1) {
		data = append(data, gold...)
	}
	data = append(data, silver...)
	m2 := newModel(labels, opts.Gazetteer, lex)
	m2.fit(data, opts.Epochs, opts.Seed, dev, log)
	return m2, nil
}

// labelSet returns the sorted entity labels of the gold tags.
func labelSet(sents []conllu.Sentence) ([]string, error) {
	seen := map[string]bool{}
	for i := range sents {
		tags, ok := GoldTags(&sents[i])
		if !ok {
			return nil, fmt.Errorf("ner: sentence %d (%s) has no entity tags", i, sents[i].Comment("sent_id"))
		}
		for _, t := range tags {
			pt, ok := parseTag(t)
			if !ok {
				return nil, fmt.Errorf("ner: sentence %d: bad tag %q", i, t)
			}
			if pt.label != "" {
				seen[pt.label] = true
			}
		}
	}
	labels := make([]string, 0, len(seen))
	for l := range seen {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	return labels, nil
}

func (m *Model) instances(sents []conllu.Sentence) ([]instance, error) {
	out := make([]instance, 0, len(sents))
	for i := range sents {
		tags, ok := GoldTags(&sents[i])
		if !ok {
			return nil, fmt.Errorf("ner: sentence %d has no entity tags", i)
		}
		gold, err := m.bilou(tags)
		if err != nil {
			return nil, fmt.Errorf("ner: sentence %d: %w", i, err)
		}
		out = append(out, instance{toks: wordTokens(&sents[i]), gold: gold})
	}
	return out, nil
}

func wordTokens(s *conllu.Sentence) []dyad.Token {
	toks := make([]dyad.Token, len(s.Words))
	for i, w := range s.Words {
		toks[i] = dyad.Token{Text: w.Form, UPOS: w.UPOS, XPOS: w.XPOS}
	}
	return toks
}

// bilou converts IOB2 tags to the model's BILOU tag indices; an I- tag
// that does not continue an entity of its label starts one, as conlleval
// reads it.
func (m *Model) bilou(tags []string) ([]int, error) {
	out := make([]int, len(tags))
	tagIndex := func(prefix byte, label string) (int, error) {
		for i, t := range m.tags {
			if t.prefix == prefix && t.label >= 0 && m.labels[t.label] == label {
				return i, nil
			}
		}
		return 0, fmt.Errorf("unknown label %q", label)
	}
	for i := range tags {
		t, _ := parseTag(tags[i])
		if t.prefix == 'O' {
			continue
		}
		begins := t.prefix == 'B' || i == 0 || labelOf(tags[i-1]) != t.label
		ends := i+1 == len(tags) || tags[i+1] != "I-"+t.label
		var p byte
		switch {
		case begins && ends:
			p = 'U'
		case begins:
			p = 'B'
		case ends:
			p = 'L'
		default:
			p = 'I'
		}
		idx, err := tagIndex(p, t.label)
		if err != nil {
			return nil, err
		}
		out[i] = idx
	}
	return out, nil
}

// trainer keeps the running sums of the averaged perceptron: for every
// weight, the sum of its updates each multiplied by the step they came
// at, so that the average over all steps is w - sum/steps.
type trainer struct {
	m                  *Model
	sum                []float64
	transSum, startSum []float64
	step               float64
}

func (t *trainer) row(f uint64) int {
	r, ok := t.m.index[f]
	if !ok {
		r = int32(len(t.m.index))
		t.m.index[f] = r
		nt := len(t.m.tags)
		t.m.weights = append(t.m.weights, make([]float32, nt)...)
		t.sum = append(t.sum, make([]float64, nt)...)
	}
	return int(r)
}

func (t *trainer) update(s *sentence, gold, pred []int) {
	nt := len(t.m.tags)
	for i := range gold {
		if gold[i] != pred[i] {
			s.feats = s.features(i, s.feats[:0])
			for _, f := range s.feats {
				r := t.row(f)
				t.m.weights[r*nt+gold[i]]++
				t.sum[r*nt+gold[i]] += t.step
				t.m.weights[r*nt+pred[i]]--
				t.sum[r*nt+pred[i]] -= t.step
			}
		}
		gp, pp := -1, -1
		if i > 0 {
			gp, pp = gold[i-1], pred[i-1]
		}
		if gp == pp && gold[i] == pred[i] {
			continue
		}
		t.addTrans(gp, gold[i], 1)
		t.addTrans(pp, pred[i], -1)
	}
}

func (t *trainer) addTrans(p, c int, d float32) {
	if p < 0 {
		t.m.startScore[c] += d
		t.startSum[c] += float64(d) * t.step
		return
	}
	k := p*len(t.m.tags) + c
	t.m.trans[k] += d
	t.transSum[k] += float64(d) * t.step
}

func (t *trainer) average() {
	avg := func(w []float32, sum []float64) {
		for i := range w {
			w[i] -= float32(sum[i] / t.step)
		}
	}
	avg(t.m.weights, t.sum)
	avg(t.m.trans, t.transSum)
	avg(t.m.startScore, t.startSum)
}

// fit trains the model's weights on data with the averaged structured
// perceptron.
func (m *Model) fit(data []instance, epochs int, seed uint64, dev []conllu.Sentence, log io.Writer) {
	t := &trainer{m: m, transSum: make([]float64, len(m.trans)), startSum: make([]float64, len(m.startScore)), step: 1}
	rng := rand.New(rand.NewPCG(seed, 0x6e6572))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	s := &sentence{}
	for epoch := 1; epoch <= epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wrong := 0
		for _, k := range order {
			in := &data[k]
			m.prepare(s, in.toks)
			s.stack = in.stack
			m.emissions(s)
			m.viterbi(s)
			if !slices.Equal(s.best, in.gold) {
				wrong++
				t.update(s, in.gold, s.best)
			}
			t.step++
		}
		fmt.Fprintf(log, "ner: epoch %d: %d/%d sentences wrong, %d features", epoch, wrong, len(data), len(m.index))
		if len(dev) > 0 {
			snapshot := m.averagedCopy(t)
			if sc, err := Evaluate(snapshot, dev, nil); err == nil {
				fmt.Fprintf(log, ", dev F1 %.4f", sc.Overall.F1())
			}
		}
		fmt.Fprintln(log)
	}
	t.average()
	m.freeze()
}

// averagedCopy returns a model with the weights averaged so far, for
// scoring dev between epochs without disturbing training.
func (m *Model) averagedCopy(t *trainer) *Model {
	c := newModel(m.labels, m.gaz, m.lex)
	c.index = m.index
	c.weights = slices.Clone(m.weights)
	c.trans = slices.Clone(m.trans)
	c.startScore = slices.Clone(m.startScore)
	ct := &trainer{m: c, sum: t.sum, transSum: t.transSum, startSum: t.startSum, step: t.step}
	ct.average()
	c.freeze()
	return c
}

// silver tags the unlabelled sentences and keeps as extra training data
// those decided by at least minMargin at every token whose every entity
// holds a PROPN token (the treebank's gold POS marks names; an entity
// without one is a likely error).
func (m *Model) silver(sents []conllu.Sentence, minMargin float32) []instance {
	var out []instance
	s := &sentence{}
	for i := range sents {
		toks := wordTokens(&sents[i])
		m.prepare(s, toks)
		m.emissions(s)
		m.viterbi(s)
		if m.margin(s) < minMargin || !m.entitiesHaveProperNoun(s) {
			continue
		}
		out = append(out, instance{toks: toks, gold: slices.Clone(s.best)})
	}
	return out
}

// buildLexicon counts, for every lowercased word of sents, how often it
// is capitalised away from the sentence start and how often it is PROPN.
func buildLexicon(sents []conllu.Sentence, minCount int) map[string]uint8 {
	type counts struct{ total, inner, capped, propn int }
	c := map[string]*counts{}
	for _, s := range sents {
		for i, w := range s.Words {
			lw := normalizeWord(w.Form)
			k := c[lw]
			if k == nil {
				k = &counts{}
				c[lw] = k
			}
			k.total++
			if w.UPOS == "PROPN" {
				k.propn++
			}
			if i > 0 {
				k.inner++
				if r, _ := utf8.DecodeRuneInString(w.Form); unicode.IsUpper(r) {
					k.capped++
				}
			}
		}
	}
	lex := make(map[string]uint8)
	for w, k := range c {
		if k.total < max(minCount, 1) {
			continue
		}
		lex[w] = capBucket(k.capped, k.inner) | propnBucket(k.propn, k.total)<<3
	}
	return lex
}

func (m *Model) entitiesHaveProperNoun(s *sentence) bool {
	propn := false
	for i, b := range s.best {
		t := m.tags[b]
		if t.prefix == 'B' || t.prefix == 'U' {
			propn = false
		}
		propn = propn || s.info[i].propn
		if (t.prefix == 'L' || t.prefix == 'U') && !propn {
			return false
		}
	}
	return true
}
