package tagger

import (
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad/internal/hashmix"
)

// maxWordRunes bounds how much of a token is read to build its features,
// so a hostile multi-megabyte "token" costs no more than a long word.
const maxWordRunes = 64

// wordInfo is what the feature templates need to know about one token,
// computed once per token.
type wordInfo struct {
	norm  uint64 // normalised form: lower case, digits as 0, straight quotes
	shape uint64 // compressed character classes, e.g. "Xx", "d.d", "x-x"
	pre   [3]uint64
	suf   [4]uint64
	lex   lexEntry // what training saw of the normalised form
}

// lexEntry is what the training data says about one normalised form.
type lexEntry struct {
	// amb is a hash of the set of classes the form took in training,
	// 0 when the form was too rare to say.
	amb uint64
	// fixed is the class of a frequent form that always took it, or -1.
	fixed int32
}

// Hashing: FNV-1a over runes, then a 64-bit finaliser so that combined
// feature keys spread well in the open-addressing table.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	golden    = 0x9E3779B97F4A7C15
)

func hashRune(h uint64, r rune) uint64 {
	return (h ^ uint64(r)) * fnvPrime
}

func hashRunes(rs []rune) uint64 {
	h := uint64(fnvOffset)
	for _, r := range rs {
		h = hashRune(h, r)
	}
	return hashmix.Fmix64(h)
}

// feat1 and feat2 build the key of a feature from its template and values.
func feat1(tmpl, a uint64) uint64 {
	return hashmix.Fmix64(a ^ (tmpl+1)*golden)
}

func feat2(tmpl, a, b uint64) uint64 {
	return hashmix.Fmix64(feat1(tmpl, a) ^ b*fnvPrime)
}

// normRune maps a rune to its normalised form: lower case, every decimal
// digit as '0', typographic quotes as ASCII ones (news text has "’s" where
// the treebank mostly has "'s").
func normRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201B', '\u2032', '`':
		return '\''
	case '\u201C', '\u201D', '\u201F', '\u2033':
		return '"'
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		if '0' <= r && r <= '9' {
			return '0'
		}
		return r
	}
	if unicode.IsDigit(r) {
		return '0'
	}
	return unicode.ToLower(r)
}

// shapeClass is the character class a rune contributes to a word shape.
func shapeClass(r rune) rune {
	switch {
	case 'a' <= r && r <= 'z':
		return 'x'
	case 'A' <= r && r <= 'Z':
		return 'X'
	case '0' <= r && r <= '9':
		return 'd'
	case r < utf8.RuneSelf:
		return r
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLetter(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	case unicode.IsPunct(r):
		return '.'
	case unicode.IsSymbol(r):
		return '$'
	default:
		return '?'
	}
}

// maxShape bounds the number of runs recorded in a shape.
const maxShape = 6

// describe fills wi for one token without allocating.
func describe(form string, wi *wordInfo) {
	var (
		first  [3]rune
		last   [4]rune // ring buffer of the last four normalised runes
		n      int
		h           = uint64(fnvOffset)
		sh          = uint64(fnvOffset)
		prevC  rune = -1
		shapeN int
	)
	for _, r := range form {
		if n == maxWordRunes {
			break
		}
		nr := normRune(r)
		h = hashRune(h, nr)
		if n < 3 {
			first[n] = nr
		}
		last[n%4] = nr
		n++
		if c := shapeClass(r); c != prevC && shapeN < maxShape {
			sh = hashRune(sh, c)
			prevC = c
			shapeN++
		}
	}
	wi.norm = hashmix.Fmix64(h)
	wi.shape = hashmix.Fmix64(sh)
	for k := range 3 {
		if k < n {
			wi.pre[k] = hashRunes(first[:k+1])
		} else {
			wi.pre[k] = wi.norm
		}
	}
	var buf [4]rune
	for k := range 4 {
		if k < n {
			// suffix of length k+1, oldest rune first
			for j := 0; j <= k; j++ {
				buf[j] = last[(n-1-k+j)%4]
			}
			wi.suf[k] = hashRunes(buf[:k+1])
		} else {
			wi.suf[k] = wi.norm
		}
	}
}

// Feature templates. Their numbers are part of the model format: never
// renumber, only append.
const (
	tBias = iota
	tNorm
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tPre1
	tPre2
	tPre3
	tShape
	tNormShape
	tPrev
	tPrev2
	tPrevPrev2
	tPrevNorm
	tNormM1
	tSuf3M1
	tNormM2
	tNormP1
	tSuf3P1
	tNormP2
	tAmb
	tAmbP1
	tAmbP2
	tPrevAmbP1
	tNormNormP1
	tNormM1Norm
	tShapeP1
	tShapeM1
	tFirstShape
	tPrevSuf2
	tAmbAmbP1
	tFiniteAmb
	tFiniteSuf3
	numTemplates
)

// Sentinel values for positions before and after the sentence.
var (
	startInfo = sentinel("-START-")
	endInfo   = sentinel("-END-")
)

func sentinel(name string) wordInfo {
	h := hashRunes([]rune("\x00" + name))
	wi := wordInfo{norm: h, shape: h, lex: lexEntry{amb: h, fixed: -1}}
	for k := range wi.pre {
		wi.pre[k] = h
	}
	for k := range wi.suf {
		wi.suf[k] = h
	}
	return wi
}

// history is what the tagger has decided so far in a sentence.
type history struct {
	prev, prev2 uint64 // previous classes, as numbers, sentinels past the start
	// finite is whether a finite verb has been tagged yet: a past
	// participle before one ("Iraq wounded seven") is likely the verb.
	finite bool
}

func newHistory() history {
	return history{prev: startClass, prev2: startClass2}
}

// push records the class chosen for the next token.
func (h *history) push(class int, finite bool) {
	h.prev2, h.prev = h.prev, uint64(class)
	h.finite = h.finite || finite
}

// Class numbers standing for "no previous token" in the history features.
const (
	startClass  = 1 << 16
	startClass2 = 1<<16 + 1
)

// isFinite tells which classes are finite verbs, by their Penn tags.
func isFinite(xpos []string) []bool {
	f := make([]bool, len(xpos))
	for i, x := range xpos {
		f[i] = x == "VBD" || x == "VBZ" || x == "VBP" || x == "MD"
	}
	return f
}

// context is the window of tokens and the history seen at position i.
type context struct {
	m2, m1, w, p1, p2 *wordInfo
	history
	first bool
	// stage1 holds the first stage's classes at i, i+1 and i+2 (the
	// second stage's view ahead); endClass past the sentence.
	stage1 [3]uint64
}

// endClass stands for "no token" after the end of the sentence.
const endClass = 1<<16 + 2

// ahead fills c.stage1 from the first-stage classes of a sentence.
func ahead(c *context, pass1 []int, i int) {
	for k := range c.stage1 {
		if i+k < len(pass1) {
			c.stage1[k] = uint64(pass1[i+k])
		} else {
			c.stage1[k] = endClass
		}
	}
}

// Second-stage templates, numbered after the first stage's.
const (
	sCur = numTemplates + iota
	sNext
	sNext2
	sNextNext2
	sPrevNext
	sCurNext
	sNormNext
	sSuf3Next
	numStacked = iota
)

// stackedFeatures writes the second stage's extra feature keys into dst,
// which must hold numStacked keys.
func stackedFeatures(dst []uint64, c *context) {
	_ = dst[numStacked-1]
	s := &c.stage1
	dst[sCur-numTemplates] = feat1(sCur, s[0])
	dst[sNext-numTemplates] = feat1(sNext, s[1])
	dst[sNext2-numTemplates] = feat1(sNext2, s[2])
	dst[sNextNext2-numTemplates] = feat2(sNextNext2, s[1], s[2])
	dst[sPrevNext-numTemplates] = feat2(sPrevNext, c.prev, s[1])
	dst[sCurNext-numTemplates] = feat2(sCurNext, s[0], s[1])
	dst[sNormNext-numTemplates] = feat2(sNormNext, c.w.norm, s[1])
	dst[sSuf3Next-numTemplates] = feat2(sSuf3Next, c.w.suf[2], s[1])
}

// features writes the first stage's feature keys of one position into
// dst, which must hold numTemplates keys.
func features(dst []uint64, c *context) {
	w := c.w
	_ = dst[numTemplates-1]
	dst[tBias] = feat1(tBias, 0)
	dst[tNorm] = feat1(tNorm, w.norm)
	dst[tSuf1] = feat1(tSuf1, w.suf[0])
	dst[tSuf2] = feat1(tSuf2, w.suf[1])
	dst[tSuf3] = feat1(tSuf3, w.suf[2])
	dst[tSuf4] = feat1(tSuf4, w.suf[3])
	dst[tPre1] = feat1(tPre1, w.pre[0])
	dst[tPre2] = feat1(tPre2, w.pre[1])
	dst[tPre3] = feat1(tPre3, w.pre[2])
	dst[tShape] = feat1(tShape, w.shape)
	dst[tNormShape] = feat2(tNormShape, w.norm, w.shape)
	dst[tPrev] = feat1(tPrev, c.prev)
	dst[tPrev2] = feat1(tPrev2, c.prev2)
	dst[tPrevPrev2] = feat2(tPrevPrev2, c.prev, c.prev2)
	dst[tPrevNorm] = feat2(tPrevNorm, c.prev, w.norm)
	dst[tNormM1] = feat1(tNormM1, c.m1.norm)
	dst[tSuf3M1] = feat1(tSuf3M1, c.m1.suf[2])
	dst[tNormM2] = feat1(tNormM2, c.m2.norm)
	dst[tNormP1] = feat1(tNormP1, c.p1.norm)
	dst[tSuf3P1] = feat1(tSuf3P1, c.p1.suf[2])
	dst[tNormP2] = feat1(tNormP2, c.p2.norm)
	dst[tAmb] = feat1(tAmb, w.lex.amb)
	dst[tAmbP1] = feat1(tAmbP1, c.p1.lex.amb)
	dst[tAmbP2] = feat1(tAmbP2, c.p2.lex.amb)
	dst[tPrevAmbP1] = feat2(tPrevAmbP1, c.prev, c.p1.lex.amb)
	dst[tNormNormP1] = feat2(tNormNormP1, w.norm, c.p1.norm)
	dst[tNormM1Norm] = feat2(tNormM1Norm, c.m1.norm, w.norm)
	dst[tShapeP1] = feat1(tShapeP1, c.p1.shape)
	dst[tShapeM1] = feat1(tShapeM1, c.m1.shape)
	first := uint64(0)
	if c.first {
		first = 1
	}
	dst[tFirstShape] = feat2(tFirstShape, first, w.shape)
	dst[tPrevSuf2] = feat2(tPrevSuf2, c.prev, w.suf[1])
	dst[tAmbAmbP1] = feat2(tAmbAmbP1, w.lex.amb, c.p1.lex.amb)
	finite := uint64(0)
	if c.finite {
		finite = 1
	}
	dst[tFiniteAmb] = feat2(tFiniteAmb, finite, w.lex.amb)
	dst[tFiniteSuf3] = feat2(tFiniteSuf3, finite, w.suf[2])
}
