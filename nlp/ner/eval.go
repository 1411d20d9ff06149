package ner

import (
	"fmt"
	"slices"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/nlp/conllu"
)

// Counts are exact-span entity matches: a predicted entity is a true
// positive only when a gold entity has the same first and last token and
// label (conlleval).
type Counts struct {
	TP, FP, FN int
}

// Precision returns TP/(TP+FP), 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN), 0 when there was nothing to find.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Scores are the micro-averaged counts overall and per label.
type Scores struct {
	Overall  Counts
	PerLabel map[string]Counts
}

// Add accumulates o into s (for cross-validation folds).
func (s *Scores) Add(o Scores) {
	s.Overall.add(o.Overall)
	if s.PerLabel == nil {
		s.PerLabel = map[string]Counts{}
	}
	for l, c := range o.PerLabel {
		sc := s.PerLabel[l]
		sc.add(c)
		s.PerLabel[l] = sc
	}
}

// String formats the scores as a small table.
func (s Scores) String() string {
	labels := make([]string, 0, len(s.PerLabel))
	for l := range s.PerLabel {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	out := fmt.Sprintf("%-8s %9s %9s %9s %6s %6s %6s\n", "label", "precision", "recall", "F1", "TP", "FP", "FN")
	row := func(name string, c Counts) {
		out += fmt.Sprintf("%-8s %9.4f %9.4f %9.4f %6d %6d %6d\n", name, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	}
	for _, l := range labels {
		row(l, s.PerLabel[l])
	}
	row("overall", s.Overall)
	return out
}

// Evaluate recognises entities in the gold-tokenised sentences (carrying
// gold tags, see Merge) and scores them against the gold entities. The
// Doc built from the sentences holds gold POS tags; prepare, when not
// nil, runs first on it, e.g. to replace them with a tagger's.
func Evaluate(m *Model, sents []conllu.Sentence, prepare func(*dyad.Doc)) (Scores, error) {
	total := Scores{PerLabel: map[string]Counts{}}
	// Each document is its own Doc, as an article is at run time: a
	// two-stage model links the mentions of one document only.
	for _, d := range documents(sents) {
		doc := conllu.Doc(d)
		if prepare != nil {
			prepare(doc)
		}
		m.Recognize(doc)
		var gold []dyad.Entity
		for i := range d {
			tags, ok := GoldTags(&d[i])
			if !ok {
				return Scores{}, fmt.Errorf("ner: evaluate: sentence %s has no entity tags", d[i].Comment("sent_id"))
			}
			gold = appendIOB2Entities(gold, tags, doc.Sentences[i].Start)
		}
		total.Add(score(gold, doc.Entities))
	}
	return total, nil
}

// appendIOB2Entities appends the entities of an IOB2 sequence; an I- tag
// that does not continue an entity of its label starts one.
func appendIOB2Entities(ents []dyad.Entity, tags []string, offset int) []dyad.Entity {
	for i := 0; i < len(tags); i++ {
		t, ok := parseTag(tags[i])
		if !ok || t.prefix == 'O' {
			continue
		}
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+t.label {
			j++
		}
		ents = append(ents, dyad.Entity{Span: dyad.Span{Start: offset + i, End: offset + j}, Label: t.label})
		i = j - 1
	}
	return ents
}

func score(gold, pred []dyad.Entity) Scores {
	s := Scores{PerLabel: map[string]Counts{}}
	inGold := make(map[dyad.Entity]bool, len(gold))
	for _, e := range gold {
		inGold[e] = true
	}
	inPred := make(map[dyad.Entity]bool, len(pred))
	for _, e := range pred {
		inPred[e] = true
	}
	bump := func(label string, f func(*Counts)) {
		c := s.PerLabel[label]
		f(&c)
		s.PerLabel[label] = c
		f(&s.Overall)
	}
	for _, e := range pred {
		if inGold[e] {
			bump(e.Label, func(c *Counts) { c.TP++ })
		} else {
			bump(e.Label, func(c *Counts) { c.FP++ })
		}
	}
	for _, e := range gold {
		if !inPred[e] {
			bump(e.Label, func(c *Counts) { c.FN++ })
		}
	}
	return s
}

// CrossValidate splits sents into k contiguous folds (documents stay
// together, so a name seen in a story does not leak into its own test
// fold), trains on k-1 and scores the held-out fold, and returns the
// summed scores.
func CrossValidate(sents []conllu.Sentence, k int, opts TrainOptions, prepare func(*dyad.Doc)) (Scores, error) {
	if k < 2 || k > len(sents) {
		return Scores{}, fmt.Errorf("ner: cross-validation with %d folds over %d sentences", k, len(sents))
	}
	var total Scores
	for f := range k {
		lo, hi := f*len(sents)/k, (f+1)*len(sents)/k
		// Move the fold boundaries to document starts.
		lo, hi = docStart(sents, lo), docStart(sents, hi)
		train := append(slices.Clone(sents[:lo]), sents[hi:]...)
		m, err := Train(train, nil, opts)
		if err != nil {
			return Scores{}, fmt.Errorf("ner: fold %d: %w", f, err)
		}
		sc, err := Evaluate(m, sents[lo:hi], prepare)
		if err != nil {
			return Scores{}, fmt.Errorf("ner: fold %d: %w", f, err)
		}
		total.Add(sc)
	}
	return total, nil
}

// docStart moves i forward to the first sentence of a document ("newdoc"
// comment), or to the end.
func docStart(sents []conllu.Sentence, i int) int {
	for i < len(sents) && !isDocStart(&sents[i]) {
		i++
	}
	return i
}
