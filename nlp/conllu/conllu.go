// Package conllu reads and writes the CoNLL-U format of Universal
// Dependencies treebanks (https://universaldependencies.org/format.html).
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Word is one syntactic word line of a sentence (IDs like "1"). Multiword
// token ranges ("1-2") are kept apart in Sentence.Ranges; empty nodes
// ("1.1") are skipped, as the CoNLL 2018 evaluation does for basic trees.
type Word struct {
	ID     int
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int // 0 for the root
	DepRel string
	Deps   string
	Misc   string
	// Supertag is a tagger's supertag (see dyad.Token), carried from a
	// tagged Doc to a parser's training data; it is not a CoNLL-U column.
	Supertag string
}

// Range is a multiword token spanning words First..Last, like "don't"
// over "do" and "n't".
type Range struct {
	First, Last int
	Form        string
	Misc        string
}

// Sentence is one sentence with its comment lines.
type Sentence struct {
	Comments []string // without the leading "# "
	Words    []Word
	Ranges   []Range
}

// Comment returns the value of a "# key = value" comment, or "".
func (s *Sentence) Comment(key string) string {
	for _, c := range s.Comments {
		k, v, ok := strings.Cut(c, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// SpaceAfter reports whether word i (0-based) is followed by a space,
// reading SpaceAfter=No from the word or the multiword token it ends.
func (s *Sentence) SpaceAfter(i int) bool {
	id := s.Words[i].ID
	for _, r := range s.Ranges {
		if r.First <= id && id <= r.Last {
			if id != r.Last {
				return false
			}
			return !strings.Contains(r.Misc, "SpaceAfter=No")
		}
	}
	return !strings.Contains(s.Words[i].Misc, "SpaceAfter=No")
}

// Read parses all sentences from r.
func Read(r io.Reader) ([]Sentence, error) {
	var (
		out []Sentence
		cur Sentence
	)
	flush := func() {
		if len(cur.Words) > 0 || len(cur.Comments) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	line, err := EachLine(r, func(t string) error {
		switch {
		case strings.TrimSpace(t) == "":
			flush()
			return nil
		case strings.HasPrefix(t, "#"):
			cur.Comments = append(cur.Comments, strings.TrimSpace(strings.TrimPrefix(t, "#")))
			return nil
		}
		f := strings.Split(t, "\t")
		if len(f) != 10 {
			return fmt.Errorf("%d fields, want 10", len(f))
		}
		if strings.Contains(f[0], ".") {
			return nil
		}
		if a, b, ok := strings.Cut(f[0], "-"); ok {
			first, err1 := strconv.Atoi(a)
			last, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("bad range %q", f[0])
			}
			cur.Ranges = append(cur.Ranges, Range{First: first, Last: last, Form: f[1], Misc: f[9]})
			return nil
		}
		id, err := strconv.Atoi(f[0])
		if err != nil {
			return fmt.Errorf("bad id %q", f[0])
		}
		head := 0
		if f[6] != "_" {
			if head, err = strconv.Atoi(f[6]); err != nil {
				return fmt.Errorf("bad head %q", f[6])
			}
		}
		cur.Words = append(cur.Words, Word{ID: id, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4],
			Feats: f[5], Head: head, DepRel: f[7], Deps: f[8], Misc: f[9]})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("conllu: line %d: %w", line, err)
	}
	flush()
	return out, nil
}

// ReadFile parses the CoNLL-U file at path.
func ReadFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Write writes sentences in CoNLL-U, each followed by a blank line.
func Write(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		for _, c := range s.Comments {
			fmt.Fprintf(bw, "# %s\n", c)
		}
		ri := 0
		for _, wd := range s.Words {
			for ri < len(s.Ranges) && s.Ranges[ri].First == wd.ID {
				r := s.Ranges[ri]
				fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", r.First, r.Last, r.Form, orUnderscore(r.Misc))
				ri++
			}
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", wd.ID, wd.Form, orUnderscore(wd.Lemma),
				orUnderscore(wd.UPOS), orUnderscore(wd.XPOS), orUnderscore(wd.Feats), wd.Head,
				orUnderscore(wd.DepRel), orUnderscore(wd.Deps), orUnderscore(wd.Misc))
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

func orUnderscore(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
