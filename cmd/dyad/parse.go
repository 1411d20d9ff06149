package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/nlp"
	"github.com/dyadnews/dyad/nlp/conllu"
)

var parseCommand = command{
	name:    "parse",
	summary: "tokenize, tag, lemmatize, parse and find entities in English text",
	run:     runParse,
}

func runParse(ctx context.Context, st *stdio, args []string) error {
	fs := newFlagSet(st, "parse", "[--format conllu|json] [--pretokenized] [--max-bytes N] INPUT",
		"Read English text from INPUT (a file, or - for standard input) and print it\n"+
			"annotated by dyad's embedded models: tokens, sentences, lemmas, UPOS and\n"+
			"XPOS tags, features, the dependency tree and entity tags (NER=B-PER in MISC).\n"+
			"With --pretokenized, INPUT is CoNLL-U: only FORM (and SpaceAfter) is read,\n"+
			"and the output keeps exactly its sentences and tokens in their order.")
	format := fs.String("format", "conllu", "output `format`: conllu or json")
	pretok := fs.Bool("pretokenized", false, "INPUT is CoNLL-U whose sentences and tokens are kept")
	maxBytes := fs.Int64("max-bytes", 64<<20, "refuse INPUT larger than this many `bytes`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || (*format != "conllu" && *format != "json") {
		fs.Usage()
		return exitCode(2)
	}
	data, err := readInput(st, fs.Arg(0), *maxBytes)
	if err != nil {
		return err
	}
	p, err := nlp.Load()
	if err != nil {
		return err
	}
	var doc *dyad.Doc
	if *pretok {
		sents, err := conllu.Read(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("%s: %w", fs.Arg(0), err)
		}
		doc = formsOnly(conllu.Doc(sents))
		p.AnnotateTokens(doc)
	} else {
		var rep nlp.Report
		doc, rep = p.Annotate(string(data))
		if rep.Replaced > 0 {
			fmt.Fprintf(st.err, "dyad parse: %s: replaced %d invalid UTF-8 sequences with U+FFFD\n", fs.Arg(0), rep.Replaced)
		}
		if rep.Truncated > 0 {
			fmt.Fprintf(st.err, "dyad parse: %s: ignored the last %d bytes past the tokenizer's limit\n", fs.Arg(0), rep.Truncated)
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(st.out)
		enc.SetIndent("", "  ")
		return enc.Encode(docJSON(doc))
	}
	return conllu.Write(st.out, conllu.FromDoc(doc))
}

// readInput reads a file or standard input ("-"), refusing more than max
// bytes rather than reading them all.
func readInput(st *stdio, name string, max int64) ([]byte, error) {
	var r io.Reader = st.in
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: larger than %d bytes (see --max-bytes)", name, max)
	}
	return data, nil
}

// formsOnly clears every annotation of a gold Doc but its tokens and
// sentences, so that nothing from the input's other columns leaks into the
// output.
func formsOnly(doc *dyad.Doc) *dyad.Doc {
	for i := range doc.Tokens {
		t := &doc.Tokens[i]
		*t = dyad.Token{Text: t.Text, Start: t.Start, End: t.End, SpaceAfter: t.SpaceAfter, Head: -1}
	}
	return doc
}

type tokenJSON struct {
	ID     int    `json:"id"`
	Text   string `json:"text"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Lemma  string `json:"lemma"`
	UPOS   string `json:"upos"`
	XPOS   string `json:"xpos"`
	Feats  string `json:"feats,omitempty"`
	Head   int    `json:"head"`
	DepRel string `json:"deprel"`
	NER    string `json:"ner"`
}

type entityJSON struct {
	Text  string `json:"text"`
	Label string `json:"label"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// docJSON is the --format json shape: sentences of tokens with
// sentence-relative ids and heads (0 for the root) as in CoNLL-U, character
// offsets into the text, and the entities with their offsets.
func docJSON(doc *dyad.Doc) any {
	type sentence struct {
		Text   string      `json:"text"`
		Tokens []tokenJSON `json:"tokens"`
	}
	out := struct {
		Sentences []sentence   `json:"sentences"`
		Entities  []entityJSON `json:"entities"`
	}{Sentences: []sentence{}, Entities: []entityJSON{}}
	for sp := range doc.Stretches() {
		s := sentence{Text: doc.Text[doc.Tokens[sp.Start].Start:doc.Tokens[sp.End-1].End]}
		for i := sp.Start; i < sp.End; i++ {
			t := doc.Tokens[i]
			head := 0
			if t.Head >= sp.Start && t.Head < sp.End {
				head = t.Head - sp.Start + 1
			}
			s.Tokens = append(s.Tokens, tokenJSON{ID: i - sp.Start + 1, Text: t.Text, Start: t.Start, End: t.End,
				Lemma: t.Lemma, UPOS: t.UPOS, XPOS: t.XPOS, Feats: t.Feats, Head: head, DepRel: t.DepRel, NER: t.NER})
		}
		out.Sentences = append(out.Sentences, s)
	}
	for _, e := range doc.Entities {
		first, last := doc.Tokens[e.Start], doc.Tokens[e.End-1]
		out.Entities = append(out.Entities, entityJSON{Text: doc.Text[first.Start:last.End], Label: e.Label, Start: first.Start, End: last.End})
	}
	return out
}
