// Package tokenize splits raw English text into tokens and sentences the
// way the Universal Dependencies English Web Treebank does, filling
// dyad.Doc.Tokens (with byte offsets into the original text) and
// dyad.Doc.Sentences.
//
// Tokens come from rules backed by word lists (abbreviations, multiword
// tokens written without an apostrophe) learned from the treebank;
// sentence ends are decided by an averaged perceptron after every token,
// with paragraph breaks (a blank line) always ending a sentence.
// Contractions and possessives are split into the syntactic words of a
// UD multiword token ("don't" → do n't, "Bush's" → Bush 's); each part
// keeps its own sub-range of the text and all but the last are marked
// dyad.Token.Fused.
package tokenize

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dyadnews/dyad"
)

// Model is a trained tokenizer and sentence splitter. It is safe for
// concurrent use.
type Model struct {
	lex  *lexicon
	sent perceptron
	// MaxBytes bounds the text Tokenize reads; longer text is cut at a
	// character boundary before it. Zero means DefaultMaxBytes.
	MaxBytes int
}

// DefaultMaxBytes is the largest text Tokenize reads unless
// Model.MaxBytes says otherwise: 64 MiB, far beyond any news story.
const DefaultMaxBytes = 64 << 20

// Result says what Tokenize had to repair or skip.
type Result struct {
	// Replaced counts runs of invalid UTF-8 replaced by U+FFFD in
	// doc.Text before tokenizing.
	Replaced int
	// Truncated is the number of bytes past MaxBytes that were ignored.
	Truncated int
}

// Tokenize replaces doc.Tokens and doc.Sentences with the tokens and
// sentences of doc.Text. Invalid UTF-8 in doc.Text is first replaced by
// U+FFFD (doc.Text changes, and offsets refer to the repaired text).
// Every token's Head is -1 until a parser sets it.
func (m *Model) Tokenize(doc *dyad.Doc) Result {
	var res Result
	if !utf8.ValidString(doc.Text) {
		res.Replaced = countInvalid(doc.Text)
		doc.Text = strings.ToValidUTF8(doc.Text, "\uFFFD")
	}
	text := doc.Text
	limit := m.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if len(text) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		res.Truncated = len(text) - cut
		text = text[:cut]
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sp := splitter{text: text, lex: m.lex, out: sc.pieces[:0]}
	sp.run()
	pieces := sp.out
	sc.pieces = pieces[:0]
	ends := m.boundaries(text, pieces, sc)

	doc.Tokens = make([]dyad.Token, 0, len(pieces)+len(pieces)/16)
	doc.Sentences = doc.Sentences[:0]
	doc.Entities = nil
	first := 0
	for i, p := range pieces {
		if ends[i] && p.end-p.start > 1 && text[p.end-1] == '.' && !p.fused && isAbbrevPiece(text[p.start:p.end]) {
			// EWT ends a sentence on an abbreviation with a separate
			// full stop: "... Cargill, Inc" + ".".
			doc.Tokens = append(doc.Tokens, token(text, p.start, p.end-1, false), token(text, p.end-1, p.end, false))
		} else {
			doc.Tokens = append(doc.Tokens, token(text, p.start, p.end, p.fused))
		}
		if ends[i] {
			doc.Sentences = append(doc.Sentences, dyad.Span{Start: first, End: len(doc.Tokens)})
			first = len(doc.Tokens)
		}
	}
	for i := range doc.Tokens {
		next := len(text)
		if i+1 < len(doc.Tokens) {
			next = doc.Tokens[i+1].Start
		}
		doc.Tokens[i].SpaceAfter = doc.Tokens[i].End < next || next == len(text)
	}
	return res
}

// scratch is the per-call working memory of Tokenize, reused through a
// pool so concurrent calls do not share it.
type scratch struct {
	pieces []piece
	ends   []bool
	info   []tokenInfo
	feats  []uint32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func token(text string, start, end int, fused bool) dyad.Token {
	return dyad.Token{Text: text[start:end], Start: start, End: end, Fused: fused, Head: -1}
}

// isAbbrevPiece reports a token ending in a full stop that is more than
// dots: an abbreviation the rules kept whole.
func isAbbrevPiece(w string) bool {
	return strings.Trim(w, ".") != "" && !strings.Contains(w, "://")
}

func countInvalid(s string) int {
	n := 0
	inRun := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			if !inRun {
				n++
			}
			inRun = true
		} else {
			inRun = false
		}
		i += size
	}
	return n
}
