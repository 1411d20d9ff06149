package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/dyadnews/dyad/coder"
	"github.com/dyadnews/dyad/dict"
	"github.com/dyadnews/dyad/ingest"
)

var codeCommand = command{
	name:    "code",
	summary: "code the events, quotes and actors of stories as CAMEO/PLOVER JSON",
	run:     runCode,
}

// codeFailure is printed in place of a coding when an input fails.
type codeFailure struct {
	Input string `json:"input"`
	Error string `json:"error"`
}

func runCode(ctx context.Context, st *stdio, args []string) error {
	fs := newFlagSet(st, "code", "[--format json|jsonl] [--verbs F] [--actors F,F] [--agents F] [--discards F] INPUT...",
		"Extract each input's story and code it: events (who did what to whom,\n"+
			"CAMEO and PLOVER, with date, place and toll), quotes with their speakers\n"+
			"and the actors named. Dictionary files given by flag are read after the\n"+
			"embedded PETRARCH2 dictionaries and override them. A failed input\n"+
			"prints {\"input\", \"error\"} in place of its coding; the exit status is\n"+
			"1 when any input failed.\n\n"+inputsHelp)
	format := fs.String("format", "json", "output `format`: json (indented objects) or jsonl (one a line)")
	verbs := fs.String("verbs", "", "extra verb dictionary `files`, comma-separated")
	actors := fs.String("actors", "", "extra actor dictionary `files`, comma-separated")
	agents := fs.String("agents", "", "extra agent dictionary `files`, comma-separated")
	discards := fs.String("discards", "", "extra discard list `files`, comma-separated")
	debug := fs.Bool("debug", false, "explain dropped candidate events on stderr")
	jobs := fs.Int("jobs", runtime.GOMAXPROCS(0), "articles coded at once (output keeps input order)")
	var in inputFlags
	in.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 || (*format != "json" && *format != "jsonl") || *jobs < 1 {
		fs.Usage()
		return exitCode(2)
	}
	sources := []dict.Source{dict.Embedded()}
	var user dict.Files
	user.Verbs, user.Actors, user.Agents, user.Discards = absList(*verbs), absList(*actors), absList(*agents), absList(*discards)
	if len(user.Verbs)+len(user.Actors)+len(user.Agents)+len(user.Discards) > 0 {
		sources = append(sources, dict.Source{FS: os.DirFS("/"), Files: user})
	}
	d, lineErrs, err := dict.Load(sources...)
	if err != nil {
		return err
	}
	// The embedded dictionaries' known faults are documented in package
	// dict; only the user's own files are reported.
	mine := map[string]bool{}
	for _, f := range [][]string{user.Verbs, user.Actors, user.Agents, user.Discards} {
		for _, p := range f {
			mine[p] = true
		}
	}
	for _, e := range lineErrs {
		if mine[e.File] {
			fmt.Fprintf(st.err, "dyad code: dictionary /%v (line skipped)\n", e)
		}
	}
	opts := coder.Options{Dicts: d, EventNouns: true}
	if *debug {
		opts.Debug = st.err
	}
	c, err := coder.New(opts)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(st.out)
	enc.SetEscapeHTML(false)
	if *format == "json" {
		enc.SetIndent("", "  ")
	}
	workers := *jobs
	// Articles are coded by one worker per core and written in input
	// order: each job carries its own result channel, queued in order.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		r    ingest.Result
		done chan any
	}
	work := make(chan *job)
	order := make(chan *job, 2*workers)
	go func() {
		defer close(work)
		defer close(order)
		for r := range ingest.Articles(ctx, fs.Args(), in.options(st)) {
			j := &job{r: r, done: make(chan any, 1)}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			select {
			case work <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		go func() {
			for j := range work {
				switch coding, err := codeResult(c, j.r); {
				case err != nil:
					j.done <- codeFailure{Input: j.r.Origin, Error: err.Error()}
				default:
					j.done <- coding
				}
			}
		}()
	}
	failed := 0
	for j := range order {
		out := <-j.done
		if _, ok := out.(codeFailure); ok {
			failed++
		}
		if err := enc.Encode(out); err != nil {
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

// codeResult codes one ingested article or passes on its error.
func codeResult(c *coder.Coder, r ingest.Result) (any, error) {
	if r.Err != nil {
		return nil, r.Err
	}
	return c.Code(r.Article)
}

// absList splits a comma-separated list of paths and makes them absolute
// paths relative to the file system root, as os.DirFS("/") wants them.
func absList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		out = append(out, strings.TrimPrefix(filepath.ToSlash(p), "/"))
	}
	return out
}
