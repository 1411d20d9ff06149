package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadnews/dyad/internal/shareddata"

	"github.com/dyadnews/dyad/article/extracteval"
)

func TestEvalExtract(t *testing.T) {
	if testing.Short() {
		t.Skip("full benchmark run skipped in -short mode")
	}
	data := shareddata.Dir(t)
	out := filepath.Join(t.TempDir(), "pred.json")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), &stdio{out: &stdout, err: &stderr}, []string{"eval", "extract", "--data", data, "--out", out})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"dyad ", "go_trafilatura (published output)", "pages/s on one core"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, stdout.String())
		}
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pred, err := extracteval.ReadPredictions(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(pred) != 181 {
		t.Errorf("wrote %d predictions, want 181", len(pred))
	}
}

func TestEvalUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"eval"}, 2},
		{[]string{"eval", "-h"}, 0},
		{[]string{"eval", "nosuch"}, 1},
		{[]string{"eval", "extract", "--data", "/nonexistent"}, 1},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), &stdio{out: &stdout, err: &stderr}, tt.args); code != tt.code {
			t.Errorf("%q: exit %d, want %d (%s)", tt.args, code, tt.code, stderr.String())
		}
	}
}

// TestEvalNLPMissingModels checks that --models naming a directory without
// model files is an error that says which file is missing.
func TestEvalNLPMissingModels(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"eval", "nlp", "--data", shareddata.Dir(t), "--models", t.TempDir()}
	if code := run(context.Background(), &stdio{out: &stdout, err: &stderr}, args); code != 1 {
		t.Fatalf("exit %d, want 1 (%s)", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "tokenize.bin.gz") {
		t.Errorf("error does not name the missing file: %s", stderr.String())
	}
}

func TestEvalNLP(t *testing.T) {
	if testing.Short() {
		t.Skip("full evaluation skipped in -short mode")
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), &stdio{out: &stdout, err: &stderr}, []string{"eval", "nlp", "--data", shareddata.Dir(t)})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, row := range []string{"tokens F1", "sentences F1", "UPOS", "XPOS", "lemma", "UAS", "LAS", "LAS news", "NER F1", "NER F1 news", "tokens/s on one core"} {
		if !strings.Contains(stdout.String(), row) {
			t.Errorf("eval nlp output lacks %q:\n%s", row, stdout.String())
		}
	}
}
