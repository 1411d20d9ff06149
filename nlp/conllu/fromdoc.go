package conllu

import (
	"strconv"
	"strings"

	"github.com/dyadnews/dyad"
)

// FromDoc turns an annotated Doc into CoNLL-U sentences, one per stretch
// the components read (dyad.Doc.Stretches: each sentence, and each run of
// tokens no sentence covers; all tokens if the Doc has none): ID,
// FORM, LEMMA, UPOS, XPOS, FEATS, a sentence-relative HEAD (0 for a root
// or a head outside the sentence), DEPREL, and MISC with SpaceAfter=No
// and the token's NER tag. Runs of Fused tokens become multiword tokens
// whose form is their original text. Each sentence gets "sent_id" and
// "text" comments; whitespace inside forms, which CoNLL-U cannot hold,
// becomes "_" (tabs, newlines) or is kept as a plain space.
func FromDoc(doc *dyad.Doc) []Sentence {
	var out []Sentence
	for sp := range doc.Stretches() {
		toks := doc.Tokens[sp.Start:sp.End]
		s := Sentence{Comments: []string{
			"sent_id = " + strconv.Itoa(len(out)+1),
			"text = " + sentenceText(doc, toks),
		}}
		s.Words = make([]Word, len(toks))
		for i := range toks {
			t := &toks[i]
			head := 0
			if t.Head >= sp.Start && t.Head < sp.End {
				head = t.Head - sp.Start + 1
			}
			var misc []string
			if !t.SpaceAfter && i < len(toks)-1 {
				misc = append(misc, "SpaceAfter=No")
			}
			if t.NER != "" {
				misc = append(misc, "NER="+t.NER)
			}
			s.Words[i] = Word{ID: i + 1, Form: cleanField(t.Text), Lemma: cleanField(t.Lemma),
				UPOS: t.UPOS, XPOS: t.XPOS, Feats: t.Feats, Head: head, DepRel: t.DepRel,
				Misc: strings.Join(misc, "|")}
		}
		for i := 0; i < len(toks); {
			j := i
			for j < len(toks)-1 && toks[j].Fused {
				j++
			}
			if j > i {
				r := Range{First: i + 1, Last: j + 1, Form: cleanField(fusedForm(doc, toks[i:j+1]))}
				// SpaceAfter belongs to the multiword token, not its words.
				if last := &s.Words[j]; strings.Contains(last.Misc, "SpaceAfter=No") {
					last.Misc = strings.TrimPrefix(strings.TrimPrefix(last.Misc, "SpaceAfter=No"), "|")
					r.Misc = "SpaceAfter=No"
				}
				for k := i; k < j; k++ {
					s.Words[k].Misc = strings.TrimPrefix(strings.TrimPrefix(s.Words[k].Misc, "SpaceAfter=No"), "|")
				}
				s.Ranges = append(s.Ranges, r)
			}
			i = j + 1
		}
		out = append(out, s)
	}
	return out
}

// sentenceText is the original text under the tokens, on one line.
func sentenceText(doc *dyad.Doc, toks []dyad.Token) string {
	start, end := toks[0].Start, toks[len(toks)-1].End
	if start < 0 || end > len(doc.Text) || start > end {
		var b strings.Builder
		for i, t := range toks {
			b.WriteString(t.Text)
			if t.SpaceAfter && i < len(toks)-1 {
				b.WriteByte(' ')
			}
		}
		return oneLine(b.String())
	}
	return oneLine(doc.Text[start:end])
}

// fusedForm is the written word under a multiword token's parts: the
// original text when the offsets are sound, else the parts joined.
func fusedForm(doc *dyad.Doc, parts []dyad.Token) string {
	start, end := parts[0].Start, parts[len(parts)-1].End
	if start >= 0 && end <= len(doc.Text) && start < end {
		return doc.Text[start:end]
	}
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// cleanField makes s safe for a CoNLL-U column.
func cleanField(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r':
			return '_'
		}
		return r
	}, s)
}
