// Command train-lemma trains dyad's lemmatizer on UD English EWT and
// writes the model file, the one embedded as models/lemma.bin.gz:
//
//	go run ./nlp/lemma/cmd/train-lemma -o models/lemma.bin.gz
//
// It reports dev and test lemma accuracy with gold tags and with the
// tags of the embedded tagger.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dyadnews/dyad/models"
	"github.com/dyadnews/dyad/nlp/conllu"
	"github.com/dyadnews/dyad/nlp/lemma"
	"github.com/dyadnews/dyad/nlp/tagger"
)

func main() {
	data := flag.String("data", dataDir(), "shared data directory (holds ud-english-ewt/); env DYAD_DATA")
	out := flag.String("o", "", "write the model to this file")
	flag.Parse()
	opts := lemma.DefaultTrainOptions()
	opts.Log = os.Stderr
	if err := run(*data, *out, opts); err != nil {
		fmt.Fprintln(os.Stderr, "train-lemma:", err)
		os.Exit(1)
	}
}

func dataDir() string {
	if d := os.Getenv("DYAD_DATA"); d != "" {
		return d
	}
	return "../shared/data"
}

func run(data, out string, opts lemma.TrainOptions) error {
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
	m, err := lemma.Train(train, dev, opts)
	if err != nil {
		return err
	}
	tg, err := tagger.Load(bytes.NewReader(models.Tagger))
	if err != nil {
		return err
	}
	for _, split := range []struct {
		name  string
		sents []conllu.Sentence
	}{{"dev", dev}, {"test", test}} {
		fmt.Printf("%s: gold tags %s; predicted tags %s\n", split.name,
			lemma.Evaluate(m, split.sents, nil), lemma.Evaluate(m, split.sents, tg.Tag))
	}
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
