package ner

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/models"
	"github.com/dyadnews/dyad/nlp/conllu"
	"github.com/dyadnews/dyad/nlp/tagger"
)

// The shared data layout TrainFromData and EvaluateOnData read: UD
// English EWT and the UniversalNER annotations of its dev and test
// splits (the UNER train split is not distributed there).
const (
	ewtDir  = "ud-english-ewt"
	unerDir = "uner-english-ewt"
)

// TrainFromData trains the shipped model from the shared data directory:
// it builds the gazetteer from GeoNames and PETRARCH2 (unless
// opts.Gazetteer is set), reads EWT train as the unlabelled sentences
// (unless opts.Unlabeled is set), merges UNER dev with EWT dev, replaces
// the dev POS tags with the embedded tagger's (the tags the model sees at
// run time) and trains on them. UNER test is never read.
func TrainFromData(dataDir string, opts TrainOptions) (*Model, error) {
	if opts.Gazetteer == nil {
		g, err := BuildGazetteer(dataDir)
		if err != nil {
			return nil, err
		}
		opts.Gazetteer = g
	}
	if opts.Unlabeled == nil {
		unl, err := conllu.ReadFile(filepath.Join(dataDir, ewtDir, "en_ewt-ud-train.conllu"))
		if err != nil {
			return nil, fmt.Errorf("ner: %w", err)
		}
		opts.Unlabeled = unl
	}
	dev, err := LoadSplit(dataDir, "dev")
	if err != nil {
		return nil, err
	}
	tg, err := embeddedTagger()
	if err != nil {
		return nil, err
	}
	return Train(Retag(dev, tg.Tag), nil, opts)
}

// EvaluateOnData scores m on a UNER split ("dev" or "test") of the
// shared data with gold tokens and the embedded tagger's POS tags.
func EvaluateOnData(m *Model, dataDir, split string) (Scores, error) {
	sents, err := LoadSplit(dataDir, split)
	if err != nil {
		return Scores{}, err
	}
	tg, err := embeddedTagger()
	if err != nil {
		return Scores{}, err
	}
	return Evaluate(m, sents, tg.Tag)
}

// CrossValidateOnData cross-validates training on UNER dev with k folds
// (see CrossValidate), with the same data and tags as TrainFromData.
func CrossValidateOnData(dataDir string, k int, opts TrainOptions) (Scores, error) {
	if opts.Gazetteer == nil {
		g, err := BuildGazetteer(dataDir)
		if err != nil {
			return Scores{}, err
		}
		opts.Gazetteer = g
	}
	if opts.Unlabeled == nil {
		unl, err := conllu.ReadFile(filepath.Join(dataDir, ewtDir, "en_ewt-ud-train.conllu"))
		if err != nil {
			return Scores{}, fmt.Errorf("ner: %w", err)
		}
		opts.Unlabeled = unl
	}
	dev, err := LoadSplit(dataDir, "dev")
	if err != nil {
		return Scores{}, err
	}
	tg, err := embeddedTagger()
	if err != nil {
		return Scores{}, err
	}
	return CrossValidate(Retag(dev, tg.Tag), k, opts, tg.Tag)
}

// LoadSplit reads a UNER split ("dev" or "test") merged with its EWT
// sentences (see LoadUNER).
func LoadSplit(dataDir, split string) ([]conllu.Sentence, error) {
	if split != "dev" && split != "test" {
		return nil, fmt.Errorf("ner: split %q: UNER English EWT has dev and test here", split)
	}
	base := "en_ewt-ud-" + split
	return LoadUNER(filepath.Join(dataDir, unerDir, base+".iob2"), filepath.Join(dataDir, ewtDir, base+".conllu"))
}

func embeddedTagger() (*tagger.Model, error) {
	tg, err := tagger.Load(bytes.NewReader(models.Tagger))
	if err != nil {
		return nil, fmt.Errorf("ner: loading the embedded tagger: %w", err)
	}
	return tg, nil
}

// Retag returns a copy of sents whose UPOS and XPOS are those tag
// assigns, e.g. a tagger's Tag: trained on a tagger's tags, the model
// learns to cope with its mistakes.
func Retag(sents []conllu.Sentence, tag func(*dyad.Doc)) []conllu.Sentence {
	doc := conllu.Doc(sents)
	tag(doc)
	out := make([]conllu.Sentence, len(sents))
	for i, sp := range doc.Sentences {
		out[i] = sents[i]
		out[i].Words = slices.Clone(sents[i].Words)
		for j := range out[i].Words {
			out[i].Words[j].UPOS = doc.Tokens[sp.Start+j].UPOS
			out[i].Words[j].XPOS = doc.Tokens[sp.Start+j].XPOS
		}
	}
	return out
}
