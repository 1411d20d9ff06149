package entities_test

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dyadnews/dyad/article/extracteval"
	"github.com/dyadnews/dyad/data/entities"
	"github.com/dyadnews/dyad/internal/shareddata"
	"github.com/dyadnews/dyad/nlp/conllu"
	"github.com/dyadnews/dyad/nlp/ner"
)

// TestEWTTrainCoversTheTreebank checks that the annotations read and
// carry over to every sentence of EWT train, word for word, as `dyad
// train ner` merges them.
func TestEWTTrainCoversTheTreebank(t *testing.T) {
	marked, mentions := readMarked(t, entities.EWTTrain)
	seen := map[string]bool{}
	for _, s := range marked {
		if seen[s.ID] {
			t.Errorf("sentence %s annotated twice", s.ID)
		}
		seen[s.ID] = true
	}
	// UniversalNER's own train split holds 7,022 mentions over these
	// sentences; far fewer means a truncated or unmarked file.
	if mentions < 6000 {
		t.Errorf("%d mentions, want at least 6000", mentions)
	}
	if testing.Short() {
		t.Skip("reads the shared data")
	}
	train, err := conllu.ReadFile(filepath.Join(shareddata.Dir(t), "ud-english-ewt", "en_ewt-ud-train.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	forms := map[string][]string{}
	for _, s := range train {
		for _, w := range s.Words {
			forms[s.Comment("sent_id")] = append(forms[s.Comment("sent_id")], w.Form)
		}
	}
	for _, s := range marked {
		if !slices.Equal(s.Words, forms[s.ID]) {
			t.Errorf("sentence %s: words %q, EWT has %q", s.ID, s.Words, forms[s.ID])
		}
	}
	merged, err := ner.Merge(train, marked)
	if err != nil {
		t.Fatal(err)
	}
	if len(merged) != len(train) {
		t.Errorf("%d of %d EWT train sentences annotated", len(merged), len(train))
	}
	for i := range merged {
		tags, ok := ner.GoldTags(&merged[i])
		if !ok || len(tags) != len(merged[i].Words) {
			t.Fatalf("sentence %s: no tag on every word", merged[i].Comment("sent_id"))
		}
	}
}

// TestWikinewsIsTheDemoStories checks the news evaluation set: it reads,
// holds every Wikinews story of the shared data once, and is marked.
func TestWikinewsIsTheDemoStories(t *testing.T) {
	marked, mentions := readMarked(t, entities.Wikinews)
	docs := map[string]bool{}
	for _, s := range marked {
		if s.Doc != "" {
			if docs[s.Doc] {
				t.Errorf("story %s twice", s.Doc)
			}
			docs[s.Doc] = true
		}
	}
	if len(docs) != 43 || mentions < 1000 {
		t.Errorf("%d stories and %d mentions, want the 43 stories and at least 1000", len(docs), mentions)
	}
}

// TestNewsTrainMatchesTheBenchmark checks that every standoff mention
// still lies where it was marked in the benchmark's bodies.
func TestNewsTrainMatchesTheBenchmark(t *testing.T) {
	marked, err := ner.ReadStandoff(bytes.NewReader(entities.NewsTrain))
	if err != nil {
		t.Fatal(err)
	}
	if len(marked) < 150 {
		t.Errorf("%d pages, want the benchmark's 158 English ones", len(marked))
	}
	if testing.Short() {
		t.Skip("reads the shared data")
	}
	bench, err := extracteval.Load(shareddata.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	bodies := bench.Bodies()
	for id, ms := range marked {
		body, ok := bodies[id]
		if !ok {
			t.Errorf("page %s not in the benchmark", id)
			continue
		}
		for _, m := range ms {
			if m.End > len(body) || body[m.Start:m.End] != m.Text {
				t.Errorf("page %s: %q not at %d–%d", id, m.Text, m.Start, m.End)
			}
		}
	}
}

// readMarked reads an inline-marked file and counts its mentions.
func readMarked(t *testing.T, data []byte) ([]ner.IOB2Sentence, int) {
	t.Helper()
	marked, err := ner.ReadMarked(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	mentions := 0
	for _, s := range marked {
		for _, tag := range s.Tags {
			if tag[0] == 'B' {
				mentions++
			}
		}
	}
	return marked, mentions
}
