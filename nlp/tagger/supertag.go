package tagger

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/nlp/conllu"
)

// Supertags (Ouchi, Duh and Matsumoto 2014) tell the parser what each word
// wants of the parse before it gets to the word: the side its head is on
// and its universal relation, "L-nsubj" for a subject whose head is to its
// left, "R-det", "ROOT". The tagger predicts them in a third stage, left
// to right like the first, from the same word features (which it finds in
// the same table slots, so they cost little more than the extra rows) and
// the supertags before each word. The parser reads them as features and,
// trained on jackknifed ones, learns how far to trust them.

// rootSupertag is the supertag of a sentence's root.
const rootSupertag = "ROOT"

// SupertagOf returns the supertag of word i of a sentence from its gold
// tree, or "" when the word has no head (no tree given).
func SupertagOf(ws []conllu.Word, i int) string {
	w := &ws[i]
	rel, _, _ := strings.Cut(w.DepRel, ":")
	switch {
	case w.Head == 0 && rel == "root":
		return rootSupertag
	case w.Head <= 0 || rel == "" || rel == "_":
		return ""
	case w.Head < w.ID:
		return "L-" + rel
	default:
		return "R-" + rel
	}
}

// HasSupertags reports whether m predicts supertags.
func (m *Model) HasSupertags() bool { return len(m.supertags) > 0 }

// supertagSpan sets the Supertag of each token of a sentence, greedily
// from left to right.
func (m *Model) supertagSpan(toks []dyad.Token, info []wordInfo, s *tagScratch) {
	var c context
	h := newHistory()
	all, feats := s.feats[:numTemplates], s.supFeats[:]
	for i := range toks {
		window(&c, info, i, h)
		supertagFeatures(feats, all, &c)
		clear(s.scores[:len(m.supertags)])
		m.weights.addAll(feats, supertagStage, &s.scores)
		st := argmax(s.scores[:len(m.supertags)])
		toks[i].Supertag = m.supertags[st]
		h.push(st, false)
	}
}

// supertagStage is the weight table's stage of the supertags.
const supertagStage = 2

// supertagTemplates are the first stage's templates the supertag stage
// reads, its history being the supertags before the word.
var supertagTemplates = [...]int{
	tNorm, tSuf3, tShape, tPrev, tPrevPrev2, tPrevNorm, tNormM1, tNormP1,
	tAmb, tAmbP1, tNormNormP1, tSuf3P1,
}

// supertagFeatures writes the supertag stage's feature keys at c into
// dst, using all (room for numTemplates keys) as scratch.
func supertagFeatures(dst, all []uint64, c *context) {
	features(all, c)
	for i, t := range supertagTemplates {
		dst[i] = all[t]
	}
}

// supertagSentence is a training sentence of the supertag stage.
type supertagSentence struct {
	info []wordInfo
	gold []int // supertag of each word, -1 when unknown
}

// trainSupertags learns the supertag stage of m from train, keeping the
// epoch with the most supertags right on dev when dev has trees, and
// returns m with it.
func trainSupertags(m *Model, weights []stageWeights, sents []sentence, train, dev []conllu.Sentence, opts TrainOptions, logw io.Writer) (*Model, int, error) {
	index := map[string]int{rootSupertag: 0}
	names := []string{rootSupertag}
	for _, s := range train {
		for i := range s.Words {
			if st := SupertagOf(s.Words, i); st != "" && index[st] == 0 && st != rootSupertag {
				index[st] = len(names)
				names = append(names, st)
			}
		}
	}
	if len(names) == 1 {
		fmt.Fprintln(logw, "tagger: no trees to learn supertags from")
		return m, 0, nil
	}
	if len(names) > maxClasses {
		return nil, 0, fmt.Errorf("tagger: %d supertags, at most %d supported", len(names), maxClasses)
	}
	ss := make([]supertagSentence, len(sents))
	for i := range sents {
		ws := train[i].Words
		s := supertagSentence{info: sents[i].info, gold: make([]int, len(ws))}
		for j := range ws {
			s.gold[j] = -1
			if st := SupertagOf(ws, j); st != "" {
				s.gold[j] = index[st]
			}
		}
		ss[i] = s
	}
	build := func(ps []*perceptron) (*Model, error) {
		out := &Model{upos: m.upos, xpos: m.xpos, finite: m.finite, lexicon: m.lexicon, morph: m.morph,
			hasStacked: m.hasStacked, sureMargin: m.sureMargin, chosen: m.chosen, supertags: names}
		classes := []int{len(m.upos), len(m.upos), len(names)}
		stages := append(append([]stageWeights(nil), weights...), make([]stageWeights, 2-len(weights))...)
		var err error
		if out.weights, err = newWeightTable(classes, append(stages, averaged(ps, opts.SupertagPruneBelow))...); err != nil {
			return nil, fmt.Errorf("tagger: supertags: %w", err)
		}
		return out, nil
	}
	ensemble := max(opts.Ensemble, 1)
	ps := make([]*perceptron, ensemble)
	orders := make([][]int, ensemble)
	for b := range ps {
		ps[b] = newPerceptron(len(names))
		orders[b] = make([]int, len(ss))
		for i := range orders[b] {
			orders[b][i] = i
		}
	}
	pass := func(b, epoch int) (seen, right int) {
		var (
			p      = ps[b]
			order  = orders[b]
			all    = make([]uint64, numTemplates)
			feats  = make([]uint64, len(supertagTemplates))
			scores = make([]float32, len(names))
			c      context
		)
		rng := rand.New(rand.NewPCG(opts.Seed+uint64(b), 0x5e7a9<<8|uint64(epoch)))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &ss[si]
			h := newHistory()
			for i := range s.gold {
				window(&c, s.info, i, h)
				supertagFeatures(feats, all, &c)
				guess := p.predict(feats, scores)
				p.update(feats, s.gold[i], guess)
				seen++
				if guess == s.gold[i] {
					right++
				}
				h.push(guess, false)
			}
		}
		return seen, right
	}
	var (
		best      *Model
		bestScore = -1.0
		bestEpoch int
	)
	hasTrees := len(dev) > 0 && len(dev[0].Words) > 0 && dev[0].Words[0].DepRel != "" && dev[0].Words[0].DepRel != "_"
	epochs := max(opts.SupertagEpochs, 1)
	for epoch := 1; epoch <= epochs; epoch++ {
		began := time.Now()
		seen, right := passAll(ensemble, epoch, pass)
		line := fmt.Sprintf("tagger: supertags epoch %d: train %.2f%%", epoch, 100*float64(right[0])/float64(max(seen[0], 1)))
		if !hasTrees {
			fmt.Fprintf(logw, "%s (%s)\n", line, time.Since(began).Round(time.Millisecond))
			continue
		}
		cand, err := build(ps)
		if err != nil {
			return nil, 0, err
		}
		sc := EvaluateSupertags(cand, dev)
		fmt.Fprintf(logw, "%s, dev %.2f%% (%s)\n", line, 100*sc, time.Since(began).Round(time.Millisecond))
		if sc > bestScore {
			best, bestScore, bestEpoch = cand, sc, epoch
		}
	}
	if best == nil {
		m, err := build(ps)
		return m, epochs, err
	}
	fmt.Fprintf(logw, "tagger: supertags: keeping epoch %d\n", bestEpoch)
	return best, bestEpoch, nil
}

// EvaluateSupertags tags gold with m and returns the share of its words
// with a tree whose supertag m gets right.
func EvaluateSupertags(m *Model, gold []conllu.Sentence) float64 {
	doc := conllu.Doc(gold)
	m.Tag(doc)
	var right, total int
	k := 0
	for _, s := range gold {
		for i := range s.Words {
			if want := SupertagOf(s.Words, i); want != "" {
				total++
				if doc.Tokens[k].Supertag == want {
					right++
				}
			}
			k++
		}
	}
	return float64(right) / float64(max(total, 1))
}
