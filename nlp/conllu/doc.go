package conllu

import (
	"slices"
	"strings"

	"github.com/dyadnews/dyad"
)

// Doc builds a dyad.Doc from gold sentences, one Doc sentence per CoNLL-U
// sentence and one token per syntactic word, carrying every gold column.
// Doc.Text is the words joined as SpaceAfter says (sentences separated by
// a space), so token offsets are exact; it is how components are trained
// and evaluated on gold tokens.
func Doc(sents []Sentence) *dyad.Doc {
	var (
		b   strings.Builder
		doc dyad.Doc
	)
	for si := range sents {
		s := &sents[si]
		first := len(doc.Tokens)
		if si > 0 {
			b.WriteByte(' ')
		}
		for i, w := range s.Words {
			start := b.Len()
			b.WriteString(w.Form)
			space := s.SpaceAfter(i)
			head := -1
			if w.Head > 0 {
				head = first + w.Head - 1
			}
			doc.Tokens = append(doc.Tokens, dyad.Token{
				Text: w.Form, Start: start, End: b.Len(), SpaceAfter: space, Fused: s.fusedWithNext(i),
				Lemma: w.Lemma, UPOS: w.UPOS, XPOS: w.XPOS, Feats: w.Feats,
				Head: head, DepRel: w.DepRel, Supertag: w.Supertag,
			})
			if space && i < len(s.Words)-1 {
				b.WriteByte(' ')
			}
		}
		doc.Sentences = append(doc.Sentences, dyad.Span{Start: first, End: len(doc.Tokens)})
	}
	doc.Text = b.String()
	return &doc
}

// fusedWithNext reports whether word i and the next are parts of one
// multiword token.
func (s *Sentence) fusedWithNext(i int) bool {
	id := s.Words[i].ID
	for _, r := range s.Ranges {
		if r.First <= id && id < r.Last {
			return true
		}
	}
	return false
}

// Retag returns a copy of sents whose UPOS, XPOS and supertags are those
// tag gives them, as components trained on predicted tags need.
func Retag(sents []Sentence, tag func(*dyad.Doc)) []Sentence {
	doc := Doc(sents)
	tag(doc)
	out := make([]Sentence, len(sents))
	for i, sp := range doc.Sentences {
		out[i] = sents[i]
		out[i].Words = slices.Clone(sents[i].Words)
		for j := range out[i].Words {
			out[i].Words[j].UPOS = doc.Tokens[sp.Start+j].UPOS
			out[i].Words[j].XPOS = doc.Tokens[sp.Start+j].XPOS
			out[i].Words[j].Supertag = doc.Tokens[sp.Start+j].Supertag
		}
	}
	return out
}
