package tagger

import (
	"strings"
	"testing"

	"github.com/dyadnews/dyad"
)

// taggedDoc builds a one-sentence Doc from "word/XPOS" items.
func taggedDoc(items string) *dyad.Doc {
	var d dyad.Doc
	for it := range strings.FieldsSeq(items) {
		word, xpos, _ := strings.Cut(it, "/")
		d.Tokens = append(d.Tokens, dyad.Token{Text: word, XPOS: xpos, UPOS: "X", Head: -1})
	}
	d.Sentences = []dyad.Span{{Start: 0, End: len(d.Tokens)}}
	return &d
}

func TestRestoreMainVerbs(t *testing.T) {
	for _, tt := range []struct {
		name, sentence string
		want           map[int]string // token index → FEATS of the VBD (or VBN) it becomes
	}{
		{"simple past after a plural subject",
			"Police/NNS arrested/VBN six/CD people/NNS Monday/NNP during/IN a/DT raid/NN ./.",
			map[int]string{1: "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin"}},
		{"after a time phrase",
			"President/NNP Bush/NNP on/IN Tuesday/NNP nominated/VBN two/CD individuals/NNS to/TO federal/JJ courts/NNS ./.",
			map[int]string{4: "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"}},
		{"to before a base verb",
			"An/DT Alibaba/NNP spokesperson/NN declined/VBN to/TO comment/VB on/IN the/DT pricing/NN ./.",
			map[int]string{3: "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"}},
		{"coordinated verbs",
			"Katrina/NNP devastated/VBN refineries/NNS in/IN Louisiana/NNP and/CC sent/VBN prices/NNS higher/RBR ./.",
			map[int]string{1: "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin", 6: "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"}},
		{"pronoun subject",
			"They/PRP signed/VBN the/DT agreement/NN in/IN Doha/NNP on/IN Monday/NNP ./.",
			map[int]string{1: "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin"}},
		{"reduced relative before a preposition",
			"Amount/NN allocated/VBN per/IN person/NN in/IN New/NNP York/NNP state/NN ./.", nil},
		{"reduced relative before to and a noun phrase",
			"A/DT contract/NN awarded/VBN to/TO an/DT American/JJ firm/NN in/IN Iraq/NNP ./.", nil},
		{"a finite verb elsewhere",
			"Officials/NNS said/VBD troops/NNS arrested/VBN three/CD people/NNS near/IN Kabul/NNP ./.", nil},
		{"headline",
			"Woman/NNP Found/VBN Dead/JJ In/IN Plano/NNP Apartment/NNP After/IN Fire/NNP", nil},
		{"names and places but a full stop: not a headline",
			"On/IN Saturday/NNP ,/, Israeli/JJ troops/NNS arrested/VBN four/CD Palestinians/NNPS in/IN the/DT West/NNP Bank/NNP ./.",
			map[int]string{5: "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin"}},
		{"a participle the tagger took for an adjective",
			"A/DT roadside/NN bomb/NN near/IN Kandahar/NNP wounded/JJ three/CD Canadian/JJ soldiers/NNS ./.",
			map[int]string{5: "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"}},
		{"an adjective in -ed before its noun",
			"Five/CD people/NNS ,/, mostly/RB wounded/JJ soldiers/NNS ,/, in/IN Kabul/NNP", nil},
		{"a participle in the opening phrase read as the main verb",
			"In/IN a/DT joint/JJ statement/NN published/VBD Friday/NNP ,/, the/DT ministries/NNS accused/VBN US/NNP forces/NNS of/IN obstruction/NN ./.",
			map[int]string{4: "Tense=Past|VerbForm=Part", 9: "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin"}},
		{"a participle in the opening phrase tagged as one",
			"In/IN a/DT joint/JJ statement/NN published/VBN Oct./NNP 25/CD ,/, the/DT ministries/NNS accused/VBN US/NNP forces/NNS of/IN obstruction/NN ./.",
			map[int]string{10: "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin"}},
		{"a finite verb in the opening phrase and no participle after",
			"In/IN the/DT town/NN Smith/NNP visited/VBD ,/, crowds/NNS gathered/VBD at/IN the/DT square/NN ./.", nil},
		{"too short",
			"Bugs/NNS fixed/VBN today/NN ./.", nil},
		{"imperative",
			"Keep/VB your/PRP$ eyes/NNS peeled/VBN the/DT whole/JJ night/NN ./.", nil},
		{"no noun before",
			"Posted/VBN by/IN Hidden/NNP Nook/NNP at/IN 11:16/CD PM/NN today/NN", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := taggedDoc(tt.sentence)
			before := append([]dyad.Token(nil), doc.Tokens...)
			if got := RestoreMainVerbs(doc); got != len(tt.want) {
				t.Errorf("retagged %d tokens, want %d", got, len(tt.want))
			}
			for i, tok := range doc.Tokens {
				feats, ok := tt.want[i]
				xpos := "VBD" // or the participle an opening phrase's verb becomes
				if strings.Contains(feats, "VerbForm=Part") {
					xpos = "VBN"
				}
				switch {
				case ok && (tok.XPOS != xpos || tok.UPOS != "VERB" || tok.Feats != feats):
					t.Errorf("%s: %s %s %s, want VERB %s %s", tok.Text, tok.UPOS, tok.XPOS, tok.Feats, xpos, feats)
				case !ok && tok != before[i]:
					t.Errorf("%s changed to %s %s", tok.Text, tok.UPOS, tok.XPOS)
				}
			}
		})
	}
}

func TestRestoreMainVerbsHostileInput(t *testing.T) {
	for _, doc := range []*dyad.Doc{
		{},
		{Tokens: []dyad.Token{{Text: "", XPOS: "VBN"}}},
		// Spans past the tokens, overlapping and reversed.
		{Tokens: taggedDoc("a/NN b/VBN c/DT").Tokens, Sentences: []dyad.Span{{Start: 2, End: 9}, {Start: 1, End: 0}, {Start: 0, End: 3}}},
	} {
		RestoreMainVerbs(doc)
	}
}

// TestRestoreMainVerbsReadsSentencesAsTag checks that tokens no sentence
// covers are repaired as one sentence, as Model.Tag tags them.
func TestRestoreMainVerbsReadsSentencesAsTag(t *testing.T) {
	doc := taggedDoc("Police/NNS arrested/VBN six/CD people/NNS Monday/NNP during/IN a/DT raid/NN ./.")
	doc.Sentences = nil
	if got := RestoreMainVerbs(doc); got != 1 || doc.Tokens[1].XPOS != "VBD" {
		t.Errorf("without sentences: retagged %d, arrested is %s; want 1 and VBD", got, doc.Tokens[1].XPOS)
	}
}
