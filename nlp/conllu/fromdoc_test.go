package conllu

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dyadnews/dyad"
)

func TestFromDoc(t *testing.T) {
	text := "I don't know.\nBob left"
	doc := &dyad.Doc{Text: text, Tokens: []dyad.Token{
		{Text: "I", Start: 0, End: 1, SpaceAfter: true, Head: 3, DepRel: "nsubj", NER: "O"},
		{Text: "do", Start: 2, End: 4, Fused: true, Head: 3, DepRel: "aux", Lemma: "do"},
		{Text: "n't", Start: 4, End: 7, SpaceAfter: true, Head: 3, DepRel: "advmod", Lemma: "not"},
		{Text: "know", Start: 8, End: 12, Head: -1, DepRel: "root"},
		{Text: ".", Start: 12, End: 13, SpaceAfter: true, Head: 3, DepRel: "punct"},
		{Text: "Bob", Start: 14, End: 17, SpaceAfter: true, Head: 6, DepRel: "nsubj", NER: "B-PER"},
		{Text: "left", Start: 18, End: 22, Head: -1, DepRel: "root"},
	}, Sentences: []dyad.Span{{Start: 0, End: 5}, {Start: 5, End: 7}}}
	sents := FromDoc(doc)
	var buf bytes.Buffer
	if err := Write(&buf, sents); err != nil {
		t.Fatal(err)
	}
	want := "# sent_id = 1\n# text = I don't know.\n" +
		"1\tI\t_\t_\t_\t_\t4\tnsubj\t_\tNER=O\n" +
		"2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"2\tdo\tdo\t_\t_\t_\t4\taux\t_\t_\n" +
		"3\tn't\tnot\t_\t_\t_\t4\tadvmod\t_\t_\n" +
		"4\tknow\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n" +
		"5\t.\t_\t_\t_\t_\t4\tpunct\t_\t_\n\n" +
		"# sent_id = 2\n# text = Bob left\n" +
		"1\tBob\t_\t_\t_\t_\t2\tnsubj\t_\tNER=B-PER\n" +
		"2\tleft\t_\t_\t_\t_\t0\troot\t_\t_\n\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	again, err := Read(strings.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	if !again[0].SpaceAfter(0) || again[0].SpaceAfter(1) || again[0].SpaceAfter(3) {
		t.Error("SpaceAfter not preserved through the multiword token")
	}
}

func TestFromDocHostile(t *testing.T) {
	docs := []*dyad.Doc{
		{},
		{Text: "x", Tokens: []dyad.Token{{Text: "a\tb", Start: 5, End: 9, Fused: true, Head: 40}}},
		{Text: "ab", Tokens: []dyad.Token{{Text: "a", Start: 0, End: 1}}, Sentences: []dyad.Span{{Start: 3, End: 1}, {Start: 0, End: 7}}},
	}
	for _, d := range docs {
		sents := FromDoc(d)
		var buf bytes.Buffer
		if err := Write(&buf, sents); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(&buf); err != nil {
			t.Errorf("FromDoc output does not read back: %v", err)
		}
	}
}
