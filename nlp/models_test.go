package nlp

import (
	"bytes"
	"io"
	"testing"

	"github.com/dyadnews/dyad/models"
	"github.com/dyadnews/dyad/nlp/lemma"
	"github.com/dyadnews/dyad/nlp/ner"
	"github.com/dyadnews/dyad/nlp/parser"
	"github.com/dyadnews/dyad/nlp/tagger"
	"github.com/dyadnews/dyad/nlp/tokenize"
)

// saver is what every component's model can do once loaded.
type saver interface{ Save(io.Writer) error }

// loaderOf adapts a component's Load to one signature.
func loaderOf[M saver](load func(io.Reader) (M, error)) func(io.Reader) (saver, error) {
	return func(r io.Reader) (saver, error) { return load(r) }
}

// TestSaveReproducesEmbeddedFiles checks that each component's Load and
// Save keep every field of its format: the embedded model file saves back
// to the same bytes.
func TestSaveReproducesEmbeddedFiles(t *testing.T) {
	tests := []struct {
		name string
		file []byte
		load func(io.Reader) (saver, error)
	}{
		{"tokenize", models.Tokenize, loaderOf(tokenize.Load)},
		{"tagger", models.Tagger, loaderOf(tagger.Load)},
		{"lemma", models.Lemma, loaderOf(lemma.Load)},
		{"parser", models.Parser, loaderOf(parser.Load)},
		{"ner", models.NER, loaderOf(ner.Load)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := tt.load(bytes.NewReader(tt.file))
			if err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			if err := m.Save(&again); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), tt.file) {
				t.Errorf("Save(Load(embedded)) gives %d bytes that differ from the %d embedded", again.Len(), len(tt.file))
			}
		})
	}
}
