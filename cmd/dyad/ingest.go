package main

import (
	"context"
	"fmt"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/ingest"
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
	fs := newFlagSet(st, "ingest", "[--db PATH] INPUT...",
		"Extract each input's story and store it; a story already stored (same\n"+
			"content or same canonical URL) is counted as a duplicate. Failures are\n"+
			"listed on stderr with their input; every good input is stored all the\n"+
			"same, and the exit status is 1 when any failed.\n\n"+inputsHelp)
	dbPath := fs.String("db", defaultDBPath(), "SQLite database `path`; $DYAD_DB sets the default")
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
	batches := make(chan []ingest.Result, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for batch := range batches {
			// Store what was extracted even when interrupted.
			s.store(context.WithoutCancel(ctx), batch)
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
	fmt.Fprintf(st.out, "%d stored, %d duplicate, %d failed\n", s.stored, s.duplicate, s.failed)
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.failed > 0 {
		return exitCode(1)
	}
	return nil
}

// storer writes extracted articles in batches, reports failures in
// input order and keeps the tally.
type storer struct {
	db                        *sqlite.DB
	st                        *stdio
	stored, duplicate, failed int
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

// store writes the articles of a batch of results in one transaction
// and reports the failed results.
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
		return
	}
	// The batch stored nothing; one at a time, only the article at fault
	// fails.
	for _, r := range good {
		res, err := s.db.PutArticle(ctx, r.Article)
		if err != nil {
			s.fail(r.Origin, err)
			continue
		}
		s.count(res)
	}
}
