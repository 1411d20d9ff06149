package treebank_test

import (
	"bytes"
	"testing"

	"github.com/dyadnews/dyad/article/extracteval"
	"github.com/dyadnews/dyad/data/treebank"
	"github.com/dyadnews/dyad/internal/shareddata"
	"github.com/dyadnews/dyad/nlp/conllu"
)

// TestNewsTestTrees checks that every tree reads against the benchmark's
// bodies and is a tree: one root, every word reaching it.
func TestNewsTestTrees(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the shared data")
	}
	bench, err := extracteval.Load(shareddata.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	sents, err := conllu.ReadStandoff(bytes.NewReader(treebank.NewsTest), bench.Bodies())
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1920 {
		t.Errorf("%d sentences, want 1920", len(sents))
	}
	for _, s := range sents {
		roots := 0
		for i, w := range s.Words {
			if w.Head == 0 {
				roots++
			}
			// Climb from the word; more steps than words means a cycle.
			h, steps := i+1, 0
			for h != 0 && steps <= len(s.Words) {
				h = s.Words[h-1].Head
				steps++
			}
			if h != 0 {
				t.Errorf("%s: word %d is on a cycle", s.Comment("sent_id"), i+1)
				break
			}
		}
		if roots != 1 {
			t.Errorf("%s: %d roots", s.Comment("sent_id"), roots)
		}
	}
}
