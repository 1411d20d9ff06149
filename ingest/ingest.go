// Package ingest turns inputs — files of HTML or text as saved from news
// pages, directories of them, JSON-lines corpora, URLs and standard input —
// into articles, one Result per item, in input order. Bad items (binary,
// empty, oversized, undecodable, unreachable) become Results with an error
// and the batch goes on.
package ingest

import (
	"context"
	"fmt"
	"io"
	"iter"
	"net/http"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/article"
)

// Defaults for Options' zero fields.
const (
	DefaultMaxBytes = 10 << 20
	DefaultTimeout  = 30 * time.Second
	// UserAgent names dyad to the sites it fetches from.
	UserAgent = "dyad/1.0 (news event extraction; +https://github.com/dyadnews/dyad)"
)

// Options bound and parameterise reading.
type Options struct {
	// MaxBytes caps one item: a file, a fetched page, a JSON line, and the
	// decompressed size of a .gz file. Zero means DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds each URL fetch, body included. Zero means DefaultTimeout.
	Timeout time.Duration
	// Now is the ingest time given to extraction (dates without a year are
	// never resolved after it). Zero means the time of each extraction.
	Now time.Time
	// HTTPClient fetches URLs; nil means a client with default transport.
	HTTPClient *http.Client
	// Stdin is read for the input "-"; nil makes "-" an error.
	Stdin io.Reader
	// Workers is how many items are decoded and extracted at once; zero
	// means GOMAXPROCS.
	Workers int
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

func (o Options) articleOptions(url string) article.Options {
	return article.Options{Now: o.Now, URL: url}
}

// Result is what one item gave: an article or the reason it gave none.
type Result struct {
	// Origin names the item: a file path, "path:line 12" for a JSON line,
	// a URL, or "stdin".
	Origin  string
	Article *dyad.Article
	Err     error
}

// task extracts one item; tasks run concurrently.
type task struct {
	origin string
	run    func(ctx context.Context) (*dyad.Article, error)
}

// Articles reads every input in turn and yields one Result per item, in
// input order (a directory in lexical path order, a JSONL file in line
// order), while up to Options.Workers items are extracted concurrently.
// An input is "-" for standard input (a document or JSON lines), an
// http(s) URL, a file (HTML or text, told apart by content; gzip too) or a
// directory, walked for the files whose names look like pages, text or
// JSON lines, hidden ones skipped. A .jsonl or .ndjson file holds one
// record a line: {"id","url","title","published","text"} or {"url","html"}.
// Stopping the iteration early cancels the outstanding work.
func Articles(ctx context.Context, inputs []string, opts Options) iter.Seq[Result] {
	opts = opts.withDefaults()
	return func(yield func(Result) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		// pending holds each task's result slot in input order; its
		// capacity bounds how far extraction runs ahead of the consumer.
		pending := make(chan chan Result, 2*opts.Workers)
		go func() {
			defer close(pending)
			workers := make(chan struct{}, opts.Workers)
			emit := func(t task) bool {
				slot := make(chan Result, 1)
				select {
				case pending <- slot:
				case <-ctx.Done():
					return false
				}
				select {
				case workers <- struct{}{}:
				case <-ctx.Done():
					slot <- Result{Origin: t.origin, Err: ctx.Err()}
					return false
				}
				go func() {
					defer func() { <-workers }()
					a, err := runTask(ctx, t)
					slot <- Result{Origin: t.origin, Article: a, Err: err}
				}()
				return true
			}
			for _, in := range inputs {
				if !enumerate(ctx, in, opts, emit) {
					return
				}
			}
		}()
		for slot := range pending {
			if !yield(<-slot) {
				cancel()
				for slot := range pending {
					<-slot
				}
				return
			}
		}
	}
}

// runTask runs t, turning a panic in extraction into that item's error:
// one hostile page must not end a batch of thousands.
func runTask(ctx context.Context, t task) (a *dyad.Article, err error) {
	defer func() {
		if p := recover(); p != nil {
			a, err = nil, fmt.Errorf("internal error extracting this item: %v\n%s", p, debug.Stack())
		}
	}()
	return t.run(ctx)
}

// extract runs the extractor that fits the document's kind.
func extract(doc document, opts Options, url string) (*dyad.Article, error) {
	var a *dyad.Article
	var err error
	if doc.kind == htmlPage {
		a, err = article.FromHTML(doc.text, opts.articleOptions(url))
	} else {
		a, err = article.FromText(doc.text, opts.articleOptions(url))
	}
	if err != nil {
		return nil, fmt.Errorf("extract from %s: %w", doc.kind, err)
	}
	return a, nil
}
