package tagger

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/dyadnews/dyad/internal/hashmix"
	"github.com/dyadnews/dyad/nlp/conllu"
)

// morphology predicts a token's UD FEATS string once the sentence is
// tagged. A tag fixes most of English morphology, but not all of it: a
// verb's Person and Number agree with its subject, "you" and "it" are
// Nom or Acc by position, a base-form verb is imperative or infinitive,
// an -ing form gerund or participle. So a perceptron chooses, among the
// FEATS strings seen with the token's tag in training, from the word,
// its neighbours' tags and the nearest nominal to its left.
type morphology struct {
	names []string // FEATS strings; a morphology class indexes them
	// candidates lists, per tag class, the morphology classes seen with
	// it in training, the most frequent first.
	candidates [][]uint8
	weights    *weightTable
	nominal    []bool // per tag class: is it PRON, NOUN or PROPN
	pronoun    []bool // per tag class: is it PRON
}

// Morphology feature templates, numbered after the tagger's.
const (
	mBias = numTemplates + numStacked + iota
	mNorm
	mPrev
	mNext
	mPrevNorm
	mNextNorm
	mSubject
	mSuf3
	mFirst
	mPrev2
	mNormPrev
	numMorph = iota
)

// morphContext is what the morphology features see of position i.
type morphContext struct {
	info    []wordInfo
	classes []int
	i       int
}

func (m *morphology) features(dst []uint64, c *morphContext) {
	_ = dst[numMorph-1]
	i, w := c.i, &c.info[c.i]
	class := hashmix.Fmix64(uint64(c.classes[i]) + golden)
	classAt := func(j int) uint64 {
		switch {
		case j < 0:
			return startClass
		case j >= len(c.classes):
			return endClass
		}
		return uint64(c.classes[j])
	}
	normAt := func(j int) uint64 {
		switch {
		case j < 0:
			return startInfo.norm
		case j >= len(c.info):
			return endInfo.norm
		}
		return c.info[j].norm
	}
	// The nearest nominal to the left stands in for the subject: a
	// pronoun by its form, a noun by its tag (singular or plural).
	subject := uint64(startClass)
	for j := i - 1; j >= 0; j-- {
		if cl := c.classes[j]; cl < len(m.nominal) && m.nominal[cl] {
			subject = uint64(cl)
			if m.pronoun[cl] {
				subject = c.info[j].norm
			}
			break
		}
	}
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	dst[0] = feat1(mBias, class)
	dst[mNorm-mBias] = feat2(mNorm, class, w.norm)
	dst[mPrev-mBias] = feat2(mPrev, class, classAt(i-1))
	dst[mNext-mBias] = feat2(mNext, class, classAt(i+1))
	dst[mPrevNorm-mBias] = feat2(mPrevNorm, class, normAt(i-1))
	dst[mNextNorm-mBias] = feat2(mNextNorm, class, normAt(i+1))
	dst[mSubject-mBias] = feat2(mSubject, class, subject)
	dst[mSuf3-mBias] = feat2(mSuf3, class, w.suf[2])
	dst[mFirst-mBias] = feat2(mFirst, class, first)
	dst[mPrev2-mBias] = feat2(mPrev2, class, classAt(i-2)<<20|classAt(i-1))
	dst[mNormPrev-mBias] = feat2(mNormPrev, class, w.norm^classAt(i-1)*golden)
}

// predict returns the FEATS string of position i of a tagged sentence;
// feats and sc are scratch.
func (m *morphology) predict(c *morphContext, feats []uint64, sc *scores) string {
	class := c.classes[c.i]
	if class >= len(m.candidates) {
		return "_"
	}
	cands := m.candidates[class]
	switch len(cands) {
	case 0:
		return "_"
	case 1:
		return m.names[cands[0]]
	}
	m.features(feats, c)
	for _, k := range cands {
		sc[k] = 0
	}
	m.weights.addAll(feats, 0, sc)
	best := cands[0]
	for _, k := range cands[1:] {
		if sc[k] > sc[best] {
			best = k
		}
	}
	return m.names[best]
}

// nominalClasses tells which classes are nominal (PRON, NOUN, PROPN) and
// which are pronouns.
func nominalClasses(upos []string) (nominal, pronoun []bool) {
	nominal, pronoun = make([]bool, len(upos)), make([]bool, len(upos))
	for c, u := range upos {
		nominal[c] = u == "PRON" || u == "NOUN" || u == "PROPN"
		pronoun[c] = u == "PRON"
	}
	return nominal, pronoun
}

// trainMorphology learns the FEATS perceptron on the gold tags of the
// training sentences, keeping the epoch that does best on dev (with the
// gold tags of dev), or the last without dev, and returns it with the
// number of epochs it was trained for.
func trainMorphology(sents []sentence, dev []conllu.Sentence, upos []string, classOf map[string]int, opts TrainOptions, logw io.Writer) (morphology, int, error) {
	counts := map[string]int{}
	for _, s := range sents {
		for _, w := range s.words {
			counts[w.Feats]++
		}
	}
	m := morphology{names: make([]string, 0, len(counts))}
	for f := range counts {
		m.names = append(m.names, f)
	}
	slices.Sort(m.names)
	if len(m.names) > maxClasses {
		return m, 0, fmt.Errorf("tagger: %d FEATS strings, at most %d supported", len(m.names), maxClasses)
	}
	index := make(map[string]int, len(m.names))
	for i, f := range m.names {
		index[f] = i
	}
	m.nominal, m.pronoun = nominalClasses(upos)
	perClass := make([]map[int]int, len(upos))
	golds := make([][]int, len(sents))
	for si, s := range sents {
		golds[si] = make([]int, len(s.words))
		for i, w := range s.words {
			f := index[w.Feats]
			golds[si][i] = f
			c := s.gold[i]
			if perClass[c] == nil {
				perClass[c] = map[int]int{}
			}
			perClass[c][f]++
		}
	}
	m.candidates = make([][]uint8, len(upos))
	for c, fs := range perClass {
		for f := range fs {
			m.candidates[c] = append(m.candidates[c], uint8(f))
		}
		sort.Slice(m.candidates[c], func(a, b int) bool {
			fa, fb := int(m.candidates[c][a]), int(m.candidates[c][b])
			return fs[fa] > fs[fb] || fs[fa] == fs[fb] && fa < fb
		})
	}

	// Dev, tagged with its gold classes, to choose the epoch.
	type devSentence struct {
		info    []wordInfo
		classes []int
		feats   []string
	}
	var devSents []devSentence
	for _, s := range dev {
		d := devSentence{info: make([]wordInfo, len(s.Words)), classes: make([]int, len(s.Words))}
		for i, w := range s.Words {
			describe(w.Form, &d.info[i])
			c, ok := classOf[w.UPOS+"|"+w.XPOS]
			if !ok {
				c = len(upos) // no candidates: "_"
			}
			d.classes[i] = c
			d.feats = append(d.feats, w.Feats)
		}
		devSents = append(devSents, d)
	}

	p := newPerceptron(len(m.names))
	feats := make([]uint64, numMorph)
	trainScores := make([]float32, len(m.names))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	best, bestAcc, bestEpoch := m, -1.0, 0
	for epoch := 1; epoch <= opts.MorphEpochs; epoch++ {
		rng := rand.New(rand.NewPCG(opts.Seed, uint64(1000+epoch)))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &sents[si]
			for i := range s.words {
				cands := m.candidates[s.gold[i]]
				if len(cands) < 2 {
					continue
				}
				m.features(feats, &morphContext{info: s.info, classes: s.gold, i: i})
				p.predict(feats, trainScores)
				guess := int(cands[0])
				for _, k := range cands[1:] {
					if trainScores[k] > trainScores[guess] {
						guess = int(k)
					}
				}
				p.update(feats, golds[si][i], guess)
			}
		}
		cand := m
		var err error
		if cand.weights, err = newWeightTable([]int{len(m.names)}, averaged([]*perceptron{p}, opts.PruneBelow)); err != nil {
			return m, 0, fmt.Errorf("tagger: morphology: %w", err)
		}
		if len(devSents) == 0 {
			best, bestEpoch = cand, epoch
			continue
		}
		var right, total int
		var sc scores
		for _, d := range devSents {
			for i := range d.info {
				if cand.predict(&morphContext{info: d.info, classes: d.classes, i: i}, feats, &sc) == d.feats[i] {
					right++
				}
				total++
			}
		}
		acc := float64(right) / float64(max(total, 1))
		fmt.Fprintf(logw, "tagger: morphology epoch %d: dev FEATS with gold tags %.2f%%\n", epoch, 100*acc)
		if acc > bestAcc {
			best, bestAcc, bestEpoch = cand, acc, epoch
		}
	}
	if len(devSents) > 0 && bestEpoch > 0 {
		fmt.Fprintf(logw, "tagger: morphology: keeping epoch %d\n", bestEpoch)
	}
	return best, bestEpoch, nil
}
