// Package parser is dyad's dependency parser: a greedy arc-hybrid
// transition parser whose transitions are chosen by an averaged perceptron
// over hashed Zhang and Nivre (2011) features, trained with the dynamic
// oracle of Goldberg and Nivre (2013), and whose arcs are labelled by a
// second averaged perceptron with the full UD relation set (subtypes
// included). It reads each token's form, UPOS and XPOS and writes Head and
// DepRel; every sentence comes out as a tree with a single root, and
// parsing is linear in the sentence length, so no input is too long.
//
// The shipped model (models.Parser) is trained by `dyad train parser` on
// UD English EWT, with the training set's tags jackknifed so the parser
// meets the tagger's real mistakes.
package parser

import (
	"bytes"
	"sync"
	"unicode"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/models"
)

// Model is a trained parser. It is safe for concurrent use.
type Model struct {
	labels []string // arc labels; labels[rootLabel] is "root"
	root   int16
	// punct is the index of "punct" in labels, or -1.
	punct int16
	// actions scores SHIFT, LEFT and RIGHT; arcs scores the labels.
	actions *actionWeights
	arcs    *labelWeights
	scratch sync.Pool
	// supertags says the model reads the tokens' supertags
	// (dyad.Token.Supertag), which changes its feature templates.
	supertags bool
	// chosen is what training chose (see Chosen); not saved.
	chosen TrainOptions
}

// Default returns the model embedded in the binary (models.Parser),
// loading it on first use.
func Default() (*Model, error) { return loadDefault() }

var loadDefault = sync.OnceValues(func() (*Model, error) {
	return Load(bytes.NewReader(models.Parser))
})

// scratch is the per-call working memory of a parse.
type scratch struct {
	st     state
	w      words
	x      extractor
	scores []float32
}

func (m *Model) getScratch() *scratch {
	if s, ok := m.scratch.Get().(*scratch); ok {
		return s
	}
	s := &scratch{scores: make([]float32, max(numActions, len(m.labels)))}
	s.x.w, s.x.supertags = &s.w, m.supertags
	return s
}

// Parse fills Head and DepRel of every token of doc, sentence by sentence,
// from the tokens' Text, UPOS and XPOS. Heads are Doc-level indices, -1
// for each sentence's single root. Tokens outside doc.Sentences (or all
// tokens, when there are no sentences) are parsed as one sentence per
// stretch.
func (m *Model) Parse(doc *dyad.Doc) {
	sc := m.getScratch()
	defer m.scratch.Put(sc)
	for sp := range doc.Stretches() {
		m.parseSentence(sc, doc.Tokens, sp.Start, sp.End)
	}
}

func (m *Model) parseSentence(sc *scratch, toks []dyad.Token, start, end int) {
	n := end - start
	sc.w.reset(n)
	for i := range n {
		t := &toks[start+i]
		sc.w.set(i, t.Text, t.UPOS, t.XPOS, t.Supertag)
	}
	sc.w.finish(n)
	st := &sc.st
	st.reset(n)
	for !st.final() {
		a := m.bestAction(sc, st)
		lab := int16(none)
		if a != shift {
			lab = m.bestLabel(sc, st, a)
		}
		st.apply(a, lab)
	}
	m.rerootPunctuation(st, toks[start:end])
	for i := range n {
		t := &toks[start+i]
		if h := int(st.head[i]); h == n {
			t.Head = -1
		} else {
			t.Head = start + h
		}
		t.DepRel = m.labels[st.label[i]]
	}
}

// RelabelNumberWords is the pipeline step after the parser that makes a
// number written in letters before the noun it hangs on that noun's
// nummod where the labeller said compound ("wounded seven U.S.
// personnel", "seven" a compound of "personnel"). EWT train has 520 such
// words as nummod and 5 as compound; digits are left alone, as compounds
// are common among them ("the 2008 election"). As for
// tagger.RestoreMainVerbs, the model's own output (Model.Parse) is left
// as it is, so what is trained on its trees does not depend on this step.
// It returns the number of tokens relabelled.
func RelabelNumberWords(doc *dyad.Doc) int {
	changed := 0
	for sp := range doc.Stretches() {
		changed += relabelNumberWords(doc.Tokens[sp.Start:sp.End], sp.Start)
	}
	return changed
}

// relabelNumberWords relabels the number words of one sentence whose
// heads are Doc indices offset by start.
func relabelNumberWords(toks []dyad.Token, start int) int {
	changed := 0
	for i := range toks {
		t := &toks[i]
		h := t.Head - start
		if t.DepRel != "compound" || t.UPOS != "NUM" || h <= i || h >= len(toks) || toks[h].UPOS != "NOUN" || !lettersOnly(t.Text) {
			continue
		}
		t.DepRel = "nummod"
		changed++
	}
	return changed
}

// lettersOnly reports whether s is one or more letters and nothing else.
func lettersOnly(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// rerootPunctuation moves the root of a sentence off a punctuation mark.
// UD roots a sentence on punctuation only when it has nothing else, but
// the parser, which roots the last word left on its stack, sometimes
// does so when a sentence opens with a quotation mark or bracket (14 of
// the 1,920 news sentences of data/treebank): then every clause hangs
// from the mark. The mark's first verb dependent, else its first
// dependent that is not punctuation, becomes the root and takes the
// mark and its other dependents.
func (m *Model) rerootPunctuation(st *state, toks []dyad.Token) {
	n := int32(st.n)
	r := int32(none)
	for i := range n {
		if st.head[i] == n {
			r = i
			break
		}
	}
	if r == none || toks[r].UPOS != "PUNCT" || m.punct < 0 {
		return
	}
	root := int32(none)
	for i := range n {
		if st.head[i] != r || toks[i].UPOS == "PUNCT" {
			continue
		}
		if root == none || (toks[i].UPOS == "VERB" && toks[root].UPOS != "VERB") {
			root = i
		}
	}
	if root == none {
		return
	}
	for i := range n {
		if st.head[i] == r && i != root {
			st.head[i] = root
		}
	}
	st.head[root], st.label[root] = n, m.root
	st.head[r], st.label[r] = root, m.punct
}

// bestAction returns the highest-scoring legal action.
func (m *Model) bestAction(sc *scratch, st *state) int {
	var scores [numActions]float32
	m.actions.score(sc.x.actionFeatures(st), &scores)
	best := -1
	for a := range numActions {
		if st.legal(a) && (best < 0 || scores[a] > scores[best]) {
			best = a
		}
	}
	return best
}

// bestLabel returns the label of the arc the legal arc action a makes:
// "root" for the root, else the best-scoring other label.
func (m *Model) bestLabel(sc *scratch, st *state, a int) int16 {
	h, d := st.arcHead(a), st.stack[len(st.stack)-1]
	if int(h) == st.n {
		return m.root
	}
	scores := sc.scores[:len(m.labels)]
	clear(scores)
	m.arcs.score(sc.x.labelFeatures(st, h, d), scores)
	best := -1
	for l, v := range scores {
		if int16(l) != m.root && (best < 0 || v > scores[best]) {
			best = l
		}
	}
	return int16(best)
}
