package tagger

import (
	"bytes"
	"compress/gzip"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dyadnews/dyad/internal/modeltest"
	"github.com/dyadnews/dyad/internal/shareddata"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/models"
	"github.com/dyadnews/dyad/nlp/conllu"
)

func fixture(t testing.TB) []conllu.Sentence {
	t.Helper()
	s, err := conllu.ReadFile("testdata/fixture.conllu")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func embedded(t testing.TB) *Model {
	t.Helper()
	m, err := Load(bytes.NewReader(models.Tagger))
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	return m
}

// docOf builds an untagged one-sentence Doc from space-separated tokens.
func docOf(text string) *dyad.Doc {
	var d dyad.Doc
	for tok := range strings.FieldsSeq(text) {
		d.Tokens = append(d.Tokens, dyad.Token{Text: tok, Head: -1})
	}
	d.Sentences = []dyad.Span{{Start: 0, End: len(d.Tokens)}}
	return &d
}

func TestEmbeddedModelOnNews(t *testing.T) {
	m := embedded(t)
	tests := []struct {
		text string
		want map[int]string // token index → "UPOS|XPOS"
	}{
		{"Earlier Monday , a rocket attack on al Asad airbase in western Iraq wounded seven U.S. personnel .",
			map[int]string{0: "ADV|RBR", 1: "PROPN|NNP", 3: "DET|DT", 4: "NOUN|NN", 5: "NOUN|NN", 6: "ADP|IN",
				12: "PROPN|NNP", 13: "VERB|VBD", 14: "NUM|CD", 15: "PROPN|NNP", 17: "PUNCT|."}},
		// A sentence-initial unknown name is the tagger's weak spot
		// (EWT has few), so "Blinken" is checked after the title.
		{"Secretary Blinken called on all parties to avoid escalation .",
			map[int]string{0: "PROPN|NNP", 1: "PROPN|NNP", 2: "VERB|VBD", 6: "PART|TO", 7: "VERB|VB", 8: "NOUN|NN"}},
		{"The talks will resume in Cairo next week .",
			map[int]string{1: "NOUN|NNS", 2: "AUX|MD", 3: "VERB|VB", 5: "PROPN|NNP", 6: "ADJ|JJ"}},
	}
	for _, tt := range tests {
		doc := docOf(tt.text)
		m.Tag(doc)
		for i, want := range tt.want {
			tok := doc.Tokens[i]
			if got := tok.UPOS + "|" + tok.XPOS; got != want {
				t.Errorf("%q: token %d %q tagged %s, want %s", tt.text, i, tok.Text, got, want)
			}
		}
	}
	doc := docOf("Police arrested two men .")
	m.Tag(doc)
	if got := doc.Tokens[1].Feats; !strings.Contains(got, "Tense=Past") {
		t.Errorf("feats of %q = %q, want Tense=Past", doc.Tokens[1].Text, got)
	}
	if got := doc.Tokens[3].Feats; got != "Number=Plur" {
		t.Errorf("feats of %q = %q, want Number=Plur", doc.Tokens[3].Text, got)
	}
	// Person and Number of a verb agree with its subject.
	for _, tt := range []struct {
		text string
		verb int
		want string
	}{
		{"They condemned the attack .", 1, "Number=Plur|Person=3"},
		{"I condemned the attack .", 1, "Number=Sing|Person=1"},
		{"The ministers say the talks failed .", 2, "Number=Plur|Person=3"},
	} {
		doc := docOf(tt.text)
		m.Tag(doc)
		if got := doc.Tokens[tt.verb].Feats; !strings.Contains(got, tt.want) {
			t.Errorf("%q: feats of %q = %q, want %s", tt.text, doc.Tokens[tt.verb].Text, got, tt.want)
		}
	}
}

func TestEmbeddedModelOnEWTDev(t *testing.T) {
	dev := shareddata.EWT(t, "dev")
	sc := Evaluate(embedded(t), dev)
	t.Logf("dev: %s", sc)
	if sc.UPOS < 0.94 || sc.XPOS < 0.935 {
		t.Errorf("dev %s, want UPOS ≥ 94%% and XPOS ≥ 93.5%%", sc)
	}
}

func TestHostileInput(t *testing.T) {
	m := embedded(t)
	long := strings.Repeat("word ", 20000)
	huge := strings.Repeat("x", 1<<20)
	docs := map[string]*dyad.Doc{
		"empty":           {},
		"no sentences":    {Tokens: []dyad.Token{{Text: "Hello"}, {Text: "world"}}},
		"20000 tokens":    docOf(long),
		"emoji":           docOf("🔥 💥 👍🏽 Biden 🇺🇸 said"),
		"rtl":             docOf("قال بلينكن إن التصعيد خطير"),
		"control":         docOf("\x00 \x01\x02 \x7f \u200b \ufeff"),
		"invalid utf-8":   docOf("\xff\xfe \xc3 a\x80b"),
		"empty token":     {Tokens: []dyad.Token{{Text: ""}}, Sentences: []dyad.Span{{Start: 0, End: 1}}},
		"huge token":      {Tokens: []dyad.Token{{Text: huge}}},
		"bad spans":       {Tokens: []dyad.Token{{Text: "a"}, {Text: "b"}}, Sentences: []dyad.Span{{Start: 1, End: 9}, {Start: -3, End: 1}, {Start: 2, End: 1}}},
		"overlap spans":   {Tokens: []dyad.Token{{Text: "a"}, {Text: "b"}, {Text: "c"}}, Sentences: []dyad.Span{{Start: 0, End: 2}, {Start: 1, End: 3}}},
		"numbers & units": docOf("$ 5.3 bn , 12:30 GMT , 1,000 km² 3rd"),
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			m.Tag(doc)
			for i, tok := range doc.Tokens {
				if tok.UPOS == "" || tok.XPOS == "" || tok.Feats == "" {
					t.Fatalf("token %d %.20q left untagged: %+v", i, tok.Text, tok)
				}
			}
		})
	}
}

func TestConcurrentTagging(t *testing.T) {
	m := embedded(t)
	const text = "Earlier Monday , a rocket attack on al Asad airbase in western Iraq wounded seven U.S. personnel ."
	want := docOf(text)
	m.Tag(want)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				d := docOf(text)
				m.Tag(d)
				for i := range d.Tokens {
					if d.Tokens[i] != want.Tokens[i] {
						t.Errorf("token %d: %+v, want %+v", i, d.Tokens[i], want.Tokens[i])
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

func TestTrainLearnsFixture(t *testing.T) {
	sents := fixture(t)
	opts := DefaultTrainOptions()
	opts.FixedMinCount = 1000 // the fixture is too small for the lookup
	opts.Stacked = false      // and for jackknifing a second stage
	m, err := Train(sents, sents, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sc := Evaluate(m, sents); sc.Both < 0.98 || sc.Feats < 0.98 {
		t.Errorf("on its own training data: %s, want ≥ 98%%", sc)
	}
	// "attack" is a noun after "the" and a verb after a plural subject.
	doc := docOf("Troops attack the base .")
	m.Tag(doc)
	if got := doc.Tokens[1].UPOS; got != "VERB" {
		t.Errorf("attack after subject tagged %s, want VERB", got)
	}
	if got := doc.Tokens[3].UPOS; got != "NOUN" {
		t.Errorf("base after the tagged %s, want NOUN", got)
	}
}

func TestTrainRejectsBadInput(t *testing.T) {
	if _, err := Train(nil, nil, DefaultTrainOptions()); err == nil {
		t.Error("Train with no sentences: no error")
	}
	opts := DefaultTrainOptions()
	opts.Epochs = 0
	if _, err := Train(fixture(t), nil, opts); err == nil {
		t.Error("Train with 0 epochs: no error")
	}
}

func TestSaveLoadDeterministic(t *testing.T) {
	sents := fixture(t)
	var files [2]bytes.Buffer
	for i := range files {
		m, err := Train(sents, nil, DefaultTrainOptions())
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Save(&files[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0].Bytes(), files[1].Bytes()) {
		t.Fatal("two trainings with the same seed saved different bytes")
	}
	m, err := Load(bytes.NewReader(files[0].Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := m.Save(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files[0].Bytes(), again.Bytes()) {
		t.Error("Save(Load(file)) differs from file")
	}
	if sc := Evaluate(m, sents); sc.Both < 0.98 {
		t.Errorf("loaded model on its training data: %s", sc)
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	var good bytes.Buffer
	if err := embedded(t).Save(&good); err != nil {
		t.Fatal(err)
	}
	raw, err := gzip.NewReader(bytes.NewReader(good.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var plain bytes.Buffer
	plain.ReadFrom(raw)
	wrongVersion := append([]byte{byte(len(magic))}, magic...)
	wrongVersion = append(wrongVersion, 99)
	huge := append([]byte{byte(len(magic))}, magic...)
	huge = append(huge, formatVersion, 0xff, 0xff, 0xff, 0xff, 0x0f)
	files := map[string][]byte{
		"empty":         nil,
		"not gzip":      []byte("hello, world"),
		"wrong magic":   gz([]byte("\x0bdyad-parser\x01")),
		"wrong version": gz(wrongVersion),
		"huge count":    gz(huge),
		"truncated":     gz(plain.Bytes()[:plain.Len()/2]),
	}
	for name, b := range files {
		if _, err := Load(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: Load succeeded", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}

func TestJackknifeTags(t *testing.T) {
	sents := fixture(t)
	got, err := JackknifeTags(sents, 2, DefaultTrainOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(sents) {
		t.Fatalf("%d sentences back, want %d", len(got), len(sents))
	}
	changed := 0
	for i := range sents {
		if len(got[i].Words) != len(sents[i].Words) {
			t.Fatalf("sentence %d: %d words, want %d", i, len(got[i].Words), len(sents[i].Words))
		}
		for j, w := range got[i].Words {
			g := sents[i].Words[j]
			if w.Form != g.Form || w.Head != g.Head || w.Lemma != g.Lemma || w.UPOS == "" || w.XPOS == "" {
				t.Fatalf("sentence %d word %d: %+v from %+v", i, j, w, g)
			}
			if w.UPOS != g.UPOS {
				changed++
			}
		}
	}
	if sents[0].Words[0].UPOS != "DET" {
		t.Error("JackknifeTags changed its input")
	}
	// Half the data is too little to learn everything: the tags are the
	// held-out models' own, so some must differ from gold.
	if changed == 0 {
		t.Error("jackknifed tags all equal gold; were they predicted?")
	}
	if _, err := JackknifeTags(sents, 1, DefaultTrainOptions()); err == nil {
		t.Error("1 fold: no error")
	}
}

// BenchmarkTag reports tokens per second of wall time and, because the
// benchmark machine is often shared, per second of process CPU time.
func BenchmarkTag(b *testing.B) {
	m := embedded(b)
	doc := conllu.Doc(shareddata.EWT(b, "dev"))
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		m.Tag(doc)
	}
	tokens := float64(len(doc.Tokens) * b.N)
	b.ReportMetric(tokens/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(tokens/(cpuTime()-cpu0).Seconds(), "tokens/cpu-s")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(bytes.NewReader(models.Tagger)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTagSentence tags one news sentence over and over: the model's
// cost with its working set in cache, against BenchmarkTag's cold one.
func BenchmarkTagSentence(b *testing.B) {
	m := embedded(b)
	doc := docOf("Earlier Monday , a rocket attack on al Asad airbase in western Iraq wounded seven U.S. personnel .")
	cpu0 := cpuTime()
	for b.Loop() {
		m.Tag(doc)
	}
	tokens := float64(len(doc.Tokens) * b.N)
	b.ReportMetric(tokens/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(tokens/(cpuTime()-cpu0).Seconds(), "tokens/cpu-s")
}

// TestSureMarginSkipsSafely checks that skipping the second stage where
// the first is sure, as the shipped model does, hardly changes any tag.
func TestSureMarginSkipsSafely(t *testing.T) {
	m := embedded(t)
	if m.sureMargin <= 0 {
		t.Fatal("embedded model never skips its second stage")
	}
	dev := shareddata.EWT(t, "dev")
	skipping := conllu.Doc(dev)
	m.Tag(skipping)
	full := conllu.Doc(dev)
	never := embedded(t)
	never.sureMargin = 0
	never.Tag(full)
	differ := 0
	for i := range full.Tokens {
		if full.Tokens[i].XPOS != skipping.Tokens[i].XPOS || full.Tokens[i].UPOS != skipping.Tokens[i].UPOS {
			differ++
		}
	}
	if share := float64(differ) / float64(len(full.Tokens)); share > 0.002 {
		t.Errorf("skipping changed %d of %d tags", differ, len(full.Tokens))
	}
}

// TestChosenRepeatsTheChoices checks that training without dev on the
// options dev chose gives the very model training with dev kept, which is
// what `dyad train --dev` relies on.
func TestChosenRepeatsTheChoices(t *testing.T) {
	sents := fixture(t)
	train, dev := sents[:7], sents[7:]
	opts := DefaultTrainOptions()
	opts.FixedMinCount = 1000
	withDev, err := Train(train, dev, opts)
	if err != nil {
		t.Fatal(err)
	}
	chosen := withDev.Chosen()
	if chosen.Epochs < 1 || chosen.Epochs > opts.Epochs || chosen.StackedEpochs < 1 || chosen.StackedEpochs > opts.Epochs {
		t.Fatalf("chose %d and %d epochs, want 1 to %d", chosen.Epochs, chosen.StackedEpochs, opts.Epochs)
	}
	t.Logf("chosen: %+v", chosen)
	again, err := Train(train, nil, chosen)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(modeltest.Saved(t, withDev), modeltest.Saved(t, again)) {
		t.Errorf("retrained on the chosen options (%d, %d epochs): the model differs", chosen.Epochs, chosen.StackedEpochs)
	}
}

func TestSupertagOf(t *testing.T) {
	// "Troops attacked the base": heads 2, 0, 4, 2.
	ws := []conllu.Word{
		{ID: 1, Form: "Troops", Head: 2, DepRel: "nsubj"},
		{ID: 2, Form: "attacked", Head: 0, DepRel: "root"},
		{ID: 3, Form: "the", Head: 4, DepRel: "det"},
		{ID: 4, Form: "base", Head: 2, DepRel: "obj:x"},
		{ID: 5, Form: ".", Head: 0, DepRel: "_"},
	}
	want := []string{"R-nsubj", "ROOT", "R-det", "L-obj", ""}
	for i, w := range want {
		if got := SupertagOf(ws, i); got != w {
			t.Errorf("word %d: supertag %q, want %q", i+1, got, w)
		}
	}
}

func TestTrainLearnsSupertags(t *testing.T) {
	sents, err := conllu.ReadFile("../parser/testdata/tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultTrainOptions()
	opts.FixedMinCount = 1000
	opts.Stacked = false
	m, err := Train(sents, sents, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !m.HasSupertags() {
		t.Fatal("trained on trees: no supertags")
	}
	acc := EvaluateSupertags(m, sents)
	if acc < 0.95 {
		t.Errorf("supertags on the training trees %.1f%% right, want ≥ 95%%", 100*acc)
	}
	back, err := Load(bytes.NewReader(modeltest.Saved(t, m)))
	if err != nil {
		t.Fatal(err)
	}
	if got := EvaluateSupertags(back, sents); got != acc {
		t.Errorf("after Save and Load: %.4f right, before %.4f", got, acc)
	}
	noTrees, err := Train(fixture(t), nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	if noTrees.HasSupertags() {
		t.Error("trained without trees: has supertags")
	}
}

// TestTrainSupertagsRepeatsTrain checks that learning only the supertag
// stage on a model's POS stages gives the very model Train gives: adding
// the stage to a tagger trained without one, its epochs chosen on dev,
// and learning it again with extra trees and the chosen options, what
// `dyad train` relies on.
func TestTrainSupertagsRepeatsTrain(t *testing.T) {
	sents, err := conllu.ReadFile("../parser/testdata/tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultTrainOptions()
	opts.FixedMinCount = 1000
	opts.StackFolds = 2
	for _, stacked := range []bool{false, true} {
		opts.Stacked = stacked
		m, err := Train(sents, sents, opts)
		if err != nil {
			t.Fatal(err)
		}
		plainOpts := opts
		plainOpts.Supertags = false
		plain, err := Train(sents, sents, plainOpts)
		if err != nil {
			t.Fatal(err)
		}
		added, err := TrainSupertags(plain, sents, sents, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(modeltest.Saved(t, m), modeltest.Saved(t, added)) {
			t.Errorf("stacked %v: the supertag stage added to a plain tagger differs from Train's", stacked)
		}
		chosen := m.Chosen()
		if got := added.Chosen(); got.Supertags != chosen.Supertags || got.SupertagEpochs != chosen.SupertagEpochs {
			t.Errorf("stacked %v: chosen supertag options %v, %d epochs; Train's %v, %d", stacked, got.Supertags, got.SupertagEpochs, chosen.Supertags, chosen.SupertagEpochs)
		}
		chosen.SupertagExtra = sents[:2]
		whole, err := Train(sents, nil, chosen)
		if err != nil {
			t.Fatal(err)
		}
		stage, err := TrainSupertags(m, sents, nil, chosen)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(modeltest.Saved(t, whole), modeltest.Saved(t, stage)) {
			t.Errorf("stacked %v: the supertag stage learnt again differs from a whole retraining", stacked)
		}
		if bytes.Equal(modeltest.Saved(t, m), modeltest.Saved(t, stage)) {
			t.Errorf("stacked %v: the extra trees changed nothing", stacked)
		}
	}
	noEpochs := DefaultTrainOptions()
	noEpochs.SupertagEpochs = 0
	if _, err := TrainSupertags(&Model{}, sents, nil, noEpochs); err == nil {
		t.Error("no supertag epochs: no error")
	}
	if _, err := TrainSupertags(&Model{}, sents, nil, DefaultTrainOptions()); err == nil {
		t.Error("a model of other classes: no error")
	}
}
