package nlpeval

import (
	"strings"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// RawText rebuilds the text a treebank was annotated from: sentences of
// one paragraph joined by a space, paragraphs ("# newpar" or "# newdoc")
// separated by a blank line, ending with a newline. A sentence's text is
// its "# text" comment, or its forms joined as SpaceAfter says.
func RawText(gold []conllu.Sentence) string {
	var b strings.Builder
	for i := range gold {
		s := &gold[i]
		if len(s.Words) == 0 {
			continue
		}
		if b.Len() > 0 {
			if startsParagraph(s) {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(SentenceText(s))
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

// SentenceText is the sentence's "# text" comment, or its forms joined as
// SpaceAfter says when the comment is missing.
func SentenceText(s *conllu.Sentence) string {
	if t := s.Comment("text"); t != "" {
		return t
	}
	var b strings.Builder
	ri := 0
	for i := 0; i < len(s.Words); i++ {
		w := s.Words[i]
		for ri < len(s.Ranges) && s.Ranges[ri].Last < w.ID {
			ri++
		}
		if ri < len(s.Ranges) && s.Ranges[ri].First == w.ID {
			r := s.Ranges[ri]
			b.WriteString(r.Form)
			i = min(i+r.Last-r.First, len(s.Words)-1)
		} else {
			b.WriteString(w.Form)
		}
		if i < len(s.Words)-1 && s.SpaceAfter(i) {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func startsParagraph(s *conllu.Sentence) bool {
	for _, c := range s.Comments {
		if strings.HasPrefix(c, "newpar") || strings.HasPrefix(c, "newdoc") {
			return true
		}
	}
	return false
}
