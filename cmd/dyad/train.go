package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dyadnews/dyad/progress"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/article/extracteval"
	"github.com/dyadnews/dyad/data/entities"
	"github.com/dyadnews/dyad/models"
	"github.com/dyadnews/dyad/nlp/conllu"
	"github.com/dyadnews/dyad/nlp/lemma"
	"github.com/dyadnews/dyad/nlp/ner"
	"github.com/dyadnews/dyad/nlp/parser"
	"github.com/dyadnews/dyad/nlp/tagger"
	"github.com/dyadnews/dyad/nlp/tokenize"
)

var trainCommand = command{
	name:    "train",
	summary: "train dyad's NLP models from open treebanks (tokenize, pos, lemma, parser, ner, all)",
	run:     runTrain,
}

// model is what every component's Train returns.
type model interface{ Save(io.Writer) error }

// trainer builds one component's model file.
type trainer struct {
	name, file string
	train      func(tr *training) (model, error)
}

// trainers are the components in the order `train all` builds them; the
// parser and NER reuse the tagger trained before them (heldOutTagger).
var trainers = []trainer{
	{"tokenize", models.TokenizeFile, trainTokenizer},
	{"pos", models.TaggerFile, trainTagger},
	{"lemma", models.LemmaFile, trainLemmatizer},
	{"parser", models.ParserFile, trainParser},
	{"ner", models.NERFile, trainNER},
}

// The values of `dyad train --dev`.
const (
	devNone   = "none"
	devParser = "parser"
	devAll    = "all"
)

// training is the shared state of one `dyad train` run.
type training struct {
	data, out string
	// seed overrides every component's default seed when set.
	seed *uint64
	// dev is what learns from EWT dev besides choosing epochs: devNone,
	// devParser (the supertag stage and parser, as for the shipped
	// models) or devAll (the tagger, lemmatizer and parser). Each
	// retraining repeats the choices of its held-out run on train alone.
	dev string
	// frontedTimes is the share of declarative training sentences the
	// parser and the supertag stage also learn with a time opening in
	// front (parser.FrontedTimes): 0.1 for the shipped models, 0 for none.
	frontedTimes float64
	log          io.Writer
	splits       map[string][]conllu.Sentence
	// silver holds the news trees of the teacher pipeline (newsTrees),
	// made once per run.
	silver     []conllu.Sentence
	silverMade bool
	// teacherTagger is the teacher's tagger (newsTrees), without
	// supertags; heldOut is it with the supertag stage, the tagger
	// trained on EWT train alone, made once per run.
	teacherTagger, heldOut *tagger.Model
	// jackknifedTrain is EWT train with jackknifed tags, once per run.
	jackknifedTrain []conllu.Sentence
}

func runTrain(ctx context.Context, st *stdio, args []string) error {
	names := make([]string, 0, len(trainers))
	for _, t := range trainers {
		names = append(names, t.name)
	}
	fs := newFlagSet(st, "train", strings.Join(names, "|")+"|all [--data DIR] [--out DIR] [--seed N] [--dev none|parser|all] [--fronted-times SHARE]",
		"Train dyad's NLP models from UD English EWT and UniversalNER EWT (CC BY-SA\n"+
			"4.0) with a fixed seed, and write compact model files to --out. The same\n"+
			"data and seed give byte-identical files; the files in models/ are what\n"+
			"`dyad train all --out models` writes, and the build embeds them.\n\n"+
			"Models learn from EWT train, choosing their epochs (and the tagger its\n"+
			"skip margin) on dev; components that learn from predicted tags (parser,\n"+
			"ner) get them from taggers that never saw the sentences they tag. Then,\n"+
			"by --dev, the tagger's supertag stage and the parser learn again from\n"+
			"train and dev together with those choices (parser, the shipped models),\n"+
			"the tagger, lemmatizer and parser do (all), or nothing does (none: the\n"+
			"models that dev figures are honest for). See docs/benchmarks.md.")
	data := fs.String("data", defaultDataDir(), "data root holding ud-english-ewt/, uner-english-ewt/, geonames/, petrarch2/ and article-extraction-benchmark/ (the news pages NER learns from); env DYAD_DATA")
	out := fs.String("out", "models", "`directory` to write the model files to")
	seed := fs.Uint64("seed", 0, "random seed for every component (default: each component's own, as for the shipped models)")
	dev := fs.String("dev", devParser, "what learns from EWT dev too, with the choices made on it: `none`, parser (the supertag stage and parser) or all (tagger, lemmatizer and parser)")
	fronted := fs.Float64("fronted-times", 0.1, "`share` of EWT's declarative sentences the parser and the tagger's supertag stage also learn with a time opening in front (0 to 1)")
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		// No component: -h asks for help (exit 0), anything else is misuse.
		if err := fs.Parse(args); err != nil {
			return err
		}
		fs.Usage()
		return exitCode(2)
	}
	which := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 || !(*fronted >= 0 && *fronted <= 1) || (*dev != devNone && *dev != devParser && *dev != devAll) {
		fs.Usage()
		return exitCode(2)
	}
	var chosen []trainer
	for _, t := range trainers {
		if which == "all" || slices.Contains(strings.Split(which, ","), t.name) {
			chosen = append(chosen, t)
		}
	}
	if len(chosen) == 0 {
		fs.Usage()
		return exitCode(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	tr := &training{data: *data, out: *out, dev: *dev, frontedTimes: *fronted, log: st.err, splits: map[string][]conllu.Sentence{}}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "seed" {
			tr.seed = seed
		}
	})
	began := time.Now()
	bar := progress.New(st.err, len(chosen), "train", progress.Options{Unit: "models"})
	defer bar.Finish()
	for _, t := range chosen {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		fmt.Fprintf(st.err, "--- training %s\n", t.name)
		m, err := t.train(tr)
		if err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		path := filepath.Join(*out, t.file)
		n, err := writeModel(path, m)
		if err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		fmt.Fprintf(st.out, "%s: wrote %s (%d bytes) in %v\n", t.name, path, n, time.Since(start).Round(time.Second))
		bar.Add(1)
	}
	fmt.Fprintf(st.out, "trained %d model(s) in %v\n", len(chosen), time.Since(began).Round(time.Second))
	return nil
}

// writeModel saves m to path through a temporary file, so an interrupted
// run never leaves a half-written model behind.
func writeModel(path string, m model) (int, error) {
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return 0, err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return 0, err
	}
	return buf.Len(), os.Rename(tmp, path)
}

// setSeed overrides a component's default seed with --seed, if given.
func (tr *training) setSeed(seed *uint64) {
	if tr.seed != nil {
		*seed = *tr.seed
	}
}

// ewt returns an EWT split, read once per run.
func (tr *training) ewt(split string) ([]conllu.Sentence, error) {
	if s, ok := tr.splits[split]; ok {
		return s, nil
	}
	s, err := conllu.ReadFile(filepath.Join(tr.data, "ud-english-ewt", "en_ewt-ud-"+split+".conllu"))
	if err != nil {
		return nil, err
	}
	tr.splits[split] = s
	return s, nil
}

func (tr *training) trainAndDev() (train, dev []conllu.Sentence, err error) {
	if train, err = tr.ewt("train"); err != nil {
		return nil, nil, err
	}
	dev, err = tr.ewt("dev")
	return train, dev, err
}

// trainAndDevJoined returns EWT train with dev appended: what --dev
// retrains components on.
func (tr *training) trainAndDevJoined() ([]conllu.Sentence, error) {
	train, dev, err := tr.trainAndDev()
	if err != nil {
		return nil, err
	}
	return append(slices.Clip(train), dev...), nil
}

// heldOutTagger returns the tagger trained on EWT train alone, its epochs
// chosen on dev: the shipped tagger's POS stages, and the tagger that
// tags dev for the components trained after it, since it never saw dev. It is trained once
// per run rather than read from --out, where --dev all may have put one
// that saw dev.
func (tr *training) heldOutTagger() (*tagger.Model, error) {
	if tr.heldOut != nil {
		return tr.heldOut, nil
	}
	train, dev, err := tr.trainAndDev()
	if err != nil {
		return nil, err
	}
	opts := tagger.DefaultTrainOptions()
	opts.Log = tr.log
	tr.setSeed(&opts.Seed)
	// The teacher's tagger, trained for the silver trees with these
	// options but no supertags, has the POS stages Train would learn
	// again: only the supertag stage is added.
	if opts.SupertagExtra, err = tr.supertagExtra(train, opts.Seed); err != nil {
		return nil, err
	}
	fmt.Fprintln(tr.log, "tagger: the teacher's, with a supertag stage learnt on EWT train and chosen on dev")
	if tr.heldOut, err = tagger.TrainSupertags(tr.teacherTagger, train, dev, opts); err != nil {
		return nil, err
	}
	return tr.heldOut, nil
}

// supertagExtra returns the trees the tagger's supertag stage learns
// from besides train: train's fronted-time copies and the teacher's news
// trees.
func (tr *training) supertagExtra(train []conllu.Sentence, seed uint64) ([]conllu.Sentence, error) {
	var extra []conllu.Sentence
	if tr.frontedTimes > 0 {
		extra = parser.FrontedTimes(train, tr.frontedTimes, seed)
	}
	silver, err := tr.newsTrees()
	if err != nil {
		return nil, err
	}
	return append(extra, silver...), nil
}

func trainTokenizer(tr *training) (model, error) {
	train, dev, err := tr.trainAndDev()
	if err != nil {
		return nil, err
	}
	opts := tokenize.TrainOptions{Log: tr.log}
	tr.setSeed(&opts.Seed)
	return tokenize.Train(train, dev, opts)
}

func trainTagger(tr *training) (model, error) {
	heldOut, err := tr.heldOutTagger()
	if err != nil {
		return nil, err
	}
	if tr.dev == devParser {
		train, dev, err := tr.trainAndDev()
		if err != nil {
			return nil, err
		}
		// The POS stages keep their weights, learnt from train alone;
		// only the supertag stage learns again, reading dev too.
		opts := heldOut.Chosen()
		opts.Log = tr.log
		if opts.SupertagExtra, err = tr.supertagExtra(train, opts.Seed); err != nil {
			return nil, err
		}
		opts.SupertagExtra = append(opts.SupertagExtra, dev...)
		fmt.Fprintln(tr.log, "tagger: retraining the supertag stage on EWT train and dev")
		return tagger.TrainSupertags(heldOut, train, nil, opts)
	}
	if tr.dev != devAll {
		return heldOut, nil
	}
	all, err := tr.trainAndDevJoined()
	if err != nil {
		return nil, err
	}
	opts := heldOut.Chosen()
	opts.Log = tr.log
	fmt.Fprintln(tr.log, "tagger: retraining on EWT train and dev")
	return tagger.Train(all, nil, opts)
}

func trainLemmatizer(tr *training) (model, error) {
	train, dev, err := tr.trainAndDev()
	if err != nil {
		return nil, err
	}
	opts := lemma.DefaultTrainOptions()
	opts.Log = tr.log
	if tr.dev != devAll {
		return lemma.Train(train, dev, opts)
	}
	// The lemmatizer makes no choice on dev (it only logs dev's score).
	all, err := tr.trainAndDevJoined()
	if err != nil {
		return nil, err
	}
	return lemma.Train(all, nil, opts)
}

func trainParser(tr *training) (model, error) {
	train, dev, err := tr.trainAndDev()
	if err != nil {
		return nil, err
	}
	tg, err := tr.heldOutTagger()
	if err != nil {
		return nil, err
	}
	opts := parser.DefaultTrainOptions()
	opts.Log = tr.log
	tr.setSeed(&opts.Seed)
	heldOut, err := tr.trainParserOn(train, conllu.Retag(dev, tg.Tag), opts)
	if err != nil || tr.dev == devNone {
		return heldOut, err
	}
	all, err := tr.trainAndDevJoined()
	if err != nil {
		return nil, err
	}
	opts = heldOut.Chosen()
	opts.Log = tr.log
	fmt.Fprintln(tr.log, "parser: retraining on EWT train and dev")
	return tr.trainParserOn(all, nil, opts)
}

// trainParserOn trains a parser on gold trees, choosing its epoch on dev
// (tagged by a tagger that never saw it) if dev is given.
func (tr *training) trainParserOn(gold, dev []conllu.Sentence, opts parser.TrainOptions) (*parser.Model, error) {
	// The parser learns from the tags it will see at run time: predicted
	// ones, by taggers that never saw the sentence they tag (single-stage
	// fold taggers: jackknifing the stacked tagger would take far too long
	// and its first-stage errors are close enough), and from the gold-tag
	// copy beside them, which was worth +0.6 LAS on dev.
	if tr.frontedTimes > 0 {
		fronted := parser.FrontedTimes(gold, tr.frontedTimes, opts.Seed)
		fmt.Fprintf(tr.log, "parser: %d sentences, %d of them copies with a time opening in front\n", len(gold)+len(fronted), len(fronted))
		gold = append(slices.Clip(gold), fronted...)
	}
	jackknifed, err := tr.jackknife(gold)
	if err != nil {
		return nil, err
	}
	// The gold-tag copy keeps the jackknifed supertags: at run time the
	// supertags are as wrong as the fold taggers' whatever the tags.
	goldTags := make([]conllu.Sentence, len(gold))
	for i, s := range gold {
		goldTags[i] = s
		goldTags[i].Words = slices.Clone(s.Words)
		for j := range goldTags[i].Words {
			goldTags[i].Words[j].Supertag = jackknifed[i].Words[j].Supertag
		}
	}
	return parser.Train(append(slices.Clip(jackknifed), goldTags...), dev, opts)
}

// jackknife returns gold with the tags of single-stage taggers jackknifed
// over it in ten folds (tagger.JackknifeTags). EWT train itself, which
// the parser and NER both learn from, is tagged once per run.
func (tr *training) jackknife(gold []conllu.Sentence) ([]conllu.Sentence, error) {
	train, err := tr.ewt("train")
	if err != nil {
		return nil, err
	}
	isTrain := len(gold) == len(train) && len(gold) > 0 && &gold[0] == &train[0]
	if isTrain && tr.jackknifedTrain != nil {
		return tr.jackknifedTrain, nil
	}
	topts := tagger.DefaultTrainOptions()
	tr.setSeed(&topts.Seed)
	if topts.SupertagExtra, err = tr.newsTrees(); err != nil {
		return nil, err
	}
	jackknifed, err := tagger.JackknifeTags(gold, 10, topts)
	if err != nil {
		return nil, err
	}
	if isTrain {
		tr.jackknifedTrain = jackknifed
	}
	return jackknifed, nil
}

func trainNER(tr *training) (model, error) {
	// NER learns from UNER dev, whose text is EWT dev, and from dyad's
	// own annotations of EWT train and of news pages. Every sentence is
	// tagged by a tagger that never saw it, so the tags have the mistakes
	// the tagger makes on new text: dev and the news by the tagger
	// trained on train, train by taggers jackknifed over it.
	tg, err := tr.heldOutTagger()
	if err != nil {
		return nil, err
	}
	opts := ner.DefaultTrainOptions()
	opts.Log = tr.log
	tr.setSeed(&opts.Seed)
	ewt, err := tr.annotatedTrain()
	if err != nil {
		return nil, err
	}
	news, err := newsSentences(tr.data)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(tr.log, "ner: %d sentences of EWT train and %d of news annotated by dyad\n", len(ewt), len(news))
	opts.Annotated = append(ewt, conllu.Retag(news, tg.Tag)...)
	return ner.TrainFromData(tr.data, tg.Tag, opts)
}

// annotatedTrain returns EWT train with jackknifed tags and the entity
// tags of dyad's annotations (data/entities).
func (tr *training) annotatedTrain() ([]conllu.Sentence, error) {
	train, err := tr.ewt("train")
	if err != nil {
		return nil, err
	}
	jackknifed, err := tr.jackknife(train)
	if err != nil {
		return nil, err
	}
	marked, err := ner.ReadMarked(bytes.NewReader(entities.EWTTrain))
	if err != nil {
		return nil, fmt.Errorf("data/entities: %w", err)
	}
	annotated, err := ner.Merge(jackknifed, marked)
	if err != nil {
		return nil, fmt.Errorf("data/entities: %w", err)
	}
	return annotated, nil
}

// newsSentences returns the English pages of the article-extraction
// benchmark that dyad's annotators marked (data/entities), as the shipped
// tokenizer splits them, with their entity tags and no POS tags.
func newsSentences(dataDir string) ([]conllu.Sentence, error) {
	marked, err := ner.ReadStandoff(bytes.NewReader(entities.NewsTrain))
	if err != nil {
		return nil, fmt.Errorf("data/entities: %w", err)
	}
	bench, err := extracteval.Load(dataDir)
	if err != nil {
		return nil, err
	}
	tok, err := tokenize.Load(bytes.NewReader(models.Tokenize))
	if err != nil {
		return nil, err
	}
	var out []conllu.Sentence
	for _, page := range bench.Pages {
		ms, ok := marked[page.ID]
		if !ok {
			continue
		}
		delete(marked, page.ID)
		doc := &dyad.Doc{Text: page.Truth}
		tok.Tokenize(doc)
		sents, err := ner.StandoffSentences(page.ID, doc, ms)
		if err != nil {
			return nil, err
		}
		out = append(out, sents...)
	}
	if len(marked) > 0 {
		missing := slices.Sorted(maps.Keys(marked))
		return nil, fmt.Errorf("data/entities: %d marked pages are not in the benchmark, first %s", len(missing), missing[0])
	}
	return out, nil
}
