package dict

import (
	"fmt"
	"strings"
)

// Discard is a phrase whose presence stops coding.
type Discard struct {
	// Phrase is the normalised phrase.
	Phrase string
	// Story is true for "+PHRASE" lines: the whole story is skipped, not
	// only the sentence.
	Story bool
	File  string
	Line  int
}

// Discards is the union of discard lists.
type Discards struct {
	phrases phraseTrie[*Discard]
}

// Len is the number of distinct discard phrases.
func (d *Discards) Len() int { return d.phrases.n }

// Match finds the longest discard phrase at the start of tokens.
func (d *Discards) Match(tokens []string) (n int, discard *Discard) { return d.phrases.longest(tokens) }

// Find scans a sentence's tokens for a discard phrase and returns the
// first found (the longest at its position), or nil.
func (d *Discards) Find(tokens []string) *Discard {
	for i := range tokens {
		if n, ds := d.phrases.longest(tokens[i:]); n > 0 {
			return ds
		}
	}
	return nil
}

// read parses a discard list: one phrase a line, "+" for story level,
// matched without regard to case. TABARI's trailing '_' (whole word) is
// accepted and dropped: matching is by whole words anyway, as in
// PETRARCH2.
func (d *Discards) read(lr *lineReader) error {
	for {
		l, ok, err := lr.next()
		if err != nil || !ok {
			return err
		}
		text := strings.TrimSpace(l.text)
		ds := &Discard{File: lr.file, Line: l.n}
		if strings.HasPrefix(text, "+") {
			ds.Story, text = true, text[1:]
		}
		words := Tokens(text)
		if len(words) == 0 {
			lr.errs.add(lr.file, l.n, "empty discard phrase")
			continue
		}
		ds.Phrase = strings.Join(words, "_")
		d.phrases.put(words, ds)
	}
}

// IssueExclusion says what an issue phrase excludes.
type IssueExclusion int

const (
	// NoExclusion marks an ordinary issue phrase.
	NoExclusion IssueExclusion = iota
	// SentenceExclusion ("~phrase"): no issues of the phrase's category
	// are coded from a sentence containing it.
	SentenceExclusion
	// StoryExclusion ("~~phrase"): likewise for the whole story.
	StoryExclusion
)

// Issue is one phrase of the issue dictionary.
type Issue struct {
	// Code is the issue code, e.g. "EARLY_CHILDHOOD_EDUCATION"; empty for
	// exclusions.
	Code string
	// Category is the <ISSUE CATEGORY="..."> section the phrase is in.
	Category string
	Exclude  IssueExclusion
	// Phrase is the written phrase, normalised, before expansion.
	Phrase string
	File   string
	Line   int
}

// Issues is the union of issue dictionaries.
type Issues struct {
	entries int
	phrases phraseTrie[*Issue]
}

// Len is the number of dictionary lines read (before expansion).
func (is *Issues) Len() int { return is.entries }

// Phrases is the number of distinct phrases after expansion.
func (is *Issues) Phrases() int { return is.phrases.n }

// Match finds the longest issue phrase at the start of tokens.
func (is *Issues) Match(tokens []string) (n int, issue *Issue) { return is.phrases.longest(tokens) }

// read parses an issue dictionary: "<ISSUE CATEGORY="X">" … "</ISSUE>"
// sections of "phrase [CODE]" lines and "~phrase" / "~~phrase"
// exclusions. In a phrase, "n:WORD" stands for the noun and its plural,
// "v:WORD" for the verb and its -S, -ED and -ING forms (PETRARCH's
// rules), and "A+B" for "A B" and "A-B". A line with neither a code nor a
// '~' is reported (PETRARCH skipped it silently).
func (is *Issues) read(lr *lineReader) error {
	category := ""
	for {
		l, ok, err := lr.next()
		if err != nil || !ok {
			return err
		}
		text := strings.TrimSpace(l.text)
		upperText := strings.ToUpper(text)
		switch {
		case strings.HasPrefix(upperText, "<ISSUE"):
			category = ""
			if _, v, ok := strings.Cut(text, "CATEGORY=\""); ok {
				category, _, _ = strings.Cut(v, "\"")
			}
			continue
		case strings.HasPrefix(upperText, "</ISSUE"):
			category = ""
			continue
		}
		iss := &Issue{Category: category, File: lr.file, Line: l.n}
		switch {
		case strings.HasPrefix(text, "~~"):
			iss.Exclude, text = StoryExclusion, text[2:]
		case strings.HasPrefix(text, "~"):
			iss.Exclude, text = SentenceExclusion, text[1:]
		default:
			phrase, code, ok := strings.Cut(text, "[")
			if !ok {
				lr.errs.add(lr.file, l.n, "issue phrase without a [code]")
				continue
			}
			code, after, closed := strings.Cut(code, "]")
			code = strings.TrimSpace(code)
			if !closed || strings.TrimSpace(after) != "" || code == "" || strings.ContainsAny(code, " \t[") {
				lr.errs.add(lr.file, l.n, "want PHRASE [CODE]")
				continue
			}
			iss.Code, text = strings.ToUpper(code), phrase
		}
		words := Tokens(text)
		if len(words) == 0 {
			lr.errs.add(lr.file, l.n, "empty issue phrase")
			continue
		}
		iss.Phrase = strings.Join(words, "_")
		is.entries++
		for _, form := range expandIssue(words) {
			is.phrases.put(form, iss)
		}
	}
}

// expandIssue applies the n:, v: and + expansions word by word.
func expandIssue(words []string) [][]string {
	forms := [][]string{nil}
	for _, w := range words {
		var alts [][]string
		switch {
		case strings.HasPrefix(w, "N:") && len(w) > 2:
			alts = [][]string{{w[2:]}, {pluralNoun(w[2:])}}
		case strings.HasPrefix(w, "V:") && len(w) > 2:
			alts = verbFormsOf(w[2:])
		case strings.Contains(w, "+"):
			parts := strings.FieldsFunc(w, func(r rune) bool { return r == '+' })
			spaced := make([]string, 0, len(parts))
			for _, p := range parts {
				spaced = append(spaced, expandMarkers(p)...)
			}
			alts = [][]string{spaced, {strings.Join(expandMarkersAll(parts), "-")}}
		default:
			alts = [][]string{{w}}
		}
		next := make([][]string, 0, len(forms)*len(alts))
		for _, f := range forms {
			for _, a := range alts {
				next = append(next, append(append([]string(nil), f...), a...))
			}
		}
		forms = next
	}
	return forms
}

// expandMarkers strips an n:/v: marker inside a '+' compound ("pre+n:school"
// is "pre school"/"pre-school"; the plural is not generated there).
func expandMarkers(p string) []string {
	if len(p) > 2 && (strings.HasPrefix(p, "N:") || strings.HasPrefix(p, "V:")) {
		return []string{p[2:]}
	}
	return []string{p}
}

func expandMarkersAll(parts []string) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = expandMarkers(p)[0]
	}
	return out
}

// verbFormsOf is a verb and its regular -S, -ED, -ING forms, each as a
// one-word phrase.
func verbFormsOf(v string) [][]string {
	s, ed, ing := regularVerbForms(v)
	return [][]string{{v}, {s}, {ed}, {ing}}
}

// regularVerbForms makes the regular inflections of an upper-case verb:
// PETRARCH's rules (…E + D, drop a final E before ING unless a vowel
// precedes it, …S/X/Z + ES) plus consonant-Y → IES/IED, consonant-O → OES
// and …CH/SH + ES.
func regularVerbForms(v string) (s, ed, ing string) {
	n := len(v)
	if n == 0 {
		return v, v, v
	}
	last := v[n-1]
	vowelBefore := n > 1 && strings.ContainsRune("AEIOU", rune(v[n-2]))
	switch {
	case last == 'Y' && n > 1 && !vowelBefore:
		s, ed = v[:n-1]+"IES", v[:n-1]+"IED"
	case last == 'E':
		s, ed = v+"S", v+"D"
	case last == 'O' && n > 1 && !vowelBefore:
		s, ed = v+"ES", v+"ED"
	default:
		s, ed = pluralNoun(v), v+"ED"
	}
	if last == 'E' && n > 1 && !vowelBefore {
		ing = v[:n-1] + "ING"
	} else {
		ing = v + "ING"
	}
	return s, ed, ing
}

// readPrepositions parses a list of prepositions, one a line.
func readPrepositions(lr *lineReader, set map[string]bool) error {
	for {
		l, ok, err := lr.next()
		if err != nil || !ok {
			return err
		}
		words := Tokens(l.text)
		if len(words) != 1 {
			lr.errs.add(lr.file, l.n, fmt.Sprintf("want one preposition a line, got %d words", len(words)))
			continue
		}
		set[words[0]] = true
	}
}
