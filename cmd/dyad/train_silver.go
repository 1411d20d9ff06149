package main

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/article/extracteval"
	"github.com/dyadnews/dyad/data/entities"
	"github.com/dyadnews/dyad/data/treebank"
	"github.com/dyadnews/dyad/models"
	"github.com/dyadnews/dyad/nlp/conllu"
	"github.com/dyadnews/dyad/nlp/ner"
	"github.com/dyadnews/dyad/nlp/parser"
	"github.com/dyadnews/dyad/nlp/tagger"
	"github.com/dyadnews/dyad/nlp/tokenize"
)

// Silver news trees for the supertag stage. A supertagger that reads only
// words learns EWT's habits, and EWT's web text has few of news's simple
// pasts after a subject ("a building collapsed", "the minister left for
// Moscow"), which it reads as participles on the noun. So the stage also
// learns from news: the English pages of the article-extraction benchmark
// as a teacher parses them (uptraining, Petrov et al. 2010). The teacher
// is the pipeline without supertags, trained here on EWT train as the
// shipped one was; the sentences of the news test trees (data/treebank)
// are left out.

// Lengths of the news sentences the stage learns from: shorter ones are
// mostly headlines and captions, longer ones run-ons the teacher parses
// worst.
const (
	minSilverTokens = 5
	maxSilverTokens = 60
)

// newsTrees returns the teacher's trees of the news pages, made once per
// run.
func (tr *training) newsTrees() ([]conllu.Sentence, error) {
	if tr.silverMade {
		return tr.silver, nil
	}
	tg, ps, err := tr.teacher()
	if err != nil {
		return nil, err
	}
	marked, err := ner.ReadStandoff(bytes.NewReader(entities.NewsTrain))
	if err != nil {
		return nil, fmt.Errorf("data/entities: %w", err)
	}
	bench, err := extracteval.Load(tr.data)
	if err != nil {
		return nil, err
	}
	tok, err := tokenize.Load(bytes.NewReader(models.Tokenize))
	if err != nil {
		return nil, err
	}
	held, err := newsTestSpans()
	if err != nil {
		return nil, err
	}
	var out []conllu.Sentence
	left := 0
	for _, page := range bench.Pages {
		if _, english := marked[page.ID]; !english {
			continue
		}
		doc := &dyad.Doc{Text: page.Truth}
		tok.Tokenize(doc)
		tg.Tag(doc)
		tagger.RestoreMainVerbs(doc)
		ps.Parse(doc)
	sentences:
		for si, s := range doc.Sentences {
			if n := s.End - s.Start; n < minSilverTokens || n > maxSilverTokens {
				continue
			}
			from, to := doc.Tokens[s.Start].Start, doc.Tokens[s.End-1].End
			for _, h := range held[page.ID] {
				if from < h[1] && h[0] < to {
					left++
					continue sentences
				}
			}
			out = append(out, silverSentence(doc, s, fmt.Sprintf("%s-%d", page.ID, si)))
		}
	}
	fmt.Fprintf(tr.log, "supertags: %d news sentences parsed by the teacher, %d of the news test trees left out\n", len(out), left)
	tr.silver, tr.silverMade = out, true
	return out, nil
}

// silverSentence converts sentence s of an annotated Doc to CoNLL-U words.
func silverSentence(doc *dyad.Doc, s dyad.Span, id string) conllu.Sentence {
	out := conllu.Sentence{Comments: []string{"sent_id = " + id}, Words: make([]conllu.Word, 0, s.End-s.Start)}
	for i := s.Start; i < s.End; i++ {
		t := doc.Tokens[i]
		head := 0
		if t.Head >= s.Start && t.Head < s.End {
			head = t.Head - s.Start + 1
		}
		out.Words = append(out.Words, conllu.Word{ID: i - s.Start + 1, Form: t.Text, UPOS: t.UPOS, XPOS: t.XPOS, Head: head, DepRel: t.DepRel})
	}
	return out
}

// teacher trains the tagger and parser without supertags, as the shipped
// ones before them were, and keeps the tagger, whose POS stages are the
// held-out tagger's too: the tagger on EWT train, its epochs chosen on
// dev; the parser on train's trees with jackknifed tags and a gold-tag
// copy.
func (tr *training) teacher() (*tagger.Model, *parser.Model, error) {
	train, dev, err := tr.trainAndDev()
	if err != nil {
		return nil, nil, err
	}
	topts := tagger.DefaultTrainOptions()
	topts.Supertags = false
	tr.setSeed(&topts.Seed)
	fmt.Fprintln(tr.log, "supertags: training the teacher tagger and parser (no supertags)")
	tg, err := tagger.Train(train, dev, topts)
	if err != nil {
		return nil, nil, err
	}
	jackknifed, err := tagger.JackknifeTags(train, 10, topts)
	if err != nil {
		return nil, nil, err
	}
	popts := parser.DefaultTrainOptions()
	popts.Supertags = false
	tr.setSeed(&popts.Seed)
	ps, err := parser.Train(append(slices.Clip(jackknifed), train...), conllu.Retag(dev, tg.Tag), popts)
	if err != nil {
		return nil, nil, err
	}
	tr.teacherTagger = tg
	return tg, ps, nil
}

// newsTestSpans returns, by page, the byte ranges of the sentences of the
// news test trees (data/treebank), which no model learns from.
func newsTestSpans() (map[string][][2]int, error) {
	out := map[string][][2]int{}
	for n, line := range strings.Split(string(treebank.NewsTest), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 || strings.HasPrefix(line, "#") {
			continue
		}
		toks := strings.Fields(f[1])
		if len(toks) == 0 {
			return nil, fmt.Errorf("data/treebank: line %d: no tokens", n+1)
		}
		first, _, _ := strings.Cut(toks[0], "-")
		_, last, _ := strings.Cut(toks[len(toks)-1], "-")
		from, err1 := strconv.Atoi(first)
		to, err2 := strconv.Atoi(last)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("data/treebank: line %d: bad offsets", n+1)
		}
		out[f[0]] = append(out[f[0]], [2]int{from, to})
	}
	return out, nil
}
