package parser

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// TrainOptions tunes Train. DefaultTrainOptions gives the settings the
// shipped model was trained with.
type TrainOptions struct {
	// Seed fixes the shuffling and exploration: the same data, options
	// and seed always give the same model.
	Seed uint64
	// Epochs is the number of passes over the training set; with dev
	// sentences, the model of the epoch with the best dev LAS is kept.
	Epochs int
	// ExploreFrom is the first epoch (1-based) from which the parser
	// follows its own predictions, errors included, so that it learns to
	// recover from them (the dynamic oracle's exploration).
	ExploreFrom int
	// Explore is the probability of following the prediction rather than
	// the oracle from then on.
	Explore float64
	// PruneBelow drops averaged weights of smaller magnitude from the
	// model (weights are averaged sums of ±1 updates), which shrinks it
	// and speeds it up.
	PruneBelow float64
	// Supertags makes the parser read the tokens' supertags (see
	// dyad.Token.Supertag), with the feature templates that go with them.
	Supertags bool
	// Log receives one line per epoch with the dev scores; nil for none.
	Log io.Writer
}

// DefaultTrainOptions returns the options of the shipped model.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Seed: 1, Epochs: 15, ExploreFrom: 2, Explore: 0.9, PruneBelow: 1, Supertags: true}
}

// goldSentence is a training sentence in the parser's terms.
type goldSentence struct {
	forms, upos, xpos []string
	sup               []string // the tagger's supertags
	head              []int32  // n for the root
	label             []int16
}

// Train learns a parser from the gold trees of train, reading words'
// forms, UPOS and XPOS as the input (give it predicted tags to train for
// predicted tags), and keeps the epoch that parses dev best. dev may be
// empty, in which case the last epoch is kept.
func Train(train, dev []conllu.Sentence, opts TrainOptions) (*Model, error) {
	if opts.Epochs < 1 {
		return nil, fmt.Errorf("parser: %d epochs, need at least 1", opts.Epochs)
	}
	labels, err := labelSet(train)
	if err != nil {
		return nil, err
	}
	index := make(map[string]int16, len(labels))
	for i, l := range labels {
		index[l] = int16(i)
	}
	var gold []goldSentence
	for si, s := range train {
		g, err := toGold(s, index)
		if err != nil {
			return nil, fmt.Errorf("parser: training sentence %d: %w", si+1, err)
		}
		if len(g.forms) > 0 {
			gold = append(gold, g)
		}
	}
	if len(gold) == 0 {
		return nil, errors.New("parser: no training sentences")
	}
	t := &trainer{
		labels:  labels,
		root:    index["root"],
		actions: newTrainingTable(numActions),
		arcs:    newTrainingTable(len(labels)),
		prune:   float32(opts.PruneBelow),
		rng:     rand.New(rand.NewPCG(opts.Seed, 0x5eed)),
		sc:      &scratch{scores: make([]float32, max(numActions, len(labels)))},
	}
	t.sc.x.w, t.sc.x.supertags = &t.sc.w, opts.Supertags
	var (
		best    *Model
		bestLAS = -1.0
	)
	order := make([]int, len(gold))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		began := time.Now()
		t.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		explore := 0.0
		if epoch >= opts.ExploreFrom {
			explore = opts.Explore
		}
		var correct, total int
		for _, i := range order {
			c, n := t.learn(&gold[i], explore)
			correct += c
			total += n
		}
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "parser epoch %2d: train heads %.2f%%", epoch, 100*float64(correct)/float64(max(total, 1)))
		}
		if len(dev) == 0 && epoch < opts.Epochs {
			// Without dev only the last epoch's model is wanted.
			if opts.Log != nil {
				fmt.Fprintf(opts.Log, " (%s)\n", time.Since(began).Round(time.Second))
			}
			continue
		}
		m := t.model()
		score := Score{LAS: -1}
		if len(dev) > 0 {
			score = Evaluate(m, dev, nil)
		}
		if opts.Log != nil {
			if len(dev) > 0 {
				fmt.Fprintf(opts.Log, ", dev UAS %.2f%% LAS %.2f%%", 100*score.UAS, 100*score.LAS)
			}
			fmt.Fprintf(opts.Log, " (%d action and %d label features, %s)\n",
				len(m.actions.keys), len(m.arcs.keys), time.Since(began).Round(time.Second))
		}
		if score.LAS > bestLAS || len(dev) == 0 {
			best, bestLAS = m, score.LAS
			best.chosen = opts
			best.chosen.Epochs, best.chosen.Log = epoch, nil
		}
	}
	return best, nil
}

// Chosen returns the options the model was trained with, Epochs being
// the epoch dev chose. Training on more data (dev included) with them and
// no dev repeats that choice, as `dyad train --dev` does. A loaded
// model returns the zero options.
func (m *Model) Chosen() TrainOptions { return m.chosen }

// labelSet returns the sorted arc labels of train, which must include
// "root".
func labelSet(train []conllu.Sentence) ([]string, error) {
	seen := map[string]bool{}
	for _, s := range train {
		for _, w := range s.Words {
			seen[w.DepRel] = true
		}
	}
	if !seen["root"] {
		return nil, errors.New("parser: training data has no root relation")
	}
	labels := make([]string, 0, len(seen))
	for l := range seen {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	if len(labels) < 2 || len(labels) > maxLabels {
		return nil, fmt.Errorf("parser: %d relation labels, want 2 to %d", len(labels), maxLabels)
	}
	return labels, nil
}

// maxLabels bounds the label set, which the model stores in int16s.
const maxLabels = 1024

func toGold(s conllu.Sentence, index map[string]int16) (goldSentence, error) {
	n := len(s.Words)
	g := goldSentence{
		forms: make([]string, n), upos: make([]string, n), xpos: make([]string, n),
		sup: make([]string, n), head: make([]int32, n), label: make([]int16, n),
	}
	for i, w := range s.Words {
		if w.Head < 0 || w.Head > n {
			return g, fmt.Errorf("word %d has head %d outside the sentence", i+1, w.Head)
		}
		g.forms[i], g.upos[i], g.xpos[i], g.sup[i] = w.Form, w.UPOS, w.XPOS, w.Supertag
		g.head[i] = int32(w.Head - 1)
		if w.Head == 0 {
			g.head[i] = int32(n)
		}
		g.label[i] = index[w.DepRel]
	}
	return g, nil
}

// trainer holds the weights being learnt.
type trainer struct {
	labels        []string
	root          int16
	actions, arcs *table
	step          int
	prune         float32
	rng           *rand.Rand
	sc            *scratch
}

// learn parses one sentence with the dynamic oracle, updating the weights
// on every wrong choice, and returns the numbers of words attached to
// their gold heads and of words.
func (t *trainer) learn(g *goldSentence, explore float64) (correct, total int) {
	sc := t.sc
	n := len(g.forms)
	sc.w.reset(n)
	for i := range n {
		sc.w.set(i, g.forms[i], g.upos[i], g.xpos[i], g.sup[i])
	}
	sc.w.finish(n)
	st := &sc.st
	st.reset(n)
	var cost [numActions]int
	for !st.final() {
		t.step++
		minCost := -1
		for a := range numActions {
			cost[a] = -1
			if st.legal(a) {
				cost[a] = st.cost(a, g.head)
				if minCost < 0 || cost[a] < minCost {
					minCost = cost[a]
				}
			}
		}
		keys := sc.x.actionFeatures(st)
		scores := sc.scores[:numActions]
		clear(scores)
		t.actions.score(keys, scores)
		pred, oracle := -1, -1
		for a := range numActions {
			if cost[a] < 0 {
				continue
			}
			if pred < 0 || scores[a] > scores[pred] {
				pred = a
			}
			if cost[a] == minCost && (oracle < 0 || scores[a] > scores[oracle]) {
				oracle = a
			}
		}
		if cost[pred] > minCost {
			t.actions.update(keys, oracle, 1, t.step)
			t.actions.update(keys, pred, -1, t.step)
		}
		a := oracle
		if cost[pred] == minCost || (explore > 0 && t.rng.Float64() < explore) {
			a = pred
		}
		lab := int16(none)
		if a != shift {
			lab = t.learnLabel(st, a, g)
		}
		st.apply(a, lab)
	}
	for i := range n {
		if st.head[i] == g.head[i] {
			correct++
		}
	}
	return correct, n
}

// learnLabel labels the arc that arc action a makes, learning from the
// gold label when the arc itself is right.
func (t *trainer) learnLabel(st *state, a int, g *goldSentence) int16 {
	h, d := st.arcHead(a), st.stack[len(st.stack)-1]
	if int(h) == st.n {
		return t.root
	}
	keys := t.sc.x.labelFeatures(st, h, d)
	scores := t.sc.scores[:len(t.labels)]
	clear(scores)
	t.arcs.score(keys, scores)
	best := -1
	for l, v := range scores {
		if int16(l) != t.root && (best < 0 || v > scores[best]) {
			best = l
		}
	}
	if g.head[d] == h && int16(best) != g.label[d] && g.label[d] != t.root {
		t.arcs.update(keys, int(g.label[d]), 1, t.step)
		t.arcs.update(keys, best, -1, t.step)
		return g.label[d]
	}
	return int16(best)
}

// model returns the averaged model as of now.
func (t *trainer) model() *Model {
	return &Model{
		labels:    t.labels,
		root:      t.root,
		punct:     int16(slices.Index(t.labels, "punct")),
		actions:   t.actions.averagedActions(t.step, t.prune),
		arcs:      t.arcs.averagedLabels(t.step, t.prune),
		supertags: t.sc.x.supertags,
	}
}
