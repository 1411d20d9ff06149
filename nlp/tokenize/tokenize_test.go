package tokenize

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dyadnews/dyad/internal/modeltest"
	"github.com/dyadnews/dyad/internal/shareddata"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/models"
	"github.com/dyadnews/dyad/nlp/conllu"
)

func embeddedModel(t testing.TB) *Model {
	t.Helper()
	m, err := Default()
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	return m
}

// tokens renders a Doc's tokens separated by spaces, the parts of a
// multiword token joined by "+", and sentences separated by " | ".
func tokens(doc *dyad.Doc) string {
	var b strings.Builder
	for si, s := range doc.Sentences {
		if si > 0 {
			b.WriteString(" | ")
		}
		for i := s.Start; i < s.End; i++ {
			b.WriteString(doc.Tokens[i].Text)
			switch {
			case doc.Tokens[i].Fused:
				b.WriteByte('+')
			case i < s.End-1:
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	m := embeddedModel(t)
	tests := []struct{ name, text, want string }{
		{"dateline", "ANNAPOLIS, Md., Aug 6 (Reuters) – The United States has told Iran.",
			"ANNAPOLIS , Md. , Aug 6 ( Reuters ) – The United States has told Iran ."},
		{"abbreviations", "Gen. Smith met Sen. Jones of Acme Inc. at 10 a.m. in the U.S. capital.",
			"Gen. Smith met Sen. Jones of Acme Inc. at 10 a.m. in the U.S. capital ."},
		{"sentence-final abbreviation", "They met in the U.S.\n\nThen they left.",
			"They met in the U.S . | Then they left ."},
		{"numbers", "It cost $5, or 2,500 yen (3.5% more) in the 1990s.",
			"It cost $ 5 , or 2,500 yen ( 3.5 % more ) in the 1990s ."},
		{"contractions", "We've said we don't, can't and won't. It's Iran's.",
			"We+'ve said we do+n't , ca+n't and wo+n't . | It+'s Iran+'s ."},
		{"more contractions", "I'm gonna go; you'll see they're sure it'd work. I cannot.",
			"I+'m gon+na go ; you+'ll see they+'re sure it+'d work . | I can+not ."},
		{"curly quotes and apostrophes", "“We’ve been engaged,” Blinken said.",
			"“ We+’ve been engaged , ” Blinken said ."},
		{"straight quotes", `He said "no" and 'maybe'.`, `He said " no " and ' maybe ' .`},
		{"plural possessive", "The workers' union met.", "The workers+' union met ."},
		{"dashes and ellipsis", "Wait -- no... it was—yes.", "Wait -- no ... it was — yes ."},
		{"hyphens as EWT splits them", "An Iran-backed, long-standing e-mail from al-Qaeda.",
			"An Iran - backed , long - standing e-mail from al - Qaeda ."},
		{"web", "Mail bob@example.com or see https://example.com/a?b=1. Follow @dyad #news :)",
			"Mail bob@example.com or see https://example.com/a?b=1 . | Follow @dyad #news :)"},
		{"missing space after full stop", "a wider Middle East war .Iran has blamed the U.S. for it.",
			"a wider Middle East war . | Iran has blamed the U.S. for it ."},
		{"missing space between words", "the war.Iran has", "the war . | Iran has"},
		{"times and units", "At 5pm, 7:30 PM, or 11:00a.m. it weighed 5kg.", "At 5 pm , 7:30 PM , or 11:00 a.m. it weighed 5 kg ."},
		{"phone and date", "Call 713-853-3989 on 11/28/2000.", "Call 713-853-3989 on 11/28/2000 ."},
		{"slashes", "and/or w/o", "and / or w/o"},
		{"question and exclamation", "Really?! Yes!!! Ok.", "Really ?! | Yes !!! | Ok ."},
		{"paragraphs end sentences", "No final stop here\n\nNext paragraph", "No final stop here | Next paragraph"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := &dyad.Doc{Text: tc.text}
			m.Tokenize(doc)
			if got := tokens(doc); got != tc.want {
				t.Errorf("\ngot  %s\nwant %s", got, tc.want)
			}
			checkOffsets(t, doc)
		})
	}
}

// checkOffsets asserts the invariants every tokenization keeps.
func checkOffsets(t *testing.T, doc *dyad.Doc) {
	t.Helper()
	prevEnd := 0
	for i, tk := range doc.Tokens {
		if tk.Start < prevEnd || tk.End <= tk.Start || tk.End > len(doc.Text) {
			t.Fatalf("token %d %q has offsets %d-%d after %d (text %d bytes)", i, tk.Text, tk.Start, tk.End, prevEnd, len(doc.Text))
		}
		if doc.Text[tk.Start:tk.End] != tk.Text {
			t.Fatalf("token %d text %q, text[%d:%d] = %q", i, tk.Text, tk.Start, tk.End, doc.Text[tk.Start:tk.End])
		}
		if tk.Fused && (i+1 >= len(doc.Tokens) || doc.Tokens[i+1].Start != tk.End || tk.SpaceAfter) {
			t.Fatalf("fused token %d %q is not joined to the next", i, tk.Text)
		}
		if tk.Head != -1 {
			t.Fatalf("token %d has head %d before parsing", i, tk.Head)
		}
		prevEnd = tk.End
	}
	next := 0
	for _, s := range doc.Sentences {
		if s.Start != next || s.End <= s.Start || s.End > len(doc.Tokens) {
			t.Fatalf("sentence %v does not continue at token %d", s, next)
		}
		if doc.Tokens[s.End-1].Fused {
			t.Fatalf("sentence %v ends inside a multiword token", s)
		}
		next = s.End
	}
	if next != len(doc.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(doc.Tokens))
	}
}

func TestSeedStory(t *testing.T) {
	m := embeddedModel(t)
	doc := &dyad.Doc{Text: "Earlier Monday, a rocket attack on al Asad airbase in western Iraq wounded seven U.S. personnel. " +
		"Austin was unequivocal, saying the United States “will not tolerate” attacks on its personnel."}
	m.Tokenize(doc)
	want := "Earlier Monday , a rocket attack on al Asad airbase in western Iraq wounded seven U.S. personnel . | " +
		"Austin was unequivocal , saying the United States “ will not tolerate ” attacks on its personnel ."
	if got := tokens(doc); got != want {
		t.Errorf("\ngot  %s\nwant %s", got, want)
	}
	path := shareddata.Seed(t)
	text, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("seed story: %v", err)
	}
	doc = &dyad.Doc{Text: string(text)}
	m.Tokenize(doc)
	checkOffsets(t, doc)
	var sents []string
	for _, s := range doc.Sentences {
		sents = append(sents, doc.Text[doc.Tokens[s.Start].Start:doc.Tokens[s.End-1].End])
	}
	for _, want := range []string{
		"Eight unfired rockets were dismantled, the statement said.",
		"Iran has blamed the U.S. for involvement in the death of Haniyeh, citing Washington’s long-standing support for Israel.",
	} {
		found := false
		for _, s := range sents {
			found = found || s == want
		}
		if !found {
			t.Errorf("sentence %q not found in\n%s", want, strings.Join(sents, "\n"))
		}
	}
}

func TestHostileInput(t *testing.T) {
	m := embeddedModel(t)
	long := strings.Repeat("word ", 20000)
	tests := []struct {
		name, text   string
		wantTokens   int
		wantReplaced int
	}{
		{"empty", "", 0, 0},
		{"only spaces", " \n\t\r\n ", 0, 0},
		{"20,000-token sentence", long, 20000, 0},
		{"emoji", "Peace 🕊️ now 👍🏽!", -1, 0},
		{"right to left", "قال بلينكن إن الولايات المتحدة. שלום עולם", -1, 0},
		{"control characters", "a\x00b\x01\x1bc\u0085d\u200be\ufefff", -1, 0},
		{"invalid UTF-8", "ab\xffcd \xc3\x28 ok\xe2\x82", -1, 3},
		{"lone punctuation", "'\"-.,;:!?()[]{}<>«»“”‘’…—–", -1, 0},
		{"apostrophes only", "' '' ''' 's n't", -1, 0},
		{"long run of one symbol", strings.Repeat("-", 100000), 1, 0},
		{"long run of mixed brackets", strings.Repeat(")]", 100000), -1, 0},
		{"long hyphenated chunk", strings.Repeat("a-", 100000), -1, 0},
		{"long word", strings.Repeat("x", 100000), -1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := &dyad.Doc{Text: tc.text}
			res := m.Tokenize(doc)
			if res.Replaced != tc.wantReplaced {
				t.Errorf("replaced %d, want %d", res.Replaced, tc.wantReplaced)
			}
			if !utf8.ValidString(doc.Text) {
				t.Error("text still invalid UTF-8")
			}
			if tc.wantTokens >= 0 && len(doc.Tokens) != tc.wantTokens {
				t.Errorf("%d tokens, want %d", len(doc.Tokens), tc.wantTokens)
			}
			checkOffsets(t, doc)
		})
	}
}

func TestMaxBytes(t *testing.T) {
	m := *embeddedModel(t)
	m.MaxBytes = 10
	doc := &dyad.Doc{Text: "one two three four"}
	res := m.Tokenize(doc)
	if got := tokens(doc); got != "one two th" || res.Truncated != 8 {
		t.Errorf("got %q, truncated %d; want \"one two th\", 8", got, res.Truncated)
	}
}

func TestSaveLoad(t *testing.T) {
	m := embeddedModel(t)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	again, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var buf2 bytes.Buffer
	if err := again.Save(&buf2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("model changed through Save and Load")
	}
	for _, bad := range [][]byte{nil, []byte("not gzip"), buf.Bytes()[:len(buf.Bytes())/2]} {
		if _, err := Load(bytes.NewReader(bad)); !errors.Is(err, ErrFormat) {
			t.Errorf("Load(%d bytes) = %v, want ErrFormat", len(bad), err)
		}
	}
}

// TestEmbeddedModelIsTrained checks that the embedded model is exactly
// what Train makes from EWT with the default options.
func TestEmbeddedModelIsTrained(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	train, dev := shareddata.EWT(t, "train"), shareddata.EWT(t, "dev")
	m, err := Train(train, dev, TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	embedded := embeddedModel(t)
	var want bytes.Buffer
	if err := embedded.Save(&want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want.Bytes()) {
		t.Error("embedded model differs from Train(EWT train, dev, defaults): retrain and commit models/tokenize.bin.gz")
	}
	sc, err := Evaluate(m, dev)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Tokens.F1 < 0.985 || sc.Sentences.F1 < 0.80 {
		t.Errorf("dev tokens F1 %.4f, sentences F1 %.4f; want at least 0.985 and 0.80", sc.Tokens.F1, sc.Sentences.F1)
	}
}

func TestTrainDeterministic(t *testing.T) {
	sents, err := conllu.Read(strings.NewReader(trainSample))
	if err != nil {
		t.Fatal(err)
	}
	var saved [2][]byte
	for i := range saved {
		m, err := Train(sents, nil, TrainOptions{Seed: 7, Epochs: 3})
		if err != nil {
			t.Fatal(err)
		}
		saved[i] = modeltest.Saved(t, m)
	}
	if !bytes.Equal(saved[0], saved[1]) {
		t.Error("two trainings with the same seed differ")
	}
	if _, err := Train(nil, nil, TrainOptions{}); err == nil {
		t.Error("Train without sentences succeeded")
	}
}

const trainSample = `# newdoc id = d
# text = Hi there.
1	Hi	hi	INTJ	UH	_	0	root	_	_
2	there	there	ADV	RB	_	1	advmod	_	SpaceAfter=No
3	.	.	PUNCT	.	_	1	punct	_	_

# text = I don't know
1	I	I	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	_

# text = Bye now.
1	Bye	bye	INTJ	UH	_	0	root	_	_
2	now	now	ADV	RB	_	1	advmod	_	SpaceAfter=No
3	.	.	PUNCT	.	_	1	punct	_	_

`

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "Hello, world.", "ANNAPOLIS, Md., Aug 6 (Reuters) – x", "don't won't can't",
		"war .Iran", "a\xffb", "http://x.y/z).", "''''", "5pm $3M 1/2 713-853-3989", "U.S.?!", "“’’”"} {
		f.Add(s)
	}
	m, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := &dyad.Doc{Text: text}
		m.Tokenize(doc)
		checkOffsets(t, doc)
	})
}

// BenchmarkTokenize measures tokens per second on news text.
func BenchmarkTokenize(b *testing.B) {
	text, err := os.ReadFile(shareddata.Seed(b))
	if err != nil {
		b.Skipf("seed story: %v", err)
	}
	m := embeddedModel(b)
	doc := &dyad.Doc{Text: strings.Repeat(string(text)+"\n\n", 20)}
	m.Tokenize(doc)
	n := len(doc.Tokens)
	b.SetBytes(int64(len(doc.Text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Tokenize(doc)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func TestConcurrentUse(t *testing.T) {
	m := embeddedModel(t)
	texts := []string{"Mr. Smith didn't go. He stayed.", "ANNAPOLIS, Md., Aug 6 (Reuters) – Iran's reply.", strings.Repeat("It's 5pm. ", 300)}
	want := make([]string, len(texts))
	for i, tx := range texts {
		doc := &dyad.Doc{Text: tx}
		m.Tokenize(doc)
		want[i] = tokens(doc)
	}
	done := make(chan error)
	for g := 0; g < 8; g++ {
		go func() {
			var err error
			for k := 0; k < 50; k++ {
				i := (g + k) % len(texts)
				doc := &dyad.Doc{Text: texts[i]}
				m.Tokenize(doc)
				if got := tokens(doc); got != want[i] && err == nil {
					err = errors.New("concurrent result differs for " + texts[i][:10])
				}
			}
			done <- err
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestEWTScores reports the embedded model's CoNLL 2018 scores from the
// raw text of EWT dev and test (run with -v to see them) and holds them
// to the targets: tokens F1 ≥ 98.5, sentences F1 ≥ 80.
func TestEWTScores(t *testing.T) {
	m := embeddedModel(t)
	for _, split := range []string{"dev", "test"} {
		sc, err := Evaluate(m, shareddata.EWT(t, split))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("EWT %s: tokens F1 %.2f, sentences F1 %.2f, words F1 %.2f",
			split, 100*sc.Tokens.F1, 100*sc.Sentences.F1, 100*sc.Words.F1)
		if sc.Tokens.F1 < 0.985 || sc.Sentences.F1 < 0.80 {
			t.Errorf("EWT %s below target", split)
		}
	}
}

// BenchmarkLoad measures reading the embedded model.
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(bytes.NewReader(models.Tokenize)); err != nil {
			b.Fatal(err)
		}
	}
}
