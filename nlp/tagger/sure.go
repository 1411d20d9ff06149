package tagger

import (
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// tuneSureMargin chooses the model's sureMargin on dev: among a few
// quantiles of the first stage's margins, the one that skips the second
// stage most often without lowering dev accuracy. It returns 0 (never
// skip) without dev or a second stage.
func tuneSureMargin(m *Model, dev []conllu.Sentence, logw io.Writer) float32 {
	if !m.hasStacked || len(dev) == 0 {
		return 0
	}
	doc := conllu.Doc(dev)
	s := m.getScratch()
	var margins []float32
	for _, sp := range doc.Sentences {
		toks := doc.Tokens[sp.Start:sp.End]
		info := m.describeAll(toks, s)
		var c context
		h := newHistory()
		for i := range toks {
			class, margin := m.predict(info, i, h, &c, s, nil)
			if !math.IsInf(float64(margin), 1) {
				margins = append(margins, margin)
			}
			h.push(class, m.finite[class])
		}
	}
	if len(margins) == 0 {
		return 0
	}
	slices.Sort(margins)
	saved := m.sureMargin
	m.sureMargin = 0
	full := Evaluate(m, dev).Both
	best := float32(0)
	// From the most skipping (the lowest threshold) up: the first that
	// loses nothing wins.
	for _, q := range []float64{0.05, 0.1, 0.15, 0.2, 0.3, 0.5} {
		thr := margins[int(q*float64(len(margins)-1))]
		if thr <= 0 {
			continue
		}
		m.sureMargin = thr
		if sc := Evaluate(m, dev).Both; sc >= full {
			best = thr
			fmt.Fprintf(logw, "tagger: second stage skipped above margin %.0f (%.0f%% of first-stage decisions), dev %.2f%%\n", thr, 100*(1-q), 100*sc)
			break
		}
	}
	m.sureMargin = saved
	return best
}
