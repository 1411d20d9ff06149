package ner

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dyadnews/dyad/internal/binfile"
	"github.com/dyadnews/dyad/internal/modeltest"
	"github.com/dyadnews/dyad/internal/shareddata"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/models"
	"github.com/dyadnews/dyad/nlp/conllu"
	"github.com/dyadnews/dyad/nlp/tagger"
)

var (
	embeddedOnce  sync.Once
	embeddedModel *Model
	embeddedErr   error
)

// embeddedTagger is the tagger whose tags the shipped model was trained
// on and reads at run time.
func embeddedTagger(t testing.TB) *tagger.Model {
	t.Helper()
	tg, err := tagger.Load(bytes.NewReader(models.Tagger))
	if err != nil {
		t.Fatalf("loading the embedded tagger: %v", err)
	}
	return tg
}

func embedded(t testing.TB) *Model {
	t.Helper()
	embeddedOnce.Do(func() { embeddedModel, embeddedErr = Load(bytes.NewReader(models.NER)) })
	if embeddedErr != nil {
		t.Fatalf("loading the embedded model: %v", embeddedErr)
	}
	return embeddedModel
}

// tagged builds a one-sentence Doc from "word/UPOS/XPOS" items.
func tagged(items string) *dyad.Doc {
	var doc dyad.Doc
	var b strings.Builder
	for i, it := range strings.Fields(items) {
		parts := strings.Split(it, "/")
		word := strings.ReplaceAll(parts[0], "_", " ")
		if i > 0 {
			b.WriteByte(' ')
		}
		tok := dyad.Token{Text: word, Start: b.Len(), SpaceAfter: true, Head: -1}
		b.WriteString(word)
		tok.End = b.Len()
		if len(parts) == 3 {
			tok.UPOS, tok.XPOS = parts[1], parts[2]
		}
		doc.Tokens = append(doc.Tokens, tok)
	}
	doc.Text = b.String()
	doc.Sentences = []dyad.Span{{Start: 0, End: len(doc.Tokens)}}
	return &doc
}

func entities(doc *dyad.Doc) []string {
	var out []string
	for _, e := range doc.Entities {
		words := make([]string, 0, e.End-e.Start)
		for _, t := range doc.Tokens[e.Start:e.End] {
			words = append(words, t.Text)
		}
		out = append(out, e.Label+":"+strings.Join(words, " "))
	}
	return out
}

func TestEmbeddedModelOnNews(t *testing.T) {
	m := embedded(t)
	tests := []struct {
		sentence string
		want     []string // entities that must be found, among others
	}{
		{
			"Earlier/ADV/RBR Monday/PROPN/NNP ,/PUNCT/, a/DET/DT rocket/NOUN/NN attack/NOUN/NN on/ADP/IN al/PROPN/NNP Asad/PROPN/NNP airbase/NOUN/NN in/ADP/IN western/ADJ/JJ Iraq/PROPN/NNP wounded/VERB/VBD seven/NUM/CD U.S./PROPN/NNP personnel/NOUN/NNS ./PUNCT/.",
			[]string{"LOC:Iraq"},
		},
		{
			"Secretary/PROPN/NNP of/ADP/IN State/PROPN/NNP Antony/PROPN/NNP Blinken/PROPN/NNP spoke/VERB/VBD with/ADP/IN Qatari/ADJ/JJ officials/NOUN/NNS in/ADP/IN Doha/PROPN/NNP on/ADP/IN Tuesday/PROPN/NNP ./PUNCT/.",
			[]string{"PER:Antony Blinken", "LOC:Doha"},
		},
		{
			"Hamas/PROPN/NNP and/CCONJ/CC Israel/PROPN/NNP traded/VERB/VBD fire/NOUN/NN near/ADP/IN Gaza/PROPN/NNP City/PROPN/NNP ./PUNCT/.",
			[]string{"ORG:Hamas", "LOC:Israel"},
		},
		{
			"Google/PROPN/NNP bought/VERB/VBD a/DET/DT company/NOUN/NN in/ADP/IN London/PROPN/NNP ./PUNCT/.",
			[]string{"ORG:Google", "LOC:London"},
		},
	}
	for _, tt := range tests {
		doc := tagged(tt.sentence)
		m.Recognize(doc)
		got := entities(doc)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: entities %v, want %s among them", doc.Text, got, w)
			}
		}
		for i, tok := range doc.Tokens {
			if tok.NER == "" {
				t.Errorf("%q: token %d %q has no NER tag", doc.Text, i, tok.Text)
			}
		}
	}
}

func TestEmbeddedModelOnUNERTest(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the shared data")
	}
	sc, err := EvaluateOnData(embedded(t), shareddata.Dir(t), "test", embeddedTagger(t).Tag)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("UNER test, gold tokens, embedded tagger's POS:\n%s", sc)
	// A floor under the reported figure: it catches a broken model or
	// feature pipeline, not a small regression.
	if f := sc.Overall.F1(); f < 0.70 {
		t.Errorf("UNER test F1 %.3f, want at least 0.70", f)
	}
}

func TestHostileInput(t *testing.T) {
	m := embedded(t)
	long := strings.Repeat("Paris ", 20000)
	docs := map[string]*dyad.Doc{
		"empty":          {},
		"no sentences":   tagged("Obama/PROPN/NNP visited/VERB/VBD Kenya/PROPN/NNP"),
		"emoji":          tagged("🙂🔥/SYM/NFP Paris/PROPN/NNP 👍🏽/SYM/NFP"),
		"rtl":            tagged("مرحبا/X/FW بالعالم/X/FW שלום/X/FW"),
		"control chars":  tagged("\x00\x01/X/FW \x1b[31m/X/FW \u202e/X/FW"),
		"invalid utf-8":  tagged("\xff\xfe/X/FW Bad\xc3/PROPN/NNP \xe2\x82/X/FW"),
		"huge token":     tagged(strings.Repeat("Ä", 100000) + "/PROPN/NNP"),
		"no tags":        tagged("John Smith went to Washington"),
		"empty token":    {Tokens: []dyad.Token{{Text: ""}, {Text: "Paris"}}, Sentences: []dyad.Span{{Start: 0, End: 2}}},
		"bad spans":      {Tokens: []dyad.Token{{Text: "a"}, {Text: "Paris"}, {Text: "b"}}, Sentences: []dyad.Span{{Start: 2, End: 1}, {Start: 1, End: 9}, {Start: -3, End: 2}}},
		"20000 tokens":   tagged(long),
		"stale entities": {Tokens: []dyad.Token{{Text: "x"}}, Entities: []dyad.Entity{{Span: dyad.Span{Start: 5, End: 9}, Label: "PER"}}},
	}
	docs["no sentences"].Sentences = nil
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			m.Recognize(doc)
			for i, tok := range doc.Tokens {
				if _, ok := parseTag(tok.NER); !ok {
					t.Fatalf("token %d: NER %q is not an IOB2 tag", i, tok.NER)
				}
			}
			for _, e := range doc.Entities {
				if e.Start < 0 || e.End > len(doc.Tokens) || e.Start >= e.End {
					t.Fatalf("entity %+v out of the doc's %d tokens", e, len(doc.Tokens))
				}
			}
		})
	}
}

func TestConcurrentRecognize(t *testing.T) {
	m := embedded(t)
	texts := []string{
		"Hamas/PROPN/NNP and/CCONJ/CC Israel/PROPN/NNP traded/VERB/VBD fire/NOUN/NN ./PUNCT/.",
		"Google/PROPN/NNP bought/VERB/VBD a/DET/DT company/NOUN/NN in/ADP/IN London/PROPN/NNP ./PUNCT/.",
		"John/PROPN/NNP Smith/PROPN/NNP met/VERB/VBD Mary/PROPN/NNP in/ADP/IN Paris/PROPN/NNP ./PUNCT/.",
	}
	want := make([][]string, len(texts))
	for i, tx := range texts {
		doc := tagged(tx)
		m.Recognize(doc)
		want[i] = entities(doc)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Go(func() {
			for r := range 50 {
				i := (g + r) % len(texts)
				doc := tagged(texts[i])
				m.Recognize(doc)
				if got := entities(doc); !slices.Equal(got, want[i]) {
					errs <- fmt.Errorf("goroutine %d: %v, want %v", g, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// fixture is a small labelled corpus in CoNLL-U with NER tags in MISC.
func fixture(t testing.TB) []conllu.Sentence {
	t.Helper()
	var b strings.Builder
	sents := []string{
		"John/PROPN/NNP/B-PER Smith/PROPN/NNP/I-PER lives/VERB/VBZ/O in/ADP/IN/O Paris/PROPN/NNP/B-LOC ./PUNCT/./O",
		"Mary/PROPN/NNP/B-PER works/VERB/VBZ/O for/ADP/IN/O Acme/PROPN/NNP/B-ORG Corp./PROPN/NNP/I-ORG ./PUNCT/./O",
		"Acme/PROPN/NNP/B-ORG Corp./PROPN/NNP/I-ORG opened/VERB/VBD/O in/ADP/IN/O Berlin/PROPN/NNP/B-LOC ./PUNCT/./O",
		"the/DET/DT cat/NOUN/NN sat/VERB/VBD/O ./PUNCT/./O",
		"Smith/PROPN/NNP/B-PER visited/VERB/VBD/O Berlin/PROPN/NNP/B-LOC and/CCONJ/CC/O Paris/PROPN/NNP/B-LOC ./PUNCT/./O",
	}
	for si, s := range sents {
		fmt.Fprintf(&b, "# sent_id = s%d\n", si+1)
		if si%2 == 0 {
			fmt.Fprintf(&b, "# newdoc id = d%d\n", si)
		}
		for i, it := range strings.Fields(s) {
			p := strings.Split(it, "/")
			if len(p) == 3 { // "the/DET/DT": no tag means O
				p = append(p, "O")
			}
			fmt.Fprintf(&b, "%d\t%s\t_\t%s\t%s\t_\t0\t_\t_\tNER=%s\n", i+1, p[0], p[1], p[2], p[3])
		}
		b.WriteString("\n")
	}
	out, err := conllu.Read(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func fixtureModel(t testing.TB) *Model {
	t.Helper()
	g := NewGazetteer()
	g.add("Berlin", kindCity)
	opts := DefaultTrainOptions()
	opts.Gazetteer = g
	opts.SelfTrain = false
	// Biases the shipped options leave at zero, so that saving and
	// loading them is tested.
	opts.EntityBias, opts.LabelBias = 4, map[string]float32{"ORG": 3}
	m, err := Train(fixture(t), nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainLearnsFixture(t *testing.T) {
	m := fixtureModel(t)
	sc, err := Evaluate(m, fixture(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Overall.F1() != 1 {
		t.Errorf("fixture not learnt:\n%s", sc)
	}
	if got, want := m.Labels(), []string{"LOC", "ORG", "PER"}; !slices.Equal(got, want) {
		t.Errorf("labels %v, want %v", got, want)
	}
}

func TestTrainRejectsBadInput(t *testing.T) {
	if _, err := Train(nil, nil, DefaultTrainOptions()); err == nil {
		t.Error("no sentences: no error")
	}
	untagged, _ := conllu.Read(strings.NewReader("1\tword\t_\tNOUN\tNN\t_\t0\t_\t_\t_\n\n"))
	if _, err := Train(untagged, nil, DefaultTrainOptions()); err == nil {
		t.Error("sentences without NER tags: no error")
	}
	opts := DefaultTrainOptions()
	opts.Epochs = 0
	if _, err := Train(fixture(t), nil, opts); err == nil {
		t.Error("zero epochs: no error")
	}
}

func TestSaveLoadDeterministic(t *testing.T) {
	m1 := fixtureModel(t)
	saved := modeltest.Saved(t, m1)
	if !bytes.Equal(saved, modeltest.Saved(t, fixtureModel(t))) {
		t.Error("two trainings with the same seed saved different files")
	}
	m2, err := Load(bytes.NewReader(saved))
	if err != nil {
		t.Fatal(err)
	}
	// Labels are LOC, ORG, PER; the fixture's options bias ORG more.
	if want := []float32{4, 7, 4}; !slices.Equal(m2.labelBias, want) {
		t.Errorf("loaded label biases %v, want %v", m2.labelBias, want)
	}
	for _, s := range []string{
		"John/PROPN/NNP Smith/PROPN/NNP visited/VERB/VBD Berlin/PROPN/NNP ./PUNCT/.",
		"Mary/PROPN/NNP works/VERB/VBZ for/ADP/IN Acme/PROPN/NNP Corp./PROPN/NNP",
	} {
		d1, d2 := tagged(s), tagged(s)
		m1.Recognize(d1)
		m2.Recognize(d2)
		if !slices.Equal(entities(d1), entities(d2)) {
			t.Errorf("%q: %v before saving, %v after loading", d1.Text, entities(d1), entities(d2))
		}
	}
	if !bytes.Equal(saved, modeltest.Saved(t, m2)) {
		t.Error("saving a loaded model changed the file")
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	data := modeltest.Saved(t, fixtureModel(t))
	tests := map[string][]byte{
		"empty":       nil,
		"wrong magic": append([]byte("dyad-tag\n"), data[len(magic):]...),
		"not gzip":    append([]byte(magic), "plain text"...),
		"truncated":   data[:len(data)/2],
		"header only": data[:len(magic)+10],
	}
	for name, b := range tests {
		if _, err := Load(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	var v2 bytes.Buffer
	v2.WriteString(magic)
	e := binfile.NewGzipWriter(&v2)
	e.Uvarint(formatVersion + 1)
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(&v2); err == nil || !strings.Contains(err.Error(), "version") {
		t.Errorf("future version: error %v, want one naming the version", err)
	}
}

func TestGazetteerLongestMatch(t *testing.T) {
	g := NewGazetteer()
	g.add("New York", kindCity)
	g.add("New York City", kindCity)
	g.add("York", kindCity)
	g.add("Smith", kindPerson)
	lower := []string{"in", "new", "york", "city", "and", "york", "smith"}
	got := make([]uint8, len(lower)*numKinds)
	g.match(lower, got)
	city := make([]uint8, len(lower))
	for i := range lower {
		city[i] = got[i*numKinds+kindCity]
	}
	if want := []uint8{0, 1, 2, 3, 0, 4, 0}; !slices.Equal(city, want) {
		t.Errorf("city codes %v, want %v", city, want)
	}
	if got[6*numKinds+kindPerson] != 4 {
		t.Errorf("Smith not matched as a person")
	}
}

func TestReadActors(t *testing.T) {
	const dict = `# comment
AFGHANISTAN_  [AFG]
+AFGHAN_
+KABUL_

AFGHAN_NATIONAL_ARMY
	[AFGMIL]
HAMID_KARZAI_  # CountryInfo.txt
	[AFGGOV 011222-141231]
`
	blocks, err := readActors(strings.NewReader(dict))
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 3 {
		t.Fatalf("%d blocks, want 3: %+v", len(blocks), blocks)
	}
	if !blocks[0].country() || len(blocks[0].names) != 3 {
		t.Errorf("country block read as %+v", blocks[0])
	}
	if blocks[1].country() || blocks[1].person || blocks[1].datedRoles() {
		t.Errorf("institution block read as %+v", blocks[1])
	}
	if !blocks[2].person {
		t.Errorf("person block read as %+v", blocks[2])
	}
	if !isNationality("AFGHAN_") || isNationality("KABUL_") {
		t.Error("nationality guess wrong")
	}
}

func TestMergeAlignsRetokenisedWords(t *testing.T) {
	ud, err := conllu.Read(strings.NewReader("# sent_id = a\n1\tMc.Donald\t_\tPROPN\tNNP\t_\t0\t_\t_\t_\n2\ts\t_\tPART\tPOS\t_\t1\t_\t_\t_\n3\tis\t_\tAUX\tVBZ\t_\t1\t_\t_\t_\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	ner := []IOB2Sentence{{ID: "a", Words: []string{"Mc.", "Donald", "s", "is"}, Tags: []string{"B-ORG", "I-ORG", "I-ORG", "O"}}}
	out, err := Merge(ud, ner)
	if err != nil {
		t.Fatal(err)
	}
	tags, ok := GoldTags(&out[0])
	if !ok || !slices.Equal(tags, []string{"B-ORG", "I-ORG", "O"}) {
		t.Errorf("tags %v, want [B-ORG I-ORG O]", tags)
	}
	if _, err := Merge(ud, []IOB2Sentence{{ID: "b", Words: []string{"x"}, Tags: []string{"O"}}}); err == nil {
		t.Error("unknown sentence: no error")
	}
	if _, err := Merge(ud, []IOB2Sentence{{ID: "a", Words: []string{"other", "words"}, Tags: []string{"O", "O"}}}); err == nil {
		t.Error("different words: no error")
	}
}

func TestReadIOB2(t *testing.T) {
	in := "# sent_id = x-1\n# text = Tampa Bay\n1\tTampa\tB-LOC\t-\t-\n2\tBay\tI-LOC\t-\t-\n\n"
	got, err := ReadIOB2(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != "x-1" || !slices.Equal(got[0].Tags, []string{"B-LOC", "I-LOC"}) {
		t.Errorf("read %+v", got)
	}
	if _, err := ReadIOB2(strings.NewReader("1\tword\tX-LOC\n")); err == nil {
		t.Error("bad tag: no error")
	}
}

func TestScore(t *testing.T) {
	gold := appendIOB2Entities(nil, []string{"B-PER", "I-PER", "O", "B-LOC", "I-ORG"}, 0)
	pred := []dyad.Entity{
		{Span: dyad.Span{Start: 0, End: 2}, Label: "PER"}, // exact: TP
		{Span: dyad.Span{Start: 3, End: 5}, Label: "LOC"}, // wrong span: FP, and LOC 3-4 FN
	}
	sc := score(gold, pred)
	if sc.Overall != (Counts{TP: 1, FP: 1, FN: 2}) {
		t.Errorf("overall %+v, want TP 1 FP 1 FN 2", sc.Overall)
	}
	if c := sc.PerLabel["ORG"]; c.FN != 1 {
		t.Errorf("ORG %+v: a stray I-ORG should be an entity of its own", c)
	}
}

func TestUNERDevLoads(t *testing.T) {
	dir := shareddata.Dir(t)
	dev, err := LoadUNER(filepath.Join(dir, "uner-english-ewt", "en_ewt-ud-dev.iob2"),
		filepath.Join(dir, "ud-english-ewt", "en_ewt-ud-dev.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dev) != 2001 {
		t.Errorf("%d dev sentences, want 2001", len(dev))
	}
	_, err = LoadUNER(filepath.Join(dir, "no-such.iob2"), filepath.Join(dir, "ud-english-ewt", "en_ewt-ud-dev.conllu"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func BenchmarkRecognize(b *testing.B) {
	m := embedded(b)
	dir := shareddata.Dir(b)
	sents, err := conllu.ReadFile(filepath.Join(dir, "ud-english-ewt", "en_ewt-ud-test.conllu"))
	if err != nil {
		b.Fatal(err)
	}
	doc := conllu.Doc(sents)
	b.ResetTimer()
	for b.Loop() {
		m.Recognize(doc)
	}
	b.ReportMetric(float64(len(doc.Tokens)*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(bytes.NewReader(models.NER)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDocCountsLinkMentions(t *testing.T) {
	m := newModel([]string{"LOC", "ORG", "PER"}, nil, nil)
	tagOf := func(prefix byte, label int) int {
		for i, tg := range m.tags {
			if tg.prefix == prefix && tg.label == label {
				return i
			}
		}
		t.Fatalf("no tag %c-%d", prefix, label)
		return 0
	}
	uOrg, bOrg, o := tagOf('U', 1), tagOf('B', 1), 0
	d := newDocCounts(len(m.labels))
	d.add(m, "enron", uOrg)
	d.add(m, "enron", bOrg)
	d.add(m, "enron", o)
	d.add(m, "lay", o)
	tests := []struct {
		word       string
		own        int
		wantLabel  uint8
		wantShare  uint8
		wantPrefix uint8
	}{
		{"enron", o, 2, 2, 0},     // both others are ORG; B and U tie, B first
		{"enron", uOrg, 2, 1, 0},  // one ORG (B), one O
		{"lay", o, noOther, 0, 0}, // no other occurrence
		{"unseen", o, noOther, 0, 0},
	}
	for _, tt := range tests {
		var si stackInfo
		d.fill(m, &si, tt.word, tt.own)
		if si.docLabel != tt.wantLabel || (si.docLabel != noOther && (si.docShare != tt.wantShare || si.docPos != tt.wantPrefix)) {
			t.Errorf("%s (own tag %d): label %d share %d prefix %d, want %d %d %d", tt.word, tt.own,
				si.docLabel, si.docShare, si.docPos, tt.wantLabel, tt.wantShare, tt.wantPrefix)
		}
	}
	d.reset()
	var si stackInfo
	if d.fill(m, &si, "enron", o); si.docLabel != noOther {
		t.Errorf("after reset: label %d, want none", si.docLabel)
	}
}

func TestTwoStageModel(t *testing.T) {
	g := NewGazetteer()
	g.add("Berlin", kindCity)
	opts := DefaultTrainOptions()
	opts.Gazetteer, opts.SelfTrain, opts.StackFolds, opts.EntityBias = g, false, 2, 0.5
	m, err := Train(fixture(t), nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	if m.second == nil {
		t.Fatal("StackFolds 2 trained no second stage")
	}
	if m.labelBias[0] != 0 || m.second.labelBias[0] != 0.5 {
		t.Errorf("entity bias %v in the first stage, %v in the second; want 0 and 0.5", m.labelBias, m.second.labelBias)
	}
	sc, err := Evaluate(m, fixture(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	// The second stage learns from first stages trained on half of five
	// sentences each, so it need not reproduce the fixture exactly.
	if sc.Overall.F1() < 0.75 {
		t.Errorf("two-stage model did not learn the fixture:\n%s", sc)
	}
	saved := modeltest.Saved(t, m)
	m2, err := Load(bytes.NewReader(saved))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(saved, modeltest.Saved(t, m2)) {
		t.Error("saving a loaded two-stage model changed the file")
	}
	doc1 := tagged("Smith/PROPN/NNP visited/VERB/VBD Acme/PROPN/NNP Corp./PROPN/NNP in/ADP/IN Berlin/PROPN/NNP")
	doc2 := tagged("Smith/PROPN/NNP visited/VERB/VBD Acme/PROPN/NNP Corp./PROPN/NNP in/ADP/IN Berlin/PROPN/NNP")
	m.Recognize(doc1)
	m2.Recognize(doc2)
	if !slices.Equal(entities(doc1), entities(doc2)) {
		t.Errorf("%v before saving, %v after loading", entities(doc1), entities(doc2))
	}
}

func TestOrgAhead(t *testing.T) {
	words := strings.Fields("met Malcolm Smith Motorsports and Ray 's Pizza staff")
	info := make([]tokenInfo, len(words))
	for i, w := range words {
		fillTokenInfo(&info[i], w, "", "", nil)
	}
	markOrgAhead(info)
	var got []uint8
	for _, ti := range info {
		got = append(got, ti.orgAhead)
	}
	if want := []uint8{0, 2, 1, 0, 0, 2, 1, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("orgAhead %v, want %v", got, want)
	}
}

func TestDataFunctions(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the shared data")
	}
	dir := shareddata.Dir(t)
	opts := DefaultTrainOptions()
	opts.Epochs, opts.SelfTrain, opts.StackFolds = 1, false, 0
	m, err := TrainFromData(dir, embeddedTagger(t).Tag, opts)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := EvaluateOnData(m, dir, "dev", embeddedTagger(t).Tag)
	if err != nil {
		t.Fatal(err)
	}
	// One epoch on dev, scored on dev: a floor that only a broken
	// pipeline misses.
	if f := sc.Overall.F1(); f < 0.5 {
		t.Errorf("dev F1 after one epoch on dev %.3f, want at least 0.5", f)
	}
	if _, err := EvaluateOnData(m, dir, "train", embeddedTagger(t).Tag); err == nil {
		t.Error("UNER train split: no error")
	}
}

func TestLinkMentions(t *testing.T) {
	m := newModel([]string{"LOC", "ORG", "PER"}, nil, nil)
	tests := []struct {
		name      string
		sentences []string // words/UPOS items, one sentence each
		entities  []string // "label start end" over the whole Doc, as tagged
		want      []string // entities after linking
	}{
		{
			name:      "majority label",
			sentences: []string{"Hamas/PROPN/NNP fired/VERB/VBD ./PUNCT/.", "Hamas/PROPN/NNP said/VERB/VBD ./PUNCT/.", "Hamas/PROPN/NNP won/VERB/VBD ./PUNCT/."},
			entities:  []string{"ORG 0 1", "LOC 3 4", "ORG 6 7"},
			want:      []string{"ORG:Hamas", "ORG:Hamas", "ORG:Hamas"},
		},
		{
			name:      "tie keeps each label",
			sentences: []string{"Jordan/PROPN/NNP won/VERB/VBD ./PUNCT/.", "Jordan/PROPN/NNP lost/VERB/VBD ./PUNCT/."},
			entities:  []string{"PER 0 1", "LOC 3 4"},
			want:      []string{"PER:Jordan", "LOC:Jordan"},
		},
		{
			name:      "missed mention tagged",
			sentences: []string{"We/PRON/PRP met/VERB/VBD NiMo/PROPN/NNP ./PUNCT/.", "NiMo/PROPN/NNP released/VERB/VBD an/DET/DT RFP/NOUN/NN ./PUNCT/."},
			entities:  []string{"ORG 2 3"},
			want:      []string{"ORG:NiMo", "ORG:NiMo"},
		},
		{
			name:      "short forms of names",
			sentences: []string{"Antony/PROPN/NNP Blinken/PROPN/NNP left/VERB/VBD Enron/PROPN/NNP Corp./PROPN/NNP", "Blinken/PROPN/NNP and/CCONJ/CC Enron/PROPN/NNP agreed/VERB/VBD", "Mr./PROPN/NNP Smith/PROPN/NNP met/VERB/VBD Antony/PROPN/NNP"},
			entities:  []string{"PER 0 2", "ORG 3 5", "PER 9 11"},
			want:      []string{"PER:Antony Blinken", "ORG:Enron Corp.", "PER:Blinken", "ORG:Enron", "PER:Mr. Smith", "PER:Antony"},
		},
		{
			name:      "not inside a longer name or in lowercase",
			sentences: []string{"Paris/PROPN/NNP is/AUX/VBZ nice/ADJ/JJ", "Paris/PROPN/NNP Hilton/PROPN/NNP and/CCONJ/CC paris/PROPN/NNP"},
			entities:  []string{"LOC 0 1"},
			want:      []string{"LOC:Paris"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := tagged(strings.Join(tt.sentences, " "))
			doc.Sentences = nil
			start := 0
			for _, s := range tt.sentences {
				n := len(strings.Fields(s))
				doc.Sentences = append(doc.Sentences, dyad.Span{Start: start, End: start + n})
				start += n
			}
			for _, e := range tt.entities {
				var (
					label      string
					start, end int
				)
				if _, err := fmt.Sscan(e, &label, &start, &end); err != nil {
					t.Fatal(err)
				}
				doc.Entities = append(doc.Entities, dyad.Entity{Span: dyad.Span{Start: start, End: end}, Label: label})
			}
			m.linkMentions(doc)
			if got := entities(doc); !slices.Equal(got, tt.want) {
				t.Errorf("entities %v, want %v", got, tt.want)
			}
			var iob []string
			for _, e := range doc.Entities {
				iob = append(iob, doc.Tokens[e.Start].NER)
			}
			for i, tok := range doc.Tokens {
				if tok.NER == "" {
					t.Errorf("token %d %q has no NER tag", i, tok.Text)
				}
			}
			if want := func() []string {
				var w []string
				for _, e := range doc.Entities {
					w = append(w, "B-"+e.Label)
				}
				return w
			}(); !slices.Equal(iob, want) {
				t.Errorf("first tokens tagged %v, want %v", iob, want)
			}
		})
	}
}

// TestDropCalendarNames checks that a month or weekday alone is no entity,
// while "May" (a surname too) and longer names with a month stay.
func TestDropCalendarNames(t *testing.T) {
	words := strings.Fields("Protests began in March ; May met Brown on Friday at March Madness")
	doc := &dyad.Doc{}
	for _, w := range words {
		doc.Tokens = append(doc.Tokens, dyad.Token{Text: w, NER: "O"})
	}
	ent := func(start, end int, label string) dyad.Entity {
		for i := start; i < end; i++ {
			doc.Tokens[i].NER = "I-" + label
		}
		doc.Tokens[start].NER = "B-" + label
		return dyad.Entity{Span: dyad.Span{Start: start, End: end}, Label: label}
	}
	doc.Entities = []dyad.Entity{ent(3, 4, "LOC"), ent(5, 6, "PER"), ent(7, 8, "PER"), ent(9, 10, "ORG"), ent(11, 13, "ORG")}
	dropCalendarNames(doc)
	var got []string
	for _, e := range doc.Entities {
		got = append(got, strings.Join(words[e.Start:e.End], " "))
	}
	if want := []string{"May", "Brown", "March Madness"}; !slices.Equal(got, want) {
		t.Errorf("entities %q, want %q", got, want)
	}
	if doc.Tokens[3].NER != "O" || doc.Tokens[9].NER != "O" {
		t.Errorf("tags of March and Friday: %s, %s; want O", doc.Tokens[3].NER, doc.Tokens[9].NER)
	}
}
