// Command gen rebuilds package geo's embedded gazetteer, gazetteer.tsv.gz,
// from the GeoNames dumps (cities15000.zip, countryInfo.tsv,
// admin1CodesASCII.tsv) and the lower-case words of UD English EWT's
// training split. The output is deterministic: rebuilding from the same
// files changes nothing.
//
//	go generate ./geo                  (from the repo root, with ../shared/data beside it)
//	go run ./geo/gen -data $DYAD_DATA -out geo
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/dyadnews/dyad/geo/internal/gaz"
)

func main() {
	data := flag.String("data", defaultData(), "shared data folder holding geonames/ and ud-english-ewt/ (env DYAD_DATA)")
	out := flag.String("out", ".", "folder to write gazetteer.tsv.gz to")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		log.Fatal(err)
	}
}

// defaultData is DYAD_DATA, else ../shared/data beside the repo, seen
// from the geo folder where go generate runs.
func defaultData() string {
	if d := os.Getenv("DYAD_DATA"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "data")
}

func run(data, out string) error {
	text, err := gaz.Build(gaz.Sources{
		GeoNames: filepath.Join(data, "geonames"),
		EWT:      filepath.Join(data, "ud-english-ewt", "en_ewt-ud-train.conllu"),
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(text); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	path := filepath.Join(out, "gazetteer.tsv.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write gazetteer: %w", err)
	}
	return nil
}
