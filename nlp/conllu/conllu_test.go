package conllu

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dyadnews/dyad"
)

const sample = `# sent_id = a-1
# text = I don't know.
1	I	I	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
4.1	ghost	_	_	_	_	_	_	_	_
5	.	.	PUNCT	.	_	4	punct	_	_

`

func TestReadWriteRoundTrip(t *testing.T) {
	sents, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1 {
		t.Fatalf("got %d sentences, want 1", len(sents))
	}
	s := sents[0]
	if got := s.Comment("text"); got != "I don't know." {
		t.Errorf("text comment = %q", got)
	}
	if len(s.Words) != 5 || len(s.Ranges) != 1 {
		t.Fatalf("words=%d ranges=%d, want 5 and 1", len(s.Words), len(s.Ranges))
	}
	wantSpace := []bool{true, false, true, false, true}
	for i, w := range wantSpace {
		if got := s.SpaceAfter(i); got != w {
			t.Errorf("SpaceAfter(%d) = %v, want %v", i, got, w)
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, sents); err != nil {
		t.Fatal(err)
	}
	again, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(again[0].Words) != 5 || again[0].Words[3].Head != 0 || again[0].Ranges[0].Form != "don't" {
		t.Errorf("round trip lost data: %+v", again[0])
	}
}

func TestReadRejectsBadLines(t *testing.T) {
	for _, in := range []string{"1\tI\n", "x\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n", "1\tI\tI\tPRON\tPRP\t_\tz\troot\t_\t_\n"} {
		if _, err := Read(strings.NewReader(in)); err == nil {
			t.Errorf("Read(%q) gave no error", in)
		}
	}
}

func TestDocKeepsGoldColumnsAndOffsets(t *testing.T) {
	sents, err := Read(strings.NewReader(sample + sample))
	if err != nil {
		t.Fatal(err)
	}
	doc := Doc(sents)
	if len(doc.Sentences) != 2 || len(doc.Tokens) != 10 {
		t.Fatalf("sentences=%d tokens=%d, want 2 and 10", len(doc.Sentences), len(doc.Tokens))
	}
	// "do" and "n't" form one multiword token, so they are joined.
	if want := "I don't know. I don't know."; doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
	for i, want := range []bool{false, true, false, false, false} {
		if doc.Tokens[i].Fused != want {
			t.Errorf("token %d Fused = %v, want %v", i, doc.Tokens[i].Fused, want)
		}
	}
	for i, tok := range doc.Tokens {
		if doc.Text[tok.Start:tok.End] != tok.Text {
			t.Errorf("token %d %q has offsets for %q", i, tok.Text, doc.Text[tok.Start:tok.End])
		}
	}
	// The second sentence's "I" attaches to its own "know" (index 8).
	if h := doc.Tokens[5].Head; h != 8 {
		t.Errorf("second sentence head = %d, want 8", h)
	}
	if doc.Tokens[8].Head != -1 || doc.Tokens[8].DepRel != "root" {
		t.Errorf("root token = %+v", doc.Tokens[8])
	}
}

func TestRetagReplacesOnlyTags(t *testing.T) {
	sents, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	got := Retag(sents, func(d *dyad.Doc) {
		for i := range d.Tokens {
			d.Tokens[i].UPOS, d.Tokens[i].XPOS = "X", "XX"
		}
	})
	for _, w := range got[0].Words {
		if w.UPOS != "X" || w.XPOS != "XX" {
			t.Errorf("word %q tags = %s/%s, want X/XX", w.Form, w.UPOS, w.XPOS)
		}
	}
	if got[0].Words[0].DepRel != "nsubj" || sents[0].Words[0].UPOS != "PRON" {
		t.Errorf("Retag changed more than the copy's tags: %+v / %+v", got[0].Words[0], sents[0].Words[0])
	}
}
