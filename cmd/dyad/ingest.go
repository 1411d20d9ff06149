package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/ingest"
	"github.com/dyadnews/dyad/progress"
	"github.com/dyadnews/dyad/sqlite"
)

var ingestCommand = command{
	name:    "ingest",
	summary: "extract stories and store them in the article database",
	run:     runIngest,
}

// ingestBatch is how many articles one database transaction stores:
// enough to spread the commit and index flush, few enough that an
// interrupted run loses little work (a re-run skips what was stored).
const ingestBatch = 128

func runIngest(ctx context.Context, st *stdio, args []string) error {
	fs := newFlagSet(st, "ingest", "[--db PATH] [--no-code] INPUT...",
		"Extract each input's story, store it and code its events, quotes and\n"+
			"entities (as `dyad code` does); a story already stored (same content or\n"+
			"same canonical URL) is counted as a duplicate, and one with the same\n"+
			"content is coded again, its old coding replaced. Failures are listed\n"+
			"on stderr with their input; every good input is stored all the same,\n"+
			"and the exit status is 1 when any failed or could not be coded.\n\n"+inputsHelp)
	dbPath := fs.String("db", defaultDBPath(), "SQLite database `path`; $DYAD_DB sets the default")
	noCode := fs.Bool("no-code", false, "store the stories without coding them")
	var in inputFlags
	in.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitCode(2)
	}
	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()

	// Storing runs beside extraction: while one batch is written, the
	// workers extract the next.
	s := storer{db: db, st: st}
	if !*noCode {
		c, err := newIngestCoder()
		if err != nil {
			return err
		}
		s.coder = c
	}
	batches := make(chan []ingest.Result, 1)
	done := make(chan struct{})
	bar := progress.New(st.err, 0, "ingest", progress.Options{Unit: "inputs"})
	go func() {
		defer close(done)
		for batch := range batches {
			// Store what was extracted even when interrupted.
			s.store(context.WithoutCancel(ctx), batch)
			bar.Add(len(batch))
		}
	}()
	var batch []ingest.Result
	articles := 0
	for r := range ingest.Articles(ctx, fs.Args(), in.options(st)) {
		batch = append(batch, r)
		if r.Err == nil {
			articles++
		}
		if articles == ingestBatch {
			batches <- batch
			batch, articles = nil, 0
		}
	}
	batches <- batch
	close(batches)
	<-done
	bar.Finish()
	fmt.Fprintf(st.out, "%d stored, %d duplicate, %d failed\n", s.stored, s.duplicate, s.failed)
	if s.uncoded > 0 {
		fmt.Fprintf(st.err, "%d stored but not coded\n", s.uncoded)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.failed > 0 || s.uncoded > 0 {
		return exitCode(1)
	}
	return nil
}

// storer writes extracted articles in batches, codes them, reports
// failures in input order and keeps the tally.
type storer struct {
	db *sqlite.DB
	st *stdio
	// coder codes the stored stories; nil stores them uncoded.
	coder                     articleCoder
	stored, duplicate, failed int
	// uncoded counts stories stored (or already stored) whose coding
	// failed; they are not in failed, since the story itself is stored.
	uncoded int
}

func (s *storer) fail(origin string, err error) {
	s.failed++
	fmt.Fprintf(s.st.err, "%s: %v\n", origin, err)
}

func (s *storer) count(res dyad.PutResult) {
	if res == dyad.Duplicate {
		s.duplicate++
	} else {
		s.stored++
	}
}

// store writes the articles of a batch of results in one transaction,
// reports the failed results, then codes the batch's stories.
func (s *storer) store(ctx context.Context, batch []ingest.Result) {
	var good []ingest.Result
	var articles []*dyad.Article
	for _, r := range batch {
		if r.Err != nil {
			s.fail(r.Origin, r.Err)
			continue
		}
		good = append(good, r)
		articles = append(articles, r.Article)
	}
	if len(articles) == 0 {
		return
	}
	results, err := s.db.PutArticles(ctx, articles)
	if err == nil {
		for _, res := range results {
			s.count(res)
		}
		s.code(ctx, good, results)
		return
	}
	// The batch stored nothing; one at a time, only the article at fault
	// fails.
	var kept []ingest.Result
	var keptResults []dyad.PutResult
	for _, r := range good {
		res, err := s.db.PutArticle(ctx, r.Article)
		if err != nil {
			s.fail(r.Origin, err)
			continue
		}
		s.count(res)
		kept, keptResults = append(kept, r), append(keptResults, res)
	}
	s.code(ctx, kept, keptResults)
}

// code codes the stored (or already stored) stories and replaces their
// codings in one transaction. The store has no transaction spanning an
// article and its coding, so a crash between the two leaves stories
// stored uncoded; ingesting them again codes them.
func (s *storer) code(ctx context.Context, kept []ingest.Result, results []dyad.PutResult) {
	if s.coder == nil || len(kept) == 0 {
		return
	}
	articles := make([]*dyad.Article, len(kept))
	for i, r := range kept {
		articles[i] = r.Article
	}
	codings, errs := codeAll(s.coder, articles)
	var batch []sqlite.ArticleCoding
	var origins []string
	var duplicates []bool
	for i, r := range kept {
		if errs[i] != nil {
			s.codeFail(r.Origin, errs[i])
			continue
		}
		batch = append(batch, sqlite.ArticleCoding{ArticleID: r.Article.ID, Coding: codings[i]})
		origins = append(origins, r.Origin)
		duplicates = append(duplicates, results[i] == dyad.Duplicate)
	}
	if len(batch) == 0 || s.db.PutCodings(ctx, batch) == nil {
		return
	}
	// One at a time, only the coding at fault fails. A duplicate by
	// canonical URL alone is stored under the other story's ID: the
	// stored story keeps its own coding.
	for i, ac := range batch {
		err := s.db.PutCoding(ctx, ac.ArticleID, ac.Coding)
		if errors.Is(err, dyad.ErrNotFound) && duplicates[i] {
			continue
		}
		if err != nil {
			s.codeFail(origins[i], fmt.Errorf("store coding: %w", err))
		}
	}
}

func (s *storer) codeFail(origin string, err error) {
	s.uncoded++
	fmt.Fprintf(s.st.err, "%s: %v\n", origin, err)
}
