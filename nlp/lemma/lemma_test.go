package lemma

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/dyadnews/dyad/internal/modeltest"
	"github.com/dyadnews/dyad/internal/shareddata"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/models"
	"github.com/dyadnews/dyad/nlp/conllu"
)

func fixtureModel(t testing.TB) *Model {
	t.Helper()
	sents, err := conllu.ReadFile("testdata/fixture.conllu")
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultTrainOptions()
	opts.MinSupport = 1
	m, err := Train(sents, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLemmaFromFixture(t *testing.T) {
	m := fixtureModel(t)
	tests := []struct{ form, tag, next, want string }{
		{"attacked", "VBD", "", "attack"},     // seen
		{"Attacked", "VBD", "", "attack"},     // seen in lower case
		{"bombed", "VBD", "", "bomb"},         // unseen: -ed rule
		{"casualties", "NNS", "", "casualty"}, // unseen: -ies rule
		{"rockets", "NNS", "", "rocket"},
		{"Kurds", "NNPS", "", "Kurd"},   // unseen proper noun keeps case
		{"kerala", "NNP", "", "Kerala"}, // seen lower-case proper noun
		{"'s", "VBZ", "VBN", "have"},    // the next tag decides
		{"'s", "VBZ", "JJ", "be"},
		{"\u2019s", "VBZ", "VBN", "have"}, // typographic apostrophe
		{"1,000", "CD", "", "1,000"},
		{"", "NN", "", ""},
	}
	for _, tt := range tests {
		if got := m.Lemma(tt.form, tt.tag, tt.next); got != tt.want {
			t.Errorf("Lemma(%q, %s, next %s) = %q, want %q", tt.form, tt.tag, tt.next, got, tt.want)
		}
	}
}

func TestEditOf(t *testing.T) {
	tests := []struct {
		form, lemma string
		want        edit
	}{
		{"parties", "party", edit{"ies", "y"}},
		{"men", "man", edit{"en", "an"}},
		{"was", "be", edit{"was", "be"}},
		{"run", "run", edit{"", ""}},
		{"naïve", "naïv", edit{"e", ""}},
		{"né", "nè", edit{"é", "è"}}, // cut on the rune boundary, not mid-rune
	}
	for _, tt := range tests {
		got := editOf(tt.form, tt.lemma)
		if got != tt.want {
			t.Errorf("editOf(%q, %q) = %+v, want %+v", tt.form, tt.lemma, got, tt.want)
		}
		if l, ok := got.apply(tt.form); !ok || l != tt.lemma {
			t.Errorf("apply(%q) = %q, %v; want %q", tt.form, l, ok, tt.lemma)
		}
	}
}

func embedded(t testing.TB) *Model {
	t.Helper()
	m, err := Load(bytes.NewReader(models.Lemma))
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	return m
}

func TestEmbeddedModelOnNews(t *testing.T) {
	m := embedded(t)
	doc := &dyad.Doc{}
	for _, tok := range []struct{ text, xpos string }{
		{"Earlier", "RBR"}, {"Monday", "NNP"}, {",", ","}, {"a", "DT"}, {"rocket", "NN"},
		{"attack", "NN"}, {"on", "IN"}, {"al", "NNP"}, {"Asad", "NNP"}, {"airbase", "NN"},
		{"in", "IN"}, {"western", "JJ"}, {"Iraq", "NNP"}, {"wounded", "VBD"}, {"seven", "CD"},
		{"U.S.", "NNP"}, {"personnel", "NNS"}, {".", "."},
	} {
		doc.Tokens = append(doc.Tokens, dyad.Token{Text: tok.text, XPOS: tok.xpos})
	}
	m.Lemmatize(doc)
	want := "early Monday , a rocket attack on al Asad airbase in western Iraq wound seven U.S. personnel ."
	var got []string
	for _, tok := range doc.Tokens {
		got = append(got, tok.Lemma)
	}
	if g := strings.Join(got, " "); g != want {
		t.Errorf("lemmas\n got %s\nwant %s", g, want)
	}
	for _, tt := range []struct{ form, tag, next, want string }{
		{"n't", "RB", "", "not"}, {"ca", "MD", "", "can"}, {"wo", "MD", "", "will"},
		{"'m", "VBP", "", "be"}, {"’s", "VBZ", "VBN", "have"}, {"’s", "POS", "", "'s"},
		{"escalated", "VBD", "", "escalate"}, {"Iraqis", "NNPS", "", "Iraqi"},
		{"militias", "NNS", "", "militia"}, {"casualties", "NNS", "", "casualty"},
		{"retaliated", "VBD", "", "retaliate"}, {"Hezbollah", "NNP", "", "Hezbollah"},
		{"Negotiators", "NNS", "", "negotiator"}, {"drones", "NNS", "", "drone"},
	} {
		if got := m.Lemma(tt.form, tt.tag, tt.next); got != tt.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", tt.form, tt.tag, got, tt.want)
		}
	}
}

func TestEmbeddedModelOnEWTDev(t *testing.T) {
	dev := shareddata.EWT(t, "dev")
	sc := Evaluate(embedded(t), dev, nil)
	t.Logf("dev with gold tags: %s", sc)
	if sc.Lemma < 0.985 {
		t.Errorf("dev %s, want ≥ 98.5%%", sc)
	}
}

func TestHostileInput(t *testing.T) {
	m := embedded(t)
	huge := strings.Repeat("é", 1<<19)
	forms := []string{"", huge, "\xff\xfe", "a\x80b", "\x00", "\u200b", "🔥", "قال", "ΑΘΗΝΑ", "İstanbul", "ß", strings.Repeat("s", 300)}
	for _, f := range forms {
		for _, tag := range []string{"", "NN", "NNP", "VBD", "XYZ"} {
			got := m.Lemma(f, tag, "")
			if f != "" && len(f) <= maxFormLen && got == "" {
				t.Errorf("Lemma(%.20q, %q) is empty", f, tag)
			}
		}
	}
	doc := &dyad.Doc{Tokens: []dyad.Token{{Text: "Tanks", UPOS: "NOUN"}, {Text: "rolled"}, {Text: huge}}}
	m.Lemmatize(doc)
	if doc.Tokens[0].Lemma != "tank" {
		t.Errorf("UPOS-only token lemma %q, want tank", doc.Tokens[0].Lemma)
	}
	m.Lemmatize(&dyad.Doc{})
}

func TestSaveLoad(t *testing.T) {
	m := fixtureModel(t)
	saved := modeltest.Saved(t, m)
	if !bytes.Equal(saved, modeltest.Saved(t, fixtureModel(t))) {
		t.Fatal("two trainings saved different bytes")
	}
	loaded, err := Load(bytes.NewReader(saved))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"bombed", "casualties", "kerala", "Kurds"} {
		tag := map[string]string{"bombed": "VBD", "casualties": "NNS", "kerala": "NNP", "Kurds": "NNPS"}[f]
		if g, w := loaded.Lemma(f, tag, ""), m.Lemma(f, tag, ""); g != w {
			t.Errorf("loaded model: %q → %q, trained model %q", f, g, w)
		}
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	bad := map[string][]byte{
		"empty":       nil,
		"not gzip":    []byte("lemmas"),
		"wrong magic": gz([]byte("\x0bdyad-tagger\x01")),
		"version":     gz(append([]byte("\x0adyad-lemma"), 7)),
		"huge count":  gz(append([]byte("\x0adyad-lemma\x01\x08"), 0xff, 0xff, 0xff, 0xff, 0x0f)),
		"truncated":   saved[:len(saved)/2],
	}
	for name, f := range bad {
		if _, err := Load(bytes.NewReader(f)); err == nil {
			t.Errorf("%s: Load succeeded", name)
		}
	}
}

func TestTrainRejectsBadInput(t *testing.T) {
	if _, err := Train(nil, nil, DefaultTrainOptions()); err == nil {
		t.Error("no sentences: no error")
	}
}

func BenchmarkLemmatize(b *testing.B) {
	m := embedded(b)
	doc := conllu.Doc(shareddata.EWT(b, "dev"))
	b.ResetTimer()
	for b.Loop() {
		m.Lemmatize(doc)
	}
	b.ReportMetric(float64(len(doc.Tokens)*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
