package ner

import (
	"bytes"
	"testing"

	"github.com/dyadnews/dyad/models"
)

// TestSaveReproducesEmbeddedFile checks that Load and Save keep every
// field of the format: the embedded model saves back to the same bytes.
func TestSaveReproducesEmbeddedFile(t *testing.T) {
	m, err := Load(bytes.NewReader(models.NER))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := m.Save(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), models.NER) {
		t.Errorf("Save(Load(models.NER)) gives %d bytes that differ from the %d embedded", again.Len(), len(models.NER))
	}
}
