package tokenize

import (
	"unicode"
	"unicode/utf8"
)

// The sentence splitter is an averaged perceptron that decides, after
// every token, whether a sentence ends there. Paragraph breaks (a blank
// line) and the end of the text always end a sentence. Features are
// hashed to 32 bits.

// feature templates, mixed into each feature's hash.
const (
	fBias byte = iota
	fWord0
	fWord1
	fWordPrev
	fShape0
	fShape1
	fShape2
	fShapePrev
	fShapes01
	fWord0Shape1
	fShape0Word1
	fSuffix0
	fNewline
	fNewlineShape1
	fSentLen
	fWord0Word1
	fLenShape1
	fCase1
	fWord0Case1
	fGlued
	fPrevWord0
	fPrevWord0Case1
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// tokenInfo caches the hashes of one token's lowercased form, shape and
// suffix, shared by the features of the boundaries around it.
type tokenInfo struct {
	word, shape, suffix uint64
	// initial is the class of the first rune: 'X' upper, 'x' lower, 'd'
	// digit, 'p' anything else.
	initial uint64
}

func describe(w string) tokenInfo {
	word, shape, suffix := uint64(fnvOffset), uint64(fnvOffset), uint64(fnvOffset)
	var last rune = -1
	repeat := 0
	shapeLen := 0
	// suffix: the last three runes, lowercased.
	start := len(w)
	for k := 0; k < 3 && start > 0; k++ {
		_, n := utf8.DecodeLastRuneInString(w[:start])
		start -= n
	}
	for i, r := range w {
		lr := unicode.ToLower(foldQuote(r))
		word = mixRune(word, lr)
		if i >= start {
			suffix = mixRune(suffix, lr)
		}
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			repeat++
		} else {
			repeat = 0
		}
		last = c
		if repeat < 2 && shapeLen < 8 {
			shape = mixRune(shape, c)
			shapeLen++
		}
	}
	initial := uint64('p')
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
		initial = 'X'
	} else if unicode.IsLower(r) {
		initial = 'x'
	} else if unicode.IsDigit(r) {
		initial = 'd'
	}
	return tokenInfo{word: word, shape: shape, suffix: suffix, initial: initial}
}

// foldQuote maps typographic quotes to the plain ones the treebank
// mostly uses, so news text's curly quotes share their weights.
func foldQuote(r rune) rune {
	switch r {
	case '“', '”', '„', '«', '»':
		return '"'
	case '‘', '’', '`':
		return '\''
	}
	return r
}

func mixRune(h uint64, r rune) uint64 {
	for r > 0 {
		h ^= uint64(r & 0xff)
		h *= fnvPrime
		r >>= 8
	}
	return h
}

func mix(h, x uint64) uint64 {
	h ^= x
	h *= fnvPrime
	h ^= h >> 29
	return h
}

// tableBits sizes the hashed weight table: 2^20 weights, 4 MiB in
// memory; collisions among the ~10^5 live features are rare.
const tableBits = 20

func feat(tmpl byte, parts ...uint64) uint32 {
	h := uint64(fnvOffset)
	h = mix(h, uint64(tmpl)+1)
	for _, p := range parts {
		h = mix(h, p)
	}
	return uint32(h^h>>32) & (1<<tableBits - 1)
}

func lenBucket(n int) uint64 {
	switch {
	case n <= 1:
		return 1
	case n <= 2:
		return 2
	case n <= 4:
		return 3
	case n <= 8:
		return 4
	case n <= 16:
		return 5
	case n <= 32:
		return 6
	case n <= 64:
		return 7
	}
	return 8
}

// features appends the features of a boundary after token i, where
// sentLen tokens precede it in its sentence (itself included).
func features(dst []uint32, info []tokenInfo, pieces []piece, i, sentLen int) []uint32 {
	none := tokenInfo{word: 1, shape: 1, suffix: 1, initial: 1}
	t0 := info[i]
	t1, t2, tp := none, none, none
	nl, glued := uint64(0), uint64(0)
	if i+1 < len(info) {
		t1 = info[i+1]
		// glued: no space before the next token, unless the rules found
		// one missing ("war .Iran").
		if pieces[i+1].start == pieces[i].end && !pieces[i+1].spaced {
			glued = 1
		}
		if pieces[i+1].newlines > 0 {
			nl = 1
		}
	}
	if i+2 < len(info) {
		t2 = info[i+2]
	}
	if i > 0 {
		tp = info[i-1]
	}
	lb := lenBucket(sentLen)
	return append(dst,
		feat(fBias),
		feat(fWord0, t0.word),
		feat(fWord1, t1.word),
		feat(fWordPrev, tp.word),
		feat(fShape0, t0.shape),
		feat(fShape1, t1.shape),
		feat(fShape2, t2.shape),
		feat(fShapePrev, tp.shape),
		feat(fShapes01, t0.shape, t1.shape),
		feat(fWord0Shape1, t0.word, t1.shape),
		feat(fShape0Word1, t0.shape, t1.word),
		feat(fSuffix0, t0.suffix),
		feat(fNewline, nl),
		feat(fNewlineShape1, nl, t1.shape),
		feat(fSentLen, lb),
		feat(fWord0Word1, t0.word, t1.word),
		feat(fLenShape1, lb, t0.shape, t1.shape),
		feat(fCase1, t1.initial),
		feat(fWord0Case1, t0.word, t1.initial),
		feat(fGlued, glued, t0.initial, t1.initial),
		feat(fPrevWord0, tp.word, t0.word),
		feat(fPrevWord0Case1, tp.word, t0.word, t1.initial),
	)
}

// perceptron is the sentence boundary model's weights, indexed by
// feature hash.
type perceptron struct {
	weights []float32 // 1<<tableBits entries
}

func (p *perceptron) score(fs []uint32) float32 {
	var s float32
	w := p.weights[:1<<tableBits]
	for _, f := range fs {
		s += w[f&(1<<tableBits-1)]
	}
	return s
}

// boundaries decides after which pieces sentences end; ends[i] is true
// when a sentence ends after piece i. The result lives in sc.
func (m *Model) boundaries(text string, pieces []piece, sc *scratch) []bool {
	if cap(sc.ends) < len(pieces) {
		sc.ends = make([]bool, len(pieces))
		sc.info = make([]tokenInfo, len(pieces))
	}
	ends, info := sc.ends[:len(pieces)], sc.info[:len(pieces)]
	for i, p := range pieces {
		info[i] = describe(text[p.start:p.end])
	}
	fs := sc.feats[:0]
	sentLen := 0
	for i := range pieces {
		sentLen++
		switch {
		case i == len(pieces)-1 || pieces[i+1].newlines >= 2:
			ends[i] = true
		case pieces[i].fused || neverEnds(text[pieces[i].start:pieces[i].end]):
			ends[i] = false
		default:
			fs = features(fs[:0], info, pieces, i, sentLen)
			ends[i] = m.sent.score(fs) > 0
		}
		if ends[i] {
			sentLen = 0
		}
	}
	sc.feats = fs
	return ends
}

// neverEnds reports tokens no sentence ends on: opening brackets and
// quotes, and the en and em dashes of datelines ("(Reuters) –").
func neverEnds(w string) bool {
	switch w {
	case "(", "[", "{", "<", "«", "“", "‘", "–", "—":
		return true
	}
	return false
}
