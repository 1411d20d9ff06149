package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"text/tabwriter"

	"github.com/dyadnews/dyad/article"
	"github.com/dyadnews/dyad/article/extracteval"
	"github.com/dyadnews/dyad/progress"
)

var evalCommand = command{
	name:    "eval",
	summary: "measure dyad on public benchmarks (eval extract, ...)",
	run:     runEval,
}

// evalSuites are eval's subcommands, one per measured component; each is
// defined in this file or in eval_<name>.go.
var evalSuites = []command{
	{name: "extract", summary: "article-body extraction on the article-extraction benchmark", run: runEvalExtract},
	{name: "petrarch", summary: "event coding on PETRARCH2's validation records", run: runEvalPetrarch},
	{name: "nlp", summary: "tokenizer, tagger, lemmatizer, parser and NER on EWT and UniversalNER", run: runEvalNLP},
}

func runEval(ctx context.Context, st *stdio, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(st.err, "Usage: dyad eval SUITE [flags]\n\nSuites:")
		for _, s := range evalSuites {
			fmt.Fprintf(st.err, "  %-10s %s\n", s.name, s.summary)
		}
		fmt.Fprintln(st.err, "\nRun 'dyad eval SUITE -h' for a suite's flags.")
		if len(args) == 0 {
			return exitCode(2)
		}
		return flag.ErrHelp
	}
	for _, s := range evalSuites {
		if s.name == args[0] {
			return s.run(ctx, st, args[1:])
		}
	}
	return fmt.Errorf("unknown suite %q (try 'dyad eval -h')", args[0])
}

func runEvalExtract(ctx context.Context, st *stdio, args []string) error {
	fs := newFlagSet(st, "eval extract", "[--data DIR] [--out FILE]",
		"Extract the body of each page of the article-extraction benchmark with\n"+
			"dyad's HTML extractor and score it with the benchmark's metric (4-word\n"+
			"shingles, precision and recall averaged over pages). The extractors whose\n"+
			"outputs ship with the benchmark are scored the same way beside it.\n"+
			"Pages per second are measured on one core.")
	data := fs.String("data", defaultDataDir(), "data root holding "+extracteval.DirName+"/, or that folder itself; env DYAD_DATA")
	out := fs.String("out", "", "write dyad's predictions as {id: {\"articleBody\": ...}} to `FILE`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitCode(2)
	}
	bench, err := extracteval.Load(*data)
	if err != nil {
		return err
	}
	published, err := bench.Published()
	if err != nil {
		return err
	}

	// One core, so pages/s means what it says on a loaded machine too.
	procs := runtime.GOMAXPROCS(1)
	bar := progress.New(st.err, len(bench.Pages), "eval extract", progress.Options{Unit: "pages"})
	run, err := bench.Run(ctx, func(html, url string) (string, error) {
		defer bar.Add(1)
		return extractBody(html, url)
	})
	bar.Finish()
	runtime.GOMAXPROCS(procs)
	if err != nil {
		return err
	}
	if *out != "" {
		if err := writePredictions(*out, run.Predictions); err != nil {
			return err
		}
	}

	fmt.Fprintf(st.out, "article-extraction benchmark: %d pages, %s\n\n", len(bench.Pages), bench.Dir)
	tw := tabwriter.NewWriter(st.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "extractor\tF1\tprecision\trecall\t")
	printScore(tw, "dyad", bench.Score(run.Predictions))
	for _, p := range published {
		printScore(tw, p.Name+" (published output)", p.Score)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(st.out, "\ndyad: %.1f pages/s on one core (%.2fs extracting), %d pages failed\n",
		run.PagesPerSecond(), run.Extracting.Seconds(), run.Failed)
	return nil
}

// extractBody is dyad's full HTML route, scored on the body it stores.
func extractBody(html, url string) (string, error) {
	a, err := article.FromHTML(html, article.Options{URL: url})
	if err != nil {
		return "", err
	}
	return a.Body, nil
}

func printScore(w io.Writer, name string, s extracteval.Score) {
	fmt.Fprintf(w, "%s\t%.3f\t%.3f\t%.3f\t\n", name, s.F1, s.Precision, s.Recall)
}

func writePredictions(path string, pred extracteval.Predictions) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	if err := extracteval.WritePredictions(f, pred); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
