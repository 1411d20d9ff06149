package parser

import (
	"fmt"
	"strings"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/nlp/conllu"
)

// Tagger fills UPOS and XPOS of a Doc's tokens, as nlp/tagger's Model
// does.
type Tagger interface {
	Tag(doc *dyad.Doc)
}

// Score is a parser's accuracy over a set of words, as the CoNLL 2018
// shared task counts it: punctuation included, and LAS comparing only the
// universal part of relations ("nsubj" for "nsubj:pass").
type Score struct {
	Words int
	// UAS is the share of words with the gold head, LAS with the gold head
	// and universal relation, and LASFull with the gold head and the full
	// relation including its subtype.
	UAS, LAS, LASFull float64
}

// Parser fills the heads and relations of a Doc's tokens: a Model, or a
// pipeline that also relabels them (see RelabelNumberWords).
type Parser interface{ Parse(*dyad.Doc) }

// Evaluate parses gold's words and scores the result against gold. With a
// nil tagger it reads the gold tags; otherwise the tags tagger predicts.
func Evaluate(m Parser, gold []conllu.Sentence, tagger Tagger) Score {
	doc := conllu.Doc(gold)
	want := make([]dyad.Token, len(doc.Tokens))
	copy(want, doc.Tokens)
	for i := range doc.Tokens {
		t := &doc.Tokens[i]
		t.Head, t.DepRel = 0, ""
		if tagger != nil {
			t.UPOS, t.XPOS = "", ""
		}
	}
	if tagger != nil {
		tagger.Tag(doc)
	}
	m.Parse(doc)
	var s Score
	var uas, las, full int
	for i, got := range doc.Tokens {
		w := want[i]
		if got.Head != w.Head {
			continue
		}
		uas++
		if universal(got.DepRel) == universal(w.DepRel) {
			las++
		}
		if got.DepRel == w.DepRel {
			full++
		}
	}
	s.Words = len(doc.Tokens)
	if s.Words > 0 {
		n := float64(s.Words)
		s.UAS, s.LAS, s.LASFull = float64(uas)/n, float64(las)/n, float64(full)/n
	}
	return s
}

func universal(rel string) string {
	u, _, _ := strings.Cut(rel, ":")
	return u
}

// String formats s as "UAS 87.12% LAS 85.03% (LAS with subtypes 84.90%, 25147 words)".
func (s Score) String() string {
	return fmt.Sprintf("UAS %.2f%% LAS %.2f%% (LAS with subtypes %.2f%%, %d words)",
		100*s.UAS, 100*s.LAS, 100*s.LASFull, s.Words)
}
