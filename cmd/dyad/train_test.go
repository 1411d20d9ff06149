package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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
	}{{[]string{"train"}, 2}, {[]string{"train", "-h"}, 0}, {[]string{"train", "everything"}, 2}, {[]string{"train", "lemma", "extra"}, 2}} {
		var stdout, stderr bytes.Buffer
		if got := run(context.Background(), &stdio{out: &stdout, err: &stderr}, c.args); got != c.code {
			t.Errorf("%v: exit %d, want %d", c.args, got, c.code)
		}
	}
}
