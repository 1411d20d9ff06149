// Command train-tagger trains dyad's POS tagger on UD English EWT and
// writes the model file, the one embedded as models/tagger.bin.gz:
//
//	go run ./nlp/tagger/cmd/train-tagger -o models/tagger.bin.gz
//
// It reports per-epoch dev scores and the final dev and test scores.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dyadnews/dyad/nlp/conllu"
	"github.com/dyadnews/dyad/nlp/tagger"
)

func main() {
	def := tagger.DefaultTrainOptions()
	data := flag.String("data", dataDir(), "shared data directory (holds ud-english-ewt/); env DYAD_DATA")
	out := flag.String("o", "", "write the model to this file")
	seed := flag.Uint64("seed", def.Seed, "random seed")
	epochs := flag.Int("epochs", def.Epochs, "maximum training epochs")
	stacked := flag.Bool("stacked", def.Stacked, "train the second stage")
	folds := flag.Int("folds", def.StackFolds, "jackknife folds for the second stage's training tags")
	ambMin := flag.Int("amb-min", def.AmbiguityMinCount, "occurrences for a form's class set to be a feature")
	ambShare := flag.Float64("amb-share", def.AmbiguityMinShare, "share of a form's occurrences for a class to be in its class set")
	ensemble := flag.Int("ensemble", def.Ensemble, "perceptrons averaged per stage")
	fixedMin := flag.Int("fixed-min", def.FixedMinCount, "occurrences for a form to be tagged by lookup")
	flag.Parse()
	opts := def
	opts.Seed, opts.Epochs, opts.Log = *seed, *epochs, os.Stderr
	opts.Stacked, opts.StackFolds, opts.Ensemble = *stacked, *folds, *ensemble
	opts.AmbiguityMinCount, opts.AmbiguityMinShare, opts.FixedMinCount = *ambMin, *ambShare, *fixedMin
	if err := run(*data, *out, opts); err != nil {
		fmt.Fprintln(os.Stderr, "train-tagger:", err)
		os.Exit(1)
	}
}

func dataDir() string {
	if d := os.Getenv("DYAD_DATA"); d != "" {
		return d
	}
	return "../shared/data"
}

func run(data, out string, opts tagger.TrainOptions) error {
	read := func(split string) ([]conllu.Sentence, error) {
		return conllu.ReadFile(filepath.Join(data, "ud-english-ewt", "en_ewt-ud-"+split+".conllu"))
	}
	train, err := read("train")
	if err != nil {
		return err
	}
	dev, err := read("dev")
	if err != nil {
		return err
	}
	test, err := read("test")
	if err != nil {
		return err
	}
	began := time.Now()
	m, err := tagger.Train(train, dev, opts)
	if err != nil {
		return err
	}
	fmt.Printf("trained in %s\n", time.Since(began).Round(time.Millisecond))
	fmt.Printf("dev:  %s\n", tagger.Evaluate(m, dev))
	fmt.Printf("test: %s\n", tagger.Evaluate(m, test))
	if out == "" {
		return nil
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := m.Save(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
