package geo

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyadnews/dyad/geo/internal/gaz"
)

// sharedData finds the shared data folder: DYAD_DATA, or ../shared/data
// beside the repo root, walking up from this package.
func sharedData(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("DYAD_DATA"); d != "" {
		return d
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "data")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the package")
		}
		dir = parent
	}
}

// The embedded gazetteer is what the generator makes of the shared data.
func TestEmbeddedMatchesGenerator(t *testing.T) {
	data := sharedData(t)
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
