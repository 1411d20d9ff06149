package conllu

import (
	"strings"
	"testing"
)

func TestReadStandoff(t *testing.T) {
	texts := map[string]string{"p": "Gunmen killed 12 people, police said."}
	good := "p\t0-6 7-13 14-16 17-23 23-24 25-31 32-36 36-37\t2 7 4 2 7 7 0 7\tnsubj ccomp nummod obj punct nsubj root punct\n"
	sents, err := ReadStandoff(strings.NewReader("# header\n\n"+good), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1 || sents[0].Comment("sent_id") != "p:0" {
		t.Fatalf("sentences %+v", sents)
	}
	s := sents[0]
	if s.Words[3].Form != "people" || s.Words[3].Head != 2 || s.Words[3].DepRel != "obj" {
		t.Errorf("word 4 %+v, want people, head 2, obj", s.Words[3])
	}
	if s.SpaceAfter(3) || !s.SpaceAfter(4) {
		t.Errorf("SpaceAfter after people %v (want false), after the comma %v (want true)", s.SpaceAfter(3), s.SpaceAfter(4))
	}
	for _, bad := range []string{
		"q\t0-6\t0\troot",              // no text for the document
		"p\t0-6 7-13\t0\troot nsubj",   // columns differ in length
		"p\t0-6 7-99\t2 0\tnsubj root", // offsets past the text
		"p\t7-13 0-6\t2 0\tnsubj root", // tokens out of order
		"p\t0-6 7-13\t3 0\tnsubj root", // head past the sentence
		"p\t0-6 7-13\t1 0\tnsubj root", // a word its own head
		"p\t0-6 7-13\t2 0",             // three fields
		"p\t0:6 7-13\t2 0\tnsubj root", // bad offsets
	} {
		if _, err := ReadStandoff(strings.NewReader(bad+"\n"), texts); err == nil {
			t.Errorf("ReadStandoff(%q): no error", bad)
		}
	}
}
