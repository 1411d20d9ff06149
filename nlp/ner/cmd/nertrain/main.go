// Command nertrain trains, cross-validates and evaluates dyad's entity
// recogniser on UniversalNER English EWT, and writes the model file:
//
//	go run ./nlp/ner/cmd/nertrain -cv 5              # dev cross-validation
//	go run ./nlp/ner/cmd/nertrain -out models/ner.bin.gz -test
//
// It trains on the UNER dev split only (the train split is not
// distributed here) and reports on test, never training on it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/models"
	"github.com/dyadnews/dyad/nlp/conllu"
	"github.com/dyadnews/dyad/nlp/ner"
	"github.com/dyadnews/dyad/nlp/tagger"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "nertrain:", err)
		os.Exit(1)
	}
}

func run() error {
	def := ner.DefaultTrainOptions()
	var (
		data      = flag.String("data", defaultDataDir(), "shared data directory (env DYAD_DATA)")
		out       = flag.String("out", "", "write the trained model here")
		folds     = flag.Int("cv", 0, "cross-validate on dev with this many folds instead of training the final model")
		test      = flag.Bool("test", false, "report on the UNER test split")
		noGaz     = flag.Bool("nogaz", false, "train without gazetteers")
		epochs    = flag.Int("epochs", def.Epochs, "training epochs")
		seed      = flag.Uint64("seed", def.Seed, "random seed")
		selfTrain = flag.Bool("self", def.SelfTrain, "self-train on EWT train")
		margin    = flag.Float64("margin", float64(def.SelfTrainMargin), "self-training confidence margin")
		copies    = flag.Int("copies", def.LabeledCopies, "labelled sentence copies when self-training")
		verbose   = flag.Bool("v", false, "log per-epoch progress")
		goldPOS   = flag.Bool("goldpos", false, "use gold EWT POS tags for UNER dev and test instead of the embedded tagger's")
	)
	flag.Parse()
	opts := def
	opts.Epochs, opts.Seed, opts.SelfTrain, opts.SelfTrainMargin, opts.LabeledCopies = *epochs, *seed, *selfTrain, float32(*margin), *copies
	if *verbose {
		opts.Log = os.Stderr
	}
	t0 := time.Now()
	if !*noGaz {
		g, err := ner.BuildGazetteer(*data)
		if err != nil {
			return err
		}
		opts.Gazetteer = g
		fmt.Fprintf(os.Stderr, "gazetteer: %d phrases in %v\n", g.Len(), time.Since(t0).Round(time.Millisecond))
	}
	ewt := filepath.Join(*data, "ud-english-ewt")
	uner := filepath.Join(*data, "uner-english-ewt")
	unl, err := conllu.ReadFile(filepath.Join(ewt, "en_ewt-ud-train.conllu"))
	if err != nil {
		return err
	}
	opts.Unlabeled = unl
	dev, err := ner.LoadUNER(filepath.Join(uner, "en_ewt-ud-dev.iob2"), filepath.Join(ewt, "en_ewt-ud-dev.conllu"))
	if err != nil {
		return err
	}
	// At run time the tagger supplies POS tags, so by default the UNER
	// sentences are trained and scored with its tags. The tagger was
	// trained on EWT train only, so its tags on dev and test are as noisy
	// as on unseen text. The unlabelled EWT train sentences keep their
	// gold tags: they only feed the lexicon and self-training.
	var prepare func(*dyad.Doc)
	if !*goldPOS {
		tg, err := tagger.Load(bytes.NewReader(models.Tagger))
		if err != nil {
			return err
		}
		prepare = tg.Tag
		dev = retag(dev, tg)
	}
	if *folds > 0 {
		sc, err := ner.CrossValidate(dev, *folds, opts, prepare)
		if err != nil {
			return err
		}
		fmt.Printf("UNER dev %d-fold cross-validation (%v):\n%s", *folds, time.Since(t0).Round(time.Second), sc)
		return nil
	}
	m, err := ner.Train(dev, nil, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "trained in %v\n", time.Since(t0).Round(time.Second))
	if *out != "" {
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			return err
		}
		if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "wrote %s (%d bytes)\n", *out, buf.Len())
	}
	if *test {
		ts, err := ner.LoadUNER(filepath.Join(uner, "en_ewt-ud-test.iob2"), filepath.Join(ewt, "en_ewt-ud-test.conllu"))
		if err != nil {
			return err
		}
		sc, err := ner.Evaluate(m, ts, prepare)
		if err != nil {
			return err
		}
		pos := "tagger POS"
		if *goldPOS {
			pos = "gold POS"
		}
		fmt.Printf("UNER test, gold tokens, %s:\n%s", pos, sc)
	}
	return nil
}

// retag returns sents with the tagger's UPOS and XPOS instead of gold.
func retag(sents []conllu.Sentence, tg *tagger.Model) []conllu.Sentence {
	doc := conllu.Doc(sents)
	tg.Tag(doc)
	out := make([]conllu.Sentence, len(sents))
	for i, sp := range doc.Sentences {
		out[i] = sents[i]
		out[i].Words = append([]conllu.Word(nil), sents[i].Words...)
		for j := range out[i].Words {
			out[i].Words[j].UPOS = doc.Tokens[sp.Start+j].UPOS
			out[i].Words[j].XPOS = doc.Tokens[sp.Start+j].XPOS
		}
	}
	return out
}

// defaultDataDir is $DYAD_DATA, else ../shared/data next to the repository
// holding the working directory.
func defaultDataDir() string {
	if d := os.Getenv("DYAD_DATA"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return "../shared/data"
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "data")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "../shared/data"
		}
		dir = parent
	}
}
