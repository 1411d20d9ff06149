package coder

import (
	"sort"
	"strings"

	"github.com/dyadnews/dyad"
)

// quoteSpan is a quote found in a Doc: direct ("...," Blinken said),
// partial (a "clear consensus") or indirect (Austin said the U.S. was
// sure ...).
type quoteSpan struct {
	Text            string
	Direct, Partial bool
	// Sentence is the index of the sentence the quote begins in.
	Sentence int
	// Speaker is the token index of the speaker's head word, which may
	// be a pronoun ("he") for the caller to resolve; -1 when unknown.
	Speaker         int
	SpeakerSentence int
}

// maxQuoteBytes bounds a quote's text: an unclosed quote mark must not
// swallow a story.
const maxQuoteBytes = 4000

// speechVerbs introduce quotes and reported speech.
var speechVerbs = map[string]bool{
	"say": true, "tell": true, "add": true, "announce": true, "claim": true, "warn": true, "insist": true,
	"state": true, "declare": true, "note": true, "stress": true, "confirm": true, "deny": true,
	"acknowledge": true, "report": true, "argue": true, "assert": true, "allege": true, "explain": true,
	"vow": true, "predict": true, "reply": true, "respond": true, "admit": true, "emphasize": true,
	"emphasise": true, "write": true, "tweet": true, "ask": true, "continue": true, "conclude": true,
	"comment": true, "remark": true, "observe": true, "recall": true, "reiterate": true, "testify": true,
	"concede": true, "complain": true, "post": true,
}

// namingVerbs introduce partial quotes that name a thing: what it
// called "reckless" actions.
var namingVerbs = map[string]bool{"call": true, "describe": true, "term": true, "dub": true, "label": true, "brand": true}

// quoteMark is a quotation mark token: double or single, opening or
// closing.
type quoteMark struct {
	tok          int
	double, open bool
}

// findQuotes returns the quotes of a Doc in text order: direct quotes in
// curly or straight marks, across sentences and paragraphs (a paragraph
// that ends inside a quote and a next one that reopens it continue it,
// as news style writes), joined across a "Blinken said," interruption;
// partial quotes inside the reporter's sentence; and indirect speech
// ("X said [that] ...", "..., X said."). Speakers are the subjects of
// the attributing verbs, or for a quote without one the speaker of its
// paragraph or of the sentence before.
func findQuotes(d *docTrees) []quoteSpan {
	doc := d.doc
	if doc == nil || len(doc.Tokens) == 0 || len(doc.Sentences) == 0 {
		return nil
	}
	q := quoteFinder{doc: doc, paras: blankLineParagraphs(doc), trees: d}
	q.inQuote = make([]bool, len(doc.Tokens))
	spans := q.pairMarks()
	var out []quoteSpan
	for _, s := range spans {
		if qs, ok := q.direct(s); ok {
			out = append(out, qs)
		}
	}
	out = q.mergeInterrupted(out)
	q.fillMissingSpeakers(out)
	out = append(out, q.indirect()...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Sentence < out[j].Sentence })
	return out
}

type quoteFinder struct {
	doc     *dyad.Doc
	paras   []int // paragraph of each sentence
	trees   *docTrees
	inQuote []bool
	// attributions are the speech verbs used as attributions of direct
	// quotes, so they are not read again as indirect speech.
	attributions map[int]bool
}

// segment is a run of quoted tokens [from, to) within one paragraph.
type segment struct{ from, to int }

// quoteRun is one quote: its segments (one per paragraph) and the marks
// around it (-1 for a mark the text omits).
type quoteRun struct {
	open, close int
	segs        []segment
}

func (q *quoteFinder) tree(si int) *sentenceTree {
	t, _ := q.trees.sentence(si)
	return t
}

func (q *quoteFinder) paragraphOfToken(tok int) int {
	si := sentenceIndexOf(q.doc, tok)
	if si < 0 || si >= len(q.paras) {
		return -1
	}
	return q.paras[si]
}

// marks classifies the Doc's quotation marks. A straight mark opens when
// it is written against the word after it and apart from the one before.
func (q *quoteFinder) marks() []quoteMark {
	var out []quoteMark
	toks := q.doc.Tokens
	for i, t := range toks {
		spaceBefore := i == 0 || toks[i-1].SpaceAfter || toks[i-1].Text == "(" || toks[i-1].Text == "—"
		switch t.Text {
		case "“", "«", "„":
			out = append(out, quoteMark{i, true, true})
		case "”", "»":
			out = append(out, quoteMark{i, true, false})
		case "‘":
			out = append(out, quoteMark{i, false, true})
		case "’":
			out = append(out, quoteMark{i, false, false})
		case "\"", "''", "``":
			out = append(out, quoteMark{i, true, t.Text == "``" || (t.Text == "\"" && spaceBefore && !t.SpaceAfter)})
		case "'":
			out = append(out, quoteMark{i, false, spaceBefore && !t.SpaceAfter})
		}
	}
	return out
}

// pairMarks pairs opening and closing marks into quotes. Single marks
// inside a double quote are nested quotes and stay part of it; a single
// closing mark with no single quote open is an apostrophe.
func (q *quoteFinder) pairMarks() []quoteRun {
	var runs []quoteRun
	cur := quoteRun{open: -1}
	open, double := false, false
	finish := func(closeTok, end int) {
		if n := len(cur.segs); n > 0 {
			cur.segs[n-1].to = end
		}
		cur.close = closeTok
		runs = append(runs, cur)
		open = false
	}
	ms := q.marks()
	for mi, m := range ms {
		if open && q.paragraphOfToken(m.tok) != q.paragraphOfToken(cur.segs[len(cur.segs)-1].from) {
			// The paragraph ended inside the quote: it continues if the
			// new paragraph reopens it with its first token, else it ends
			// with the paragraph.
			last := q.paragraphEnd(cur.segs[len(cur.segs)-1].from)
			if m.open && m.double == double && q.startsParagraph(m.tok) {
				cur.segs[len(cur.segs)-1].to = last
				cur.segs = append(cur.segs, segment{from: m.tok + 1})
				continue
			}
			finish(-1, last)
		}
		switch {
		case !open && m.open:
			if !m.double && mi+1 < len(ms) && !q.singleCloses(ms[mi+1:], m.tok) {
				continue
			}
			cur = quoteRun{open: m.tok, segs: []segment{{from: m.tok + 1}}}
			open, double = true, m.double
		case open && m.double == double && !m.open:
			finish(m.tok, m.tok)
		case open && m.double == double && m.open && m.double:
			// A double quote opened inside another: the first lost its
			// closing mark.
			finish(-1, m.tok)
			cur = quoteRun{open: m.tok, segs: []segment{{from: m.tok + 1}}}
			open = true
		}
	}
	if open {
		finish(-1, q.paragraphEnd(cur.segs[len(cur.segs)-1].from))
	}
	return runs
}

// singleCloses reports whether a single opening mark at tok is closed
// in its paragraph, so that a lone ‘ is not a quote that runs on.
func (q *quoteFinder) singleCloses(rest []quoteMark, tok int) bool {
	p := q.paragraphOfToken(tok)
	for _, m := range rest {
		if q.paragraphOfToken(m.tok) != p {
			return false
		}
		if !m.double && !m.open {
			return true
		}
	}
	return false
}

// startsParagraph reports whether tok is the first token of its paragraph.
func (q *quoteFinder) startsParagraph(tok int) bool {
	si := sentenceIndexOf(q.doc, tok)
	return si >= 0 && q.doc.Sentences[si].Start == tok && (si == 0 || q.paras[si-1] != q.paras[si])
}

// paragraphEnd returns the token after the last of tok's paragraph.
func (q *quoteFinder) paragraphEnd(tok int) int {
	si := sentenceIndexOf(q.doc, tok)
	if si < 0 {
		return min(tok+1, len(q.doc.Tokens))
	}
	for si+1 < len(q.doc.Sentences) && q.paras[si+1] == q.paras[si] {
		si++
	}
	return q.doc.Sentences[si].End
}

// text joins the quote's segments' text.
func (q *quoteFinder) text(r quoteRun) string {
	var b strings.Builder
	for _, s := range r.segs {
		if s.from >= s.to || s.to > len(q.doc.Tokens) {
			continue
		}
		a, e := q.doc.Tokens[s.from].Start, q.doc.Tokens[s.to-1].End
		if a < 0 || e > len(q.doc.Text) || a >= e {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.TrimRight(strings.TrimSpace(q.doc.Text[a:e]), " ,"))
		if b.Len() > maxQuoteBytes {
			break
		}
	}
	s := b.String()
	if len(s) > maxQuoteBytes {
		s = s[:maxQuoteBytes]
		for len(s) > 0 && s[len(s)-1]&0xC0 == 0x80 {
			s = s[:len(s)-1]
		}
		if len(s) > 0 && s[len(s)-1] >= 0xC0 {
			s = s[:len(s)-1]
		}
	}
	return strings.TrimRight(s, " ,")
}

// direct makes a quoteSpan of a quote run: direct when the quote opens
// its sentence or follows an attribution ("He said: “...”"), partial when
// it sits inside the reporter's words.
func (q *quoteFinder) direct(r quoteRun) (quoteSpan, bool) {
	first := r.segs[0].from
	lastSeg := r.segs[len(r.segs)-1]
	if first >= len(q.doc.Tokens) || lastSeg.to <= lastSeg.from {
		return quoteSpan{}, false
	}
	text := q.text(r)
	if text == "" {
		return quoteSpan{}, false
	}
	for _, s := range r.segs {
		for i := s.from; i < s.to; i++ {
			q.inQuote[i] = true
		}
	}
	si := sentenceIndexOf(q.doc, first)
	qs := quoteSpan{Text: text, Sentence: si, Speaker: -1, SpeakerSentence: -1}
	t := q.tree(si)
	if t == nil {
		return quoteSpan{}, false
	}
	openTok := first - 1
	lead := q.leadBefore(t, openTok)
	endSi := sentenceIndexOf(q.doc, lastSeg.to-1)
	qs.Direct = true
	// A quote after a colon is the words of the clause before it: "Sunak
	// defended the record: “The Home Secretary and I ...”".
	colon := t.in(openTok-1) && t.tok(openTok-1).Text == ":"
	if lead >= 0 && len(r.segs) == 1 && endSi == si && !colon && !q.attributionBefore(t, lead) {
		qs.Partial = true
	}
	v := -1
	if qs.Partial {
		v = q.dominatingSpeechVerb(t, first, lastSeg.to)
	}
	if v < 0 {
		// The attribution is outside the quote: after it in the sentence
		// it ends in ("...,” Austin said), or before it ("He said: “...").
		if et := q.tree(endSi); et != nil {
			v = q.speechVerbOutside(et, max(lastSeg.to, et.start), et.end)
		}
		if v < 0 {
			v = q.speechVerbOutside(t, t.start, max(openTok, t.start))
		}
		if r := t.root(); v < 0 && colon && r >= t.start && r < openTok {
			v = r
		}
	}
	if v >= 0 {
		q.attribute(&qs, v)
	}
	return qs, true
}

// leadBefore returns the last non-punctuation token before the opening
// mark in its sentence, -1 if the quote opens the sentence.
func (q *quoteFinder) leadBefore(t *sentenceTree, openTok int) int {
	for i := openTok - 1; i >= t.start; i-- {
		if t.tok(i).UPOS != "PUNCT" {
			return i
		}
	}
	return -1
}

// attributionBefore reports an attribution ending at the lead token: a
// speech verb, possibly with its subject after it, followed by a colon or
// comma ("He said: “...", "said Blinken, “...").
func (q *quoteFinder) attributionBefore(t *sentenceTree, lead int) bool {
	if lead+1 >= t.end {
		return false
	}
	if p := t.tok(lead + 1).Text; p != ":" && p != "," {
		return false
	}
	for i := lead; i >= max(t.start, lead-4); i-- {
		if speechVerbs[t.tok(i).Lemma] && t.tok(i).UPOS == "VERB" {
			return true
		}
	}
	return false
}

// dominatingSpeechVerb finds the speech or naming verb a partial quote
// hangs on: saying the United States “will not tolerate”, what it called
// “reckless”.
func (q *quoteFinder) dominatingSpeechVerb(t *sentenceTree, from, to int) int {
	h := t.spanHeadIn(from, min(to, t.end))
	for i, hops := h, 0; i >= 0 && hops < 8; hops++ {
		if q.isSpeechVerb(t, i) || namingVerbs[t.tok(i).Lemma] {
			return i
		}
		i = t.head(i)
	}
	// A speech verb elsewhere in the sentence: "there was a “clear
	// consensus” that ..., said the top U.S. diplomat".
	return q.speechVerbOutside(t, t.start, t.end)
}

func (q *quoteFinder) isSpeechVerb(t *sentenceTree, i int) bool {
	tk := t.tok(i)
	return (tk.UPOS == "VERB" || tk.UPOS == "AUX") && speechVerbs[tk.Lemma]
}

// speechVerbOutside returns the first speech verb of tokens [from, to)
// that is not quoted, -1 if none.
func (q *quoteFinder) speechVerbOutside(t *sentenceTree, from, to int) int {
	for i := max(from, t.start); i < min(to, t.end); i++ {
		if !q.inQuote[i] && q.isSpeechVerb(t, i) {
			return i
		}
	}
	return -1
}

// attribute sets a quote's speaker from its attributing verb v.
func (q *quoteFinder) attribute(qs *quoteSpan, v int) {
	t := q.tree(sentenceIndexOf(q.doc, v))
	if t == nil {
		return
	}
	if q.attributions == nil {
		q.attributions = map[int]bool{}
	}
	q.attributions[v] = true
	if s := q.speaker(t, v); s >= 0 {
		qs.Speaker, qs.SpeakerSentence = s, t.index
	}
}

// speakerOf returns the speaker of speech verb v: its subject; the noun
// after it in an inversion ("said the top U.S. diplomat"); the agent of a
// passive ("it is asserted by the Crown"), whose subject is what is said
// or whom it is said of ("they should be declared not guilty"); or, for a
// verb without a subject of its own ("Austin was unequivocal, saying
// ..."), the subject of the clause it hangs on.
func (q *quoteFinder) speakerOf(t *sentenceTree, v int) int {
	// own is set while i is v or a verb v is coordinated with, whose
	// subject and voice are v's ("was placed on alert and told to ...").
	own := true
	for i, hops := v, 0; i >= 0 && hops < 4; hops++ {
		passive := false
		for _, k := range t.children(i) {
			switch t.tok(k).DepRel {
			case "nsubj:pass", "aux:pass":
				passive = true
			}
		}
		for _, k := range t.children(i) {
			r := t.tok(k).DepRel
			// A clause the speech verb hangs on may be passive: "he was
			// quoted as saying".
			subject := r == "nsubj" || r == "nsubj:pass" && !own
			if (subject || r == "obl:agent") && !q.inQuote[k] {
				return k
			}
		}
		if passive && own {
			return -1
		}
		// A participle ("saying the United States ...") has no inverted
		// subject: the noun after it is what is said.
		if i == v && t.tok(v).XPOS != "VBG" {
			for _, k := range t.children(i) {
				r := baseRel(t.tok(k).DepRel)
				if k > v && (r == "obj" || r == "nsubj") && t.nominal(k) && !q.inQuote[k] {
					return k
				}
			}
		}
		switch baseRel(t.tok(i).DepRel) {
		case "conj":
		case "advcl", "xcomp", "acl":
			own = false
		default:
			return -1
		}
		i = t.head(i)
	}
	return -1
}

// speaker returns who speaks by verb v: speakerOf, a relative pronoun
// taken back to its noun, else the name written before a verb the parse
// left without a subject (nameBefore); -1 when there is none.
func (q *quoteFinder) speaker(t *sentenceTree, v int) int {
	if k := q.speakerOf(t, v); k >= 0 {
		return q.relativeAntecedent(t, k)
	}
	return q.nameBefore(t, v)
}

// relativeAntecedent returns, for a relative pronoun at k ("Devocht, who
// had told Montalvo ..."), the noun it stands for: the head of its
// relative clause, else the noun written right before it; k itself for
// any other word.
func (q *quoteFinder) relativeAntecedent(t *sentenceTree, k int) int {
	switch strings.ToLower(t.tok(k).Text) {
	case "who", "which", "that":
	default:
		return k
	}
	if x := t.tok(k).XPOS; x != "WP" && x != "WDT" {
		return k
	}
	for i, hops := t.head(k), 0; i >= 0 && hops < 3; hops++ {
		if baseRel(t.tok(i).DepRel) == "acl" {
			if h := t.head(i); h >= 0 && h < k && t.nominal(h) {
				return h
			}
			break
		}
		i = t.head(i)
	}
	j := k - 1
	if t.in(j) && t.tok(j).Text == "," {
		j--
	}
	if t.in(j) && t.nominal(j) && !q.inQuote[j] {
		return t.phraseHead(j)
	}
	return k
}

// nameBefore returns the noun phrase written right before a finite
// speech verb the parse left without a subject or passive, set off by
// commas at most ("..., Malaysia's Prime Minister, Najib Razak, said"),
// -1 if there is none or if the parse puts it in what the verb says
// (a clausal complement). From the word before the verb it climbs to the
// phrase's head: out of names and compounds, prepositional phrases
// ("spokesman for the Indonesian military", "Matthew Ingram of The Globe
// and Mail") and conjunctions, and from a title in apposition to the
// name it describes ("Hilary Braysmith, USI associate professor of art
// history, said"); never from a name to a common noun, which would be
// the parse's mistake ("In an interview with Terry Gross, Stephen
// Colbert said").
func (q *quoteFinder) nameBefore(t *sentenceTree, v int) int {
	switch t.tok(v).XPOS {
	case "VBD", "VBZ", "VBP":
	default:
		return -1
	}
	for _, k := range t.children(v) {
		switch t.tok(k).DepRel {
		case "nsubj", "nsubj:pass", "aux:pass":
			return -1
		}
	}
	j := v - 1
	for t.in(j) && t.tok(j).Text == "," {
		j--
	}
	if !t.in(j) || q.inQuote[j] {
		return -1
	}
	switch t.tok(j).UPOS {
	case "PROPN", "NOUN", "PRON":
	default:
		return -1
	}
	for i, hops := j, 0; i >= 0 && hops < whereMaxHops; hops++ {
		if t.head(i) == v && baseRel(t.tok(i).DepRel) == "ccomp" {
			return -1
		}
		i = t.head(i)
	}
	for range whereMaxHops {
		h := t.head(j)
		if h < 0 || h > j || !t.nominal(h) {
			return j
		}
		name, headName := t.tok(j).UPOS == "PROPN", t.tok(h).UPOS == "PROPN"
		if name && !headName {
			return j
		}
		switch baseRel(t.tok(j).DepRel) {
		case "flat", "compound", "fixed", "conj":
		case "nmod":
			if t.caseWord(j) == "" {
				return j // "Governor of Washington Chris Gregoire" with "Chris" on "Governor"
			}
		case "appos":
			if name || !headName {
				return j
			}
		default:
			return j
		}
		j = h
	}
	return j
}

// accordingTo returns the source a sentence names with "according to"
// ("according to Yonhap news agency"), -1 if it names none.
func (q *quoteFinder) accordingTo(t *sentenceTree) int {
	for i := t.start; i+1 < t.end; i++ {
		if !strings.EqualFold(t.tok(i).Text, "according") || !strings.EqualFold(t.tok(i+1).Text, "to") || q.inQuote[i] {
			continue
		}
		if h := t.head(i); h > i && t.nominal(h) {
			return h
		}
		if j := i + 2; t.in(j) && t.nominal(j) {
			return t.phraseHead(j)
		}
	}
	return -1
}

// mergeInterrupted joins a quote split by its attribution: “We will
// respond,” he said, “and soon.” is one quote.
func (q *quoteFinder) mergeInterrupted(qs []quoteSpan) []quoteSpan {
	out := qs[:0]
	for _, s := range qs {
		if n := len(out); n > 0 {
			prev := &out[n-1]
			if prev.Direct && !prev.Partial && prev.Speaker >= 0 && s.Sentence == prev.SpeakerSentence &&
				(s.Speaker < 0 || s.Speaker == prev.Speaker) && s.Sentence >= prev.Sentence {
				prev.Text += " " + s.Text
				prev.Partial = false
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// fillMissingSpeakers gives a quote without an attribution of its own
// the source its sentence names ("according to Yonhap"), else the
// speaker of its paragraph: the nearest speaker before it in the
// paragraph, else after it, else the last speaker of the paragraph before
// (a quote paragraph following "Austin said ...").
func (q *quoteFinder) fillMissingSpeakers(qs []quoteSpan) {
	for i := range qs {
		if qs[i].Speaker >= 0 || qs[i].Sentence < 0 {
			continue
		}
		if t := q.tree(qs[i].Sentence); t != nil {
			if src := q.accordingTo(t); src >= 0 {
				qs[i].Speaker, qs[i].SpeakerSentence = src, t.index
				continue
			}
		}
		para := q.paras[qs[i].Sentence]
		for j := i - 1; j >= 0 && qs[i].Speaker < 0; j-- {
			if qs[j].Sentence >= 0 && q.paras[qs[j].Sentence] == para && qs[j].Speaker >= 0 {
				qs[i].Speaker, qs[i].SpeakerSentence = qs[j].Speaker, qs[j].SpeakerSentence
			}
		}
		if qs[i].Speaker >= 0 {
			continue
		}
		// Attributions in the paragraph's other sentences, nearest first,
		// then the paragraph before's last.
		for d := 1; d < len(q.doc.Sentences) && qs[i].Speaker < 0; d++ {
			inPara := false
			for _, s := range [2]int{qs[i].Sentence - d, qs[i].Sentence + d} {
				if s < 0 || s >= len(q.doc.Sentences) || q.paras[s] != para {
					continue
				}
				inPara = true
				if q.speakerInSentence(&qs[i], s) {
					break
				}
			}
			if !inPara {
				break
			}
		}
		if qs[i].Speaker < 0 && qs[i].Sentence > 0 && q.startsParagraph(q.doc.Sentences[qs[i].Sentence].Start) {
			q.speakerInSentence(&qs[i], qs[i].Sentence-1)
		}
	}
}

// speakerInSentence takes the speaker of sentence s's first unquoted
// speech verb, reporting whether there was one.
func (q *quoteFinder) speakerInSentence(qs *quoteSpan, s int) bool {
	t := q.tree(s)
	if t == nil {
		return false
	}
	v := q.speechVerbOutside(t, t.start, t.end)
	if v < 0 {
		v = q.introduction(t)
	}
	if v < 0 {
		return false
	}
	if sp := q.speaker(t, v); sp >= 0 {
		qs.Speaker, qs.SpeakerSentence = sp, s
		return true
	}
	return false
}

// introduction returns the verb of a sentence that introduces the quote
// after it without a verb of saying: a sentence ending in a colon ("...
// has called the sentence “dangerous”:"), whose main verb it is, or one
// that issues a statement ("issued a statement regarding ..."); -1 if
// it is neither.
func (q *quoteFinder) introduction(t *sentenceTree) int {
	if t.tok(t.end-1).Text == ":" {
		if r := t.root(); r >= 0 && !q.inQuote[r] {
			return r
		}
	}
	for i := t.start; i < t.end; i++ {
		if t.tok(i).UPOS != "VERB" || q.inQuote[i] {
			continue
		}
		for _, k := range t.children(i) {
			if t.tok(k).DepRel == "obj" && issuedNouns[strings.ToLower(t.tok(k).Lemma)] {
				return i
			}
		}
	}
	return -1
}

// indirect finds reported speech outside quotes: a speech verb with a
// complement clause ("Austin said the U.S. was sure ..."), or an
// attribution after or inside the reported words ("..., Blinken said
// on Tuesday." and "While ..., Blinken said, everyone ...").
func (q *quoteFinder) indirect() []quoteSpan {
	var out []quoteSpan
	for si := range q.doc.Sentences {
		t := q.tree(si)
		if t == nil {
			continue
		}
		for v := t.start; v < t.end; v++ {
			if q.inQuote[v] || q.attributions[v] || !q.isSpeechVerb(t, v) {
				continue
			}
			// "[words], X said" reads the words around an attribution
			// whose subject the parse found; a speaker found otherwise
			// (a relative pronoun's noun, the name before a verb the
			// parse left without a subject) reports its complement only.
			sp := q.speakerOf(t, v)
			text := ""
			if sp >= 0 && q.relativeAntecedent(t, sp) == sp {
				text = q.parenthetical(t, v, sp)
			} else if sp >= 0 {
				sp = q.relativeAntecedent(t, sp)
			} else if sp = q.nameBefore(t, v); sp < 0 {
				continue
			}
			if text == "" {
				text = q.complement(t, v)
			}
			if text == "" {
				continue
			}
			out = append(out, quoteSpan{Text: text, Sentence: si, Speaker: sp, SpeakerSentence: si})
		}
	}
	return out
}

// parenthetical reads reported words around an attribution set off by
// commas: "[words], Blinken said on Tuesday." or "[words], Blinken said,
// [words]." The attribution is the speech verb with its subject (or, in
// an inversion, the noun after it) and its modifiers.
func (q *quoteFinder) parenthetical(t *sentenceTree, v, sp int) string {
	from, to := t.subtreeSpan(sp)
	from, to = min(from, v), max(to, v+1)
	for from < v && t.tok(from).UPOS == "PUNCT" {
		from++
	}
	// The verb's own modifiers after it: "said on Tuesday".
	for _, k := range t.children(v) {
		if k > v && (baseRel(t.tok(k).DepRel) == "obl" || t.tok(k).DepRel == "advmod") {
			_, e := t.subtreeSpan(k)
			to = max(to, e)
		}
	}
	for to-1 > v && t.tok(to-1).UPOS == "PUNCT" {
		to--
	}
	if from-1 <= t.start || t.tok(from-1).Text != "," {
		return ""
	}
	before := q.unquoted(t, t.start, from-1)
	after := ""
	if to < t.end && t.tok(to).Text == "," {
		// "..., Blinken said, everyone should ..." reports both sides;
		// "..., Blinken said, even as the Pentagon warned ..." goes on
		// in the reporter's words.
		if to+1 < t.end {
			switch t.tok(to + 1).UPOS {
			case "SCONJ", "CCONJ", "ADV":
			default:
				after = q.unquoted(t, to+1, t.end)
			}
		}
	} else if to < t.end && t.tok(to).UPOS != "PUNCT" {
		return ""
	}
	before = stripDateline(before)
	if before == "" {
		return ""
	}
	if after != "" {
		return before + ", " + after
	}
	return before
}

// unquoted returns the text of tokens [from, to) without sentence-final
// punctuation; empty if a direct quote is among them.
func (q *quoteFinder) unquoted(t *sentenceTree, from, to int) string {
	for to > from && t.tok(to-1).UPOS == "PUNCT" {
		to--
	}
	for i := from; i < to; i++ {
		if q.inQuote[i] && (i == from || !q.inQuote[i-1]) && q.quoteIsWhole(t, i) {
			return ""
		}
	}
	return t.text(from, to)
}

// quoteIsWhole reports that the quote starting at token i opens the
// sentence: words around such a quote are its attribution, not speech
// reported in the reporter's words.
func (q *quoteFinder) quoteIsWhole(t *sentenceTree, i int) bool {
	return q.leadBefore(t, i-1) < 0
}

// stripDateline cuts a wire dateline off a story's first sentence:
// "ANNAPOLIS, Md., Aug 6 (Reuters) – The United States ...".
func stripDateline(s string) string {
	for _, dash := range [...]string{") – ", ") — ", ") - "} {
		if i := strings.Index(s, dash); i >= 0 && i < 80 {
			return s[i+len(dash):]
		}
	}
	return s
}

// complement reads the clause a speech verb reports: "said [that] the
// U.S. was sure ...", without a further attribution inside it.
func (q *quoteFinder) complement(t *sentenceTree, v int) string {
	for _, k := range t.children(v) {
		if t.tok(k).DepRel != "ccomp" || q.inQuote[k] {
			continue
		}
		from, to := t.subtreeSpan(k)
		for _, c := range t.children(k) {
			if c > k && q.isSpeechVerb(t, c) {
				if f, _ := t.subtreeSpan(c); f < to {
					to = f
				}
			}
		}
		for from < to && (t.tok(from).DepRel == "mark" || t.tok(from).UPOS == "PUNCT") {
			from++
		}
		for to > from && t.tok(to-1).UPOS == "PUNCT" {
			to--
		}
		if to-from < 2 {
			continue
		}
		return t.text(from, to)
	}
	return ""
}
