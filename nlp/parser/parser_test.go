package parser

import (
	"bytes"
	"compress/gzip"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/internal/modeltest"
	"github.com/dyadnews/dyad/nlp/conllu"
)

func readTiny(t testing.TB) []conllu.Sentence {
	t.Helper()
	sents, err := conllu.ReadFile("testdata/tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	return sents
}

// tinyModel trains on the handwritten sentences; without pruning, the
// perceptron must fit them.
func tinyModel(t testing.TB) *Model {
	t.Helper()
	opts := DefaultTrainOptions()
	opts.Epochs, opts.PruneBelow = 10, 0
	m, err := Train(readTiny(t), nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainFitsTrainingSentences(t *testing.T) {
	sents := readTiny(t)
	s := Evaluate(tinyModel(t), sents, nil)
	if s.Words != 55 || s.UAS != 1 || s.LASFull != 1 {
		t.Errorf("on its training sentences: %+v, want all 55 words right", s)
	}
}

func TestTrainIsDeterministic(t *testing.T) {
	if !bytes.Equal(modeltest.Saved(t, tinyModel(t)), modeltest.Saved(t, tinyModel(t))) {
		t.Error("two trainings with the same seed saved different models")
	}
}

func TestTrainRejectsBadInput(t *testing.T) {
	noRoot := readTiny(t)[:1]
	noRoot[0].Words = append([]conllu.Word(nil), noRoot[0].Words...)
	noRoot[0].Words[2].DepRel = "dep"
	badHead := readTiny(t)[:1]
	badHead[0].Words = append([]conllu.Word(nil), badHead[0].Words...)
	badHead[0].Words[0].Head = 99
	for name, c := range map[string]struct {
		sents  []conllu.Sentence
		epochs int
	}{
		"no sentences": {nil, 1},
		"no root":      {noRoot, 1},
		"bad head":     {badHead, 1},
		"no epochs":    {readTiny(t), 0},
	} {
		opts := DefaultTrainOptions()
		opts.Epochs = c.epochs
		if _, err := Train(c.sents, nil, opts); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	m := tinyModel(t)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sents := readTiny(t)
	if got, want := Evaluate(loaded, sents, nil), Evaluate(m, sents, nil); got != want {
		t.Errorf("loaded model scores %+v, saved one %+v", got, want)
	}
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestLoadRejectsBadFiles(t *testing.T) {
	var good bytes.Buffer
	if err := tinyModel(t).Save(&good); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(good.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	raw.ReadFrom(zr)
	content := raw.Bytes()
	newer := append([]byte(magic), 99)
	for name, c := range map[string]struct {
		file []byte
		want string
	}{
		"empty":         {nil, "not a parser model"},
		"not gzip":      {[]byte("hello world, this is text"), "not a parser model"},
		"wrong magic":   {gzipped([]byte("dyad-tagger\n\x01")), "bad magic"},
		"newer version": {gzipped(newer), "version 99"},
		"truncated":     {gzipped(content[:len(content)/2]), "reading model"},
		"huge count":    {gzipped(append([]byte(magic), version, 0, 0xff, 0xff, 0xff, 0xff, 0x0f)), "labels"},
		"bad flag":      {gzipped(append([]byte(magic), version, 7)), "supertags flag"},
	} {
		_, err := Load(bytes.NewReader(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", name, err, c.want)
		}
	}
}

// checkParse fails unless every sentence of doc (as Parse splits it) is a
// tree with one root and heads inside the sentence.
func checkParse(t *testing.T, m *Model, doc *dyad.Doc) {
	t.Helper()
	m.Parse(doc)
	roots := map[int]int{} // sentence start → roots
	start := func(i int) int {
		for _, sp := range doc.Sentences {
			if sp.Start <= i && i < sp.End {
				return sp.Start
			}
		}
		return -1
	}
	for i, tok := range doc.Tokens {
		if tok.DepRel == "" {
			t.Fatalf("token %d has no relation", i)
		}
		if tok.Head == -1 {
			roots[start(i)]++
			continue
		}
		if tok.Head < 0 || tok.Head >= len(doc.Tokens) || tok.Head == i {
			t.Fatalf("token %d has head %d", i, tok.Head)
		}
		if s := start(i); s >= 0 && start(tok.Head) != s {
			t.Fatalf("token %d's head %d is outside its sentence", i, tok.Head)
		}
		for h, steps := tok.Head, 0; h != -1; h = doc.Tokens[h].Head {
			if steps++; steps > len(doc.Tokens) {
				t.Fatalf("cycle through token %d", i)
			}
		}
	}
	for _, sp := range doc.Sentences {
		if sp.Start < sp.End && roots[sp.Start] != 1 {
			t.Fatalf("sentence %v has %d roots", sp, roots[sp.Start])
		}
	}
}

func doc(words []string, tags [][2]string, sentences []dyad.Span) *dyad.Doc {
	d := &dyad.Doc{Sentences: sentences}
	for i, w := range words {
		tok := dyad.Token{Text: w, Start: len(d.Text), End: len(d.Text) + len(w)}
		if tags != nil {
			tok.UPOS, tok.XPOS = tags[i][0], tags[i][1]
		}
		d.Text += w + " "
		d.Tokens = append(d.Tokens, tok)
	}
	return d
}

// hostileDocs are inputs no parse may fail on.
func hostileDocs() map[string]*dyad.Doc {
	long := make([]string, 20000)
	for i := range long {
		long[i] = []string{"the", "army", "attacked", ",", "and"}[i%5]
	}
	return map[string]*dyad.Doc{
		"empty":            {},
		"no sentences":     doc([]string{"Rebels", "fired", "."}, nil, nil),
		"20,000 tokens":    doc(long, nil, []dyad.Span{{Start: 0, End: len(long)}}),
		"emoji and RTL":    doc([]string{"🚀", "هجوم", "על", "בסיס", "👍🏽"}, nil, []dyad.Span{{Start: 0, End: 5}}),
		"control chars":    doc([]string{"\x00", "\x1b[31m", "\u202e", "\t"}, nil, []dyad.Span{{Start: 0, End: 4}}),
		"invalid UTF-8":    doc([]string{"\xff\xfe", "a\xc3", strings.Repeat("é", 5000)}, nil, []dyad.Span{{Start: 0, End: 3}}),
		"odd tags":         doc([]string{"x", "y"}, [][2]string{{"", "\xff"}, {"NOUN", strings.Repeat("N", 1e5)}}, []dyad.Span{{Start: 0, End: 2}}),
		"bad spans":        doc([]string{"a", "b", "c", "d"}, nil, []dyad.Span{{Start: -3, End: 1}, {Start: 3, End: 2}, {Start: 2, End: 99}}),
		"spans past end":   doc([]string{"a", "b"}, nil, []dyad.Span{{Start: 5, End: 9}}),
		"overlapping span": doc([]string{"a", "b", "c"}, nil, []dyad.Span{{Start: 0, End: 2}, {Start: 1, End: 3}}),
	}
}

func testHostile(t *testing.T, m *Model) {
	for name, d := range hostileDocs() {
		t.Run(name, func(t *testing.T) {
			m.Parse(d)
			for i, tok := range d.Tokens {
				if tok.Head < -1 || tok.Head >= len(d.Tokens) || tok.Head == i || tok.DepRel == "" {
					t.Fatalf("token %d: head %d relation %q", i, tok.Head, tok.DepRel)
				}
			}
		})
	}
}

func TestParseHostileInput(t *testing.T) { testHostile(t, tinyModel(t)) }

// TestParseAlwaysGivesTrees parses random words in random sentence
// splits and checks each sentence is a tree with one root.
func TestParseAlwaysGivesTrees(t *testing.T) {
	m := tinyModel(t)
	rng := rand.New(rand.NewPCG(7, 8))
	vocab := []string{"the", "army", "attacked", "town", ".", ",", "Iran", "warned", "was", "signed", "in", "up"}
	tags := [][2]string{{"DET", "DT"}, {"NOUN", "NN"}, {"VERB", "VBD"}, {"PUNCT", "."}, {"ADP", "IN"}, {"PROPN", "NNP"}}
	for range 200 {
		n := rng.IntN(60)
		words := make([]string, n)
		tg := make([][2]string, n)
		for i := range words {
			words[i] = vocab[rng.IntN(len(vocab))]
			tg[i] = tags[rng.IntN(len(tags))]
		}
		var spans []dyad.Span
		for s := 0; s < n; {
			e := s + 1 + rng.IntN(n-s)
			spans = append(spans, dyad.Span{Start: s, End: e})
			s = e
		}
		checkParse(t, m, doc(words, tg, spans))
	}
}

func TestParseIsSafeForConcurrentUse(t *testing.T) {
	m := tinyModel(t)
	sents := readTiny(t)
	want := conllu.Doc(sents)
	m.Parse(want)
	done := make(chan *dyad.Doc)
	for range 8 {
		go func() {
			d := conllu.Doc(sents)
			for range 50 {
				m.Parse(d)
			}
			done <- d
		}()
	}
	for range 8 {
		d := <-done
		for i := range d.Tokens {
			if d.Tokens[i].Head != want.Tokens[i].Head || d.Tokens[i].DepRel != want.Tokens[i].DepRel {
				t.Fatalf("concurrent parse differs at token %d", i)
			}
		}
	}
}

// TestTrainOnNonProjectiveTree trains on a sentence whose gold arcs cross
// ("A hearing is scheduled on the issue today", with "on the issue"
// attached to "hearing"), which the arc-hybrid system cannot build: the
// oracle must fall back to the cheapest actions, not fail.
func TestTrainOnNonProjectiveTree(t *testing.T) {
	words := []conllu.Word{
		{ID: 1, Form: "A", UPOS: "DET", XPOS: "DT", Head: 2, DepRel: "det"},
		{ID: 2, Form: "hearing", UPOS: "NOUN", XPOS: "NN", Head: 4, DepRel: "nsubj:pass"},
		{ID: 3, Form: "is", UPOS: "AUX", XPOS: "VBZ", Head: 4, DepRel: "aux:pass"},
		{ID: 4, Form: "scheduled", UPOS: "VERB", XPOS: "VBN", Head: 0, DepRel: "root"},
		{ID: 5, Form: "on", UPOS: "ADP", XPOS: "IN", Head: 7, DepRel: "case"},
		{ID: 6, Form: "the", UPOS: "DET", XPOS: "DT", Head: 7, DepRel: "det"},
		{ID: 7, Form: "issue", UPOS: "NOUN", XPOS: "NN", Head: 2, DepRel: "nmod"},
		{ID: 8, Form: "today", UPOS: "NOUN", XPOS: "NN", Head: 4, DepRel: "obl:tmod"},
	}
	sents := []conllu.Sentence{{Words: words}}
	opts := DefaultTrainOptions()
	opts.Epochs, opts.PruneBelow = 5, 0
	m, err := Train(append(sents, readTiny(t)...), nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	d := conllu.Doc(sents)
	checkParse(t, m, d)
	// Every arc but the crossing one is reachable, and the parser learns
	// them.
	if s := Evaluate(m, sents, nil); s.UAS < 7.0/8 {
		t.Errorf("on the non-projective sentence: %s, want at least 7 of 8 heads", s)
	}
}

// TestChosenRepeatsTheChoice checks that training without dev for the
// epochs dev chose gives the very model training with dev kept, which is
// what `dyad train --dev` relies on.
func TestChosenRepeatsTheChoice(t *testing.T) {
	sents := readTiny(t)
	train, dev := sents[:6], sents[6:]
	opts := DefaultTrainOptions()
	opts.Epochs = 6
	withDev, err := Train(train, dev, opts)
	if err != nil {
		t.Fatal(err)
	}
	chosen := withDev.Chosen()
	if chosen.Epochs < 1 || chosen.Epochs > opts.Epochs {
		t.Fatalf("chose epoch %d, want 1 to %d", chosen.Epochs, opts.Epochs)
	}
	t.Logf("chosen: %+v", chosen)
	again, err := Train(train, nil, chosen)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(modeltest.Saved(t, withDev), modeltest.Saved(t, again)) {
		t.Errorf("retrained for the chosen %d epochs: the model differs", chosen.Epochs)
	}
}

func TestRerootPunctuation(t *testing.T) {
	m := &Model{labels: []string{"nsubj", "punct", "root"}, punct: 1, root: 2}
	toks := func(upos ...string) []dyad.Token {
		ts := make([]dyad.Token, len(upos))
		for i, u := range upos {
			ts[i].UPOS = u
		}
		return ts
	}
	for _, c := range []struct {
		name       string
		toks       []dyad.Token
		head       []int32 // n for the root
		wantHead   []int32
		wantLabels []int16
	}{
		{
			// “ They came . rooted on the quote mark: "came", its verb
			// dependent, takes the root and the other dependents.
			name:       "opening quote",
			toks:       toks("PUNCT", "PRON", "VERB", "PUNCT"),
			head:       []int32{4, 0, 0, 0},
			wantHead:   []int32{2, 2, 4, 2},
			wantLabels: []int16{1, 0, 2, 1},
		},
		{
			// Without a verb dependent the first word that is not
			// punctuation becomes the root.
			name:       "no verb",
			toks:       toks("PUNCT", "NOUN", "NOUN"),
			head:       []int32{3, 0, 0},
			wantHead:   []int32{1, 3, 1},
			wantLabels: []int16{1, 2, 0},
		},
		{
			name:       "punctuation only",
			toks:       toks("PUNCT", "PUNCT"),
			head:       []int32{2, 0},
			wantHead:   []int32{2, 0},
			wantLabels: []int16{2, 1},
		},
		{
			name:       "rooted on a word",
			toks:       toks("PRON", "VERB", "PUNCT"),
			head:       []int32{1, 3, 1},
			wantHead:   []int32{1, 3, 1},
			wantLabels: []int16{0, 2, 1},
		},
	} {
		var st state
		st.reset(len(c.toks))
		for i, h := range c.head {
			st.head[i] = h
			switch {
			case int(h) == len(c.toks):
				st.label[i] = m.root
			case c.toks[i].UPOS == "PUNCT":
				st.label[i] = m.punct
			default:
				st.label[i] = 0
			}
		}
		m.rerootPunctuation(&st, c.toks)
		n := len(c.toks)
		if !slices.Equal(st.head[:n], c.wantHead) || !slices.Equal(st.label[:n], c.wantLabels) {
			t.Errorf("%s: heads %v labels %v, want %v %v", c.name, st.head[:n], st.label[:n], c.wantHead, c.wantLabels)
		}
	}
}

func TestRelabelNumberWords(t *testing.T) {
	tok := func(text, upos string, head int, rel string) dyad.Token {
		return dyad.Token{Text: text, UPOS: upos, Head: head, DepRel: rel}
	}
	cases := []struct {
		name string
		toks []dyad.Token
		want []string
	}{
		{"number word on its noun", []dyad.Token{
			tok("wounded", "VERB", -1, "root"), tok("seven", "NUM", 3, "compound"),
			tok("U.S.", "PROPN", 3, "compound"), tok("personnel", "NOUN", 0, "obj"),
		}, []string{"root", "nummod", "compound", "obj"}},
		{"digits stay a compound", []dyad.Token{
			tok("the", "DET", 2, "det"), tok("2008", "NUM", 2, "compound"), tok("election", "NOUN", -1, "root"),
		}, []string{"det", "compound", "root"}},
		{"number on a number", []dyad.Token{
			tok("two", "NUM", 1, "compound"), tok("hundred", "NUM", 2, "nummod"), tok("people", "NOUN", -1, "root"),
		}, []string{"compound", "nummod", "root"}},
		{"noun before its head", []dyad.Token{
			tok("one", "NUM", -1, "root"), tok("service", "NOUN", 0, "compound"),
		}, []string{"root", "compound"}},
	}
	for _, c := range cases {
		// Offset heads as in a Doc whose sentence starts at token 10.
		toks := make([]dyad.Token, len(c.toks))
		for i, tk := range c.toks {
			if tk.Head >= 0 {
				tk.Head += 10
			}
			toks[i] = tk
		}
		relabelNumberWords(toks, 10)
		for i, w := range c.want {
			if toks[i].DepRel != w {
				t.Errorf("%s: %q is %s, want %s", c.name, toks[i].Text, toks[i].DepRel, w)
			}
		}
	}
}
