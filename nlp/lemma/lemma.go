// Package lemma is dyad's lemmatizer. It learns from a treebank (UD
// English EWT) a dictionary of (form, Penn tag) → lemma for the words it
// has seen, a few (form, tag, next tag) entries where the next word
// decides ("'s" before a participle is "have", else "be"), and for unseen
// words suffix-edit rules ("-ies" with NNS → "-y") chosen per tag by the
// longest form ending backed by enough words, with a learned casing
// ("kerala"/NNP → "Kerala", "The"/DT → "the"). It reads the tokens' XPOS
// (or UPOS when XPOS is empty), so it runs after the tagger.
package lemma

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad"
)

// maxFormLen bounds the tokens worth lemmatizing, in bytes; longer ones
// (URLs, junk) are their own lemma.
const maxFormLen = 256

// Model is a trained lemmatizer, read-only and safe for concurrent use.
type Model struct {
	// words maps tag + "\t" + form to the lemma, for seen forms; forms are
	// normalised (typographic apostrophes straightened) and, when the
	// case-sensitive form is unknown, looked up again in lower case.
	words map[string]string
	// inContext maps tag + "\t" + form + "\t" + next token's tag to the
	// lemma, for the few forms whose lemma the next tag decides ("'s"
	// before a past participle is "have", else "be").
	inContext map[string]string
	// rules maps tag + "\t" + a lower-case form ending to the edit that
	// makes the lower-case lemma of unseen forms with that ending.
	rules map[string]edit
	// casing maps tag + "\t" + the form's case shape to how the lemma of
	// an unseen form is cased.
	casing map[string]caseMode
	// maxSuffix is the longest ending, in bytes, the rules look at.
	maxSuffix int
}

// edit turns a form into its lemma: cut the ending Strip, append Add.
type edit struct {
	Strip, Add string
}

// apply edits form, if it ends as the edit expects and keeps a lemma.
func (e edit) apply(form string) (string, bool) {
	if !strings.HasSuffix(form, e.Strip) || len(e.Strip) == len(form) && e.Add == "" {
		return "", false
	}
	return form[:len(form)-len(e.Strip)] + e.Add, true
}

// editOf returns the edit that turns form into lemma, cutting on rune
// boundaries.
func editOf(form, lemma string) edit {
	n := 0
	for n < len(form) && n < len(lemma) && form[n] == lemma[n] {
		n++
	}
	for n > 0 && n < len(form) && !utf8.RuneStart(form[n]) {
		n--
	}
	return edit{Strip: form[n:], Add: lemma[n:]}
}

// Lemmatize sets the Lemma of every token of doc from its text and tag.
// Sentence boundaries do not matter: the only context read is the next
// token's tag.
func (m *Model) Lemmatize(doc *dyad.Doc) {
	for i := range doc.Tokens {
		t := &doc.Tokens[i]
		next := ""
		if i+1 < len(doc.Tokens) {
			next = tagOf(&doc.Tokens[i+1])
		}
		t.Lemma = m.Lemma(t.Text, tagOf(t), next)
	}
}

func tagOf(t *dyad.Token) string {
	if t.XPOS != "" {
		return t.XPOS
	}
	return t.UPOS
}

// Lemma returns the lemma of form with Penn (or, failing that, UPOS) tag,
// followed by a token tagged next ("" at the end).
func (m *Model) Lemma(form, tag, next string) string {
	if form == "" || len(form) > maxFormLen {
		return form
	}
	form = normalize(form)
	if l, ok := m.inContext[tag+"\t"+form+"\t"+next]; ok {
		return l
	}
	if l, ok := m.words[tag+"\t"+form]; ok {
		return l
	}
	lower := strings.ToLower(form)
	if l, ok := m.words[tag+"\t"+lower]; ok {
		return l
	}
	if !hasLetter(lower) {
		return form
	}
	l := m.stem(lower, tag)
	switch m.casing[tag+"\t"+shapeOf(form)] {
	case caseTitle:
		return title(l)
	case caseForm:
		if len(form) == len(lower) {
			// Same edit on the cased form keeps its case where it
			// overlaps the lemma.
			e := editOf(lower, l)
			return form[:len(form)-len(e.Strip)] + e.Add
		}
	}
	return l
}

// stem applies the rule of the longest known ending of lower.
func (m *Model) stem(lower, tag string) string {
	for k := min(m.maxSuffix, len(lower)); k >= 0; k-- {
		if k > 0 && !utf8.RuneStart(lower[len(lower)-k]) {
			continue
		}
		if e, ok := m.rules[tag+"\t"+lower[len(lower)-k:]]; ok {
			if l, ok := e.apply(lower); ok {
				return l
			}
		}
	}
	return lower
}

// caseMode is how a lemma is cased relative to its form.
type caseMode uint8

const (
	caseLower caseMode = iota // all lower case: "The" → "the"
	caseForm                  // as the form: "Iraqis" → "Iraqi", "CEO" → "CEO"
	caseTitle                 // first letter upper: "kerala" → "Kerala"
)

// shapeOf classifies a form's case: lower, Title, UPPER or mIxed.
func shapeOf(form string) string {
	var upper, lower, n int
	first := false
	for i, r := range form {
		if !unicode.IsLetter(r) {
			continue
		}
		n++
		if unicode.IsUpper(r) {
			upper++
			if i == 0 {
				first = true
			}
		} else {
			lower++
		}
	}
	switch {
	case upper == 0:
		return "l"
	case lower == 0 && n > 1:
		return "u"
	case first && upper == 1:
		return "t"
	}
	return "m"
}

func title(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// normalize straightens typographic apostrophes, which news text uses and
// the treebank mostly does not ("’s" → "'s"), and makes invalid UTF-8
// valid so lemmas are always valid strings.
func normalize(form string) string {
	if !utf8.ValidString(form) {
		form = strings.ToValidUTF8(form, "\uFFFD")
	}
	if strings.ContainsAny(form, "\u2019\u2018") {
		form = strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(form)
	}
	return form
}
