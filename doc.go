package dyad

import "iter"

// Doc is a text annotated in turn by the NLP pipeline's components
// (tokenizer, sentence splitter, tagger, lemmatizer, parser, entity
// recogniser), as in spaCy: each component fills its own fields.
type Doc struct {
	Text      string
	Tokens    []Token
	Sentences []Span
	Entities  []Entity
}

// Token is one word or punctuation mark of a Doc.
type Token struct {
	Text string
	// Start and End are byte offsets of the token in Doc.Text.
	Start, End int
	// SpaceAfter is false when the next token follows without whitespace.
	SpaceAfter bool
	// Fused is true when this token and the next are parts of one written
	// word, a UD multiword token: "don't" is "do" (Fused) then "n't".
	Fused bool
	Lemma string
	UPOS  string // Universal POS tag
	XPOS  string // Penn Treebank tag
	Feats string // UD morphological features, "_" when none
	// Head is the Doc-level index of the syntactic head, -1 for a root.
	Head   int
	DepRel string // UD relation with subtype, e.g. "nsubj:pass"
	// Supertag is the tagger's forecast of the token's place in the
	// parse, read by the parser: the side its head is on and its
	// relation ("L-nsubj", "R-det", "ROOT"); "" when not predicted.
	Supertag string
	// NER is the token's entity tag in IOB2: "B-PER", "I-ORG", "O".
	NER string
}

// Span is a half-open range [Start, End) of token indices in a Doc.
type Span struct {
	Start, End int
}

// Entity is a named entity: a span of tokens with a label (PER, ORG, LOC).
type Entity struct {
	Span
	Label string
}

// Stretches yields the spans a sentence-by-sentence component reads: each
// sentence of d.Sentences in order and each run of tokens no sentence
// covers (all of them as one when there are no sentences). Sentences are
// trusted only as far as they make sense: each token is in exactly one
// stretch, in order, so a hostile or stale Sentences field cannot make a
// component skip or repeat tokens.
func (d *Doc) Stretches() iter.Seq[Span] {
	return func(yield func(Span) bool) {
		covered, n := 0, len(d.Tokens)
		for _, sp := range d.Sentences {
			start, end := min(max(sp.Start, covered), n), min(sp.End, n)
			if start > covered {
				if !yield(Span{covered, start}) {
					return
				}
				covered = start
			}
			if start < end {
				if !yield(Span{start, end}) {
					return
				}
				covered = end
			}
		}
		if covered < n {
			yield(Span{covered, n})
		}
	}
}
