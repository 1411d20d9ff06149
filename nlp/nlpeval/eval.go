// Package nlpeval scores NLP output against gold CoNLL-U exactly as the
// CoNLL 2018 shared task's conll18_ud_eval.py does: gold and system words
// are aligned by the character offsets of their non-whitespace characters
// (multiword tokens through a longest common subsequence of their words),
// then tokens, sentences and words get precision, recall and F1, and the
// aligned words are scored for UPOS, XPOS, UFeats, AllTags, Lemmas, UAS,
// LAS, CLAS, MLAS and BLEX.
//
// It also rebuilds the raw text of a treebank (RawText), so a tokenizer
// can be evaluated from text as in the shared task.
package nlpeval

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// Score is one metric's counts and ratios.
type Score struct {
	Gold, System, Correct int
	// Aligned is the number of aligned words the metric was computed on;
	// zero for the span metrics (Tokens, Sentences, Words).
	Aligned   int
	Precision float64
	Recall    float64
	F1        float64
	// AlignedAccuracy is Correct/Aligned: accuracy on the words both sides
	// share, the figure usually quoted for taggers run on gold tokens.
	AlignedAccuracy float64
}

func newScore(gold, system, correct, aligned int) Score {
	s := Score{Gold: gold, System: system, Correct: correct, Aligned: aligned}
	if system > 0 {
		s.Precision = float64(correct) / float64(system)
	}
	if gold > 0 {
		s.Recall = float64(correct) / float64(gold)
	}
	if gold+system > 0 {
		s.F1 = 2 * float64(correct) / float64(gold+system)
	}
	if aligned > 0 {
		s.AlignedAccuracy = float64(correct) / float64(aligned)
	}
	return s
}

// Scores holds every metric of conll18_ud_eval.py.
type Scores struct {
	Tokens, Sentences, Words Score
	UPOS, XPOS, UFeats       Score
	AllTags, Lemmas          Score
	UAS, LAS, CLAS           Score
	MLAS, BLEX               Score
}

// Metrics lists the scores in the order conll18_ud_eval.py prints them.
func (s *Scores) Metrics() []struct {
	Name  string
	Score Score
} {
	return []struct {
		Name  string
		Score Score
	}{
		{"Tokens", s.Tokens}, {"Sentences", s.Sentences}, {"Words", s.Words},
		{"UPOS", s.UPOS}, {"XPOS", s.XPOS}, {"UFeats", s.UFeats},
		{"AllTags", s.AllTags}, {"Lemmas", s.Lemmas}, {"UAS", s.UAS},
		{"LAS", s.LAS}, {"CLAS", s.CLAS}, {"MLAS", s.MLAS}, {"BLEX", s.BLEX},
	}
}

// WriteTable writes the scores as the script's verbose table, in percent.
func (s *Scores) WriteTable(w io.Writer) error {
	var b strings.Builder
	b.WriteString("Metric     | Precision |    Recall |  F1 Score | AligndAcc\n")
	b.WriteString("-----------+-----------+-----------+-----------+-----------\n")
	for _, m := range s.Metrics() {
		acc := ""
		if m.Score.Aligned > 0 {
			acc = fmt.Sprintf("%10.2f", 100*m.Score.AlignedAccuracy)
		}
		fmt.Fprintf(&b, "%-11s|%10.2f |%10.2f |%10.2f |%s\n", m.Name,
			100*m.Score.Precision, 100*m.Score.Recall, 100*m.Score.F1, acc)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Relations whose words CLAS, MLAS and BLEX score (content) or attach to
// their heads as features (functional), as in the shared task.
var (
	contentRels = setOf("nsubj", "obj", "iobj", "csubj", "ccomp", "xcomp", "obl",
		"vocative", "expl", "dislocated", "advcl", "advmod", "discourse", "nmod",
		"appos", "nummod", "acl", "amod", "conj", "fixed", "flat", "compound",
		"list", "parataxis", "orphan", "goeswith", "reparandum", "root", "dep")
	functionalRels    = setOf("aux", "cop", "mark", "det", "clf", "case", "cc")
	universalFeatures = setOf("PronType", "NumType", "Poss", "Reflex", "Foreign",
		"Abbr", "Gender", "Animacy", "Number", "Case", "Definite", "Degree",
		"VerbForm", "Mood", "Tense", "Aspect", "Voice", "Evident", "Polarity",
		"Person", "Polite")
)

func setOf(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// span is a half-open range of indices into a treebank's characters.
type span struct{ start, end int }

// word is one syntactic word; for a part of a multiword token, span is
// the whole token's.
type word struct {
	span       span
	form       string
	lower      string // form lowercased, compared inside multiword tokens
	lemma      string
	upos, xpos string
	feats      string // universal features only, sorted
	deprel     string // without subtype
	multiword  bool
	parent     int // index into the treebank's words, -1 for a root
	funcKids   []int
	content    bool
	functional bool
}

// treebank is conll18_ud_eval.py's UDRepresentation.
type treebank struct {
	chars     []rune
	tokens    []span
	words     []word
	sentences []span
}

// load turns sentences into a treebank. Forms lose their Unicode space
// separators (category Zs), so a tokenizer may keep "5 000" as one token.
func load(sents []conllu.Sentence, side string) (*treebank, error) {
	tb := &treebank{}
	for si := range sents {
		s := &sents[si]
		if len(s.Words) == 0 {
			continue
		}
		sentStart := len(tb.words)
		tb.sentences = append(tb.sentences, span{start: len(tb.chars)})
		ri := 0
		for wi := 0; wi < len(s.Words); {
			w := &s.Words[wi]
			if w.ID != wi+1 {
				return nil, fmt.Errorf("%s sentence %d: word %d has ID %d", side, si+1, wi+1, w.ID)
			}
			for ri < len(s.Ranges) && s.Ranges[ri].Last < w.ID {
				ri++
			}
			n, form := 1, w.Form
			if ri < len(s.Ranges) && s.Ranges[ri].First == w.ID {
				r := s.Ranges[ri]
				if r.Last < r.First || r.Last > len(s.Words) {
					return nil, fmt.Errorf("%s sentence %d: bad multiword range %d-%d", side, si+1, r.First, r.Last)
				}
				n, form = r.Last-r.First+1, r.Form
			}
			form = stripSpaces(form)
			if form == "" {
				return nil, fmt.Errorf("%s sentence %d: empty FORM at word %d", side, si+1, w.ID)
			}
			tok := span{start: len(tb.chars)}
			tb.chars = append(tb.chars, []rune(form)...)
			tok.end = len(tb.chars)
			tb.tokens = append(tb.tokens, tok)
			for k := 0; k < n; k++ {
				sw := &s.Words[wi+k]
				if sw.Head < 0 || sw.Head > len(s.Words) {
					return nil, fmt.Errorf("%s sentence %d: HEAD %d of word %d points outside the sentence", side, si+1, sw.Head, sw.ID)
				}
				f := sw.Form
				if n == 1 {
					f = form
				}
				rel, _, _ := strings.Cut(sw.DepRel, ":")
				parent := -1
				if sw.Head > 0 {
					parent = sentStart + sw.Head - 1
				}
				tb.words = append(tb.words, word{
					span: tok, form: f, lower: strings.ToLower(f), lemma: sw.Lemma, upos: sw.UPOS, xpos: sw.XPOS,
					feats: universalFeats(sw.Feats), deprel: rel, multiword: n > 1,
					parent: parent, content: contentRels[rel], functional: functionalRels[rel],
				})
			}
			wi += n
		}
		for i := sentStart; i < len(tb.words); i++ {
			if p := tb.words[i].parent; p >= 0 && tb.words[i].functional {
				tb.words[p].funcKids = append(tb.words[p].funcKids, i)
			}
		}
		tb.sentences[len(tb.sentences)-1].end = len(tb.chars)
	}
	return tb, nil
}

func stripSpaces(s string) string {
	if !strings.ContainsFunc(s, isZs) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isZs(r) {
			return -1
		}
		return r
	}, s)
}

func isZs(r rune) bool { return unicode.Is(unicode.Zs, r) }

func universalFeats(feats string) string {
	var keep []string
	for _, f := range strings.Split(feats, "|") {
		name, _, _ := strings.Cut(f, "=")
		if universalFeatures[name] {
			keep = append(keep, f)
		}
	}
	sort.Strings(keep)
	return strings.Join(keep, "|")
}

// Evaluate scores system against gold. Both must spell the same text once
// whitespace is removed, or Evaluate fails saying where they first differ.
//
// Unlike conll18_ud_eval.py, a system sentence that is not a tree (no
// root, several roots, a cycle) is scored rather than rejected, so a
// tokenizer's output without a parse can be evaluated; no score depends
// on the tree being well formed.
func Evaluate(gold, system []conllu.Sentence) (Scores, error) {
	g, err := load(gold, "gold")
	if err != nil {
		return Scores{}, err
	}
	s, err := load(system, "system")
	if err != nil {
		return Scores{}, err
	}
	if i := firstDiff(g.chars, s.chars); i >= 0 {
		return Scores{}, fmt.Errorf("the concatenation of tokens in gold and system differ at character %d: gold %q, system %q",
			i, snippet(g.chars, i), snippet(s.chars, i))
	}
	a := align(g.words, s.words)
	w := func(i int, sd side) *word { return &sd.words[i] }
	labelled := func(i int, sd side) any { return fmt.Sprint(sd.parent(i), "\x00", w(i, sd).deprel) }
	return Scores{
		Tokens:    spansScore(g.tokens, s.tokens),
		Sentences: spansScore(g.sentences, s.sentences),
		Words:     newScore(len(g.words), len(s.words), len(a.pairs), 0),
		UPOS:      a.score(nil, func(i int, sd side) any { return w(i, sd).upos }),
		XPOS:      a.score(nil, func(i int, sd side) any { return w(i, sd).xpos }),
		UFeats:    a.score(nil, func(i int, sd side) any { return w(i, sd).feats }),
		AllTags: a.score(nil, func(i int, sd side) any {
			x := w(i, sd)
			return [3]string{x.upos, x.xpos, x.feats}
		}),
		Lemmas: a.score(nil, func(i int, sd side) any { return sd.lemma(i) }),
		UAS:    a.score(nil, func(i int, sd side) any { return sd.parent(i) }),
		LAS:    a.score(nil, labelled),
		CLAS:   a.score(isContent, labelled),
		MLAS: a.score(isContent, func(i int, sd side) any {
			x := w(i, sd)
			var b strings.Builder
			fmt.Fprint(&b, sd.parent(i), "\x00", x.deprel, "\x00", x.upos, "\x00", x.feats)
			for _, k := range x.funcKids {
				c := &sd.words[k]
				fmt.Fprint(&b, "\x01", sd.goldIndex(k), "\x00", c.deprel, "\x00", c.upos, "\x00", c.feats)
			}
			return b.String()
		}),
		BLEX: a.score(isContent, func(i int, sd side) any {
			return fmt.Sprint(sd.parent(i), "\x00", w(i, sd).deprel, "\x00", sd.lemma(i))
		}),
	}, nil
}

func isContent(w *word) bool { return w.content }

func firstDiff(a, b []rune) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return n
	}
	return -1
}

func snippet(cs []rune, i int) string {
	return string(cs[i:min(len(cs), i+20)])
}

// spansScore counts spans that start and end at the same characters.
func spansScore(gold, system []span) Score {
	correct, gi, si := 0, 0, 0
	for gi < len(gold) && si < len(system) {
		switch {
		case system[si].start < gold[gi].start:
			si++
		case gold[gi].start < system[si].start:
			gi++
		default:
			if gold[gi].end == system[si].end {
				correct++
			}
			gi++
			si++
		}
	}
	return newScore(len(gold), len(system), correct, 0)
}

// alignment pairs gold and system words.
type alignment struct {
	gold, system []word
	pairs        [][2]int // gold index, system index
	goldOf       []int    // system word index → aligned gold word, -1
}

// side reads words in gold terms: a gold word stands for itself; a
// system word stands for the gold word it is aligned to, or notAligned.
type side struct {
	words  []word
	gold   []word
	goldOf []int // nil on the gold side
}

const (
	root       = -1
	notAligned = -2
)

// goldIndex returns the gold word index standing for word i of this side.
func (sd side) goldIndex(i int) int {
	if sd.goldOf == nil {
		return i
	}
	if g := sd.goldOf[i]; g >= 0 {
		return g
	}
	return notAligned
}

func (sd side) parent(i int) int {
	if p := sd.words[i].parent; p >= 0 {
		return sd.goldIndex(p)
	}
	return root
}

// lemma is word i's lemma, or "_" when the gold word it stands for has
// none, so that unannotated gold lemmas count as right.
func (sd side) lemma(i int) string {
	if g := sd.goldIndex(i); g >= 0 && sd.gold[g].lemma == "_" {
		return "_"
	}
	return sd.words[i].lemma
}

func (a *alignment) score(filter func(*word) bool, key func(i int, sd side) any) Score {
	gold, system, aligned := len(a.gold), len(a.system), len(a.pairs)
	if filter != nil {
		gold, system, aligned = 0, 0, 0
		for i := range a.gold {
			if filter(&a.gold[i]) {
				gold++
			}
		}
		for i := range a.system {
			if filter(&a.system[i]) {
				system++
			}
		}
	}
	goldSide := side{words: a.gold, gold: a.gold}
	sysSide := side{words: a.system, gold: a.gold, goldOf: a.goldOf}
	correct := 0
	for _, p := range a.pairs {
		if filter != nil {
			if !filter(&a.gold[p[0]]) {
				continue
			}
			aligned++
		}
		if key(p[0], goldSide) == key(p[1], sysSide) {
			correct++
		}
	}
	return newScore(gold, system, correct, aligned)
}
