package geo

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyadnews/dyad/internal/shareddata"

	"github.com/dyadnews/dyad/geo/internal/gaz"
)

// The embedded gazetteer is what the generator makes of the shared data.
func TestEmbeddedMatchesGenerator(t *testing.T) {
	data := shareddata.Dir(t)
	src := gaz.Sources{
		GeoNames: filepath.Join(data, "geonames"),
		EWT:      filepath.Join(data, "ud-english-ewt", "en_ewt-ud-train.conllu"),
	}
	for _, p := range []string{filepath.Join(src.GeoNames, "cities15000.zip"), src.EWT} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("shared data absent (%v): set DYAD_DATA to check the embedded gazetteer", err)
		}
	}
	want, err := gaz.Build(src)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gazetteerGz))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("gazetteer.tsv.gz (%d bytes of text) differs from what the generator makes (%d): run go generate ./geo", len(got), len(want))
	}
}
