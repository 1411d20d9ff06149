package tagger

import (
	"fmt"

	"github.com/dyadnews/dyad"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// Scores are tagging accuracies over a set of gold-tokenised sentences.
type Scores struct {
	Tokens int
	// UPOS, XPOS, Both (UPOS and XPOS right) and Feats are the shares of
	// tokens tagged right, in [0, 1].
	UPOS, XPOS, Both, Feats float64
}

func (s Scores) String() string {
	return fmt.Sprintf("UPOS %.2f%% XPOS %.2f%% UPOS+XPOS %.2f%% FEATS %.2f%% (%d tokens)",
		100*s.UPOS, 100*s.XPOS, 100*s.Both, 100*s.Feats, s.Tokens)
}

// Tagger fills the tags of a Doc's tokens: a Model, or a pipeline that
// also repairs them (see RestoreMainVerbs).
type Tagger interface{ Tag(*dyad.Doc) }

// Evaluate tags gold with m, on the gold tokens and sentence boundaries,
// and compares the result with the gold tags.
func Evaluate(m Tagger, gold []conllu.Sentence) Scores {
	doc := conllu.Doc(gold)
	want := make([][3]string, len(doc.Tokens))
	for i := range doc.Tokens {
		t := &doc.Tokens[i]
		want[i] = [3]string{t.UPOS, t.XPOS, t.Feats}
		t.UPOS, t.XPOS, t.Feats = "", "", ""
	}
	m.Tag(doc)
	var u, x, b, f int
	for i, t := range doc.Tokens {
		uok, xok := t.UPOS == want[i][0], t.XPOS == want[i][1]
		if uok {
			u++
		}
		if xok {
			x++
		}
		if uok && xok {
			b++
		}
		if t.Feats == want[i][2] {
			f++
		}
	}
	n := len(doc.Tokens)
	if n == 0 {
		return Scores{}
	}
	d := float64(n)
	return Scores{Tokens: n, UPOS: float64(u) / d, XPOS: float64(x) / d, Both: float64(b) / d, Feats: float64(f) / d}
}
