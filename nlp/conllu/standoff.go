package conllu

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ReadStandoff reads dependency trees kept apart from their text, for
// texts that may not be copied: one sentence a line,
// "doc<TAB>tokens<TAB>heads<TAB>relations", the tokens as start-end byte
// offsets into the document's text, the heads 1-based (0 for the root);
// "#" lines and blank lines are skipped. texts holds each document's
// text. Each sentence gets the sent_id "doc:start" and its words' forms
// from the text, with SpaceAfter=No where no space follows. A line whose
// document is missing, whose offsets leave the text or overlap, whose
// columns differ in length or whose heads leave the sentence is an error.
func ReadStandoff(r io.Reader, texts map[string]string) ([]Sentence, error) {
	var out []Sentence
	line, err := EachLine(r, func(t string) error {
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			return nil
		}
		s, err := standoffSentence(t, texts)
		out = append(out, s)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("standoff trees: line %d: %w", line, err)
	}
	return out, nil
}

func standoffSentence(line string, texts map[string]string) (Sentence, error) {
	var s Sentence
	f := strings.Split(line, "\t")
	if len(f) != 4 {
		return s, fmt.Errorf("%d fields, want doc, tokens, heads, relations", len(f))
	}
	text, ok := texts[f[0]]
	if !ok {
		return s, fmt.Errorf("no text for document %q", f[0])
	}
	spans, heads, rels := strings.Fields(f[1]), strings.Fields(f[2]), strings.Fields(f[3])
	if len(spans) == 0 || len(spans) != len(heads) || len(spans) != len(rels) {
		return s, fmt.Errorf("%d tokens, %d heads and %d relations", len(spans), len(heads), len(rels))
	}
	prevEnd := 0
	for i, sp := range spans {
		a, b, ok := strings.Cut(sp, "-")
		start, err1 := strconv.Atoi(a)
		end, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || start < prevEnd || end <= start || end > len(text) {
			return s, fmt.Errorf("token %d: bad offsets %q for a text of %d bytes", i+1, sp, len(text))
		}
		head, err := strconv.Atoi(heads[i])
		if err != nil || head < 0 || head > len(spans) || head == i+1 {
			return s, fmt.Errorf("token %d: bad head %q", i+1, heads[i])
		}
		if i > 0 && start == prevEnd {
			s.Words[i-1].Misc = "SpaceAfter=No"
		}
		s.Words = append(s.Words, Word{ID: i + 1, Form: text[start:end], Head: head, DepRel: rels[i]})
		prevEnd = end
	}
	s.Comments = []string{"sent_id = " + f[0] + ":" + strings.SplitN(spans[0], "-", 2)[0]}
	return s, nil
}
