package tokenize

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/nlp/conllu"
	"github.com/dyadnews/dyad/nlp/nlpeval"
)

// TrainOptions controls training. The zero value gives the defaults.
type TrainOptions struct {
	// Seed orders the training examples; a fixed seed gives the same model.
	Seed uint64
	// Epochs is the number of passes over the training text (default 8);
	// the epoch scoring best on dev is kept.
	Epochs int
	// MinCount is how often the treebank must attest a word-list entry
	// (default 3).
	MinCount int
	// Log receives one line of dev scores per epoch; nil discards them.
	Log io.Writer
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 8
	}
	if o.MinCount <= 0 {
		o.MinCount = 3
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// Train learns the word lists and the sentence splitter from train, the
// raw text being rebuilt as nlpeval.RawText does, and keeps the epoch
// with the best dev sentence F1 (dev may be empty: the last epoch is
// kept).
func Train(train, dev []conllu.Sentence, opts TrainOptions) (*Model, error) {
	opts.defaults()
	if len(train) == 0 {
		return nil, fmt.Errorf("tokenize: no training sentences")
	}
	lex := newLexicon()
	lex.learn(train, opts.MinCount)
	m := &Model{lex: lex}

	text, ends := rawWithEnds(train)
	sp := splitter{text: text, lex: lex}
	sp.run()
	pieces := sp.out
	info := make([]tokenInfo, len(pieces))
	for i, p := range pieces {
		info[i] = describe(text[p.start:p.end])
	}
	type example struct {
		feats []uint32
		y     float32
	}
	var examples []example
	sentLen := 0
	for i, p := range pieces {
		sentLen++
		gold := ends[p.end]
		if i == len(pieces)-1 || pieces[i+1].newlines >= 2 || p.fused || neverEnds(text[p.start:p.end]) {
			if gold {
				sentLen = 0
			}
			continue
		}
		y := float32(-1)
		if gold {
			y = 1
		}
		examples = append(examples, example{feats: features(nil, info, pieces, i, sentLen), y: y})
		if gold {
			sentLen = 0
		}
	}

	// Averaged perceptron with lazy averaging.
	const size = 1 << tableBits
	w := make([]float32, size)
	total := make([]float32, size)
	stamp := make([]int, size)
	step := 1
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5e17))
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	average := func() []float32 {
		avg := make([]float32, size)
		for f, v := range w {
			t := total[f] + float32(step-stamp[f])*v
			if a := t / float32(step); a > 1e-4 || a < -1e-4 {
				avg[f] = a
			}
		}
		return avg
	}
	var best []float32
	bestF1 := -1.0
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errors := 0
		for _, k := range order {
			ex := &examples[k]
			var s float32
			for _, f := range ex.feats {
				s += w[f]
			}
			if s*ex.y <= 0 {
				errors++
				for _, f := range ex.feats {
					total[f] += float32(step-stamp[f]) * w[f]
					stamp[f] = step
					w[f] += ex.y
				}
			}
			step++
		}
		m.sent.weights = average()
		if len(dev) == 0 {
			best = m.sent.weights
			fmt.Fprintf(opts.Log, "epoch %d: %d training errors of %d\n", epoch, errors, len(examples))
			continue
		}
		sc, err := Evaluate(m, dev)
		if err != nil {
			return nil, fmt.Errorf("tokenize: epoch %d: %w", epoch, err)
		}
		fmt.Fprintf(opts.Log, "epoch %d: %d training errors of %d; dev tokens F1 %.2f, sentences F1 %.2f\n",
			epoch, errors, len(examples), 100*sc.Tokens.F1, 100*sc.Sentences.F1)
		if sc.Sentences.F1 > bestF1 {
			bestF1, best = sc.Sentences.F1, m.sent.weights
		}
	}
	m.sent.weights = best
	return m, nil
}

// rawWithEnds rebuilds the raw text as nlpeval.RawText does and returns
// the byte offsets where gold sentences end.
func rawWithEnds(sents []conllu.Sentence) (string, map[int]bool) {
	var b strings.Builder
	ends := map[int]bool{}
	for i := range sents {
		s := &sents[i]
		if len(s.Words) == 0 {
			continue
		}
		if b.Len() > 0 {
			if hasPrefixComment(s, "newpar") || hasPrefixComment(s, "newdoc") {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(nlpeval.SentenceText(s))
		ends[b.Len()] = true
	}
	return b.String(), ends
}

func hasPrefixComment(s *conllu.Sentence, prefix string) bool {
	for _, c := range s.Comments {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

// Evaluate tokenizes the raw text of gold (rebuilt by nlpeval.RawText)
// and scores the result as the CoNLL 2018 shared task does.
func Evaluate(m *Model, gold []conllu.Sentence) (nlpeval.Scores, error) {
	doc := &dyad.Doc{Text: nlpeval.RawText(gold)}
	m.Tokenize(doc)
	return nlpeval.Evaluate(gold, conllu.FromDoc(doc))
}
