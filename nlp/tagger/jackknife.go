package tagger

import (
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// JackknifeTags returns a copy of train whose UPOS, XPOS and FEATS are
// predicted rather than gold: the sentences are split into folds (sentence
// i goes to fold i mod folds) and each fold is tagged by a model trained
// on the others. A parser trained on these tags learns to cope with the
// tagger's real mistakes. Folds are trained in parallel, one per CPU.
//
// The fold models are first-stage only, whatever opts.Stacked says: a
// stacked model would jackknife again inside every fold, five times the
// cost (ten folds would take most of the training budget) for tags only
// about 0.2 points better.
func JackknifeTags(train []conllu.Sentence, folds int, opts TrainOptions) ([]conllu.Sentence, error) {
	if folds < 2 {
		return nil, fmt.Errorf("tagger: jackknife needs at least 2 folds, got %d", folds)
	}
	if len(train) < folds {
		return nil, fmt.Errorf("tagger: jackknife: %d sentences for %d folds", len(train), folds)
	}
	out := make([]conllu.Sentence, len(train))
	for i, s := range train {
		out[i] = s
		out[i].Words = slices.Clone(s.Words)
	}
	opts.Log = nil // folds would interleave their progress lines
	opts.Stacked = false
	var (
		wg   sync.WaitGroup
		sem  = make(chan struct{}, runtime.GOMAXPROCS(0))
		errs = make([]error, folds)
	)
	for k := range folds {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			var rest, held []conllu.Sentence
			var heldIdx []int
			for i := range train {
				if i%folds == k {
					held = append(held, train[i])
					heldIdx = append(heldIdx, i)
				} else {
					rest = append(rest, train[i])
				}
			}
			m, err := Train(rest, nil, opts)
			if err != nil {
				errs[k] = fmt.Errorf("fold %d: %w", k, err)
				return
			}
			doc := conllu.Doc(held)
			m.Tag(doc)
			for j, sp := range doc.Sentences {
				ws := out[heldIdx[j]].Words
				for t := sp.Start; t < sp.End; t++ {
					w := &ws[t-sp.Start]
					tok := &doc.Tokens[t]
					w.UPOS, w.XPOS, w.Feats, w.Supertag = tok.UPOS, tok.XPOS, tok.Feats, tok.Supertag
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("tagger: jackknife: %w", err)
		}
	}
	return out, nil
}
