package ner

import (
	"fmt"
	"io"
	"slices"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/nlp/conllu"
)

// A document names the same entity several times, often once in a way
// that is easy to read ("Enron Corp.", "Mr. Lay") and then in ways that
// are not ("Enron", "Lay", "enron"). The second stage re-reads each
// sentence knowing the first stage's tag of every token and how the first
// stage tagged the other occurrences of the same word in the document.
// It is trained on first-stage tags predicted by models that never saw
// the sentence (jackknifing), so it learns how far to trust them.

// stackInfo is the first stage's reading of one token.
type stackInfo struct {
	tag uint8 // first-stage BILOU tag index
	// docLabel is 1 + the label the first stage gave most often to the
	// other occurrences of the token's word in the document, 0 when it
	// tagged them all O, noOther when there are none.
	docLabel uint8
	// docShare buckets the share of the other occurrences that carry
	// docLabel: 0 under a half, 1 a half or more, 2 all.
	docShare uint8
	// docPos is the BILOU prefix those occurrences mostly have.
	docPos uint8
}

const noOther = 0xFF

// docCounts accumulates, per word, how the first stage tagged its
// occurrences in one document: by label and BILOU prefix, and O.
type docCounts struct {
	index  map[string]int
	counts []uint16 // per word: numLabels*4 entity counts then one O count
	width  int
}

func newDocCounts(labels int) *docCounts {
	return &docCounts{index: map[string]int{}, width: labels*4 + 1}
}

func (d *docCounts) reset() {
	clear(d.index)
	d.counts = d.counts[:0]
}

// slot returns the index in counts of the column for a tag.
func (m *Model) slot(t int) int {
	tg := m.tags[t]
	if tg.prefix == 'O' {
		return len(m.labels) * 4
	}
	return tg.label*4 + prefixIndex(tg.prefix)
}

func prefixIndex(p byte) int {
	switch p {
	case 'B':
		return 0
	case 'I':
		return 1
	case 'L':
		return 2
	}
	return 3
}

// countsWorth reports whether a token's word is counted across the
// document: words with a letter only, so punctuation and numbers stay out.
func countsWorth(ti *tokenInfo) bool {
	for _, r := range ti.lower {
		if r >= 'a' && r <= 'z' || r > 0x7F {
			return true
		}
	}
	return false
}

func (d *docCounts) add(m *Model, word string, t int) {
	k, ok := d.index[word]
	if !ok {
		k = len(d.counts) / d.width
		d.index[word] = k
		d.counts = append(d.counts, make([]uint16, d.width)...)
	}
	if c := &d.counts[k*d.width+m.slot(t)]; *c < 0xFFFF {
		*c++
	}
}

// fill sets the document fields of si for a token of word whose own
// first-stage tag is t, leaving its own occurrence out of the counts.
func (d *docCounts) fill(m *Model, si *stackInfo, word string, t int) {
	si.docLabel = noOther
	k, ok := d.index[word]
	if !ok {
		return
	}
	row := slices.Clone(d.counts[k*d.width : (k+1)*d.width])
	if row[m.slot(t)] > 0 {
		row[m.slot(t)]--
	}
	total := 0
	for _, c := range row {
		total += int(c)
	}
	if total == 0 {
		return
	}
	best, bestN := 0, 0
	for l := range m.labels {
		n := 0
		for p := range 4 {
			n += int(row[l*4+p])
		}
		if n > bestN {
			best, bestN = l+1, n
		}
	}
	bestPos := 0
	if best > 0 {
		for p := range 4 {
			if row[(best-1)*4+p] > row[(best-1)*4+bestPos] {
				bestPos = p
			}
		}
	}
	si.docLabel = uint8(best)
	switch {
	case best == 0:
		si.docShare = 2
	case bestN == total:
		si.docShare = 2
	case 2*bestN >= total:
		si.docShare = 1
	default:
		si.docShare = 0
	}
	si.docPos = uint8(bestPos)
}

// stackedFeatures appends the second stage's features of token i.
func (s *sentence) stackedFeatures(i int, dst []uint64) []uint64 {
	st := &s.stack[i]
	t := &s.info[i]
	prevTag, nextTag := uint64(0xFE), uint64(0xFE)
	if i > 0 {
		prevTag = uint64(s.stack[i-1].tag)
	}
	if i+1 < len(s.stack) {
		nextTag = uint64(s.stack[i+1].tag)
	}
	tag := uint64(st.tag)
	dst = append(dst,
		mix(fStackTag, tag, 0),
		mix(fStackTagCap, tag, uint64(t.cap)),
		mix(fStackTri, tag, prevTag<<8|nextTag),
		mix(fStackTagLower, tag, t.hLower),
	)
	if st.docLabel == noOther {
		return dst
	}
	if st.docLabel == 0 {
		return append(dst, mix(fDocOnlyO, uint64(t.cap), tag))
	}
	lab := uint64(st.docLabel)<<8 | uint64(st.docShare)<<4 | uint64(st.docPos)
	return append(dst,
		mix(fDocLabel, lab, 0),
		mix(fDocLabelCap, lab, uint64(t.cap)),
		mix(fDocLabelTag, uint64(st.docLabel)<<4|uint64(st.docShare), tag),
	)
}

// firstStage tags the tokens of each sentence span of one document with
// the first stage and returns the stack information of every token
// (indexed like toks).
func (m *Model) firstStage(s *sentence, toks []dyad.Token, sents []dyad.Span, d *docCounts, out []stackInfo) []stackInfo {
	out = grow(out, len(toks))
	clear(out)
	d.reset()
	for _, sp := range sents {
		m.prepare(s, toks[sp.Start:sp.End])
		m.emissions(s)
		m.viterbi(s)
		for i, b := range s.best {
			out[sp.Start+i].tag = uint8(b)
			if countsWorth(&s.info[i]) {
				d.add(m, s.info[i].lower, b)
			}
		}
	}
	for _, sp := range sents {
		for i := sp.Start; i < sp.End; i++ {
			si := &out[i]
			si.docLabel = noOther
			lower := normalizeWord(toks[i].Text)
			var ti tokenInfo
			ti.lower = lower
			if countsWorth(&ti) {
				d.fill(m, si, lower, int(si.tag))
			}
		}
	}
	return out
}

// documents splits sentences into documents at "newdoc" comments.
func documents(sents []conllu.Sentence) [][]conllu.Sentence {
	var out [][]conllu.Sentence
	start := 0
	for i := 1; i <= len(sents); i++ {
		if i == len(sents) || isDocStart(&sents[i]) {
			out = append(out, sents[start:i])
			start = i
		}
	}
	return out
}

func isDocStart(s *conllu.Sentence) bool {
	for _, c := range s.Comments {
		if len(c) >= 6 && c[:6] == "newdoc" {
			return true
		}
	}
	return false
}

// stackInstances tags the documents with the first stage m and returns
// them as second-stage training instances with their gold tags.
func (m *Model) stackInstances(docs [][]conllu.Sentence, into *Model) ([]instance, error) {
	var out []instance
	s := &sentence{}
	d := newDocCounts(len(m.labels))
	for _, doc := range docs {
		var toks []dyad.Token
		var spans []dyad.Span
		for i := range doc {
			wt := wordTokens(&doc[i])
			spans = append(spans, dyad.Span{Start: len(toks), End: len(toks) + len(wt)})
			toks = append(toks, wt...)
		}
		stack := m.firstStage(s, toks, spans, d, nil)
		for i := range doc {
			tags, ok := GoldTags(&doc[i])
			if !ok {
				return nil, fmt.Errorf("ner: sentence %s has no entity tags", doc[i].Comment("sent_id"))
			}
			gold, err := into.bilou(tags)
			if err != nil {
				return nil, err
			}
			sp := spans[i]
			out = append(out, instance{toks: toks[sp.Start:sp.End], gold: gold, stack: stack[sp.Start:sp.End]})
		}
	}
	return out, nil
}

// trainStacked trains the first stage on train and the second stage on
// train's documents tagged by first-stage models trained on the other
// folds.
func trainStacked(train, dev []conllu.Sentence, opts TrainOptions) (*Model, error) {
	first, err := trainStage(train, dev, opts)
	if err != nil {
		return nil, err
	}
	docs := documents(train)
	folds := min(opts.StackFolds, len(docs))
	var data []instance
	for f := range folds {
		lo, hi := f*len(docs)/folds, (f+1)*len(docs)/folds
		var rest []conllu.Sentence
		for _, d := range docs[:lo] {
			rest = append(rest, d...)
		}
		for _, d := range docs[hi:] {
			rest = append(rest, d...)
		}
		fo := opts
		fo.Log = nil
		fm, err := trainStage(rest, nil, fo)
		if err != nil {
			return nil, fmt.Errorf("ner: stacking fold %d: %w", f, err)
		}
		in, err := fm.stackInstances(docs[lo:hi], first)
		if err != nil {
			return nil, err
		}
		data = append(data, in...)
	}
	second := newModel(first.labels, first.gaz, first.lex)
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	fmt.Fprintf(log, "ner: second stage on %d sentences\n", len(data))
	second.fit(data, opts.Epochs, opts.Seed, nil, log)
	first.second = second
	return first, nil
}
