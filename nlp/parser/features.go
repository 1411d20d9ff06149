package parser

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad/internal/hashmix"
)

// Feature keys are hashes of a template number and the atomic values it
// combines (word, tag, label, distance, ...). Hashing keeps extraction free
// of string building and maps, and the model stores only the keys that
// earned a weight.

// words holds the atomic values of a sentence's words, index n being the
// root; they are computed once per sentence.
type words struct {
	form, tag, upos, suffix, shape []uint64
	// sup holds the supertags the tagger gave the words (see
	// dyad.Token.Supertag), noneValue where it gave none.
	sup []uint64
	// verb marks verbs and auxiliaries; punct counts the commas, colons,
	// semicolons and dashes before each word. finish derives, for each
	// word, the next verb at or after it, so features can look past the
	// buffer front as a greedy parser must.
	verb     []bool
	punct    []int32
	nextVerb []int32
}

// Sentinel values for a missing position and for the root.
var (
	noneValue = hashString("<none>")
	rootValue = hashString("<root>")
)

func (w *words) reset(n int) {
	w.form = resize64(w.form, n+1)
	w.tag = resize64(w.tag, n+1)
	w.upos = resize64(w.upos, n+1)
	w.suffix = resize64(w.suffix, n+1)
	w.shape = resize64(w.shape, n+1)
	w.sup = resize64(w.sup, n+1)
	w.form[n], w.tag[n], w.upos[n], w.suffix[n], w.shape[n], w.sup[n] = rootValue, rootValue, rootValue, rootValue, rootValue, rootValue
	if cap(w.verb) < n+1 {
		w.verb = make([]bool, n+1)
	}
	w.verb = w.verb[:n+1]
	w.punct = resize32(w.punct, n+1)
	w.nextVerb = resize32(w.nextVerb, n+1)
}

// finish computes the sentence-wide values once every word is set.
func (w *words) finish(n int) {
	w.punct[0] = 0
	for i := range n {
		w.punct[i+1] = w.punct[i]
		if w.form[i] == commaValue || w.form[i] == colonValue || w.form[i] == semicolonValue || w.form[i] == dashValue {
			w.punct[i+1]++
		}
	}
	next := int32(none)
	for i := n; i >= 0; i-- {
		if i < n && w.verb[i] {
			next = int32(i)
		}
		w.nextVerb[i] = next
	}
}

var (
	commaValue     = hashString(",")
	colonValue     = hashString(":")
	semicolonValue = hashString(";")
	dashValue      = hashString("-")
)

// punctBetween buckets the number of clause punctuation marks between
// words a < b.
func (w *words) punctBetween(a, b int32) uint64 {
	if a == none || b == none || a >= b {
		return 0
	}
	return uint64(min(w.punct[b]-w.punct[a+1], 2)) + 1
}

// set fills word i from its form, tags and supertag.
func (w *words) set(i int, form, upos, xpos, supertag string) {
	norm := normalize(form)
	w.sup[i] = noneValue
	if supertag != "" {
		w.sup[i] = hashString(supertag)
	}
	w.form[i] = hashString(norm)
	w.tag[i] = hashString(xpos)
	w.upos[i] = hashString(upos)
	w.suffix[i] = hashString(suffix(norm, 3))
	w.shape[i] = shape(form)
	w.verb[i] = upos == "VERB" || upos == "AUX"
}

// shape summarises a word's spelling (capitals, digits, punctuation,
// length), which tells names and numbers apart when the tagger errs.
func shape(form string) uint64 {
	var h uint64
	prev := byte(0)
	n := 0
	for _, r := range form {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = '.'
		}
		if c != prev {
			h = h*31 + uint64(c)
			prev = c
		}
		n++
	}
	return hashmix.Fmix64(h*8 + uint64(min(n, 7)))
}

func resize64(a []uint64, n int) []uint64 {
	if cap(a) < n {
		return make([]uint64, n)
	}
	return a[:n]
}

// maxWordBytes bounds the bytes of a word that reach the features; longer
// words (URLs, base64 runs) are distinguished by their first bytes only.
const maxWordBytes = 64

// normalize lower-cases a word and maps digits to 0, so that "1999" and
// "2024" or "Iraq" and "IRAQ" share statistics.
func normalize(form string) string {
	if len(form) > maxWordBytes {
		form = form[:maxWordBytes]
	}
	plain := true
	for i := 0; i < len(form); i++ {
		c := form[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return form
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '0'
		}
		return unicode.ToLower(r)
	}, form)
}

// suffix returns the last k runes of s.
func suffix(s string, k int) string {
	i := len(s)
	for ; k > 0 && i > 0; k-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// hashString is FNV-1a, mixed.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return hashmix.Fmix64(h)
}

// Feature key builders for one, two and three values under template t.
func f1(t int, a uint64) uint64 { return hashmix.Fmix64(a + uint64(t)*0x9e3779b97f4a7c15) }
func f2(t int, a, b uint64) uint64 {
	return hashmix.Fmix64(f1(t, a) ^ (b * 0xbf58476d1ce4e5b9))
}
func f3(t int, a, b, c uint64) uint64 {
	return hashmix.Fmix64(f2(t, a, b) ^ (c * 0x94d049bb133111eb))
}

// extractor reads a state's features into a reusable key buffer.
type extractor struct {
	w    *words
	keys []uint64
	// supertags says the model reads the words' supertags.
	supertags bool
}

// numPlainFeatures is the number of action features of a parser without
// supertags: the templates written before the supertag ones.
const numPlainFeatures = 132

// supertagPositions are the positions, among all the action templates,
// of those a parser with supertags reads: all but 18 whose weight the
// supertags take over (the ones whose removal moved a trained model's dev
// LAS least, one at a time: s1 and s2 tags and words, some word pairs,
// distance, valency and child templates, and the buffer front's word
// with its supertag).
var supertagPositions = [...]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 20, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 50, 51, 52, 54, 55, 56, 57, 58, 59, 60, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 100, 101, 102, 103, 104, 106, 107, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 141, 142, 143}

func (x *extractor) at(v []uint64, i int32) uint64 {
	if i == none {
		return noneValue
	}
	return v[i]
}

func labelValue(s *state, i int32) uint64 {
	if i == none {
		return noneValue
	}
	return uint64(s.label[i]) + 1
}

func child(c []int32, i int32) int32 {
	if i == none {
		return none
	}
	return c[i]
}

// distance buckets the distance between two words.
func distance(a, b int32) uint64 {
	if a == none || b == none {
		return 0
	}
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d < 5:
		return uint64(d)
	case d < 7:
		return 5
	case d < 10:
		return 6
	default:
		return 7
	}
}

func count(c []uint8, i int32) uint64 {
	if i == none {
		return 0xfff
	}
	return uint64(c[i])
}

func set(c []uint64, i int32) uint64 {
	if i == none {
		return 0xfff
	}
	return c[i]
}

// actionFeatures extracts the features that choose the next transition:
// the templates of Zhang and Nivre (2011), with s1, the head candidate of
// a RIGHT arc in the arc-hybrid system, where arc-eager uses s0's head.
func (x *extractor) actionFeatures(s *state) []uint64 {
	w := x.w
	n := int32(s.n)
	s0, s1, s2 := s.sAt(0), s.sAt(1), s.sAt(2)
	b0 := s.b0
	b1, b2 := int32(none), int32(none)
	if b0+1 <= n {
		b1 = b0 + 1
	}
	if b0+2 <= n {
		b2 = b0 + 2
	}
	s0l1, s0l2 := child(s.l1, s0), child(s.l2, s0)
	s0r1, s0r2 := child(s.r1, s0), child(s.r2, s0)
	s1l1, s1r1 := child(s.l1, s1), child(s.r1, s1)
	b0l1, b0l2 := s.l1[b0], s.l2[b0]

	fo, tg, up := w.form, w.tag, w.upos
	s0w, s0p := x.at(fo, s0), x.at(tg, s0)
	s1w, s1p := x.at(fo, s1), x.at(tg, s1)
	s2w, s2p := x.at(fo, s2), x.at(tg, s2)
	b0w, b0p := fo[b0], tg[b0]
	b1w, b1p := x.at(fo, b1), x.at(tg, b1)
	b2w, b2p := x.at(fo, b2), x.at(tg, b2)
	s0l1p, s0r1p, b0l1p := x.at(tg, s0l1), x.at(tg, s0r1), x.at(tg, b0l1)
	s1r1p, s1l1p := x.at(tg, s1r1), x.at(tg, s1l1)
	s0l2p, s0r2p, b0l2p := x.at(tg, s0l2), x.at(tg, s0r2), x.at(tg, b0l2)
	d := distance(s0, b0)
	d1 := distance(s1, s0)

	// The words right after s0 and right before b0 are often not on the
	// stack or buffer front, yet they tell what lies between them.
	s0next, b0prev := int32(none), int32(none)
	if s0 != none {
		s0next = s0 + 1
	}
	if b0 > 0 {
		b0prev = b0 - 1
	}

	k := x.keys[:0]
	k = append(k,
		// single words
		f2(1, s0w, s0p), f1(2, s0w), f1(3, s0p),
		f2(4, b0w, b0p), f1(5, b0w), f1(6, b0p),
		f2(7, b1w, b1p), f1(8, b1w), f1(9, b1p),
		f2(10, b2w, b2p), f1(11, b2w), f1(12, b2p),
		f2(13, s1w, s1p), f1(14, s1w), f1(15, s1p),
		f1(16, s2p), f2(17, s2w, s2p),
		// pairs
		f3(20, f2(0, s0w, s0p), b0w, b0p), f3(21, s0w, s0p, b0w), f3(22, s0w, b0w, b0p),
		f3(23, s0w, s0p, b0p), f3(24, s0p, b0w, b0p), f2(25, s0w, b0w), f2(26, s0p, b0p),
		f2(27, b0p, b1p),
		f3(28, f2(0, s1w, s1p), s0w, s0p), f3(29, s1w, s1p, s0w), f3(30, s1w, s0w, s0p),
		f3(31, s1w, s1p, s0p), f3(32, s1p, s0w, s0p), f2(33, s1w, s0w), f2(34, s1p, s0p),
		f2(35, s1p, b0p), f2(36, s1w, b0w),
		// three tags
		f3(40, b0p, b1p, b2p), f3(41, s0p, b0p, b1p), f3(42, s1p, s0p, b0p),
		f3(43, s2p, s1p, s0p), f3(44, s0p, s0l1p, b0p), f3(45, s0p, s0r1p, b0p),
		f3(46, s0p, b0p, b0l1p), f3(47, s1p, s1r1p, s0p), f3(48, s1p, s0p, s0l1p),
		f3(49, s1p, s1l1p, s0p), f3(50, s1p, s0p, s0r1p), f3(51, s1p, s0p, b1p),
		f3(52, up[b0], x.at(up, s0), x.at(up, s1)),
		// distance
		f2(60, s0w, d), f2(61, s0p, d), f2(62, b0w, d), f2(63, b0p, d),
		f3(64, s0w, b0w, d), f3(65, s0p, b0p, d),
		f3(66, s1p, s0p, d1), f2(67, s1w, d1), f2(68, s0w, d1), f3(69, s1w, s0w, d1),
		// valency
		f2(70, s0w, count(s.nr, s0)), f2(71, s0p, count(s.nr, s0)),
		f2(72, s0w, count(s.nl, s0)), f2(73, s0p, count(s.nl, s0)),
		f2(74, b0w, uint64(s.nl[b0])), f2(75, b0p, uint64(s.nl[b0])),
		f2(76, s1w, count(s.nr, s1)), f2(77, s1p, count(s.nr, s1)), f2(78, s1p, count(s.nl, s1)),
		// children
		f1(80, x.at(fo, s0l1)), f1(81, s0l1p), f1(82, labelValue(s, s0l1)),
		f1(83, x.at(fo, s0r1)), f1(84, s0r1p), f1(85, labelValue(s, s0r1)),
		f1(86, x.at(fo, b0l1)), f1(87, b0l1p), f1(88, labelValue(s, b0l1)),
		f1(89, x.at(fo, s1r1)), f1(90, s1r1p), f1(91, labelValue(s, s1r1)),
		f1(92, s1l1p), f1(93, labelValue(s, s1l1)),
		f1(94, x.at(fo, s0l2)), f1(95, s0l2p), f1(96, labelValue(s, s0l2)),
		f1(97, x.at(fo, s0r2)), f1(98, s0r2p), f1(99, labelValue(s, s0r2)),
		f1(100, x.at(fo, b0l2)), f1(101, b0l2p), f1(102, labelValue(s, b0l2)),
		f3(103, s0p, s0l1p, s0l2p), f3(104, s0p, s0r1p, s0r2p), f3(105, b0p, b0l1p, b0l2p),
		f2(106, s1p, labelValue(s, child(s.r2, s1))),
		f3(107, s0p, labelValue(s, s0l1), labelValue(s, s0r1)),
		f3(108, s1p, labelValue(s, s1r1), s0p),
		// label sets
		f2(110, s0w, set(s.rs, s0)), f2(111, s0p, set(s.rs, s0)),
		f2(112, s0w, set(s.ls, s0)), f2(113, s0p, set(s.ls, s0)),
		f2(114, b0w, s.ls[b0]), f2(115, b0p, s.ls[b0]),
		f2(116, s1p, set(s.rs, s1)), f2(117, s1p, set(s.ls, s1)),
		// surface context and word shape
		f3(120, s0p, x.at(tg, s0next), b0p), f3(121, s0p, x.at(tg, b0prev), b0p),
		f1(122, w.suffix[b0]), f1(123, x.at(w.suffix, s0)),
		f2(124, w.suffix[b0], s0p), f2(125, x.at(w.suffix, s0), b0p),
		f3(126, x.at(tg, b0prev), b0p, b1p),
		// universal tags and spelling, which back the fine tags up
		f1(130, x.at(up, s0)), f1(131, up[b0]), f1(132, x.at(up, s1)), f1(133, x.at(up, b1)),
		f2(134, x.at(up, s0), up[b0]), f2(135, x.at(up, s1), x.at(up, s0)),
		f3(136, x.at(up, s0), up[b0], x.at(up, b1)),
		f2(137, s0w, up[b0]), f2(138, x.at(up, s0), b0w),
		f2(139, b0w, b1w), f2(140, s0w, b1w),
		f1(141, x.at(w.suffix, s1)), f1(142, x.at(w.suffix, b1)),
		f2(143, w.shape[b0], x.at(w.shape, s0)), f1(144, w.shape[b0]), f2(145, w.shape[b0], b0p),
		f2(146, x.at(w.shape, s0), s0p),
		// what lies beyond the buffer front and between s0 and b0
		f3(150, b0p, x.at(tg, w.nextVerb[min(b0+1, n)]), distance(b0, w.nextVerb[min(b0+1, n)])),
		f3(151, s0p, b0p, x.at(tg, w.nextVerb[min(b0+1, n)])),
		f3(152, s0p, b0p, w.punctBetween(s0, b0)),
		f3(153, s1p, s0p, w.punctBetween(s1, s0)),
		f3(154, s0w, b0p, w.punctBetween(s0, b0)),
	)
	// supertags: what the tagger expects of each word's head
	su := w.sup
	k = append(k,
		f1(180, x.at(su, s0)), f1(181, su[b0]), f1(182, x.at(su, b1)), f1(183, x.at(su, s1)),
		f2(184, x.at(su, s0), su[b0]), f2(185, s0p, x.at(su, s0)), f2(186, b0p, su[b0]),
		f3(187, x.at(su, s1), x.at(su, s0), su[b0]), f2(188, b0w, su[b0]), f1(189, x.at(su, b2)),
		f3(190, x.at(su, s0), su[b0], x.at(su, b1)), f2(191, s0w, x.at(su, s0)),
	)
	// A parser that reads supertags does without the templates they
	// make redundant (supertagPositions); one that does not reads none
	// of theirs.
	if x.supertags {
		for i, p := range supertagPositions {
			k[i] = k[p]
		}
		k = k[:len(supertagPositions)]
	} else {
		k = k[:numPlainFeatures]
	}
	x.keys = k
	return k
}

// labelFeatures extracts the features that label the arc from h to d.
func (x *extractor) labelFeatures(s *state, h, d int32) []uint64 {
	w := x.w
	n := int32(s.n)
	fo, tg, up := w.form, w.tag, w.upos
	dir := uint64(0)
	if h < d {
		dir = 1
	}
	dw, dp, hw, hp := fo[d], tg[d], fo[h], tg[h]
	at := func(v []uint64, i int32) uint64 {
		if i < 0 || i > n {
			return noneValue
		}
		return v[i]
	}
	dist := distance(h, d)
	k := x.keys[:0]
	k = append(k,
		f2(1, dw, dp), f1(2, dw), f1(3, dp),
		f2(4, hw, hp), f1(5, hw), f1(6, hp),
		f2(7, dw, hw), f2(8, dp, hp), f2(9, dw, hp), f2(10, dp, hw),
		f2(11, up[d], up[h]),
		f3(12, dp, hp, dist),
		f2(13, dp, labelValue(s, s.l1[d])), f2(14, dp, labelValue(s, s.r1[d])),
		f2(15, dp, s.ls[d]), f2(16, dp, s.rs[d]),
		f2(17, hp, s.ls[h]), f2(18, hp, s.rs[h]),
		f3(19, dp, at(tg, d-1), hp), f3(20, dp, at(tg, d+1), hp),
		f3(21, hp, at(tg, h-1), dp), f3(22, hp, at(tg, h+1), dp),
		f1(23, w.suffix[d]), f2(24, w.suffix[d], hp),
		f3(25, dw, labelValue(s, s.l1[d]), labelValue(s, s.r1[d])),
		f3(26, dp, uint64(s.nl[d]), uint64(s.nr[d])),
		f2(27, x.at(fo, s.l1[d]), dp), f2(28, x.at(tg, s.l1[d]), dp),
		f2(29, x.at(fo, s.r1[d]), dp), f2(30, x.at(tg, s.r1[d]), dp),
		f3(31, dp, hp, x.at(tg, s.l1[h])),
		f2(32, hw, dp), f3(33, dw, hw, dist),
		f1(34, up[d]), f1(35, up[h]), f2(36, dw, up[h]), f2(37, up[d], hw),
		f2(38, w.shape[d], up[h]), f2(39, at(fo, d-1), dw), f2(40, at(fo, d+1), dw),
	)
	if x.supertags {
		k = append(k, f1(44, w.sup[d]), f2(45, w.sup[d], hp), f2(46, dp, w.sup[d]), f2(47, dw, w.sup[d]))
	}
	if dir == 1 {
		for i := range k {
			k[i] = hashmix.Fmix64(k[i] ^ 0x94d049bb133111eb)
		}
	}
	x.keys = k
	return k
}
