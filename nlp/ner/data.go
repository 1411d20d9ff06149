package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dyadnews/dyad/nlp/conllu"
)

// nerKey is the MISC attribute that carries a word's gold IOB2 entity tag
// once UniversalNER annotations are merged into CoNLL-U sentences, so the
// common Train(train, dev []conllu.Sentence, ...) contract holds for NER.
const nerKey = "NER="

// IOB2Sentence is one sentence of a UniversalNER IOB2 file.
type IOB2Sentence struct {
	ID    string // the sent_id comment
	Doc   string // the id of the document the sentence opens, if it opens one
	Words []string
	Tags  []string // IOB2, "O" outside entities
}

// ReadIOB2 parses a UniversalNER file: "# sent_id = ..." comments and
// tab-separated lines "index word tag ...", sentences separated by blank
// lines.
func ReadIOB2(r io.Reader) ([]IOB2Sentence, error) {
	var (
		out  []IOB2Sentence
		cur  IOB2Sentence
		line int
	)
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = IOB2Sentence{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line++
		t := sc.Text()
		switch {
		case strings.TrimSpace(t) == "":
			flush()
		case strings.HasPrefix(t, "#"):
			k, v, ok := strings.Cut(strings.TrimSpace(t[1:]), "=")
			if ok && strings.TrimSpace(k) == "sent_id" {
				cur.ID = strings.TrimSpace(v)
			}
		default:
			f := strings.Split(t, "\t")
			if len(f) < 3 {
				return nil, fmt.Errorf("iob2: line %d: %d fields, want at least 3", line, len(f))
			}
			tag := f[2]
			if _, ok := parseTag(tag); !ok {
				return nil, fmt.Errorf("iob2: line %d: bad tag %q", line, tag)
			}
			cur.Words = append(cur.Words, f[1])
			cur.Tags = append(cur.Tags, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("iob2: line %d: %w", line, err)
	}
	flush()
	return out, nil
}

// parseTag splits an IOB2 tag into its prefix ('B', 'I' or 'O') and label.
type iobTag struct {
	prefix byte
	label  string
}

func parseTag(t string) (iobTag, bool) {
	if t == "O" {
		return iobTag{prefix: 'O'}, true
	}
	if len(t) > 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-' {
		return iobTag{prefix: t[0], label: t[2:]}, true
	}
	return iobTag{}, false
}

// Merge attaches the entity tags of ner to the CoNLL-U sentences with the
// same sent_id (UniversalNER annotates the UD English EWT words), storing
// each as "NER=<tag>" in the word's MISC column. UniversalNER was made
// from an older EWT release, so a few words differ: with the same number
// of words tags go word by word; otherwise the words are aligned by their
// characters. It fails when a sentence is missing or cannot be aligned,
// so misaligned data never trains a model.
func Merge(sents []conllu.Sentence, ner []IOB2Sentence) ([]conllu.Sentence, error) {
	byID := make(map[string]int, len(sents))
	for i := range sents {
		byID[sents[i].Comment("sent_id")] = i
	}
	out := make([]conllu.Sentence, 0, len(ner))
	for _, ns := range ner {
		i, ok := byID[ns.ID]
		if !ok {
			return nil, fmt.Errorf("merge: sentence %q not in the treebank", ns.ID)
		}
		s := sents[i]
		tags := ns.Tags
		if len(s.Words) != len(ns.Words) {
			forms := make([]string, len(s.Words))
			for j, w := range s.Words {
				forms[j] = w.Form
			}
			var err error
			if tags, err = alignTags(forms, ns.Words, ns.Tags); err != nil {
				return nil, fmt.Errorf("merge: sentence %q: %w", ns.ID, err)
			}
		}
		words := make([]conllu.Word, len(s.Words))
		copy(words, s.Words)
		for j := range words {
			words[j].Misc = setMisc(words[j].Misc, nerKey+tags[j])
		}
		s.Words = words
		out = append(out, s)
	}
	return out, nil
}

// alignTags carries IOB2 tags from one tokenisation of a text (from,
// fromTags) to another (to) with the same characters: each word of to
// takes the entity of its first character.
func alignTags(to, from, fromTags []string) ([]string, error) {
	if strings.Join(to, "") != strings.Join(from, "") {
		return nil, fmt.Errorf("words differ: %q and %q", strings.Join(to, " "), strings.Join(from, " "))
	}
	// entity[c] is the 1-based entity number covering character c.
	var (
		entity = make([]int, 0, 64)
		labels = []string{""}
	)
	for j, w := range from {
		t, _ := parseTag(fromTags[j])
		if t.prefix == 'B' || (t.prefix == 'I' && (j == 0 || labelOf(fromTags[j-1]) != t.label)) {
			labels = append(labels, t.label)
		}
		e := 0
		if t.prefix != 'O' {
			e = len(labels) - 1
		}
		for range len(w) {
			entity = append(entity, e)
		}
	}
	tags := make([]string, len(to))
	pos, prev := 0, 0
	for j, w := range to {
		e := 0
		if len(w) > 0 {
			e = entity[pos]
		}
		switch {
		case e == 0:
			tags[j] = "O"
		case e == prev:
			tags[j] = "I-" + labels[e]
		default:
			tags[j] = "B-" + labels[e]
		}
		prev = e
		pos += len(w)
	}
	return tags, nil
}

func setMisc(misc, attr string) string {
	if misc == "" || misc == "_" {
		return attr
	}
	return misc + "|" + attr
}

// GoldTags returns the IOB2 tags Merge stored in s, and false when some
// word has none.
func GoldTags(s *conllu.Sentence) ([]string, bool) {
	tags := make([]string, len(s.Words))
	for i, w := range s.Words {
		found := false
		for _, a := range strings.Split(w.Misc, "|") {
			if strings.HasPrefix(a, nerKey) {
				tags[i] = a[len(nerKey):]
				found = true
			}
		}
		if !found {
			return nil, false
		}
	}
	return tags, true
}

// LoadUNER reads a UniversalNER IOB2 file and the UD CoNLL-U file of the
// same split and merges them (see Merge).
func LoadUNER(iob2Path, conlluPath string) ([]conllu.Sentence, error) {
	f, err := os.Open(iob2Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ner, err := ReadIOB2(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", iob2Path, err)
	}
	ud, err := conllu.ReadFile(conlluPath)
	if err != nil {
		return nil, err
	}
	return Merge(ud, ner)
}
