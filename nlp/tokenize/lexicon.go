package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// lexicon holds the word lists the rules consult: abbreviations that keep
// their full stop, words written as one token although the rules would
// split them, and multiword tokens written without an apostrophe
// ("cannot" → can not, "gonna" → gon na). Built-in lists cover news
// English; Train adds what the treebank attests.
type lexicon struct {
	abbrevs map[string]bool  // lowercased, with the final full stop
	whole   map[string]bool  // exact form
	multi   map[string][]int // lowercased form → part lengths in bytes
}

// newsAbbrevs are abbreviations of news English that keep their full
// stop: titles, months, US states, company forms, Latin.
var newsAbbrevs = strings.Fields(`mr. mrs. ms. dr. prof. gen. sen. rep. reps. gov. lt. col. maj. capt. cpt. sgt.
cmdr. adm. brig. pres. supt. det. insp. rev. fr. hon. st. jr. sr. messrs. mme. mlle.
jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.
mon. tue. tues. wed. thu. thur. thurs. fri. sat. sun.
ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. kans. ky. la. md. mass. mich.
minn. miss. mo. mont. neb. nev. okla. ore. pa. penn. tenn. tex. va. vt. wash. wis. wyo. w.va.
inc. corp. co. ltd. llc. bros. plc. dept. univ. assn. govt. intl.
no. nos. vol. vols. pp. fig. ft. mt. ave. blvd. rd. hwy. approx. est. ext. tel.
etc. vs. v. e.g. i.e. cf. al. ca. viz. ibid. op. jr. a.m. p.m. u.s. u.n. u.k. e.u. d.c.`)

func newLexicon() *lexicon {
	lx := &lexicon{abbrevs: map[string]bool{}, whole: map[string]bool{}, multi: map[string][]int{}}
	for _, a := range newsAbbrevs {
		lx.abbrevs[a] = true
	}
	for w, parts := range map[string][]string{
		"cannot": {"can", "not"}, "gonna": {"gon", "na"}, "wanna": {"wan", "na"},
		"gotta": {"got", "ta"}, "dunno": {"du", "n", "no"}, "outta": {"out", "ta"},
	} {
		lx.multi[w] = partLengths(parts)
	}
	return lx
}

func partLengths(parts []string) []int {
	ns := make([]int, len(parts))
	for i, p := range parts {
		ns[i] = len(p)
	}
	return ns
}

// isAbbrev reports whether w, ending in a full stop, is an abbreviation
// whose stop belongs to it: a listed one, an initial ("J."), or letters
// each followed by a stop ("U.S.", "a.m.", "Ph.D.").
func (lx *lexicon) isAbbrev(w string) bool {
	var buf [maxLookup]byte
	if l, ok := lowerASCII(buf[:], w); ok && lx.abbrevs[string(l)] {
		return true
	}
	body := w[:len(w)-1]
	if r, n := utf8.DecodeRuneInString(body); n == len(body) && unicode.IsUpper(r) {
		return true
	}
	if !strings.Contains(body, ".") {
		return false
	}
	for _, part := range strings.Split(body, ".") {
		if part == "" || len(part) > 2 {
			return false
		}
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

func (lx *lexicon) isWhole(w string) bool { return lx.whole[w] }

// multiword returns the part lengths of a multiword token written
// without an apostrophe, or nil.
func (lx *lexicon) multiword(w string) []int {
	var buf [maxLookup]byte
	l, ok := lowerASCII(buf[:], w)
	if !ok {
		return nil
	}
	return lx.multi[string(l)]
}

// maxLookup bounds the words looked up in the lowercased word lists.
const maxLookup = 24

// lowerASCII lowercases w into buf without allocating; ok is false when
// w is too long or not ASCII, which no list entry is.
func lowerASCII(buf []byte, w string) (lower []byte, ok bool) {
	if len(w) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return nil, false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)], true
}

// learn adds what the treebank attests: abbreviations seen with their
// stop at least twice, multiword tokens without an apostrophe seen as
// such in most of at least minCount uses, and tokens with inner
// punctuation the rules would split, seen minCount times and never
// split.
func (lx *lexicon) learn(sents []conllu.Sentence, minCount int) {
	abbrev := map[string]int{}
	type mwCount struct {
		split, total int
		parts        []string
	}
	forms := map[string]*mwCount{}
	tokens := map[string]int{} // forms seen as one plain token
	split := map[string]int{}  // forms seen as a multiword token
	for si := range sents {
		s := &sents[si]
		ri := 0
		for i := 0; i < len(s.Words); i++ {
			w := s.Words[i]
			for ri < len(s.Ranges) && s.Ranges[ri].Last < w.ID {
				ri++
			}
			form := w.Form
			var parts []string
			if ri < len(s.Ranges) && s.Ranges[ri].First == w.ID {
				r := s.Ranges[ri]
				form = r.Form
				for k := r.First; k <= r.Last && k-1 < len(s.Words); k++ {
					parts = append(parts, s.Words[k-1].Form)
				}
				i += r.Last - r.First
			}
			l := strings.ToLower(form)
			if parts != nil {
				split[form]++
			} else {
				tokens[form]++
				if len(form) > 1 && strings.HasSuffix(form, ".") && strings.Trim(form, ".") != "" {
					abbrev[l]++
				}
			}
			if !strings.ContainsAny(form, "'’`") && len(form) <= 12 {
				c := forms[l]
				if c == nil {
					c = &mwCount{}
					forms[l] = c
				}
				c.total++
				if parts != nil && strings.Join(parts, "") == form {
					c.split++
					c.parts = lowerAll(parts)
				}
			}
		}
	}
	for a, n := range abbrev {
		if _, ok := lowerASCII(make([]byte, maxLookup), a); ok && n >= 2 {
			lx.abbrevs[a] = true
		}
	}
	for f, c := range forms {
		if _, ok := lowerASCII(make([]byte, maxLookup), f); ok && c.split >= minCount && 2*c.split > c.total {
			lx.multi[f] = partLengths(c.parts)
		}
	}
	probe := &splitter{lex: lx}
	for tok, n := range tokens {
		if n < minCount || n <= split[tok] || !strings.ContainsFunc(tok, isPunct) {
			continue
		}
		probe.text, probe.out, probe.openSingle = tok, probe.out[:0], false
		probe.run()
		if len(probe.out) > 1 {
			lx.whole[tok] = true
		}
	}
}

func isPunct(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func lowerAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ToLower(x)
	}
	return out
}
