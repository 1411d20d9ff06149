package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyadnews/dyad/progress"

	"github.com/dyadnews/dyad/article/extracteval"
	"github.com/dyadnews/dyad/data/entities"
	"github.com/dyadnews/dyad/data/treebank"
	"github.com/dyadnews/dyad/nlp"
	"github.com/dyadnews/dyad/nlp/conllu"
	"github.com/dyadnews/dyad/nlp/lemma"
	"github.com/dyadnews/dyad/nlp/ner"
	"github.com/dyadnews/dyad/nlp/nlpeval"
	"github.com/dyadnews/dyad/nlp/parser"
	"github.com/dyadnews/dyad/nlp/tagger"
	"github.com/dyadnews/dyad/nlp/tokenize"
)

// nlpTargets are the figures the NLP models must reach on EWT and UNER
// test; eval nlp prints each figure beside its target.
var nlpTargets = map[string]float64{
	"tokens F1": 98.5, "sentences F1": 80, "UPOS": 95.5, "XPOS": 95, "lemma": 97,
	"UAS": 86, "LAS": 83, "NER F1": 75,
}

func runEvalNLP(ctx context.Context, st *stdio, args []string) error {
	fs := newFlagSet(st, "eval nlp", "[--data DIR] [--split test|dev] [--models DIR]",
		"Score dyad's embedded NLP models on held-out data: the tokenizer and\n"+
			"sentence splitter on the split's raw text (CoNLL 2018 metrics), the tagger,\n"+
			"lemmatizer and parser on gold tokens with predicted tags, the entity\n"+
			"recogniser on UniversalNER with predicted tags, then the whole pipeline\n"+
			"from raw text, and its speed in tokens per second.\n\n"+
			"Only test is held out for every model: the entity recogniser learns from\n"+
			"UniversalNER dev, and the shipped parser and the tagger's supertag stage\n"+
			"from EWT dev too (`dyad train --dev none` makes models dev is held out\n"+
			"for). The recogniser is also scored on the Wikinews stories of\n"+
			"data/entities, and the parser on the news trees of data/treebank, which\n"+
			"no model learns from.")
	data := fs.String("data", defaultDataDir(), "data root holding ud-english-ewt/, uner-english-ewt/ and article-extraction-benchmark/ (the news trees' text); env DYAD_DATA")
	split := fs.String("split", "test", "held-out `split` to score: test or dev")
	modelDir := fs.String("models", "", "score the model files in `DIR`, as dyad train --out writes them, instead of the embedded ones")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || (*split != "test" && *split != "dev") {
		fs.Usage()
		return exitCode(2)
	}
	ewtPath := filepath.Join(*data, "ud-english-ewt", "en_ewt-ud-"+*split+".conllu")
	gold, err := conllu.ReadFile(ewtPath)
	if err != nil {
		return err
	}
	loadStart := time.Now()
	var p *nlp.Pipeline
	if *modelDir != "" {
		p, err = nlp.LoadDir(*modelDir)
	} else {
		p, err = nlp.Load()
	}
	if err != nil {
		return err
	}
	loaded := time.Since(loadStart)

	// Seven stages: tokenizer, tagger, lemmatizer, parser, NER, the
	// pipeline on raw text, and its speed on every core.
	bar := progress.New(st.err, 7, "eval nlp", progress.Options{Unit: "stages"})
	defer bar.Finish() // on the error paths
	tok, err := tokenize.Evaluate(p.Tokenizer, gold)
	if err != nil {
		return err
	}
	bar.Add(1)
	tags := tagger.Evaluate(p, gold)
	bar.Add(1)
	lemmaPred := lemma.Evaluate(p.Lemmatizer, gold, p.Tag)
	lemmaGold := lemma.Evaluate(p.Lemmatizer, gold, nil)
	bar.Add(1)
	parse := parser.Evaluate(p, gold, p)
	newsTrees, err := newsTreebank(*data)
	if err != nil {
		return err
	}
	newsParse := parser.Evaluate(p, newsTrees, p)
	bar.Add(1)
	ents, err := ner.EvaluateOnData(p.NER, *data, *split, p.Tag)
	if err != nil {
		return err
	}
	news, err := evalNewsNER(p)
	if err != nil {
		return err
	}
	bar.Add(1)
	raw := nlpeval.RawText(gold)
	endToEnd, tokens, oneCore, err := evalRawText(ctx, p, gold, raw)
	if err != nil {
		return err
	}
	bar.Add(1)
	allCores, err := pipelineRate(ctx, p, raw, tokens)
	if err != nil {
		return err
	}
	bar.Add(1)
	bar.Finish() // before the table, so the report is not interleaved

	fmt.Fprintf(st.out, "dyad NLP on UD English EWT %s (%d sentences, %d words) and UniversalNER EWT %s\n\n",
		*split, len(gold), tags.Tokens, *split)
	tw := tabwriter.NewWriter(st.out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "figure\tscore\ttarget\tinput\t")
	row := func(name string, score float64, input string) {
		target := "-"
		if t, ok := nlpTargets[name]; ok {
			target = fmt.Sprintf("%.1f", t)
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%s\t%s\t\n", name, score, target, input)
	}
	row("tokens F1", 100*tok.Tokens.F1, "raw text")
	row("sentences F1", 100*tok.Sentences.F1, "raw text")
	row("words F1", 100*tok.Words.F1, "raw text")
	row("UPOS", 100*tags.UPOS, "gold tokens")
	row("XPOS", 100*tags.XPOS, "gold tokens")
	row("lemma", 100*lemmaPred.Lemma, "gold tokens, predicted tags")
	row("lemma (gold tags)", 100*lemmaGold.Lemma, "gold tokens, gold tags")
	row("UAS", 100*parse.UAS, "gold tokens, predicted tags")
	row("LAS", 100*parse.LAS, "gold tokens, predicted tags")
	row("UAS news", 100*newsParse.UAS, "news pages, dyad's trees, predicted tags")
	row("LAS news", 100*newsParse.LAS, "news pages, dyad's trees, predicted tags")
	// UNER dev is the entity recogniser's training set (UNER train is not
	// available), so its dev scores say nothing about held-out text.
	nerInput := "gold tokens, predicted tags"
	if *split == "dev" {
		nerInput = "TRAINING data, not held out"
	}
	row("NER precision", 100*ents.Overall.Precision(), nerInput)
	row("NER recall", 100*ents.Overall.Recall(), nerInput)
	row("NER F1", 100*ents.Overall.F1(), nerInput)
	for _, label := range []string{"PER", "ORG", "LOC"} {
		row("NER F1 "+label, 100*ents.PerLabel[label].F1(), nerInput)
	}
	newsInput := "Wikinews, dyad's marks, predicted tags"
	row("NER F1 news", 100*news.Overall.F1(), newsInput)
	for _, label := range []string{"PER", "ORG", "LOC"} {
		row("NER F1 news "+label, 100*news.PerLabel[label].F1(), newsInput)
	}
	row("UPOS from raw text", 100*endToEnd.UPOS.F1, "raw text, all predicted")
	row("LAS from raw text", 100*endToEnd.LAS.F1, "raw text, all predicted")
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(st.out, "\nspeed: %.0f tokens/s on one core, %.0f tokens/s on %d cores (tokenize+tag+lemma+parse+NER); models loaded in %v\n",
		oneCore, allCores, runtime.GOMAXPROCS(0), loaded.Round(time.Millisecond))
	return nil
}

// evalNewsNER scores the entity recogniser on the Wikinews stories dyad's
// annotators marked (data/entities), which no model learns from: news is
// what dyad reads, and UniversalNER's web text is not news.
func evalNewsNER(p *nlp.Pipeline) (ner.Scores, error) {
	marked, err := ner.ReadMarked(bytes.NewReader(entities.Wikinews))
	if err != nil {
		return ner.Scores{}, fmt.Errorf("data/entities: %w", err)
	}
	return ner.Evaluate(p.NER, ner.MarkedSentences(marked), p.Tag)
}

// newsTreebank returns dyad's dependency trees of news sentences
// (data/treebank), their words read from the article-extraction
// benchmark's bodies under dataDir.
func newsTreebank(dataDir string) ([]conllu.Sentence, error) {
	bench, err := extracteval.Load(dataDir)
	if err != nil {
		return nil, err
	}
	trees, err := conllu.ReadStandoff(bytes.NewReader(treebank.NewsTest), bench.Bodies())
	if err != nil {
		return nil, fmt.Errorf("data/treebank: %w", err)
	}
	return trees, nil
}

// evalRawText runs the whole pipeline over the raw text on one core and
// scores it end to end against gold, returning the scores, the number of
// tokens produced and the rate.
func evalRawText(ctx context.Context, p *nlp.Pipeline, gold []conllu.Sentence, raw string) (nlpeval.Scores, int, float64, error) {
	procs := runtime.GOMAXPROCS(1)
	start := time.Now()
	doc, _ := p.Annotate(raw)
	elapsed := time.Since(start)
	runtime.GOMAXPROCS(procs)
	if err := ctx.Err(); err != nil {
		return nlpeval.Scores{}, 0, 0, err
	}
	scores, err := nlpeval.Evaluate(gold, conllu.FromDoc(doc))
	return scores, len(doc.Tokens), float64(len(doc.Tokens)) / elapsed.Seconds(), err
}

// pipelineRate annotates the raw text's paragraphs on every core with the
// batch API and returns tokens per second.
func pipelineRate(ctx context.Context, p *nlp.Pipeline, raw string, tokens int) (float64, error) {
	paragraphs := strings.Split(raw, "\n\n")
	start := time.Now()
	if _, err := p.AnnotateAll(ctx, paragraphs); err != nil {
		return 0, err
	}
	return float64(tokens) / time.Since(start).Seconds(), nil
}
