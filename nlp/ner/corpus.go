package ner

import (
	"fmt"
	"path/filepath"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/nlp/conllu"
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
// the dev POS tags with tag's (the tagger the model will read at run
// time) and trains on them and opts.Annotated. UNER test is never read.
func TrainFromData(dataDir string, tag func(*dyad.Doc), opts TrainOptions) (*Model, error) {
	dev, opts, err := devData(dataDir, tag, opts)
	if err != nil {
		return nil, err
	}
	return Train(dev, nil, opts)
}

// CrossValidateOnData cross-validates training on UNER dev with k folds
// (see CrossValidate), with the same data and tags as TrainFromData.
func CrossValidateOnData(dataDir string, k int, tag func(*dyad.Doc), opts TrainOptions) (Scores, error) {
	dev, opts, err := devData(dataDir, tag, opts)
	if err != nil {
		return Scores{}, err
	}
	return CrossValidate(dev, k, opts, tag)
}

// EvaluateOnData scores m on a UNER split ("dev" or "test") of the
// shared data with gold tokens and tag's POS tags.
func EvaluateOnData(m *Model, dataDir, split string, tag func(*dyad.Doc)) (Scores, error) {
	sents, err := LoadSplit(dataDir, split)
	if err != nil {
		return Scores{}, err
	}
	return Evaluate(m, sents, tag)
}

// devData reads UNER dev retagged by tag, and fills the options' data
// that is not given.
func devData(dataDir string, tag func(*dyad.Doc), opts TrainOptions) ([]conllu.Sentence, TrainOptions, error) {
	if opts.Gazetteer == nil {
		g, err := BuildGazetteer(dataDir)
		if err != nil {
			return nil, opts, err
		}
		opts.Gazetteer = g
	}
	if opts.Unlabeled == nil {
		unl, err := conllu.ReadFile(filepath.Join(dataDir, ewtDir, "en_ewt-ud-train.conllu"))
		if err != nil {
			return nil, opts, fmt.Errorf("ner: %w", err)
		}
		opts.Unlabeled = unl
	}
	dev, err := LoadSplit(dataDir, "dev")
	if err != nil {
		return nil, opts, err
	}
	return conllu.Retag(dev, tag), opts, nil
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
