package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadnews/dyad/internal/shareddata"
	"github.com/dyadnews/dyad/models"
)

// TestTrainReproducesEmbeddedLemmatizer trains the quickest component the
// way `dyad train` does and checks the file is byte for byte the embedded
// one: the shipped models are what the command makes from the data.
func TestTrainReproducesEmbeddedLemmatizer(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), &stdio{out: &stdout, err: &stderr},
		[]string{"train", "lemma", "--data", shareddata.Dir(t), "--out", out})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	got, err := os.ReadFile(filepath.Join(out, "lemma.bin.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, models.Lemma) {
		t.Errorf("dyad train lemma wrote %d bytes that differ from the embedded model (%d bytes)", len(got), len(models.Lemma))
	}
}

func TestTrainUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
	}{{[]string{"train"}, 2}, {[]string{"train", "-h"}, 0}, {[]string{"train", "everything"}, 2}, {[]string{"train", "lemma", "extra"}, 2}, {[]string{"train", "lemma", "--dev", "some"}, 2}} {
		var stdout, stderr bytes.Buffer
		if got := run(context.Background(), &stdio{out: &stdout, err: &stderr}, c.args); got != c.code {
			t.Errorf("%v: exit %d, want %d", c.args, got, c.code)
		}
	}
}

// TestNewsSentencesNamesMissingPage checks that marked pages missing from
// the benchmark are reported, the same one every time.
func TestNewsSentencesNamesMissingPage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "article-extraction-benchmark")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	var first string
	for range 3 {
		_, err := newsSentences(filepath.Dir(dir))
		if err == nil || !strings.Contains(err.Error(), "not in the benchmark") {
			t.Fatalf("error %v, want the missing pages reported", err)
		}
		if first == "" {
			first = err.Error()
		} else if err.Error() != first {
			t.Fatalf("error %q, then %q", first, err)
		}
	}
}
