package ner

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/nlp/conllu"
)

// StandoffMention is an entity mention marked by byte offsets into a
// document's text rather than inline: the form for annotations of texts
// dyad may not redistribute, which are read from where they are
// published and tokenized when a model is trained.
type StandoffMention struct {
	Start, End int
	Label      string
	Text       string // the mention as annotated, checked against the document
}

// ReadStandoff parses lines "doc<TAB>start<TAB>end<TAB>label<TAB>text"
// ("#" lines and blank lines skipped) into each document's mentions, in
// the order given.
func ReadStandoff(r io.Reader) (map[string][]StandoffMention, error) {
	out := map[string][]StandoffMention{}
	line, err := conllu.EachLine(r, func(t string) error {
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			return nil
		}
		f := strings.Split(t, "\t")
		if len(f) != 5 {
			return fmt.Errorf("%d fields, want doc, start, end, label, text", len(f))
		}
		start, err1 := strconv.Atoi(f[1])
		end, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || start < 0 || end <= start {
			return fmt.Errorf("bad offsets %q, %q", f[1], f[2])
		}
		if _, ok := parseTag("B-" + f[3]); !ok || f[3] == "" {
			return fmt.Errorf("bad label %q", f[3])
		}
		out[f[0]] = append(out[f[0]], StandoffMention{Start: start, End: end, Label: f[3], Text: f[4]})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("standoff: line %d: %w", line, err)
	}
	return out, nil
}

// StandoffSentences returns the sentences of doc, a tokenized document
// named id, as CoNLL-U sentences carrying their words, sent_id (id-0001,
// ...) and newdoc comments and the mentions' gold entity tags (as Merge
// stores them). A mention takes every token it overlaps. It fails when a
// mention's text is not the document's at its offsets, so annotations
// never train a model on a text that has changed.
func StandoffSentences(id string, doc *dyad.Doc, ms []StandoffMention) ([]conllu.Sentence, error) {
	tags := make([]string, len(doc.Tokens))
	for i := range tags {
		tags[i] = "O"
	}
	for _, m := range ms {
		if m.End > len(doc.Text) || doc.Text[m.Start:m.End] != m.Text {
			return nil, fmt.Errorf("standoff: %s: mention %q at %d–%d is not in the text", id, m.Text, m.Start, m.End)
		}
		first := true
		for i, t := range doc.Tokens {
			if t.End <= m.Start || t.Start >= m.End {
				continue
			}
			if first {
				tags[i] = "B-" + m.Label
				first = false
			} else {
				tags[i] = "I-" + m.Label
			}
		}
	}
	out := make([]conllu.Sentence, 0, len(doc.Sentences))
	for si, sp := range doc.Sentences {
		var s conllu.Sentence
		if si == 0 {
			s.Comments = append(s.Comments, "newdoc id = "+id)
		}
		s.Comments = append(s.Comments, fmt.Sprintf("sent_id = %s-%04d", id, si+1))
		for i := sp.Start; i < sp.End; i++ {
			s.Words = append(s.Words, conllu.Word{ID: i - sp.Start + 1, Form: doc.Tokens[i].Text, Misc: nerKey + tags[i]})
		}
		out = append(out, s)
	}
	return out, nil
}
