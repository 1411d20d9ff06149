package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/ingest"
)

var extractCommand = command{
	name:    "extract",
	summary: "extract stories from pages, text files, JSONL or URLs and print them",
	run:     runExtract,
}

// inputFlags are the reading limits extract and ingest share.
type inputFlags struct {
	maxBytes int64
	timeout  time.Duration
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.Int64Var(&f.maxBytes, "max-bytes", ingest.DefaultMaxBytes, "largest input (file, page, JSON line) in `bytes`")
	fs.DurationVar(&f.timeout, "timeout", ingest.DefaultTimeout, "time limit for fetching each URL")
}

func (f *inputFlags) options(st *stdio) ingest.Options {
	return ingest.Options{MaxBytes: f.maxBytes, Timeout: f.timeout, Stdin: st.in}
}

const inputsHelp = "An INPUT is a file of HTML or text as saved from a news page (.gz too),\n" +
	"a directory (read recursively, hidden files skipped), a .jsonl file of\n" +
	`{"id","url","title","published","text"} or {"url","html"} records, an` + "\n" +
	"http(s) URL, or - for standard input."

// extracted is one line of extract's JSON output: the article's fields,
// or the error, after the input it came from.
type extracted struct {
	Input string `json:"input"`
	*dyad.Article
	Error string `json:"error,omitempty"`
}

func runExtract(ctx context.Context, st *stdio, args []string) error {
	fs := newFlagSet(st, "extract", "[--format json|text] INPUT...",
		"Extract each input's story and print it: as one JSON object a line (the\n"+
			"default) or as readable text. A failed input prints its reason in place\n"+
			"of the story; the exit status is 1 when any input failed.\n\n"+inputsHelp)
	format := fs.String("format", "json", "output `format`: json or text")
	var in inputFlags
	in.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 || (*format != "json" && *format != "text") {
		fs.Usage()
		return exitCode(2)
	}
	enc := json.NewEncoder(st.out)
	enc.SetEscapeHTML(false)
	failed := 0
	for r := range ingest.Articles(ctx, fs.Args(), in.options(st)) {
		if r.Err != nil {
			failed++
		}
		var err error
		if *format == "text" {
			err = writeArticleText(st.out, r)
		} else {
			line := extracted{Input: r.Origin, Article: r.Article}
			if r.Err != nil {
				line.Error = r.Err.Error()
			}
			err = enc.Encode(line)
		}
		if err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if failed > 0 {
		return exitCode(1)
	}
	return nil
}

// writeArticleText prints a result as a block for people to read.
func writeArticleText(w io.Writer, r ingest.Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "== %s\n", r.Origin)
	if r.Err != nil {
		fmt.Fprintf(&b, "error: %v\n\n", r.Err)
		_, err := io.WriteString(w, b.String())
		return err
	}
	a := r.Article
	fmt.Fprintf(&b, "%s\n", a.Headline)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%-10s %s\n", name+":", value)
		}
	}
	field("Section", a.Section)
	field("Site", a.Site)
	field("URL", a.URL)
	field("Byline", a.Byline)
	field("Wire", a.Wire)
	place := a.Dateline.Place
	if a.Dateline.Country != "" {
		place = strings.TrimSpace(place + " (" + a.Dateline.Country + ")")
	}
	field("Dateline", strings.Trim(place+", "+a.Dateline.Date, ", "))
	if !a.Published.IsZero() {
		field("Published", strings.TrimSpace(a.Published.Format(time.RFC3339)+" "+parenthesised(a.DateReason)))
	}
	field("Language", a.Lang)
	field("ID", a.ID)
	fmt.Fprintf(&b, "\n%s\n\n", a.Body)
	_, err := io.WriteString(w, b.String())
	return err
}

func parenthesised(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}
