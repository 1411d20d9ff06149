// Package nlp runs dyad's English pipeline: one dyad.Doc annotated in turn
// by the tokenizer and sentence splitter, the tagger, the lemmatizer, the
// dependency parser and the entity recogniser, each a model trained by
// `dyad train` and embedded in the binary (package models).
package nlp

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/models"
	"github.com/dyadnews/dyad/nlp/lemma"
	"github.com/dyadnews/dyad/nlp/ner"
	"github.com/dyadnews/dyad/nlp/parser"
	"github.com/dyadnews/dyad/nlp/tagger"
	"github.com/dyadnews/dyad/nlp/tokenize"
)

// Pipeline holds one model per component. It is safe for concurrent use.
type Pipeline struct {
	Tokenizer  *tokenize.Model
	Tagger     *tagger.Model
	Lemmatizer *lemma.Model
	Parser     *parser.Model
	NER        *ner.Model
}

// Report says what the pipeline had to repair in a text.
type Report = tokenize.Result

var (
	embeddedOnce sync.Once
	embedded     *Pipeline
	embeddedErr  error
)

// Load returns the pipeline of the models embedded in the binary, reading
// them on first use only.
func Load() (*Pipeline, error) {
	embeddedOnce.Do(func() {
		embedded, embeddedErr = load(models.Tokenize, models.Tagger, models.Lemma, models.Parser, models.NER)
	})
	return embedded, embeddedErr
}

// LoadDir returns the pipeline of the model files in dir, named as in
// package models (what `dyad train all --out dir` writes): for scoring
// or using retrained models without rebuilding the binary.
func LoadDir(dir string) (*Pipeline, error) {
	names := []string{models.TokenizeFile, models.TaggerFile, models.LemmaFile, models.ParserFile, models.NERFile}
	files := make([][]byte, len(names))
	for i, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("nlp: %w", err)
		}
		files[i] = data
	}
	return load(files[0], files[1], files[2], files[3], files[4])
}

func load(tok, tag, lem, par, nr []byte) (*Pipeline, error) {
	var (
		p    Pipeline
		wg   sync.WaitGroup
		errs [5]error
	)
	// The models are independent; reading them side by side halves the
	// start-up time on a two-core machine.
	steps := []func() error{
		func() (err error) {
			p.Tokenizer, err = tokenize.Load(bytes.NewReader(tok))
			return wrap("tokenizer", err)
		},
		func() (err error) { p.Tagger, err = tagger.Load(bytes.NewReader(tag)); return wrap("tagger", err) },
		func() (err error) {
			p.Lemmatizer, err = lemma.Load(bytes.NewReader(lem))
			return wrap("lemmatizer", err)
		},
		func() (err error) { p.Parser, err = parser.Load(bytes.NewReader(par)); return wrap("parser", err) },
		func() (err error) { p.NER, err = ner.Load(bytes.NewReader(nr)); return wrap("entity recogniser", err) },
	}
	for i, step := range steps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = step()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return &p, nil
}

func wrap(component string, err error) error {
	if err != nil {
		return fmt.Errorf("nlp: loading the %s model: %w", component, err)
	}
	return nil
}

// Annotate tokenizes text and runs every component over it.
func (p *Pipeline) Annotate(text string) (*dyad.Doc, Report) {
	doc := &dyad.Doc{Text: text}
	rep := p.Tokenizer.Tokenize(doc)
	p.AnnotateTokens(doc)
	return doc, rep
}

// Tag fills the tokens' UPOS, XPOS and FEATS: the tagger's model, then
// the main-verb repair (tagger.RestoreMainVerbs).
func (p *Pipeline) Tag(doc *dyad.Doc) {
	p.Tagger.Tag(doc)
	tagger.RestoreMainVerbs(doc)
}

// AnnotateTokens runs every component after the tokenizer over a Doc whose
// tokens and sentences are given, as for pre-tokenized CoNLL-U input.
func (p *Pipeline) AnnotateTokens(doc *dyad.Doc) {
	p.Tag(doc)
	p.Lemmatizer.Lemmatize(doc)
	p.Parse(doc)
	p.NER.Recognize(doc)
}

// Parse fills the tokens' heads and relations: the parser's model, then
// the number-word step (parser.RelabelNumberWords).
func (p *Pipeline) Parse(doc *dyad.Doc) {
	p.Parser.Parse(doc)
	parser.RelabelNumberWords(doc)
}

// AnnotateAll annotates texts on every core and returns their Docs in the
// order given. It stops early, returning ctx's error, when ctx is done.
func (p *Pipeline) AnnotateAll(ctx context.Context, texts []string) ([]*dyad.Doc, error) {
	docs := make([]*dyad.Doc, len(texts))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(texts)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				docs[i], _ = p.Annotate(texts[i])
			}
		}()
	}
	var err error
feed:
	for i := range texts {
		select {
		case next <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	return docs, nil
}
