package nlpeval

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadnews/dyad/internal/shareddata"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// parse reads CoNLL-U written with spaces for tabs: one word per line,
// sentences separated by blank lines.
func parse(t *testing.T, text string) []conllu.Sentence {
	t.Helper()
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			line = strings.Join(strings.Fields(line), "\t")
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\n")
	sents, err := conllu.Read(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return sents
}

const goldThreeSentences = `
1 I I PRON PRP _ 2 nsubj _ _
2 like like VERB VBP _ 0 root _ _
3 icecream icecream NOUN NN _ 2 obj _ SpaceAfter=No
4 . . PUNCT . _ 2 punct _ _

1 Bob Bob PROPN NNP _ 2 nsubj _ _
2 left leave VERB VBD _ 0 root _ SpaceAfter=No
3 . . PUNCT . _ 2 punct _ _

1 His he PRON PRP$ _ 2 nmod:poss _ _
2 dog dog NOUN NN _ 3 nsubj _ _
3 barked bark VERB VBD _ 0 root _ _
`

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name   string
		system string
		check  func(t *testing.T, s Scores)
	}{
		{"identical", goldThreeSentences, func(t *testing.T, s Scores) {
			for _, m := range s.Metrics() {
				if m.Score.F1 != 1 {
					t.Errorf("%s F1 = %v, want 1", m.Name, m.Score.F1)
				}
			}
		}},
		{"one token split in two", strings.Replace(goldThreeSentences,
			"3 icecream icecream NOUN NN _ 2 obj _ SpaceAfter=No\n4 . . PUNCT . _ 2 punct _ _",
			"3 ice ice NOUN NN _ 4 compound _ SpaceAfter=No\n4 cream cream NOUN NN _ 2 obj _ SpaceAfter=No\n5 . . PUNCT . _ 2 punct _ _", 1),
			func(t *testing.T, s Scores) {
				// gold 10 tokens, system 11, 9 shared.
				if s.Tokens.Gold != 10 || s.Tokens.System != 11 || s.Tokens.Correct != 9 {
					t.Errorf("tokens = %+v", s.Tokens)
				}
				if !near(s.Tokens.F1, 18.0/21) || !near(s.Tokens.Precision, 9.0/11) || !near(s.Tokens.Recall, 9.0/10) {
					t.Errorf("tokens P/R/F1 = %v/%v/%v", s.Tokens.Precision, s.Tokens.Recall, s.Tokens.F1)
				}
				if s.Sentences.F1 != 1 {
					t.Errorf("sentences F1 = %v, want 1", s.Sentences.F1)
				}
				// "." now hangs from word 2 of 5 words: the same gold head.
				if s.UAS.Correct != 9 || s.UAS.Aligned != 9 {
					t.Errorf("UAS = %+v, want 9 of 9 aligned", s.UAS)
				}
			}},
		{"two sentences merged", strings.Replace(goldThreeSentences,
			"3 . . PUNCT . _ 2 punct _ _\n\n1 His he PRON PRP$ _ 2 nmod:poss _ _\n2 dog dog NOUN NN _ 3 nsubj _ _\n3 barked bark VERB VBD _ 0 root _ _",
			"3 . . PUNCT . _ 2 punct _ _\n4 His he PRON PRP$ _ 5 nmod:poss _ _\n5 dog dog NOUN NN _ 6 nsubj _ _\n6 barked bark VERB VBD _ 2 parataxis _ _", 1),
			func(t *testing.T, s Scores) {
				if s.Sentences.Gold != 3 || s.Sentences.System != 2 || s.Sentences.Correct != 1 || !near(s.Sentences.F1, 0.4) {
					t.Errorf("sentences = %+v, want 1 correct of 3 gold, 2 system", s.Sentences)
				}
				if s.Tokens.F1 != 1 {
					t.Errorf("tokens F1 = %v", s.Tokens.F1)
				}
				// "barked" lost its root: UAS and LAS miss one of 10.
				if s.UAS.Correct != 9 || s.LAS.Correct != 9 {
					t.Errorf("UAS %d, LAS %d correct, want 9 and 9", s.UAS.Correct, s.LAS.Correct)
				}
			}},
		{"wrong head", strings.Replace(goldThreeSentences, "2 dog dog NOUN NN _ 3 nsubj", "2 dog dog NOUN NN _ 1 nsubj", 1),
			func(t *testing.T, s Scores) {
				if !near(s.UAS.F1, 0.9) || !near(s.LAS.F1, 0.9) || s.UPOS.F1 != 1 {
					t.Errorf("UAS %v LAS %v UPOS %v, want 0.9 0.9 1", s.UAS.F1, s.LAS.F1, s.UPOS.F1)
				}
				// dog is nsubj, a content relation: CLAS misses it too.
				if s.CLAS.Gold != 8 || s.CLAS.Correct != 7 {
					t.Errorf("CLAS = %+v, want 7 of 8", s.CLAS)
				}
			}},
		{"label subtype differs only", strings.Replace(goldThreeSentences, "nmod:poss", "nmod", 1),
			func(t *testing.T, s Scores) {
				if s.LAS.F1 != 1 {
					t.Errorf("LAS F1 = %v, want 1: subtypes are ignored", s.LAS.F1)
				}
			}},
		{"wrong label", strings.Replace(goldThreeSentences, "2 dog dog NOUN NN _ 3 nsubj", "2 dog dog NOUN NN _ 3 obj", 1),
			func(t *testing.T, s Scores) {
				if s.UAS.F1 != 1 || !near(s.LAS.F1, 0.9) {
					t.Errorf("UAS %v LAS %v, want 1 and 0.9", s.UAS.F1, s.LAS.F1)
				}
			}},
		{"wrong tag and lemma", strings.Replace(goldThreeSentences, "2 left leave VERB VBD", "2 left left ADJ JJ", 1),
			func(t *testing.T, s Scores) {
				if !near(s.UPOS.F1, 0.9) || !near(s.XPOS.F1, 0.9) || !near(s.Lemmas.F1, 0.9) || !near(s.AllTags.F1, 0.9) {
					t.Errorf("UPOS %v XPOS %v Lemmas %v AllTags %v, want 0.9", s.UPOS.F1, s.XPOS.F1, s.Lemmas.F1, s.AllTags.F1)
				}
				if !near(s.UPOS.AlignedAccuracy, 0.9) {
					t.Errorf("UPOS aligned accuracy %v", s.UPOS.AlignedAccuracy)
				}
			}},
	}
	gold := parse(t, goldThreeSentences)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Evaluate(gold, parse(t, tc.system))
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, s)
		})
	}
}

const goldContraction = `
1 I I PRON PRP _ 4 nsubj _ _
2-3 don't _ _ _ _ _ _ _ _
2 do do AUX VBP _ 4 aux _ _
3 n't not PART RB _ 4 advmod _ _
4 know know VERB VB _ 0 root _ _
`

func TestEvaluateMultiwordTokens(t *testing.T) {
	gold := parse(t, goldContraction)
	tests := []struct {
		name                   string
		system                 string
		tokensF1, wordsF1, uas float64
	}{
		{"same multiword token", goldContraction, 1, 1, 1},
		{"unsplit token", `
1 I I PRON PRP _ 2 nsubj _ _
2 don't do AUX VBP _ 3 aux _ _
3 know know VERB VB _ 0 root _ _`, 1, 4.0 / 7, 2.0 / 7},
		{"split into plain tokens", `
1 I I PRON PRP _ 4 nsubj _ _
2 do do AUX VBP _ 4 aux _ SpaceAfter=No
3 n't not PART RB _ 4 advmod _ _
4 know know VERB VB _ 0 root _ _`, 4.0 / 7, 1, 1},
		{"case differs inside the token", `
1 I I PRON PRP _ 4 nsubj _ _
2-3 don't _ _ _ _ _ _ _ _
2 DO do AUX VBP _ 4 aux _ _
3 n't not PART RB _ 4 advmod _ _
4 know know VERB VB _ 0 root _ _`, 1, 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Evaluate(gold, parse(t, tc.system))
			if err != nil {
				t.Fatal(err)
			}
			if !near(s.Tokens.F1, tc.tokensF1) || !near(s.Words.F1, tc.wordsF1) {
				t.Errorf("tokens F1 %v, words F1 %v; want %v, %v", s.Tokens.F1, s.Words.F1, tc.tokensF1, tc.wordsF1)
			}
			if !near(s.UAS.F1, tc.uas) {
				t.Errorf("UAS F1 %v, want %v", s.UAS.F1, tc.uas)
			}
		})
	}
}

func TestEvaluateErrors(t *testing.T) {
	gold := parse(t, goldThreeSentences)
	tests := []struct{ name, system, want string }{
		{"different text", strings.Replace(goldThreeSentences, "icecream icecream", "icecreem icecream", 1), "differ at character 11"},
		{"head outside sentence", strings.Replace(goldThreeSentences, "2 dog dog NOUN NN _ 3", "2 dog dog NOUN NN _ 9", 1), "outside the sentence"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Evaluate(gold, parse(t, tc.system))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to say %q", err, tc.want)
			}
		})
	}
}

func TestEvaluateIgnoresWhitespaceInForms(t *testing.T) {
	gold := []conllu.Sentence{{Words: []conllu.Word{{ID: 1, Form: "5\u00a0000", Head: 0}}}}
	sys := []conllu.Sentence{{Words: []conllu.Word{{ID: 1, Form: "5", Head: 0}, {ID: 2, Form: "000", Head: 1}}}}
	s, err := Evaluate(gold, sys)
	if err != nil {
		t.Fatal(err)
	}
	if s.Tokens.Correct != 0 || s.Tokens.System != 2 {
		t.Errorf("tokens = %+v", s.Tokens)
	}
}

func TestRawText(t *testing.T) {
	sents := parse(t, `
# newdoc id = d1
# newpar id = p1
# text = Hi there.
1 Hi hi INTJ UH _ 0 root _ _
2 there there ADV RB _ 1 advmod _ SpaceAfter=No
3 . . PUNCT . _ 1 punct _ _

# text = Bye.
1 Bye bye INTJ UH _ 0 root _ SpaceAfter=No
2 . . PUNCT . _ 1 punct _ _

# newpar id = p2
1 I I PRON PRP _ 4 nsubj _ _
2-3 don't _ _ _ _ _ _ _ SpaceAfter=No
2 do do AUX VBP _ 4 aux _ _
3 n't not PART RB _ 4 advmod _ _
4 ! ! PUNCT . _ 0 root _ _
`)
	want := "Hi there. Bye.\n\nI don't!\n"
	if got := RawText(sents); got != want {
		t.Errorf("RawText = %q, want %q", got, want)
	}
}

func TestEvaluateEWTAgainstItself(t *testing.T) {
	path := filepath.Join(shareddata.Dir(t), "ud-english-ewt", "en_ewt-ud-dev.conllu")
	gold, err := conllu.ReadFile(path)
	if err != nil {
		t.Skipf("EWT dev not readable: %v", err)
	}
	s, err := Evaluate(gold, gold)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range s.Metrics() {
		if m.Score.F1 != 1 {
			t.Errorf("%s F1 = %v, want 1", m.Name, m.Score.F1)
		}
	}
	if s.Sentences.Gold != 2001 || s.Words.Gold != 25147 {
		t.Errorf("sentences %d, words %d; want 2001 and 25147", s.Sentences.Gold, s.Words.Gold)
	}
}
