package nlp

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/dyadnews/dyad/internal/shareddata"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/models"
)

func pipeline(t testing.TB) *Pipeline {
	t.Helper()
	p, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// find returns the index of the first token with the given text.
func find(t *testing.T, doc *dyad.Doc, text string) int {
	t.Helper()
	for i, tok := range doc.Tokens {
		if tok.Text == text {
			return i
		}
	}
	t.Fatalf("no token %q in %q", text, doc.Text)
	return -1
}

// TestSeedSentence checks the parse the event coder relies on in the
// founding story: who wounded whom, and how many.
func TestSeedSentence(t *testing.T) {
	doc, _ := pipeline(t).Annotate("Earlier Monday, a rocket attack on al Asad airbase in western Iraq wounded seven U.S. personnel.")
	verb, attack, personnel, seven := find(t, doc, "wounded"), find(t, doc, "attack"), find(t, doc, "personnel"), find(t, doc, "seven")
	for _, c := range []struct {
		dep, head int
		rel       string
	}{{attack, verb, "nsubj"}, {personnel, verb, "obj"}, {seven, personnel, "nummod"}} {
		tok := doc.Tokens[c.dep]
		if tok.Head != c.head || tok.DepRel != c.rel {
			t.Errorf("%q: head %d (%s), want %d (%s)", tok.Text, tok.Head, tok.DepRel, c.head, c.rel)
		}
	}
	if doc.Tokens[verb].Lemma != "wound" || doc.Tokens[verb].UPOS != "VERB" || doc.Tokens[verb].XPOS != "VBD" {
		t.Errorf("wounded = %+v, want lemma wound, VERB, VBD", doc.Tokens[verb])
	}
	if got := doc.Tokens[find(t, doc, "Iraq")].NER; got != "B-LOC" {
		t.Errorf("Iraq NER = %q, want B-LOC", got)
	}
	if len(doc.Sentences) != 1 {
		t.Errorf("%d sentences, want 1", len(doc.Sentences))
	}
}

// TestNewsPastTenseIsTheMainVerb checks a news sentence whose verb the
// tagger's model reads as a participle comes out of the pipeline with a
// finite main verb at the root (tagger.RestoreMainVerbs).
func TestNewsPastTenseIsTheMainVerb(t *testing.T) {
	doc, _ := pipeline(t).Annotate("Bush on Tuesday nominated two individuals to replace retiring judges on federal courts.")
	verb := doc.Tokens[find(t, doc, "nominated")]
	if verb.XPOS != "VBD" || verb.Head != -1 || verb.Lemma != "nominate" {
		t.Errorf("nominated = %s head %d lemma %s, want VBD at the root, lemma nominate", verb.XPOS, verb.Head, verb.Lemma)
	}
	if subj := doc.Tokens[find(t, doc, "Bush")]; subj.DepRel != "nsubj" {
		t.Errorf("Bush is %s, want nsubj", subj.DepRel)
	}
}

// hostileTexts are inputs the pipeline must survive with well-formed
// output: nothing, whitespace, news, a 20,000-token "sentence", emoji and
// right-to-left scripts, control characters, invalid UTF-8.
var hostileTexts = []string{
	"",
	"   \n\n ",
	"The United States has told Iran and Israel that the conflict cannot be allowed to escalate, Blinken said on Tuesday. “We’ve communicated that message directly to Israel,” he said.",
	strings.Repeat("word ", 20000),
	"🙂🙂 emoji 🚀 and مرحبا بالعالم and שלום עולם.",
	"control\x00chars\x07and\x1b[31m escapes\u202e reversed",
	"invalid \xff\xfe utf-8 \xc3",
	"“ ( [ ... ] ) ” -- : ;",
}

// TestAnnotateTreesAreWellFormed runs the pipeline over news and hostile
// text and checks every sentence is a tree: one root, heads inside the
// sentence, no cycles.
func TestAnnotateTreesAreWellFormed(t *testing.T) {
	p := pipeline(t)
	for _, text := range hostileTexts {
		doc, _ := p.Annotate(text)
		checkWellFormed(t, text, doc)
	}
}

// FuzzAnnotate feeds the pipeline arbitrary text: it must not panic, and
// what it returns must be well formed.
func FuzzAnnotate(f *testing.F) {
	for _, text := range hostileTexts {
		f.Add(text)
	}
	p := pipeline(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc, _ := p.Annotate(text)
		checkWellFormed(t, text, doc)
	})
}

// checkWellFormed checks that doc's tokens lie in order inside its text,
// that its sentences cover every token once, in order, and that each
// sentence is a tree (one root, heads inside the sentence, no cycles)
// whose tokens carry an IOB2 entity tag.
func checkWellFormed(t *testing.T, text string, doc *dyad.Doc) {
	t.Helper()
	end := 0
	for i, tok := range doc.Tokens {
		if tok.Start < end || tok.End < tok.Start || tok.End > len(doc.Text) {
			t.Fatalf("%.30q: token %d at [%d,%d) out of order or outside the text (%d bytes)", text, i, tok.Start, tok.End, len(doc.Text))
		}
		end = tok.End
		if tag := tok.NER; tag != "O" && !strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-") {
			t.Fatalf("%.30q: token %d has entity tag %q", text, i, tag)
		}
	}
	next := 0
	for _, sp := range doc.Sentences {
		if sp.Start != next || sp.End <= sp.Start {
			t.Fatalf("%.30q: sentence [%d,%d) after token %d", text, sp.Start, sp.End, next)
		}
		next = sp.End
		roots := 0
		for i := sp.Start; i < sp.End; i++ {
			h := doc.Tokens[i].Head
			if h == -1 {
				roots++
				continue
			}
			if h < sp.Start || h >= sp.End {
				t.Fatalf("%.30q: token %d head %d outside its sentence [%d,%d)", text, i, h, sp.Start, sp.End)
			}
			for steps, j := 0, i; j != -1; steps, j = steps+1, doc.Tokens[j].Head {
				if steps > sp.End-sp.Start {
					t.Fatalf("%.30q: cycle through token %d", text, i)
				}
			}
		}
		if roots != 1 {
			t.Fatalf("%.30q: sentence [%d,%d) has %d roots", text, sp.Start, sp.End, roots)
		}
	}
	if next != len(doc.Tokens) {
		t.Fatalf("%.30q: sentences cover %d of %d tokens", text, next, len(doc.Tokens))
	}
}

func TestAnnotateAllKeepsOrder(t *testing.T) {
	p := pipeline(t)
	texts := []string{"Iran attacked Israel.", "", "Blinken met Austin in Washington on Monday.", "They left."}
	docs, err := p.AnnotateAll(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if d.Text != texts[i] {
			t.Errorf("doc %d has text %q, want %q", i, d.Text, texts[i])
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.AnnotateAll(ctx, texts); err == nil {
		t.Error("a cancelled batch gave no error")
	}
}

func seedText(b *testing.B) string {
	data, err := os.ReadFile(shareddata.Seed(b))
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// BenchmarkPipeline is the whole pipeline on one core over the founding
// article; tokens/s is the figure the speed target is stated in.
func BenchmarkPipeline(b *testing.B) {
	p, text := pipeline(b), seedText(b)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	tokens := 0
	b.ResetTimer()
	for b.Loop() {
		doc, _ := p.Annotate(text)
		tokens += len(doc.Tokens)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkAnnotateAll is the batch API on every core.
func BenchmarkAnnotateAll(b *testing.B) {
	p, text := pipeline(b), seedText(b)
	texts := make([]string, 4*runtime.GOMAXPROCS(0))
	for i := range texts {
		texts[i] = text
	}
	tokens := 0
	for b.Loop() {
		docs, err := p.AnnotateAll(context.Background(), texts)
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			tokens += len(d.Tokens)
		}
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkLoad reads every embedded model afresh, as a starting process
// does, and reports the heap the loaded models hold.
func BenchmarkLoad(b *testing.B) {
	var p *Pipeline
	for b.Loop() {
		var err error
		if p, err = load(models.Tokenize, models.Tagger, models.Lemma, models.Parser, models.NER); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
	runtime.KeepAlive(p)
}

// TestLoadDir loads model files from a directory, as `dyad eval nlp
// --models` does with what `dyad train --out` wrote, and names the file
// that is missing when one is.
func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		models.TokenizeFile: models.Tokenize, models.TaggerFile: models.Tagger, models.LemmaFile: models.Lemma,
		models.ParserFile: models.Parser, models.NERFile: models.NER,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := p.Annotate("Blinken arrived in Cairo on Monday.")
	if len(doc.Tokens) != 7 || doc.Tokens[0].UPOS != "PROPN" || len(doc.Entities) == 0 {
		t.Errorf("pipeline from %s: tokens %+v, entities %+v", dir, doc.Tokens, doc.Entities)
	}
	if err := os.Remove(filepath.Join(dir, models.ParserFile)); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), models.ParserFile) {
		t.Errorf("LoadDir without %s: error %v, want one naming the file", models.ParserFile, err)
	}
}
