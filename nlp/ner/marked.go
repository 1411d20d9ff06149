package ner

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// ReadMarked parses entity annotations written inline, one sentence per
// line: its sent_id, a tab, then its words separated by single spaces with
// each mention enclosed in <PER>…</PER>, <ORG>…</ORG> or <LOC>…</LOC>
// ("Guerrillas near <LOC>Hawijah</LOC> launched an attack"). A line
// "# newdoc id = X" makes the next sentence open document X; other lines
// starting with "#" and blank lines are skipped. The form is for
// annotations people write and review by hand; it reads back as IOB2, so
// Merge attaches it to treebank sentences as it does UniversalNER's.
// Mentions may not nest or be empty, and the words may not contain
// spaces; any breach is an error naming its line.
func ReadMarked(r io.Reader) ([]IOB2Sentence, error) {
	var (
		out []IOB2Sentence
		doc string
	)
	line, err := conllu.EachLine(r, func(t string) error {
		if comment, ok := strings.CutPrefix(t, "#"); ok {
			if k, v, ok := strings.Cut(comment, "="); ok && strings.TrimSpace(k) == "newdoc id" {
				doc = strings.TrimSpace(v)
			}
			return nil
		}
		if strings.TrimSpace(t) == "" {
			return nil
		}
		id, text, ok := strings.Cut(t, "\t")
		if !ok || id == "" {
			return errors.New("want a sent_id, a tab and the sentence")
		}
		s, err := parseMarked(text)
		if err != nil {
			return fmt.Errorf("sentence %s: %w", id, err)
		}
		s.ID, s.Doc = id, doc
		doc = ""
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("marked: line %d: %w", line, err)
	}
	return out, nil
}

// MarkedSentences turns marked sentences that belong to no treebank into
// CoNLL-U sentences carrying only their words, sent_id and newdoc
// comments and gold entity tags (as Merge stores them), to be tagged and
// scored like UniversalNER's: Evaluate reads them document by document.
func MarkedSentences(ms []IOB2Sentence) []conllu.Sentence {
	out := make([]conllu.Sentence, len(ms))
	for i, m := range ms {
		s := &out[i]
		if m.Doc != "" {
			s.Comments = append(s.Comments, "newdoc id = "+m.Doc)
		}
		s.Comments = append(s.Comments, "sent_id = "+m.ID)
		s.Words = make([]conllu.Word, len(m.Words))
		for j, w := range m.Words {
			s.Words[j] = conllu.Word{ID: j + 1, Form: w, Misc: nerKey + m.Tags[j]}
		}
	}
	return out
}

// parseMarked reads one marked sentence's words and IOB2 tags.
func parseMarked(text string) (IOB2Sentence, error) {
	var (
		s    IOB2Sentence
		open string // the label of the mention being read, if any
	)
	for _, w := range strings.Split(text, " ") {
		if w == "" {
			return s, fmt.Errorf("empty word (two spaces in a row?)")
		}
		if label, word, ok := openingMark(w); ok {
			if open != "" {
				return s, fmt.Errorf("<%s> inside <%s>", label, open)
			}
			open, w = label, word
			s.Tags = append(s.Tags, "B-"+open)
		} else if open != "" {
			s.Tags = append(s.Tags, "I-"+open)
		} else {
			s.Tags = append(s.Tags, "O")
		}
		if word, label, ok := closingMark(w); ok {
			if label != open {
				return s, fmt.Errorf("</%s> closes no <%s>", label, label)
			}
			open, w = "", word
		}
		if w == "" || markLabel(w) != "" {
			return s, fmt.Errorf("mark without a word at %q", w)
		}
		s.Words = append(s.Words, w)
	}
	if open != "" {
		return s, fmt.Errorf("<%s> not closed", open)
	}
	return s, nil
}

// markLabels are the labels a mark may carry.
var markLabels = []string{"PER", "ORG", "LOC"}

// openingMark splits "<PER>Barack" into PER and "Barack".
func openingMark(w string) (label, word string, ok bool) {
	for _, l := range markLabels {
		if rest, ok := strings.CutPrefix(w, "<"+l+">"); ok {
			return l, rest, true
		}
	}
	return "", w, false
}

// closingMark splits "Obama</PER>" into "Obama" and PER.
func closingMark(w string) (string, string, bool) {
	for _, l := range markLabels {
		if rest, ok := strings.CutSuffix(w, "</"+l+">"); ok {
			return rest, l, true
		}
	}
	return w, "", false
}

// markLabel returns the label of a mark w still holds after its own marks
// were cut ("<ORG>" in "Foo<ORG>"), or "".
func markLabel(w string) string {
	for _, l := range markLabels {
		if strings.Contains(w, "<"+l+">") || strings.Contains(w, "</"+l+">") {
			return l
		}
	}
	return ""
}
