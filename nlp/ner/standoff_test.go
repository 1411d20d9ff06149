package ner

import (
	"slices"
	"strings"
	"testing"

	"github.com/dyadnews/dyad"
)

func TestStandoff(t *testing.T) {
	text := "Asi Ali left Tikrit. Hamas said so."
	doc := &dyad.Doc{Text: text}
	for _, w := range []struct{ s, e int }{{0, 3}, {4, 7}, {8, 12}, {13, 19}, {19, 20}, {21, 26}, {27, 31}, {32, 34}, {34, 35}} {
		doc.Tokens = append(doc.Tokens, dyad.Token{Text: text[w.s:w.e], Start: w.s, End: w.e})
	}
	doc.Sentences = []dyad.Span{{Start: 0, End: 5}, {Start: 5, End: 9}}
	ms, err := ReadStandoff(strings.NewReader("# page\tstart\tend\tlabel\tmention\np1\t0\t7\tPER\tAsi Ali\np1\t13\t19\tLOC\tTikrit\np1\t21\t26\tORG\tHamas\n"))
	if err != nil {
		t.Fatal(err)
	}
	sents, err := StandoffSentences("p1", doc, ms["p1"])
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 || sents[0].Comment("newdoc id") != "p1" || sents[1].Comment("sent_id") != "p1-0002" {
		t.Fatalf("sentences %+v", sents)
	}
	var got []string
	for i := range sents {
		tags, _ := GoldTags(&sents[i])
		got = append(got, tags...)
	}
	if want := []string{"B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "O", "O", "O"}; !slices.Equal(got, want) {
		t.Errorf("tags %v, want %v", got, want)
	}

	// A text that changed since it was annotated fails rather than train
	// on misplaced marks.
	if _, err := StandoffSentences("p1", doc, []StandoffMention{{Start: 0, End: 7, Label: "PER", Text: "Ali Asi"}}); err == nil {
		t.Error("mention text that differs from the document: no error")
	}
	if _, err := StandoffSentences("p1", doc, []StandoffMention{{Start: 30, End: 99, Label: "PER", Text: "x"}}); err == nil {
		t.Error("mention past the end of the text: no error")
	}
	for _, bad := range []string{
		"p1\t0\t7\tPER",          // four fields
		"p1\tx\t7\tPER\tAsi Ali", // bad start
		"p1\t7\t0\tPER\tAsi Ali", // end before start
		"p1\t0\t7\t\tAsi Ali",    // no label
	} {
		if _, err := ReadStandoff(strings.NewReader(bad + "\n")); err == nil {
			t.Errorf("ReadStandoff(%q): no error", bad)
		}
	}
}
