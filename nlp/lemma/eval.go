package lemma

import (
	"fmt"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/nlp/conllu"
)

// Scores is lemma accuracy over gold-tokenised sentences.
type Scores struct {
	Tokens int
	// Lemma is the share of tokens whose lemma equals the gold one exactly.
	Lemma float64
}

func (s Scores) String() string {
	return fmt.Sprintf("lemma %.2f%% (%d tokens)", 100*s.Lemma, s.Tokens)
}

// Evaluate lemmatizes gold on its gold tokens and compares with the gold
// lemmas. With tag nil the gold tags are used; otherwise tag re-tags the
// Doc first (pass a tagger's Tag to score the lemmatizer on predicted tags).
func Evaluate(m *Model, gold []conllu.Sentence, tag func(*dyad.Doc)) Scores {
	doc := conllu.Doc(gold)
	want := make([]string, len(doc.Tokens))
	for i := range doc.Tokens {
		want[i] = doc.Tokens[i].Lemma
		doc.Tokens[i].Lemma = ""
	}
	if tag != nil {
		tag(doc)
	}
	m.Lemmatize(doc)
	right := 0
	for i, t := range doc.Tokens {
		if t.Lemma == want[i] {
			right++
		}
	}
	if len(want) == 0 {
		return Scores{}
	}
	return Scores{Tokens: len(want), Lemma: float64(right) / float64(len(want))}
}
